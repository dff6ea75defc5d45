//! What a link points to: an external resource, another post of the site, or nothing kgraph follows.
//!
//! Only `http`/`https` links are resources. `mailto:`, `javascript:`, `file:`, `ftp:`, `data:` and other schemes
//! are ignored: they name no web page a reader could visit (or no stable one), so they would only add noise.
//! Relative links are links between posts when they look like pages (`.html`, `.md`, `.markdown` or no
//! extension); links to images, PDFs, archives and other files are ignored, as are pure `#anchor` links.

use crate::text::bare_host;

/// The kind of a link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// An external web page: the URL as written (a protocol-relative `//host` gets `https:`).
    External(std::borrow::Cow<'a, str>),
    /// Another post of the site: relative path, permalink or `post_url` name.
    Post(String),
    /// Nothing to follow.
    Ignored,
}

/// Classifies the link target `dest`; `site_hosts` are the site's own hosts (with or without `www.`).
pub(crate) fn classify_target<'a>(dest: &'a str, site_hosts: &[String]) -> Target<'a> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') {
        return Target::Ignored;
    }
    if let Some(name) = liquid_post_name(dest) {
        return Target::Post(name.to_string());
    }
    if let Some(rest) = dest.strip_prefix("//") {
        let url = format!("https://{rest}");
        return match site_path(&url, site_hosts) {
            Some(path) => Target::Post(path),
            None => Target::External(url.into()),
        };
    }
    if let Some(scheme) = scheme_of(dest) {
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return Target::Ignored;
        }
        return match site_path(dest, site_hosts) {
            Some(path) => Target::Post(path),
            None => Target::External(dest.into()),
        };
    }
    if looks_like_page(dest) {
        Target::Post(dest.to_string())
    } else {
        Target::Ignored
    }
}

/// `{% post_url 2016-08-02-slug %}` or `{% link _posts/x.md %}` → the name inside.
pub(crate) fn liquid_post_name(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?.trim();
    let inner = inner.trim_start_matches('-').trim_end_matches('-').trim();
    let (name, arg) = inner.split_once(char::is_whitespace)?;
    let arg = arg.trim();
    (matches!(name, "post_url" | "link") && !arg.is_empty() && !arg.contains(char::is_whitespace))
        .then_some(arg)
}

/// Hugo's `{{< ref "path" >}}` or `{{% relref path="path" %}}` → the content path inside.
pub(crate) fn hugo_ref_path(shortcode: &str) -> Option<&str> {
    let inner = shortcode.strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = [('<', '>'), ('%', '%')]
        .iter()
        .find_map(|&(open, close)| inner.strip_prefix(open)?.strip_suffix(close))?
        .trim();
    let (name, args) = inner.split_once(char::is_whitespace)?;
    if !matches!(name, "ref" | "relref") {
        return None;
    }
    let args = args.trim();
    let args = args.strip_prefix("path=").unwrap_or(args).trim_start();
    let path = match args.chars().next()? {
        quote @ ('"' | '`' | '\'') => args[1..].split(quote).next()?,
        _ => args.split(char::is_whitespace).next()?,
    };
    (!path.trim().is_empty()).then(|| path.trim())
}

