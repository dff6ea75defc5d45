//! A short string kept inline: most keys are a few characters, and a corpus has hundreds of thousands of
//! tokens, so not allocating each one halves the cost of segmentation.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes stored without allocating (seven Chinese characters, or 23 ASCII ones).
const INLINE: usize = 23;

/// An immutable string, inline when short.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Word {
    /// Up to [`INLINE`] bytes of UTF-8.
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Anything longer.
    Heap(Box<str>),
}

impl Word {
    /// `s` lower-cased (ASCII only when `ascii`, which the caller knows from a pass it already made).
    pub(crate) fn lower(s: &str, ascii: bool) -> Word {
        if ascii && s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            for (to, from) in bytes.iter_mut().zip(s.bytes()) {
                *to = from.to_ascii_lowercase();
            }
            return Word::Inline {
                len: s.len() as u8,
                bytes,
            };
        }
        if !s.chars().any(char::is_uppercase) {
            return Word::from(s);
        }
        Word::from(s.to_lowercase().as_str())
    }
}

impl From<&str> for Word {
    fn from(s: &str) -> Word {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Word::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Word::Heap(s.into())
        }
    }
}

impl Deref for Word {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // Always whole UTF-8: the bytes were copied from a `str` (or lower-cased ASCII).
            Word::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Word::Heap(s) => s,
        }
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Written as a string.
impl Serialize for Word {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Word, D::Error> {
        struct WordVisitor;
        impl Visitor<'_> for WordVisitor {
            type Value = Word;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Word, E> {
                Ok(Word::from(s))
            }
        }
        deserializer.deserialize_str(WordVisitor)
    }
}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_stay_inline_and_long_ones_do_not() {
        assert!(matches!(Word::from("细粒度"), Word::Inline { .. }));
        assert_eq!(&*Word::from("细粒度"), "细粒度");
        let long = "一二三四五六七八九十";
        assert!(matches!(Word::from(long), Word::Heap(_)));
        assert_eq!(&*Word::from(long), long);
    }

    #[test]
    fn lower_cases_ascii_and_other_scripts() {
        assert_eq!(&*Word::lower("GPT-4", true), "gpt-4");
        assert_eq!(&*Word::lower("ÉCOLE", false), "école");
        assert_eq!(&*Word::lower("贝叶斯", false), "贝叶斯");
        let long = "A-Very-Long-Ascii-Identifier-Name";
        assert_eq!(&*Word::lower(long, true), long.to_ascii_lowercase());
    }
}
