//! Resolves links between posts: relative paths, Jekyll permalinks and `post_url` names.

use std::collections::HashMap;

use crate::extract::split_date_prefix;

/// Finds the post a site-internal link points to.
#[derive(Debug, Default)]
pub(crate) struct PostIndex {
    by_path: HashMap<String, usize>,
    by_slug: HashMap<String, Vec<(String, usize)>>,
    by_permalink: HashMap<String, usize>,
}

impl PostIndex {
    /// Registers post node `node` under its path, slug and permalink.
    pub(crate) fn insert(&mut self, node: usize, path: &str, slug: &str, permalink: Option<&str>) {
        self.by_path.insert(path.to_string(), node);
        self.by_slug
            .entry(slug.to_lowercase())
            .or_default()
            .push((path.to_string(), node));
        if let Some(p) = permalink {
            self.by_permalink.insert(trim_slashes(p).to_string(), node);
        }
    }

    /// The post that `target`, written in the post at `from_path`, points to.
    pub(crate) fn resolve(&self, from_path: &str, target: &str) -> Option<usize> {
        let target = target.split(['#', '?']).next().unwrap_or_default().trim();
        if target.is_empty() {
            return None;
        }
        if let Some(&n) = self.by_permalink.get(trim_slashes(target)) {
            return Some(n);
        }
        if let Some(&n) = self.by_path.get(&join_relative(from_path, target)) {
            return Some(n);
        }
        let last = trim_slashes(target).rsplit('/').next().unwrap_or_default();
        let stem = strip_extension(last);
        let (date, slug) = split_date_prefix(stem);
        let candidates = self.by_slug.get(&slug.to_lowercase())?;
        if candidates.len() == 1 {
            return Some(candidates[0].1);
        }
        // Several posts share the slug: pick the one whose file date the link names.
        let date = date.or_else(|| date_in_permalink(target))?;
        candidates
            .iter()
            .find(|(path, _)| {
                let file = path.rsplit('/').next().unwrap_or(path);
                split_date_prefix(strip_extension(file)).0 == Some(date)
            })
            .map(|&(_, n)| n)
    }
}

fn trim_slashes(s: &str) -> &str {
    s.trim_matches('/')
}

fn strip_extension(name: &str) -> &str {
    for ext in [".html", ".htm", ".markdown", ".md"] {
        if let Some(stem) = name.strip_suffix(ext) {
            return stem;
        }
    }
    name
}

/// `path` of `target` resolved against the directory of `from_path`, '/'-separated.
fn join_relative(from_path: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from_path.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The `/YYYY/MM/DD/` part of a Jekyll permalink.
fn date_in_permalink(target: &str) -> Option<(u32, u32, u32)> {
    let segs: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    segs.windows(3).find_map(|w| {
        let y: u32 = w[0].parse().ok()?;
        let m: u32 = w[1].parse().ok()?;
        let d: u32 = w[2].parse().ok()?;
        (y > 999 && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PostIndex {
        let mut idx = PostIndex::default();
        idx.insert(
            0,
            "2016-8-2-Machine_Learning_2.markdown",
            "Machine_Learning_2",
            None,
        );
        idx.insert(1, "notes/2020-1-1-intro.md", "intro", None);
        idx.insert(2, "notes/2021-3-4-intro.md", "intro", Some("/about/intro/"));
        idx.insert(3, "notes/2021-3-5-other.md", "other", None);
        idx
    }

    #[test]
    fn resolves_jekyll_permalinks_by_slug() {
        let idx = index();
        let hit = idx.resolve("x.md", "/ml/2016/08/02/Machine_Learning_2.html#Pearson");
        assert_eq!(hit, Some(0));
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            index().resolve("notes/2021-3-5-other.md", "./2020-1-1-intro.md"),
            Some(1)
        );
        assert_eq!(
            index().resolve("notes/a/b.md", "../2021-3-5-other.md"),
            Some(3)
        );
    }

    #[test]
    fn disambiguates_shared_slugs_by_date() {
        let idx = index();
        assert_eq!(idx.resolve("x.md", "/blog/2021/03/04/intro.html"), Some(2));
        assert_eq!(idx.resolve("x.md", "2020-01-01-intro"), Some(1));
        assert_eq!(idx.resolve("x.md", "/blog/intro.html"), None);
    }

    #[test]
    fn resolves_front_matter_permalinks() {
        assert_eq!(index().resolve("x.md", "/about/intro"), Some(2));
    }

    #[test]
    fn unknown_targets_resolve_to_nothing() {
        assert_eq!(index().resolve("x.md", "/nowhere.html"), None);
        assert_eq!(index().resolve("x.md", "#anchor"), None);
    }
}
