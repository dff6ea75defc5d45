//! Reads post files into text: lossy UTF-8 decoding and binary detection, reported as diagnostics.

use crate::diagnostic::Diagnostic;
use crate::discover::SourceFile;

/// Bytes examined for NUL when deciding that a file is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// The text of `file`, or `None` when it cannot be used; problems go to `diagnostics`.
pub fn read_post(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                &file.display,
                None,
                format!("cannot read: {err}"),
            ));
            return None;
        }
    };
    decode(&file.display, bytes, diagnostics)
}

/// Decodes a post's bytes: binary files are skipped, invalid UTF-8 is replaced with U+FFFD.
pub fn decode(display: &str, bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        diagnostics.push(Diagnostic::warning(
            display,
            None,
            "skipped: binary file (contains NUL bytes)",
        ));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            diagnostics.push(Diagnostic::warning(
                display,
                Some(line),
                format!("invalid UTF-8 at byte {offset}; replaced with U+FFFD"),
            ));
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
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
    fn binary_files_are_skipped() {
        let mut diags = Vec::new();
        assert_eq!(decode("b.md", b"\x89PNG\0\0".to_vec(), &mut diags), None);
        assert!(diags[0].message.contains("binary"));
    }

    #[test]
    fn empty_files_are_text() {
        let mut diags = Vec::new();
        assert_eq!(decode("e.md", Vec::new(), &mut diags).as_deref(), Some(""));
        assert!(diags.is_empty());
    }
}
