//! What a Jekyll post's file name says: its date prefix and slug.

/// Splits `2016-8-2-slug` into `(Some((2016, 8, 2)), "slug")`.
pub fn split_date_prefix(stem: &str) -> (Option<(u32, u32, u32)>, &str) {
    let mut it = stem.splitn(4, '-');
    let parsed = (|| {
        let y: u32 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        let rest = it.next()?;
        (y > 999 && (1..=12).contains(&m) && (1..=31).contains(&d) && !rest.is_empty())
            .then_some(((y, m, d), rest))
    })();
    match parsed {
        Some((date, rest)) => (Some(date), rest),
        None => (None, stem),
    }
}
