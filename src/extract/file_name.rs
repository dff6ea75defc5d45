//! What a Jekyll post's file name says: its date prefix and slug.

use crate::text::post_date;

/// Splits `2016-8-2-slug` into `(Some((2016, 8, 2)), "slug")`.
pub(crate) fn split_date_prefix(stem: &str) -> (Option<(u32, u32, u32)>, &str) {
    let mut it = stem.splitn(4, '-');
    let parsed = (|| {
        let date = post_date(it.next()?, it.next()?, it.next()?)?;
        let rest = it.next().filter(|rest| !rest.is_empty())?;
        Some((date, rest))
    })();
    match parsed {
        Some((date, rest)) => (Some(date), rest),
        None => (None, stem),
    }
}
