//! `--permalink PATTERN`: the URLs a site publishes its posts at, such as
//! `/blog/:year/:month/:slug.html`, read back from a link into the post's slug and date.

use regex::Regex;

use super::link_path::{percent_decoded, without_fragment};
use crate::error::Error;

/// The pattern of the URLs a site publishes its posts at (`--permalink`), such as
/// `/blog/:year/:month/:slug.html`: a link to the site that fits it names the post with that
/// slug (file name without its date) and, when the post has a date, that date.
///
/// Placeholders: `:year`, `:month`, `:day` (`:i_month`, `:i_day`), `:short_year`, the post's
/// name as `:slug`, `:title`, `:filename` or `:name`, `:categories` (any folders, or none),
/// `:output_ext` (`.html` or nothing); any other `:word` is one path segment.
///
/// ```
/// let pattern = kgraph::PermalinkPattern::parse("/blog/:year/:month/:slug.html")?;
/// assert!(kgraph::PermalinkPattern::parse("/:year/:month/").is_err());
/// # Ok::<(), kgraph::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PermalinkPattern {
    regex: Regex,
}

/// What a link matching the pattern says about the post it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermalinkMatch {
    /// The `:slug`, `:title`, `:filename` or `:name` part, as written.
    pub slug: String,
    /// `:year`, `:month` and `:day` as numbers, when the pattern has them.
    pub year: Option<u32>,
    /// See `year`.
    pub month: Option<u32>,
    /// See `year`.
    pub day: Option<u32>,
}

/// The placeholders that name the post itself.
const NAME_PLACEHOLDERS: [&str; 5] = ["slug", "title", "slugified_title", "filename", "name"];

impl PermalinkPattern {
    /// Compiles `pattern`; it must name the post (`:slug`, `:title`, `:filename` or `:name`).
    pub fn parse(pattern: &str) -> Result<Self, Error> {
        let placeholder = Regex::new(r":([a-z_]+)/?").expect("valid regex");
        let body = pattern.strip_prefix('/').unwrap_or(pattern);
        let body = body.strip_suffix('/').unwrap_or(body);
        let mut source = String::from("(?i)^/?");
        let mut last = 0;
        let mut names = false;
        for found in placeholder.captures_iter(body) {
            let whole = found.get(0).expect("group 0");
            source.push_str(&regex::escape(&body[last..whole.start()]));
            let slash = if whole.as_str().ends_with('/') {
                "/"
            } else {
                ""
            };
            let group = match &found[1] {
                "year" => "(?P<year>[0-9]{4})",
                "short_year" => "[0-9]{2}",
                "month" | "i_month" => "(?P<month>[0-9]{1,2})",
                "day" | "i_day" => "(?P<day>[0-9]{1,2})",
                // Jekyll leaves out the folders of a post without categories.
                "categories" if !slash.is_empty() => {
                    source.push_str("(?:.*?/)?");
                    last = whole.end();
                    continue;
                }
                "categories" => ".*?",
                "output_ext" => r"(?:\.html?)?",
                n if NAME_PLACEHOLDERS.contains(&n) && !names => {
                    names = true;
                    "(?P<slug>[^/]+?)"
                }
                _ => "[^/]*?",
            };
            source.push_str(group);
            source.push_str(slash);
            last = whole.end();
        }
        source.push_str(&regex::escape(&body[last..]));
        source.push_str("/?$");
        if !names {
            return Err(Error::Usage(format!(
                "--permalink `{pattern}` does not name the post: it needs :slug, :title, :filename or :name"
            )));
        }
        let regex = Regex::new(&source)
            .map_err(|e| Error::Usage(format!("--permalink `{pattern}`: {e}")))?;
        Ok(PermalinkPattern { regex })
    }

    /// What `target` (a site path such as `/blog/2024/01/hello.html#x`) says, if it matches.
    ///
    /// ```
    /// let pattern = kgraph::PermalinkPattern::parse("/blog/:year/:month/:slug.html")?;
    /// let found = pattern.matches("/blog/2024/01/hello.html#x").unwrap();
    /// assert_eq!((found.slug.as_str(), found.year, found.day), ("hello", Some(2024), None));
    /// # Ok::<(), kgraph::Error>(())
    /// ```
    pub fn matches(&self, target: &str) -> Option<PermalinkMatch> {
        let path = percent_decoded(without_fragment(target));
        let found = self.regex.captures(&path)?;
        let number = |name: &str| found.name(name).and_then(|m| m.as_str().parse().ok());
        Some(PermalinkMatch {
            slug: found.name("slug")?.as_str().to_string(),
            year: number("year"),
            month: number("month"),
            day: number("day"),
        })
    }
}

impl PermalinkMatch {
    /// Whether a post dated `date` (`YYYY-MM-DD`, or none) can be the one the link names.
    pub(crate) fn fits_date(&self, date: Option<&str>) -> bool {
        let Some(date) = date else {
            return true;
        };
        let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
        let (year, month, day) = (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        );
        let agrees = |wanted: Option<u32>, have: Option<u32>| wanted.is_none() || wanted == have;
        agrees(self.year, year) && agrees(self.month, month) && agrees(self.day, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_slug_and_date_from_links() {
        let pattern = PermalinkPattern::parse("/blog/:year/:month/:slug.html").unwrap();
        let hit = pattern
            .matches("/blog/2024/01/Hello-World.html#top")
            .unwrap();
        assert_eq!(hit.slug, "Hello-World");
        assert_eq!((hit.year, hit.month, hit.day), (Some(2024), Some(1), None));
        assert!(hit.fits_date(Some("2024-01-31")));
        assert!(!hit.fits_date(Some("2023-01-31")));
        assert!(hit.fits_date(None));
        assert_eq!(pattern.matches("/blog/2024/01/"), None);
        assert_eq!(pattern.matches("/other/2024/01/x.html"), None);
    }

    #[test]
    fn literal_text_around_the_slug_is_matched() {
        let pattern = PermalinkPattern::parse("/blog/:year/:month/weekly-:slug.html").unwrap();
        let hit = pattern
            .matches("/blog/2020/03/weekly-issue-99.html")
            .unwrap();
        assert_eq!(hit.slug, "issue-99");
        let pretty = PermalinkPattern::parse("/:categories/:title/").unwrap();
        assert_eq!(pretty.matches("/a/b/my-post").unwrap().slug, "my-post");
        assert_eq!(pretty.matches("/my-post/").unwrap().slug, "my-post");
    }

    #[test]
    fn a_pattern_must_name_the_post() {
        assert!(PermalinkPattern::parse("/:year/:month/").is_err());
    }
}
