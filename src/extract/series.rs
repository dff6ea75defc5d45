//! Series from a post title: `深度学习（四十四）——…` is part 44 of the series `深度学习`.
//!
//! Only the title's head (the text before the first `——`) is read, as comma-separated segments; the first
//! segment ending in a parenthesised numeral names the series. Full-width `（）` and ASCII `()` both count;
//! the numeral is Chinese (`四十四`, `一百零三`, `二〇二六`) or Arabic (`3`, `３`). Other forms, such as
//! `Part 3`, are not series: they are rare and too easily confused with ordinary titles.

use super::record::SeriesRef;

/// The series a numbered title belongs to, if any.
pub(crate) fn series_of_title(title: &str) -> Option<SeriesRef> {
    let head = title.split("——").next().unwrap_or(title);
    head.split([',', '，']).find_map(numbered_segment)
}

/// `name（N）` → the name and N.
fn numbered_segment(segment: &str) -> Option<SeriesRef> {
    let segment = segment.trim();
    let inner = segment
        .strip_suffix('）')
        .or_else(|| segment.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let name = inner[..open].trim();
    let numeral = inner[open..].trim_start_matches(['（', '(']).trim();
    if name.is_empty() {
        return None;
    }
    let part = parse_arabic(numeral).or_else(|| parse_chinese_numeral(numeral))?;
    Some(SeriesRef {
        name: name.to_string(),
        part,
    })
}

/// `17` or full-width `１７`.
fn parse_arabic(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(d)
    })
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Parses a Chinese numeral: `十一` → 11, `四十四` → 44, `一百零三` → 103, `百` → 100, `一万零一` → 10001,
/// positional `二〇二六` → 2026 (digits only, with a zero after the first). Malformed numerals (`三四`, `十十`, `零十`) give `None`.
pub(crate) fn parse_chinese_numeral(s: &str) -> Option<u32> {
    let mut chars = s.chars().peekable();
    let first = *chars.peek()?;
    if chinese_digit(first) == Some(0) && s.len() > first.len_utf8() {
        return None;
    }
    // Positional form, as in years: every character a digit, with a zero inside (`二〇二六`, `一零三`).
    let positional = s.chars().count() > 1
        && s.chars().all(|c| chinese_digit(c).is_some())
        && s.chars().skip(1).any(|c| chinese_digit(c) == Some(0));
    if positional {
        let n = s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(chinese_digit(c)?)
        })?;
        return u32::try_from(n).ok();
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    // The digit waiting for a unit; `Some(0)` after a `零`.
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    let mut seen_wan = false;
    for c in chars {
        if let Some(d) = chinese_digit(c) {
            if matches!(digit, Some(n) if n != 0) {
                return None;
            }
            digit = Some(d);
        } else if let Some(unit) = chinese_unit(c) {
            if unit >= last_unit {
                return None;
            }
            let n = match digit {
                Some(0) => return None,
                Some(n) => n,
                None => 1,
            };
            section += n * unit;
            last_unit = unit;
            digit = None;
        } else if c == '万' {
            let n = section + digit.unwrap_or(0);
            if seen_wan || n == 0 {
                return None;
            }
            total = n * 10_000;
            seen_wan = true;
            section = 0;
            digit = None;
            last_unit = u64::MAX;
        } else {
            return None;
        }
    }
    u32::try_from(total + section + digit.unwrap_or(0)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chinese_numerals() {
        let cases = [
            ("零", Some(0)),
            ("一", Some(1)),
            ("二", Some(2)),
            ("两", Some(2)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("一十", Some(10)),
            ("十一", Some(11)),
            ("十九", Some(19)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("四十四", Some(44)),
            ("九十九", Some(99)),
            ("百", Some(100)),
            ("一百", Some(100)),
            ("一百零三", Some(103)),
            ("一百一十", Some(110)),
            ("一百十一", Some(111)),
            ("两百五十", Some(250)),
            ("九百九十九", Some(999)),
            ("一千", Some(1000)),
            ("一千零一", Some(1001)),
            ("一千二百三十四", Some(1234)),
            ("一万", Some(10_000)),
            ("一万零一", Some(10_001)),
            ("十二万三千", Some(123_000)),
            ("一〇三", Some(103)),
            ("二〇二六", Some(2026)),
            ("二零", Some(20)),
            ("一零三", Some(103)),
            ("〇三", None),
            ("", None),
            ("三四", None),
            ("十十", None),
            ("十百", None),
            ("零十", None),
            ("一万万", None),
            ("万", None),
            ("续", None),
            ("十a", None),
            ("3", None),
            ("九九九九九九九九九九九", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_chinese_numeral(input), expected, "{input:?}");
        }
    }

    #[test]
    fn parses_arabic_numerals() {
        assert_eq!(parse_arabic("3"), Some(3));
        assert_eq!(parse_arabic("１７"), Some(17));
        assert_eq!(parse_arabic("2024.5"), None);
        assert_eq!(parse_arabic(""), None);
        assert_eq!(parse_arabic("99999999999"), None);
    }

    fn series(title: &str) -> Option<(String, u32)> {
        series_of_title(title).map(|s| (s.name, s.part))
    }

    #[test]
    fn finds_series_in_titles() {
        let some = |name: &str, part| Some((name.to_string(), part));
        let cases = [
            ("深度学习（四十四）——图神经网络", some("深度学习", 44)),
            ("机器学习（十七）", some("机器学习", 17)),
            ("硬件杂谈（二）, 外设接口杂谈", some("硬件杂谈", 2)),
            (
                "浮点运算和代码优化, 并行 & 框架 & 优化（一）——概述",
                some("并行 & 框架 & 优化", 1),
            ),
            ("机器学习（五）——SVM（1）", some("机器学习", 5)),
            ("笔记（3）", some("笔记", 3)),
            ("Linux (3)", some("Linux", 3)),
            ("CPU(二)——缓存", some("CPU", 2)),
            ("棋坛纵横(二)", some("棋坛纵横", 2)),
            (
                "俄乌战争：苍天篇（十二）——某战役",
                some("俄乌战争：苍天篇", 12),
            ),
            ("杂记（一百零三）", some("杂记", 103)),
            ("甲（二）, 乙（三）", some("甲", 2)),
            ("随笔，札记（ 七 ）", some("札记", 7)),
            ("世说新语（2025.5～2025.9）", None),
            ("单篇文章", None),
            ("（三）", None),
            ("协同过滤（续）", None),
            ("随想——读书笔记（2）", None),
            ("", None),
            ("(", None),
            ("）", None),
        ];
        for (title, expected) in cases {
            assert_eq!(series(title), expected, "{title:?}");
        }
    }
}
