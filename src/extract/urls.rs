//! Finds bare `http(s)://` URLs in prose, aware of CJK text glued to them.
//!
//! The GFM autolink rule stops only at whitespace or `<`, which swallows Chinese prose written right after a URL.
//! The rules here:
//! 1. take `https?://` up to whitespace, `<>"'` or a backtick, CJK punctuation (U+3000–U+303F), general
//!    punctuation (U+2000–U+206F: `“”‘’…—`), or full-width forms (U+FF00–U+FFEF: `，（）：`);
//! 2. never allow CJK ideographs in the host: it ends before the first one;
//! 3. keep a CJK run in the path only if it is followed by one of `/ . - _ ? & = #`, whitespace or the end of
//!    the text; otherwise the URL ends before the run;
//! 4. trim trailing `.,;:!?*_~]` and an unbalanced `)`.
//!
//! URLs without a scheme (`www.example.com`) are not recognised: in this kind of prose they are mostly
//! mentions of a site, not citations.

use std::ops::Range;

/// Byte ranges of the bare URLs in `text`, in order.
pub(crate) fn find_urls(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    // Every URL has `://`: look for colons (a fast byte search), then for the scheme before them.
    while let Some(colon) = text
        .get(from..)
        .and_then(|rest| rest.find(':'))
        .map(|i| from + i)
    {
        let before = &text.as_bytes()[..colon];
        let start = if ends_with_ignore_case(before, b"https") {
            colon - 5
        } else if ends_with_ignore_case(before, b"http") {
            colon - 4
        } else {
            from = colon + 1;
            continue;
        };
        // The scheme is ASCII, so `start` is a char boundary; an earlier URL may not overlap it.
        match (start >= found.last().map_or(0, |r: &Range<usize>| r.end))
            .then(|| url_at(text, start))
            .flatten()
        {
            Some(end) => {
                found.push(start..end);
                from = end;
            }
            None => from = colon + 1,
        }
    }
    found
}

fn ends_with_ignore_case(bytes: &[u8], suffix: &[u8]) -> bool {
    bytes.len() >= suffix.len() && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether the whole of `text` (ignoring surrounding whitespace) is one URL, maybe followed by punctuation.
pub(crate) fn is_lone_url(text: &str, url: &str) -> bool {
    let text = text.trim();
    text.strip_prefix(url).is_some_and(|rest| {
        rest.chars()
            .all(|c| c.is_ascii_punctuation() || is_stop(c) || c.is_whitespace())
    })
}

/// End of the URL starting at `start` (where `text` has `http`), or `None` when there is none.
fn url_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let scheme_len = if starts_with_ignore_case(rest, "https://") {
        8
    } else if starts_with_ignore_case(rest, "http://") {
        7
    } else {
        return None;
    };
    let body_start = start + scheme_len;

    // Rules 1 and 2: the authority ends at `/ ? #`, a stop character or a CJK character.
    let mut end = body_start;
    let mut host_end = None;
    for (i, c) in text[body_start..].char_indices() {
        let at = body_start + i;
        if is_stop(c) || is_cjk(c) {
            host_end = Some(at);
            break;
        }
        if matches!(c, '/' | '?' | '#') {
            break;
        }
        end = at + c.len_utf8();
    }
    if end == body_start {
        return None;
    }
    if host_end.is_none() {
        end = scan_path(text, end);
    }
    let end = trim_trailing(text, start, end);
    (end > body_start).then_some(end)
}

/// Rules 1 and 3: extends the URL from `from` over its path, query and fragment.
fn scan_path(text: &str, from: usize) -> usize {
    let mut end = from;
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = from + i;
        if is_stop(c) {
            break;
        }
        if is_cjk(c) {
            // Find the end of the CJK run and the character after it.
            let mut run_end = at + c.len_utf8();
            let mut next = None;
            while let Some(&(j, d)) = chars.peek() {
                if is_cjk(d) {
                    run_end = from + j + d.len_utf8();
                    chars.next();
                } else {
                    next = Some(d);
                    break;
                }
            }
            let keep = match next {
                None => true,
                Some(d) => {
                    d.is_whitespace() || matches!(d, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#')
                }
            };
            if !keep {
                break;
            }
            end = run_end;
            continue;
        }
        end = at + c.len_utf8();
    }
    end
}

