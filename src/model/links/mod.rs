//! Resolves links between posts once every post is known: wikilinks by note name, relative
//! paths, Jekyll permalinks and `post_url` names, Hugo and Zola page URLs and content paths,
//! and `--permalink` patterns.

mod content;
mod names;
mod site;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::extract::{
    is_attachment, join, percent_decoded, split_date_prefix, strip_page_extension,
    without_fragment, Joined, LinkKind, PermalinkPattern, PostLink, PostRecord,
};
use crate::text::{post_date, Ymd};
use names::NoteNames;
pub(crate) use names::{note_key, note_path_key};
use site::SiteUrls;
pub(crate) use site::{page_url_key, url_key, without_language, PageAddress};

/// What a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A post of the corpus: its node.
    Post(usize),
    /// A note not written yet (an unresolved wikilink): the `missing` node's key and label.
    Missing {
        /// [`note_key`] of the name.
        key: String,
        /// The name as first written.
        label: String,
    },
    /// Nothing to draw and nothing to say: an attachment.
    Nothing,
    /// A page of the corpus that does not exist: a warning.
    Unresolved,
}

/// Finds the post a link points to.
#[derive(Debug, Default)]
pub(crate) struct PostIndex {
    by_path: HashMap<String, usize>,
    by_slug: HashMap<String, Vec<(String, usize)>>,
    by_permalink: HashMap<String, usize>,
    names: NoteNames,
    site: SiteUrls,
    /// Front-matter slugs and dates, for `--permalink`.
    by_front_slug: HashMap<String, Vec<usize>>,
    dates: HashMap<usize, String>,
    pattern: Option<PermalinkPattern>,
}

impl PostIndex {
    /// Links written as site paths are also read with `pattern` (`--permalink`).
    pub(crate) fn set_permalink_pattern(&mut self, pattern: PermalinkPattern) {
        self.pattern = Some(pattern);
    }

    /// Registers post node `node` under its path, names, slug, permalink and site URLs.
    pub(crate) fn insert(&mut self, node: usize, post: &PostRecord) {
        let path = post.path.as_str();
        self.by_path.insert(path.to_string(), node);
        self.by_slug
            .entry(post.slug.to_lowercase())
            .or_default()
            .push((path.to_string(), node));
        if let Some(p) = &post.permalink {
            self.by_permalink.insert(trim_slashes(p).to_string(), node);
        }
        self.names.insert(node, path);
        self.site.insert(
            node,
            PageAddress {
                path,
                slug: post.front_matter_slug.as_deref(),
                url: post.url.as_deref(),
                aliases: &post.aliases,
            },
        );
        if let Some(slug) = &post.front_matter_slug {
            let slug = slug.trim().to_lowercase();
            self.by_front_slug.entry(slug).or_default().push(node);
        }
        if let Some(date) = &post.date {
            self.dates.insert(node, date.clone());
        }
    }

    /// Resolves every link of `links`, each written in the post `(node, path)`, in order.
    ///
    /// A wikilink with a `|` names its note on one side: the side that resolves; when both or
    /// neither do, the side that resolves more often among the corpus's other such links
    /// (Dendron's `[[label|note]]` vaults lean right, Obsidian's `[[note|label]]` left).
    pub(crate) fn resolve_all<'a>(
        &self,
        links: impl IntoIterator<Item = ((usize, &'a str), &'a PostLink)>,
    ) -> Vec<Resolution> {
        let mut pending = Vec::new();
        let mut resolved = Vec::new();
        let (mut left_only, mut right_only) = (0usize, 0usize);
        for ((from, from_path), link) in links {
            let resolution = match &link.kind {
                LinkKind::Url => self.resolve_url(from, from_path, &link.target),
                LinkKind::Content => self.resolve_content(from_path, &link.target),
                LinkKind::Wiki { alternative } => {
                    let left = self.names.resolve(from_path, &link.target);
                    let right = alternative
                        .as_deref()
                        .and_then(|name| self.names.resolve(from_path, name));
                    match (left, right) {
                        (Some(node), None) => {
                            left_only += 1;
                            Resolution::Post(node)
                        }
                        (None, Some(node)) => {
                            right_only += 1;
                            Resolution::Post(node)
                        }
                        (None, None) if alternative.is_none() => missing(&link.target),
                        _ => {
                            pending.push((resolved.len(), left, right, link));
                            Resolution::Nothing
                        }
                    }
                }
            };
            resolved.push(resolution);
        }
        let right_side = right_only > left_only;
        for (i, left, right, link) in pending {
            let (node, name) = if right_side {
                (right, link_alternative(link))
            } else {
                (left, Some(link.target.as_str()))
            };
            resolved[i] = match (node, name) {
                (Some(node), _) => Resolution::Post(node),
                (None, Some(name)) => missing(name),
                (None, None) => missing(&link.target),
            };
        }
        resolved
    }

