//! Reads post files into text: lossy UTF-8 decoding and binary detection, reported as diagnostics.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::SourceFile;

/// Bytes examined for NUL when deciding that a file is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// Largest file read as a post: far above any real post, low enough that a log or a disk image
/// renamed `.md` cannot exhaust memory.
pub(crate) const MAX_POST_BYTES: u64 = 64 << 20;

/// The text of `file`, or `None` when it cannot be used; problems go to `diagnostics`.
#[cfg(any(test, feature = "bench-stages"))]
pub(crate) fn read_post(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    read_bytes(file, diagnostics).and_then(|bytes| decode(&file.display, bytes, diagnostics))
}

/// The bytes of `file`, or `None` when it is too large or cannot be read; problems go to
/// `diagnostics`.
pub(crate) fn read_bytes(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    if let Ok(meta) = std::fs::metadata(&file.path) {
        if meta.len() > MAX_POST_BYTES {
            diagnostics.push(Diagnostic::warning(
                &file.display,
                None,
                DiagnosticKind::TooLarge {
                    max_mib: MAX_POST_BYTES >> 20,
                },
            ));
            return None;
        }
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                &file.display,
                None,
                DiagnosticKind::Unreadable {
                    reason: err.to_string(),
                },
            ));
            return None;
        }
    };
    Some(bytes)
}

/// Decodes a post's bytes: binary files are skipped, invalid UTF-8 is replaced with U+FFFD.
///
/// A file that starts with a UTF-16 byte-order mark (Windows Notepad's "Unicode") is decoded as
/// UTF-16 with a warning, instead of being taken for binary because of its NUL bytes.
pub(crate) fn decode(
    display: &str,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some(text) = decode_utf16(&bytes) {
        diagnostics.push(Diagnostic::warning(display, None, DiagnosticKind::Utf16));
        return Some(text);
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        diagnostics.push(Diagnostic::warning(display, None, DiagnosticKind::Binary));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            let places = bytes
                .utf8_chunks()
                .filter(|chunk| !chunk.invalid().is_empty())
                .count();
            diagnostics.push(Diagnostic::warning(
                display,
                Some(line),
                DiagnosticKind::InvalidUtf8 {
                    byte: offset,
                    places,
                },
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    Some(replace_nul(display, text, diagnostics))
}

/// Replaces NUL characters past the binary sniff (a text file with a stray NUL) with U+FFFD.
fn replace_nul(display: &str, text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let Some(first) = text.find('\0') else {
        return text;
    };
    let line = 1 + text[..first].matches('\n').count();
    let count = text.matches('\0').count();
    diagnostics.push(Diagnostic::warning(
        display,
        Some(line),
        DiagnosticKind::NulCharacters { count },
    ));
    text.replace('\0', "\u{FFFD}")
}

/// The text of a file that starts with a UTF-16 byte-order mark (`FF FE` or `FE FF`, but not the
/// UTF-32 `FF FE 00 00`); unpaired surrogates and an odd last byte become U+FFFD.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return None,
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes.chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // An odd byte out: an unpaired surrogate decodes to U+FFFD.
        _ => 0xD800,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_its_line() {
        let mut diags = Vec::new();
        let text = decode("p.md", b"ok\nbad \xff here\n".to_vec(), &mut diags).unwrap();
        assert_eq!(text, "ok\nbad \u{fffd} here\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].to_string(),
            "p.md:2: warning: invalid UTF-8 at byte 7; replaced with U+FFFD"
        );
    }

    #[test]
    fn every_invalid_place_is_counted() {
        let mut diags = Vec::new();
        decode("p.md", b"a\xff\nb\xfe\xfe c\x80".to_vec(), &mut diags).unwrap();
        assert_eq!(
            diags[0].to_string(),
            "p.md:1: warning: invalid UTF-8 at byte 1 (and 3 more places); replaced with U+FFFD"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "\u{feff}---\r\ntitle: 多模态 🧠\r\n---\r\n# A\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let mut diags = Vec::new();
            assert_eq!(decode("w.md", bytes, &mut diags).as_deref(), Some(text));
            assert_eq!(diags.len(), 1);
            assert!(diags[0].message().starts_with("decoded as UTF-16"));
        }
        let mut diags = Vec::new();
        let odd = decode(
            "w.md",
            vec![0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b'],
            &mut diags,
        )
        .unwrap();
        assert_eq!(odd, "\u{feff}a\u{fffd}\u{fffd}");
        // UTF-32 is not UTF-16: its NUL bytes make it binary.
        let mut diags = Vec::new();
        assert_eq!(
            decode("w.md", vec![0xFF, 0xFE, 0, 0, b'a', 0, 0, 0], &mut diags),
            None
        );
        assert!(diags[0].message().contains("binary"));
    }

    #[test]
    fn a_nul_past_the_sniffed_bytes_is_replaced_with_a_warning() {
        let mut bytes = vec![b'a'; BINARY_SNIFF_LEN];
        bytes.extend_from_slice(b"\n# x\0y\0\n");
        let mut diags = Vec::new();
        let text = decode("n.md", bytes, &mut diags).unwrap();
        assert!(text.ends_with("# x\u{FFFD}y\u{FFFD}\n"));
        assert_eq!(
            diags[0].to_string(),
            "n.md:2: warning: 2 NUL characters, the first on this line; replaced with U+FFFD"
        );
    }

    #[test]
    fn binary_files_are_skipped() {
        let mut diags = Vec::new();
        assert_eq!(decode("b.md", b"\x89PNG\0\0".to_vec(), &mut diags), None);
        assert!(diags[0].message().contains("binary"));
    }

    #[test]
    fn files_too_large_to_be_posts_are_skipped_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.md");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_POST_BYTES + 1).unwrap();
        let source = SourceFile {
            rel_path: "huge.md".into(),
            path,
            display: "posts/huge.md".into(),
        };
        let mut diags = Vec::new();
        assert_eq!(read_post(&source, &mut diags), None);
        assert_eq!(
            diags[0].to_string(),
            "posts/huge.md: warning: skipped: larger than 64 MiB, too large to be a post"
        );
    }

    #[test]
    fn empty_files_are_text() {
        let mut diags = Vec::new();
        assert_eq!(decode("e.md", Vec::new(), &mut diags).as_deref(), Some(""));
        assert!(diags.is_empty());
    }
}
