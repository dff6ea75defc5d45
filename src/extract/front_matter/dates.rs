//! Front-matter dates as `YYYY-MM-DD`: written dates and datetimes, and epoch timestamps.

use crate::text::{format_date, post_date, Ymd};

/// `2016-08-02 10:00:00 +0800`, `2016-8-2`, `2016-08-02T10:00:00Z` → `2016-08-02`; an epoch
/// timestamp in milliseconds (Dendron's `created: 1616983302480`, 12 or 13 digits) or seconds
/// (9 or 10 digits) → its UTC day; other text → `None`.
pub(crate) fn normalise_date(date: &str) -> Option<String> {
    let date = date.trim();
    if let Some(day) = epoch_day(date) {
        return Some(format_date(day));
    }
    let day = date.split([' ', 'T', 't']).next()?;
    let mut parts = day.split('-');
    let date = post_date(parts.next()?, parts.next()?, parts.next()?)?;
    parts.next().is_none().then(|| format_date(date))
}

/// The UTC day of an epoch timestamp in seconds or milliseconds, by its number of digits.
fn epoch_day(text: &str) -> Option<Ymd> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds_per_unit = match text.len() {
        9 | 10 => 1,
        12 | 13 => 1000,
        _ => return None,
    };
    let seconds = text.parse::<i64>().ok()? / seconds_per_unit;
    Some(civil_from_days(seconds.div_euclid(86_400)))
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_dates() {
        let cases = [
            ("2016-08-02", Some("2016-08-02")),
            ("2016-8-2", Some("2016-08-02")),
            ("2016-08-02 10:00:00 +0800", Some("2016-08-02")),
            ("2016-08-02T10:00:00Z", Some("2016-08-02")),
            ("2016-13-02", None),
            ("2016/08/02", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_date(input).as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn epoch_timestamps_become_their_utc_day() {
        let cases = [
            ("1616983302480", Some("2021-03-29")),
            ("1636510026672", Some("2021-11-10")),
            ("0000000000000", Some("1970-01-01")),
            ("951782400", Some("2000-02-29")),
            ("4102444799", Some("2099-12-31")),
            ("20240102", None),
            ("161698330248", Some("1975-02-15")),
            ("16169833024800", None),
            ("-1616983302480", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_date(input).as_deref(), expected, "{input:?}");
        }
    }
}