    /// The post a Markdown link, site URL or `post_url` name points to.
    ///
    /// With `--permalink`, a site path that does not fit the pattern (the home page, a page of
    /// the site that is no post) is not a post the author meant, so it is no warning.
    fn resolve_url(&self, from: usize, from_path: &str, target: &str) -> Resolution {
        match self.find_url(from, from_path, target) {
            Some(node) => Resolution::Post(node),
            None => match &self.pattern {
                Some(pattern) if target.starts_with('/') && pattern.matches(target).is_none() => {
                    Resolution::Nothing
                }
                _ => Resolution::Unresolved,
            },
        }
    }

    fn find_url(&self, from: usize, from_path: &str, target: &str) -> Option<usize> {
        let target = without_fragment(target);
        if target.is_empty() {
            return None;
        }
        // The Jekyll rules first, as they always were.
        if let Some(&n) = self.by_permalink.get(trim_slashes(target)) {
            return Some(n);
        }
        if let Joined::Inside(path) = join(from_path, target) {
            if let Some(&n) = self.by_path.get(&path) {
                return Some(n);
            }
        }
        let decoded = percent_decoded(target);
        self.find_file(from_path, &decoded)
            .or_else(|| self.site.resolve(from, &decoded))
            .or_else(|| self.find_by_pattern(&decoded))
            .or_else(|| self.find_by_slug(target))
    }

    /// A relative link to a file of the corpus: the path as written, percent-decoded; mdBook's
    /// `page.html` for `page.md`; a folder for its `index.md`, `_index.md` or `README.md`; a
    /// Markdown file anywhere in the corpus by name, as Obsidian finds it.
    fn find_file(&self, from_path: &str, target: &str) -> Option<usize> {
        if target.starts_with('/') || target.contains("://") {
            return None;
        }
        let Joined::Inside(path) = join(from_path, target) else {
            return None;
        };
        let stem = strip_page_extension(&path);
        let folder = target.ends_with('/') || stem.is_empty();
        let index_of = |folder: &str| {
            let prefix = if folder.is_empty() {
                String::new()
            } else {
                format!("{folder}/")
            };
            ["index.md", "_index.md", "README.md", "index.markdown"].map(|f| format!("{prefix}{f}"))
        };
        let mut forms = Vec::new();
        if folder {
            forms.extend(index_of(&path));
        } else {
            forms.push(path.clone());
            forms.extend([".md", ".markdown"].map(|e| format!("{stem}{e}")));
            // mdBook publishes a folder's `README.md` as its `index.html`.
            match stem.rsplit_once('/') {
                Some((folder, "index")) => forms.extend(index_of(folder)),
                None if stem == "index" => forms.extend(index_of("")),
                _ => {}
            }
        }
        if let Some(n) = forms.iter().find_map(|f| self.by_path.get(f)) {
            return Some(*n);
        }
        let lower = target.to_ascii_lowercase();
        let markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
        markdown
            .then(|| self.names.resolve(from_path, target))
            .flatten()
    }

    /// A site path that `--permalink` reads as a slug and a date.
    fn find_by_pattern(&self, target: &str) -> Option<usize> {
        let found = self.pattern.as_ref()?.matches(target)?;
        let slug = found.slug.to_lowercase();
        let by_file = self
            .by_slug
            .get(&slug)
            .into_iter()
            .flatten()
            .map(|&(_, n)| n);
        let by_front = self.by_front_slug.get(&slug).into_iter().flatten().copied();
        let mut candidates: Vec<usize> = by_front.chain(by_file).collect();
        candidates.retain(|n| found.fits_date(self.dates.get(n).map(String::as_str)));
        candidates.first().copied()
    }

    /// The post whose file name ends in the link's last segment (Jekyll's slugs), told apart by
    /// the date in the link when several share it.
    fn find_by_slug(&self, target: &str) -> Option<usize> {
        let last = trim_slashes(target).rsplit('/').next().unwrap_or_default();
        let stem = strip_page_extension(last);
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
                split_date_prefix(strip_page_extension(file)).0 == Some(date)
            })
            .map(|&(_, n)| n)
    }
}

/// The other side of a piped wikilink.
fn link_alternative(link: &PostLink) -> Option<&str> {
    match &link.kind {
        LinkKind::Wiki { alternative } => alternative.as_deref(),
        _ => None,
    }
}

/// An unresolved wikilink: a note not written yet, or an attachment.
fn missing(name: &str) -> Resolution {
    if is_attachment(name) {
        return Resolution::Nothing;
    }
    Resolution::Missing {
        key: note_key(name),
        label: name.trim().to_string(),
    }
}

fn trim_slashes(s: &str) -> &str {
    s.trim_matches('/')
}

/// The `/YYYY/MM/DD/` part of a Jekyll permalink.
fn date_in_permalink(target: &str) -> Option<Ymd> {
    let segs: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    segs.windows(3).find_map(|w| post_date(w[0], w[1], w[2]))
}
