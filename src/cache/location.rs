//! Where a corpus's cache lives: the user's cache folder, one sub-folder per set of inputs, and
//! the identity of the kgraph build that writes it.

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// `$XDG_CACHE_HOME/kgraph`, else `~/.cache/kgraph`; `None` when neither is known.
pub(crate) fn default_root() -> Option<PathBuf> {
    root_from(std::env::var_os("XDG_CACHE_HOME"), std::env::home_dir())
}

fn root_from(xdg_cache_home: Option<std::ffi::OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and is ignored.
    let base = xdg_cache_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.as_os_str().is_empty())
                .map(|h| h.join(".cache"))
        })?;
    Some(base.join("kgraph"))
}

/// The folder of the corpus read from `inputs` under `root`: named by a hash of the inputs'
/// canonical paths, so the same folder named differently (`posts`, `./posts/`) shares it, in
/// whatever order the inputs are given.
pub(crate) fn corpus_dir(root: &Path, inputs: &[PathBuf]) -> PathBuf {
    let mut canonical: Vec<PathBuf> = inputs
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    canonical.sort();
    canonical.dedup();
    let mut hasher = Xxh3::new();
    for path in &canonical {
        hasher.update(path.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
    }
    root.join(format!("{:016x}", hasher.digest()))
}

/// This build of kgraph: the running program's size and modification time. A rebuilt program
/// (a new kgraph, or the same version changed and compiled again) does not trust what an older
/// build wrote; 0 when the program cannot be found.
pub(crate) fn build_id() -> u64 {
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|meta| {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", meta.len())
        })
        .unwrap_or_default();
    xxh3_64(stamp.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_cache_home_wins_over_home_unless_relative() {
        let home = Some(PathBuf::from("/home/a"));
        assert_eq!(
            root_from(Some("/x/cache".into()), home.clone()),
            Some(PathBuf::from("/x/cache/kgraph"))
        );
        assert_eq!(
            root_from(Some("rel".into()), home.clone()),
            Some(PathBuf::from("/home/a/.cache/kgraph"))
        );
        assert_eq!(
            root_from(None, home),
            Some(PathBuf::from("/home/a/.cache/kgraph"))
        );
        assert_eq!(root_from(None, None), None);
    }

    #[test]
    fn one_folder_per_set_of_inputs_whatever_their_order_or_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let root = Path::new("/cache");
        let ab = corpus_dir(root, &[a.clone(), b.clone()]);
        assert_eq!(ab, corpus_dir(root, &[b.clone(), a.join(".")]));
        assert_ne!(ab, corpus_dir(root, &[a]));
        assert!(ab.starts_with(root));
    }
}
