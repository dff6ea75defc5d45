//! Pages found by the URL a static site generator publishes them at, by the whole path: Hugo's
//! rules (the content path lower-cased, spaces as `-`; `x/index.md` and `x/_index.md` → `/x/`;
//! front-matter `slug` replaces the last segment, `url` the whole path; `aliases` are more URLs),
//! which are also Zola's and, for `.html` links, mdBook's.

use std::collections::HashMap;

use crate::extract::{join, percent_decoded, strip_page_extension, without_fragment, Joined};

/// Post nodes by published URL.
#[derive(Debug, Default)]
pub(super) struct SiteUrls {
    /// URL key (see [`url_key`]) → node; the first post to claim a URL keeps it.
    by_url: HashMap<String, usize>,
    /// Node → its own URL key, for links relative to the page.
    url_of: HashMap<usize, String>,
}

/// What a post publishes itself under.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PageAddress<'a> {
    /// Path relative to the input folder.
    pub(crate) path: &'a str,
    /// Front-matter `slug`.
    pub(crate) slug: Option<&'a str>,
    /// Front-matter `url`.
    pub(crate) url: Option<&'a str>,
    /// Front-matter `aliases`.
    pub(crate) aliases: &'a [String],
}

impl SiteUrls {
    /// Registers post node `node` under its URL, and its aliases.
    pub(super) fn insert(&mut self, node: usize, page: PageAddress<'_>) {
        let url = page_url_key(page);
        self.url_of.insert(node, url.clone());
        // A multilingual site's `content/en/x.md` is linked as `/x/` from its own language.
        if let Some(rest) = without_language(&url) {
            self.by_url.entry(rest.to_string()).or_insert(node);
        }
        self.by_url.insert(url, node);
        for alias in page.aliases {
            self.by_url.entry(url_key(alias)).or_insert(node);
        }
    }

    /// The post a site-relative `target` (`/x/y/`), or a relative one (`../y/`) read against the
    /// URL of the post `from`, is published at.
    pub(super) fn resolve(&self, from: usize, target: &str) -> Option<usize> {
        if target.starts_with('/') {
            return self.by_url.get(&url_key(target)).copied();
        }
        let base = self.url_of.get(&from)?;
        // A page's URL is a folder (`/section/page/`): relative links start inside it.
        match join(&format!("{base}/_"), without_fragment(target)) {
            Joined::Inside(path) => self.by_url.get(&url_key(&path)).copied(),
            Joined::Outside(_) => None,
        }
    }
}

/// The URL key a page publishes itself under: its front-matter `url`, else its content path
/// (with front-matter `slug`).
pub(crate) fn page_url_key(page: PageAddress<'_>) -> String {
    match page.url {
        Some(url) => url_key(url.split_once("://").map_or(url, |(_, rest)| {
            rest.find('/').map_or("", |slash| &rest[slash..])
        })),
        None => content_url(page.path, page.slug),
    }
}

/// A URL or link target as compared: decoded, without query and fragment, lower case, without
/// slashes at either end, without a final `index.html` or `.html`.
pub(crate) fn url_key(target: &str) -> String {
    let decoded = percent_decoded(without_fragment(target)).to_lowercase();
    let path = decoded.trim_matches('/');
    let path = path
        .strip_suffix("index.html")
        .or_else(|| path.strip_suffix("index.htm"))
        .unwrap_or(path);
    strip_page_extension(path.trim_end_matches('/'))
        .trim_matches('/')
        .to_string()
}

/// The URL key of the content file at `path`, with front-matter `slug` when set.
fn content_url(path: &str, slug: Option<&str>) -> String {
    let lower = path.to_lowercase();
    let path = lower.strip_prefix("content/").unwrap_or(&lower);
    let path = strip_page_extension(path).replace(' ', "-");
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", &path));
    let name = match (name, slug) {
        ("index" | "_index" | "readme", _) => "",
        (_, Some(slug)) if !slug.trim().is_empty() => &slug.trim().to_lowercase(),
        (name, _) => name,
    };
    url_key(&format!("{folder}/{name}"))
}

/// `url` without a first segment that names a language (`en`, `pt-br`), when more follows.
pub(crate) fn without_language(url: &str) -> Option<&str> {
    let (first, rest) = url.split_once('/')?;
    let (lang, region) = first.split_once('-').unwrap_or((first, "ab"));
    let letters = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
    };
    (letters(lang, 2..=2) && letters(region, 2..=4)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_become_hugo_urls() {
        let pages = [
            (
                "content/Methods/Page/Paginator.md",
                None,
                "methods/page/paginator",
            ),
            ("posts/my bundle/index.md", None, "posts/my-bundle"),
            ("docs/_index.md", None, "docs"),
            ("_index.md", None, ""),
            ("blog/2020-01-01-x.md", Some("Hello"), "blog/hello"),
        ];
        for (path, slug, url) in pages {
            assert_eq!(content_url(path, slug), url, "{path}");
        }
        let links = [
            ("/Functions/Lang/Translate/#x", "functions/lang/translate"),
            ("/a/b/index.html", "a/b"),
            ("ch01-02-hello.html", "ch01-02-hello"),
        ];
        for (link, key) in links {
            assert_eq!(url_key(link), key, "{link}");
        }
        let languages = [
            ("en/functions/x", Some("functions/x")),
            ("pt-br/x", Some("x")),
            ("docs/x", None),
            ("en", None),
        ];
        for (url, rest) in languages {
            assert_eq!(without_language(url), rest, "{url}");
        }
    }

    #[test]
    fn resolves_whole_paths_and_relative_links() {
        let mut urls = SiteUrls::default();
        let page = |path| PageAddress {
            path,
            ..PageAddress::default()
        };
        urls.insert(0, page("content/en/functions/lang/Translate.md"));
        urls.insert(1, page("content/en/methods/translate.md"));
        let aliases = ["/old/place/".to_string()];
        urls.insert(
            2,
            PageAddress {
                path: "content/en/about.md",
                url: Some("/about-us/"),
                aliases: &aliases,
                ..PageAddress::default()
            },
        );
        assert_eq!(urls.resolve(9, "/functions/lang/translate/"), Some(0));
        assert_eq!(urls.resolve(9, "/en/methods/translate/#x"), Some(1));
        assert_eq!(urls.resolve(9, "/about-us"), Some(2));
        assert_eq!(urls.resolve(9, "/old/place"), Some(2));
        assert_eq!(urls.resolve(9, "/translate/"), None);
        assert_eq!(urls.resolve(0, "../../../methods/translate/"), Some(1));
        assert_eq!(urls.resolve(0, "../../../../../x/"), None);
    }
}
