//! Extraction: one post's text → a [`PostRecord`]. Pure functions of (path, text, options); no graph types.

mod canonical;
mod front_matter;
mod lines;
mod series;
mod urls;
mod file_name;
mod record;

pub use file_name::split_date_prefix;
pub use record::{Citation, LabelSource, PostLink, PostRecord, Section, SeriesRef};

/// Settings that change what is extracted from a post.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Headings whose content belongs to the enclosing topic (compared case-insensitively).
    pub generic_headings: Vec<String>,
    /// Hosts of the site itself: absolute links to them are links between posts.
    pub site_hosts: Vec<String>,
}

/// Extracts one post. `path` is its '/'-separated path relative to its input root.
pub fn extract_post(path: &str, text: &str, options: &ExtractOptions) -> PostRecord {
    let _ = options;
    PostRecord {
        path: path.to_string(),
        title: path.to_string(),
        ..PostRecord::default()
    }
}