/// The URL scheme of `dest`, if it has one (`mailto`, `http`, …).
fn scheme_of(dest: &str) -> Option<&str> {
    let (scheme, _) = dest.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// The path (with query and fragment) of an absolute URL whose host is one of `site_hosts`.
pub(crate) fn site_path(url: &str, site_hosts: &[String]) -> Option<String> {
    // Cheap test first: most URLs name no site host at all.
    let mentions = |host: &str| {
        url.as_bytes()
            .windows(host.len().max(1))
            .any(|w| w.eq_ignore_ascii_case(host.as_bytes()))
    };
    if !site_hosts.iter().any(|h| mentions(bare_host(h))) {
        return None;
    }
    let parsed = url::Url::parse(url).ok()?;
    let host = bare_host(parsed.host_str()?);
    site_hosts
        .iter()
        .any(|h| bare_host(h).eq_ignore_ascii_case(host))
        .then(|| parsed[url::Position::BeforePath..].to_string())
}

/// Whether a relative link names a page: `.html`, `.htm`, `.md`, `.markdown`, or no extension at all.
fn looks_like_page(dest: &str) -> bool {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    if path.trim_matches('/').is_empty() {
        return false;
    }
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    match last.rsplit_once('.') {
        None => true,
        Some((_, ext)) => {
            let ext = ext.to_ascii_lowercase();
            matches!(ext.as_str(), "html" | "htm" | "md" | "markdown")
                // `2016-8-2-v1.2` or `..`: a dot that starts no real extension.
                || ext.is_empty()
                || ext.chars().all(|c| c.is_ascii_digit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec![
            "antkillerfarm.github.io".to_string(),
            "www.example.blog".to_string(),
        ]
    }

    #[test]
    fn classifies_targets() {
        let post = |s: &str| Target::Post(s.to_string());
        let ext = |s: &'static str| Target::External(s.into());
        let cases = [
            ("https://example.org/a", ext("https://example.org/a")),
            ("HTTP://example.org/a", ext("HTTP://example.org/a")),
            (" https://example.org/a ", ext("https://example.org/a")),
            (
                "//cdn.example.org/x",
                Target::External("https://cdn.example.org/x".to_string().into()),
            ),
            (
                "/ml/2016/08/02/Machine_Learning_2.html#x",
                post("/ml/2016/08/02/Machine_Learning_2.html#x"),
            ),
            ("../foo.md", post("../foo.md")),
            ("2020-1-1-bar.markdown", post("2020-1-1-bar.markdown")),
            ("/about/", post("/about/")),
            ("notes/intro", post("notes/intro")),
            ("{% post_url 2016-08-02-slug %}", post("2016-08-02-slug")),
            ("{%- post_url 2016-08-02-slug -%}", post("2016-08-02-slug")),
            (
                "{% link _posts/2016-08-02-slug.md %}",
                post("_posts/2016-08-02-slug.md"),
            ),
            (
                "http://antkillerfarm.github.io/t/2014/12/26/gtk.html#a",
                post("/t/2014/12/26/gtk.html#a"),
            ),
            ("https://example.blog/p/x", post("/p/x")),
            ("https://www.antkillerfarm.github.io/p", post("/p")),
            ("https://Example.Blog/Q", post("/Q")),
            ("/images/x.png", Target::Ignored),
            ("img/x.JPG", Target::Ignored),
            ("files/paper.pdf", Target::Ignored),
            ("a.zip", Target::Ignored),
            ("#anchor", Target::Ignored),
            ("/", Target::Ignored),
            ("", Target::Ignored),
            ("mailto:a@b.org", Target::Ignored),
            ("javascript:void(0);", Target::Ignored),
            ("file:///etc/passwd", Target::Ignored),
            ("ftp://ftp.example.org/x", Target::Ignored),
            ("data:image/png;base64,AAAA", Target::Ignored),
            ("{% include x.html %}", Target::Ignored),
        ];
        for (dest, expected) in cases {
            assert_eq!(classify_target(dest, &hosts()), expected, "{dest:?}");
        }
    }

    #[test]
    fn reads_hugo_ref_shortcodes() {
        let cases = [
            (r#"{{< ref "blog/post.md" >}}"#, Some("blog/post.md")),
            (r#"{{< relref "/docs/x#anchor" >}}"#, Some("/docs/x#anchor")),
            (r#"{{% ref path="a.md" lang="en" %}}"#, Some("a.md")),
            ("{{<ref `b`>}}", Some("b")),
            ("{{< ref b.md >}}", Some("b.md")),
            (r#"{{< figure src="x.png" >}}"#, None),
            ("{{ site.url }}", None),
            (r#"{{< ref "" >}}"#, None),
        ];
        for (shortcode, expected) in cases {
            assert_eq!(hugo_ref_path(shortcode), expected, "{shortcode}");
        }
    }

    #[test]
    fn site_hosts_are_optional() {
        assert_eq!(
            classify_target("https://antkillerfarm.github.io/p", &[]),
            Target::External("https://antkillerfarm.github.io/p".into())
        );
    }
}