/// Rule 4: drops trailing punctuation and unbalanced closing parentheses.
///
/// The parentheses are counted once, so a URL followed by thousands of `)` costs linear time.
fn trim_trailing(text: &str, start: usize, mut end: usize) -> usize {
    let url = &text[start..end];
    let opening = url.matches('(').count();
    let mut closing = url.matches(')').count();
    loop {
        match text[start..end].chars().next_back() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | '~' | ']') => end -= 1,
            Some(')') if closing > opening => {
                end -= 1;
                closing -= 1;
            }
            _ => return end,
        }
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Characters that always end a URL: whitespace, quotes and brackets, CJK and full-width punctuation.
fn is_stop(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '\'' | '`')
        || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// CJK ideographs, kana and hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn stops_at_cjk_punctuation_and_prose() {
        let cases: &[(&str, &[&str])] = &[
            (
                "参考https://github.com/foo/bar。下一句",
                &["https://github.com/foo/bar"],
            ),
            (
                "https://baike.baidu.com/item/王浩/22564",
                &["https://baike.baidu.com/item/王浩/22564"],
            ),
            ("http://pkgs.org这个网站，很好", &["http://pkgs.org"]),
            (
                "见https://example.org/doc/说明书",
                &["https://example.org/doc/说明书"],
            ),
            (
                "见 https://example.org/doc/说明书 一节",
                &["https://example.org/doc/说明书"],
            ),
            (
                "https://example.org/a/说明.pdf",
                &["https://example.org/a/说明.pdf"],
            ),
            (
                "https://example.org/a/页面是这个",
                &["https://example.org/a/页面是这个"],
            ),
            ("https://example.org/a/这里b", &["https://example.org/a/"]),
            (
                "链接：https://example.org/x，另见https://example.com/y）",
                &["https://example.org/x", "https://example.com/y"],
            ),
            ("（https://example.org/x）", &["https://example.org/x"]),
            ("“https://example.org/x”", &["https://example.org/x"]),
            ("https://example.org/x…", &["https://example.org/x"]),
        ];
        for (text, expected) in cases {
            assert_eq!(urls(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn trims_trailing_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            ("see https://example.org/a).", &["https://example.org/a"]),
            ("see https://example.org/a.,", &["https://example.org/a"]),
            ("(see https://example.org/a)", &["https://example.org/a"]),
            (
                "https://en.wikipedia.org/wiki/Foo_(bar)",
                &["https://en.wikipedia.org/wiki/Foo_(bar)"],
            ),
            (
                "(https://en.wikipedia.org/wiki/Foo_(bar))",
                &["https://en.wikipedia.org/wiki/Foo_(bar)"],
            ),
            ("https://example.org/a_b_", &["https://example.org/a_b"]),
            (
                "https://example.org/x?a=1&b=2!",
                &["https://example.org/x?a=1&b=2"],
            ),
            ("**https://example.org/x**", &["https://example.org/x"]),
            ("[https://example.org/x]", &["https://example.org/x"]),
        ];
        for (text, expected) in cases {
            assert_eq!(urls(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn rejects_non_urls() {
        let cases = [
            "http://",
            "https:// example.org",
            "http://`x`",
            "https://<USER>@example.org",
            "httpd is a server",
            "http://中文",
            "http://...",
            "",
        ];
        for text in cases {
            assert!(urls(text).is_empty(), "{text:?} gave {:?}", urls(text));
        }
    }

    #[test]
    fn finds_several_urls_and_odd_schemes() {
        assert_eq!(
            urls("a http://a.org b HTTPS://B.org/x c"),
            ["http://a.org", "HTTPS://B.org/x"]
        );
        assert_eq!(urls("xhttp://a.org"), ["http://a.org"]);
        assert_eq!(urls("ftp://a.org mailto:x@y.org"), Vec::<&str>::new());
        assert_eq!(urls("https://a.org/\"q\""), ["https://a.org/"]);
        assert_eq!(urls("https://a.org/'q'"), ["https://a.org/"]);
    }

    #[test]
    fn thousands_of_closing_parentheses_take_linear_time() {
        // Counting the parentheses again for every one trimmed took minutes on this line.
        let text = format!("https://a.org/x_(y){}", ")".repeat(200_000));
        let started = std::time::Instant::now();
        assert_eq!(urls(&text), ["https://a.org/x_(y)"]);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let dots = format!("https://a.org/{}", ".)".repeat(100_000));
        assert_eq!(urls(&dots), ["https://a.org/"]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "http",
            "https:/",
            "http://é",
            "http://a\u{3000}b",
            "😀http://a.b😀",
            "http://)",
        ] {
            for r in find_urls(text) {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn tells_lone_urls() {
        assert!(is_lone_url("  https://a.org/x  ", "https://a.org/x"));
        assert!(is_lone_url("https://a.org/x。", "https://a.org/x"));
        assert!(!is_lone_url("see https://a.org/x", "https://a.org/x"));
        assert!(!is_lone_url("https://a.org/x 网站", "https://a.org/x"));
    }
}
