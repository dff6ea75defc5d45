//! The small text rules shared by extraction, the model and the exporters: the characters XML
//! (and so every node id) can hold, visible text, whitespace-folded keys, bare hosts and dates,
//! and text made safe to print on one terminal line.

use std::fmt;

/// Whether XML 1.0 allows `c` anywhere in a document (the `Char` production).
///
/// The others are U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE and U+FFFF (surrogates
/// cannot occur in a Rust string): no escape can carry them, so node ids never hold them and
/// the XML and DOT exports drop them.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Whether the bytes of a UTF-8 string at `at` start U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`),
/// the code points above U+001F that XML forbids. Byte scans for characters to escape use it so
/// that other U+Fxxx, among them the full-width punctuation of Chinese text, take no slow path.
pub(crate) fn starts_xml_noncharacter(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&0xEF)
        && bytes.get(at + 1) == Some(&0xBF)
        && matches!(bytes.get(at + 2), Some(0xBE | 0xBF))
}

/// Whether `text` has a character a reader can see: not whitespace, a control character or an
/// invisible format character (zero-width space and joiners, bidi marks, BOM, noncharacters).
pub(crate) fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{FEFF}'
                    | '\u{FFFE}'
                    | '\u{FFFF}'
            ))
    })
}

/// The identity of a name or term: lower-cased, every run of whitespace one space, none at
/// either end. Spellings that differ only so are one category, tag, series or keyword.
pub(crate) fn folded_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `host` without its leading `www.` labels: `www.example.org` and `www.www.example.org` are
/// both `example.org`.
///
/// Stripped repeatedly, so that stripping again changes nothing (canonical URLs must be
/// idempotent), but never down to nothing: a host that is only `www.` labels keeps its last one
/// (`www.` stays `www.`). Case-sensitive, as URL parsers give hosts lower-cased.
pub(crate) fn bare_host(mut host: &str) -> &str {
    while let Some(rest) = host.strip_prefix("www.").filter(|rest| !rest.is_empty()) {
        host = rest;
    }
    host
}

/// A day as year, month and day of the month.
pub(crate) type Ymd = (u32, u32, u32);

/// Whether `(year, month, day)` is a real day of the Gregorian calendar in years 1 to 9999,
/// the ones `YYYY-MM-DD` (and `xsd:date`) can write: February 29 only in leap years, no day 31
/// in a 30-day month.
pub(crate) fn is_calendar_date((year, month, day): Ymd) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=9999).contains(&year) && (1..=days).contains(&day)
}

/// The date a post names with three numbers (`2016`, `8`, `02`), as in its file name, front
/// matter or permalink: the year written in full (1000 or later) and a real calendar day.
pub(crate) fn post_date(year: &str, month: &str, day: &str) -> Option<Ymd> {
    let date = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    (date.0 >= 1000 && is_calendar_date(date)).then_some(date)
}

/// `(2016, 8, 2)` → `2016-08-02`.
pub(crate) fn format_date((year, month, day): Ymd) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day `days` after 1970-01-01 (Parquet's and Spark's `DATE`) as `YYYY-MM-DD`
/// (H. Hinnant's civil-from-days, proleptic Gregorian calendar).
pub(crate) fn civil_date(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Text printed with control characters and bidi controls as Rust escapes (`\n`, `\u{1b}`), so
/// that it stays on one line and cannot drive the terminal.
pub(crate) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unsafe_char = |c: char| {
            c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        };
        if !self.0.contains(unsafe_char) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            if unsafe_char(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_chars_exclude_c0_controls_and_two_noncharacters() {
        let forbidden: Vec<char> = (0u32..0x20)
            .filter(|c| ![0x9, 0xA, 0xD].contains(c))
            .chain([0xFFFE, 0xFFFF])
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(forbidden.len(), 31);
        for c in forbidden {
            assert!(!is_xml_char(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '\u{7F}',
            '\u{85}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{FFFD}',
            '\u{10000}',
            '\u{10FFFF}',
            '\u{200F}',
            '\u{2028}',
        ] {
            assert!(is_xml_char(c), "{c:?}");
        }
    }

    #[test]
    fn visible_text_needs_a_character_a_reader_sees() {
        for invisible in [
            "",
            " \t\n",
            "\u{7}\u{1b}",
            "\u{200B}\u{FEFF}",
            "\u{2066}\u{85}",
        ] {
            assert!(!has_visible_text(invisible), "{invisible:?}");
        }
        for visible in ["a", " 多 ", "\u{200B}+", "🧠", "\u{200d}x"] {
            assert!(has_visible_text(visible), "{visible:?}");
        }
    }

    #[test]
    fn folded_keys_ignore_case_and_spacing() {
        assert_eq!(folded_key("  Deep \t Learning\n"), "deep learning");
        assert_eq!(folded_key("机器学习 ML"), "机器学习 ml");
        assert_eq!(folded_key("Ünïcode"), "ünïcode");
        assert_eq!(folded_key(" \n "), "");
    }

    #[test]
    fn bare_hosts_lose_every_leading_www_but_the_last_label() {
        let cases = [
            ("www.example.org", "example.org"),
            ("www.www.example.org", "example.org"),
            ("example.org", "example.org"),
            ("wwwexample.org", "wwwexample.org"),
            ("sub.www.example.org", "sub.www.example.org"),
            ("WWW.example.org", "WWW.example.org"),
            ("www.", "www."),
            ("www.www.", "www."),
            ("", ""),
        ];
        for (host, bare) in cases {
            assert_eq!(bare_host(host), bare, "{host:?}");
            assert_eq!(bare_host(bare_host(host)), bare, "{host:?}");
        }
    }

    #[test]
    fn calendar_dates_are_real_days() {
        for ok in [
            (2024, 1, 1),
            (2024, 2, 29),
            (2000, 2, 29),
            (1, 12, 31),
            (9999, 1, 31),
        ] {
            assert!(is_calendar_date(ok), "{ok:?}");
        }
        for bad in [
            (2024, 2, 30),
            (2023, 2, 29),
            (1900, 2, 29),
            (2024, 13, 1),
            (2024, 0, 10),
            (2024, 4, 31),
            (2024, 1, 0),
            (0, 1, 1),
            (10000, 1, 1),
        ] {
            assert!(!is_calendar_date(bad), "{bad:?}");
        }
    }

    #[test]
    fn post_dates_write_the_year_in_full() {
        assert_eq!(post_date("2016", "8", "02"), Some((2016, 8, 2)));
        assert_eq!(post_date("1000", "1", "1"), Some((1000, 1, 1)));
        for (y, m, d) in [
            ("999", "1", "1"),
            ("0999", "1", "1"),
            ("10000", "1", "1"),
            ("2023", "2", "29"),
            ("2016", "x", "1"),
            ("2016", "8", ""),
            ("2016", "-8", "1"),
        ] {
            assert_eq!(post_date(y, m, d), None, "{y}-{m}-{d}");
        }
        assert_eq!(format_date((2016, 8, 2)), "2016-08-02");
        assert_eq!(format_date((1000, 12, 31)), "1000-12-31");
    }
}
