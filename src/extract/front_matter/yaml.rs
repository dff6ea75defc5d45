//! How YAML values become text: a scalar of any type ([`Scalar`]), and one value or a list
//! ([`Many`]).

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// A scalar of any YAML type, as text: `title: 996` is the title "996".
#[derive(Debug, Default)]
pub(super) struct Scalar(pub(super) String);

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Asking for a string keeps a plain scalar's text as written (`1.10`, `yes`, `2016-08-02 10:00:00`).
        d.deserialize_string(ScalarVisitor)
    }
}

/// One value or a list of them.
#[derive(Debug, Default)]
pub(super) struct Many {
    pub(super) items: Vec<String>,
    /// Written as a list: items are not split further.
    pub(super) list: bool,
}

impl Many {
    pub(super) fn one(item: String) -> Self {
        Many {
            items: vec![item],
            list: false,
        }
    }

    /// The names: list items as they are; a single string split on whitespace (and on commas when `commas`).
    pub(super) fn words(&self, commas: bool) -> impl Iterator<Item = &str> {
        let split = !self.list;
        self.items.iter().flat_map(move |item| {
            let words: Box<dyn Iterator<Item = &str>> =
                if split {
                    Box::new(item.split(move |c: char| {
                        c.is_whitespace() || (commas && (c == ',' || c == '，'))
                    }))
                } else {
                    Box::new(std::iter::once(item.as_str()))
                };
            words.filter(|w| !w.trim().is_empty())
        })
    }
}

struct ManyVisitor;

impl<'de> Visitor<'de> for ManyVisitor {
    type Value = Many;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Many, E> {
        Ok(Many::one(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Many, E> {
        Ok(Many::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Many, E> {
        Ok(Many::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Many, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            items.push(item.0);
        }
        Ok(Many { items, list: true })
    }
}

impl<'de> Deserialize<'de> for Many {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ManyVisitor)
    }
}
