//! One cache file on disk: a checked header and a postcard payload, read whole and replaced
//! atomically.
//!
//! # Format
//!
//! ```text
//! b"KGRAPHC\0"  8 bytes
//! checksum      8 bytes, little-endian xxh3-64 of everything after it
//! header        postcard: Header { format, version, build, fingerprint }
//! payload       postcard: the cache's own type
//! ```
//!
//! The checksum makes a torn or damaged file a cold build instead of wrong data that happens to
//! decode.

use std::io;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::output::write_atomically;

const MAGIC: &[u8; 8] = b"KGRAPHC\0";
/// Bumped whenever the layout of a payload changes, whatever the kgraph version.
const FORMAT: u32 = 2;

/// What a cache file must have been written for to be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) format: u32,
    /// kgraph's version: another version's file is reported, then rebuilt.
    pub(super) version: String,
    /// This build of kgraph: another build of the same version is rebuilt silently.
    pub(super) build: u64,
    /// The options that shaped the payload: other options, another payload.
    pub(super) fingerprint: u128,
}

impl Header {
    pub(super) fn new(version: &str, build: u64, fingerprint: u128) -> Self {
        Header {
            format: FORMAT,
            version: version.to_string(),
            build,
            fingerprint,
        }
    }
}

/// Why a cache file was not used.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unusable {
    /// There is none, or it was made for other options or another build: a quiet cold build.
    Stale,
    /// A problem the user should hear about: damaged, unreadable, another version.
    Problem(String),
}

/// Reads the payload of `path`, when it was written for `expected`.
pub(super) fn load<T: DeserializeOwned>(path: &Path, expected: &Header) -> Result<T, Unusable> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // Also no cache: a file where a folder of the path should be (writing it will say so).
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Err(Unusable::Stale)
        }
        Err(err) => return Err(Unusable::Problem(format!("cannot read it: {err}"))),
    };
    let corrupt = || Unusable::Problem("it is damaged".to_string());
    let body = match bytes.split_first_chunk::<8>() {
        Some((magic, rest)) if magic == MAGIC => rest,
        _ => return Err(corrupt()),
    };
    let Some((checksum, body)) = body.split_first_chunk::<8>() else {
        return Err(corrupt());
    };
    if u64::from_le_bytes(*checksum) != xxh3_64(body) {
        return Err(corrupt());
    }
    let (header, payload): (Header, _) = postcard::take_from_bytes(body).map_err(|_| corrupt())?;
    if header.format != expected.format || header.version != expected.version {
        return Err(Unusable::Problem(format!(
            "it was written by kgraph {}",
            header.version
        )));
    }
    if header != *expected {
        return Err(Unusable::Stale);
    }
    postcard::from_bytes(payload).map_err(|_| corrupt())
}

/// Replaces `path` with `payload` under `header`, creating its folder.
pub(super) fn save<T: Serialize>(path: &Path, header: &Header, payload: &T) -> io::Result<()> {
    let mut body = postcard::to_stdvec(header).map_err(io::Error::other)?;
    body = postcard::to_extend(payload, body).map_err(io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomically(path, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&xxh3_64(&body).to_le_bytes())?;
        out.write_all(&body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header::new("1.0.0", 7, 42)
    }

    #[test]
    fn a_saved_payload_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.bin");
        save(&path, &header(), &vec!["细粒度".to_string()]).unwrap();
        let back: Vec<String> = load(&path, &header()).unwrap();
        assert_eq!(back, ["细粒度"]);
    }

    #[test]
    fn another_build_or_options_are_stale_and_another_version_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        assert_eq!(load::<u8>(&path, &header()), Err(Unusable::Stale));
        save(&path, &header(), &1u8).unwrap();
        assert_eq!(
            load::<u8>(&path, &Header::new("1.0.0", 8, 42)),
            Err(Unusable::Stale)
        );
        assert_eq!(
            load::<u8>(&path, &Header::new("1.0.0", 7, 43)),
            Err(Unusable::Stale)
        );
        let other = load::<u8>(&path, &Header::new("2.0.0", 7, 42));
        assert!(matches!(other, Err(Unusable::Problem(why)) if why.contains("1.0.0")));
    }

    #[test]
    fn any_damaged_byte_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.bin");
        save(&path, &header(), &"some payload".to_string()).unwrap();
        let good = std::fs::read(&path).unwrap();
        for at in [0, 9, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 1;
            std::fs::write(&path, &bad).unwrap();
            assert!(matches!(
                load::<String>(&path, &header()),
                Err(Unusable::Problem(_))
            ));
        }
        std::fs::write(&path, &good[..good.len() / 2]).unwrap();
        assert!(matches!(
            load::<String>(&path, &header()),
            Err(Unusable::Problem(_))
        ));
    }
}
