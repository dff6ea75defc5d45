//! The report as text for a terminal.

use std::fmt::Write as _;

use super::report::{Ranked, Stats};

/// The report as text for a terminal; lists are cut at `top` entries.
pub(crate) fn to_text(stats: &Stats, top: usize) -> String {
    let mut out = String::new();
    let c = &stats.counts;
    let joined = |parts: Vec<String>| parts.join(", ");
    // `: a, b` after a count, or nothing when there is no part.
    let listed = |parts: Vec<String>| {
        if parts.is_empty() {
            String::new()
        } else {
            format!(": {}", parts.join(", "))
        }
    };
    let _ = writeln!(out, "Graph");
    let _ = writeln!(out, "  {:>7}  posts", stats.posts);
    let _ = writeln!(
        out,
        "  {:>7}  nodes{}",
        c.nodes,
        listed(
            c.nodes_by_kind
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "  {:>7}  edges{}",
        c.edges,
        listed(
            c.edges_by_kind
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "  {:>7}  components (largest: {} nodes)",
        c.components, c.largest_component
    );
    let _ = writeln!(out, "  {:>7}  communities", c.communities);

    ranked_section(
        &mut out,
        "Top keywords",
        &stats.top_keywords,
        &["posts", "score"],
        top,
    );
    ranked_section(
        &mut out,
        "Top domains",
        &stats.top_domains,
        &["citations", "resources", "posts"],
        top,
    );
    ranked_section(
        &mut out,
        "Most-cited resources",
        &stats.most_cited_resources,
        &["citations", "posts"],
        top,
    );
    ranked_section(
        &mut out,
        "Biggest topics",
        &stats.biggest_topics,
        &["posts", "degree"],
        top,
    );

    let _ = writeln!(
        out,
        "\nCommunities ({} in all; the largest, named by their keywords, with their most central members)",
        stats.communities.total
    );
    for community in &stats.communities.largest {
        let kinds = joined(
            community
                .kinds
                .iter()
                .map(|(k, n)| format!("{n} {}", k.0))
                .collect(),
        );
        let _ = writeln!(
            out,
            "  #{:<3} {:>6} nodes: {} ({kinds})",
            community.community,
            community.nodes,
            one_line(&community.label)
        );
        let names: Vec<String> = community
            .top_members
            .iter()
            .map(|m| one_line(&m.label))
            .collect();
        let _ = writeln!(out, "        {}", names.join(" · "));
    }

    ranked_section(
        &mut out,
        "Resources cited by several posts",
        &stats.shared_resources,
        &["posts", "citations"],
        top,
    );

    let orphans = &stats.orphans;
    let _ = writeln!(out, "\nOrphans");
    let _ = writeln!(
        out,
        "  {:>7}  posts link to no post and no post links to them",
        orphans.posts_without_links.len()
    );
    for post in orphans.posts_without_links.iter().take(top) {
        let _ = writeln!(out, "           {}  {}", post.id, one_line(&post.label));
    }
    more(
        &mut out,
        orphans.posts_without_links.len(),
        top,
        "           ",
    );
    let _ = writeln!(
        out,
        "  {:>7}  resources are cited once",
        orphans.resources_cited_once
    );

    let problems = &stats.url_problems;
    let _ = writeln!(
        out,
        "\nURL problems: {} broken, {} suspicious",
        problems.broken, problems.suspicious
    );
    for p in problems.problems.iter().take(top) {
        let _ = writeln!(
            out,
            "  {:<10}  {}\n              {}\n              {}",
            p.severity.as_str(),
            p.url,
            p.reason,
            p.locations.join(", ")
        );
    }
    more(&mut out, problems.problems.len(), top, "  ");
    let sites = &problems.http_to_https_sites;
    if !sites.is_empty() {
        let total: usize = sites.iter().map(|h| h.citations).sum();
        let hosts: Vec<String> = sites
            .iter()
            .take(top)
            .map(|h| format!("{} {}", h.host, h.citations))
            .collect();
        let rest = if sites.len() > top {
            format!(", … {} more hosts", sites.len() - top)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  and {total} http:// citations of sites that serve https: {}{rest}",
            hosts.join(", ")
        );
    }
    out
}

/// A ranked list as a section: a header, one line per entry (numbers first, then the label).
fn ranked_section(out: &mut String, title: &str, ranked: &Ranked, columns: &[&str], top: usize) {
    let _ = writeln!(out, "\n{title} ({} in all)", ranked.total);
    if ranked.entries.is_empty() {
        return;
    }
    let width = |c: &str| c.len().max(6);
    let head: Vec<String> = columns
        .iter()
        .map(|c| format!("{c:>w$}", w = width(c)))
        .collect();
    let _ = writeln!(out, "  {}  name", head.join("  "));
    for entry in ranked.entries.iter().take(top) {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match entry.numbers.get(c) {
                Some(n) => format!("{n:>w$}", w = width(c)),
                None => format!("{:>w$}", "-", w = width(c)),
            })
            .collect();
        let mut name = one_line(&entry.label);
        let key = entry.id.split_once(':').map_or("", |(_, key)| key);
        if entry.id.starts_with("resource:") && key != entry.label {
            name = format!("{name}  <{key}>");
        }
        let _ = writeln!(out, "  {}  {name}", cells.join("  "));
        if !entry.cited_by.is_empty() {
            let indent = " ".repeat(cells.join("  ").len() + 4);
            let shown: Vec<&str> = entry
                .cited_by
                .iter()
                .take(CITING_POSTS_SHOWN)
                .map(String::as_str)
                .collect();
            let _ = writeln!(out, "{indent}cited by {}", shown.join(", "));
            more(out, entry.cited_by.len(), CITING_POSTS_SHOWN, &indent);
        }
    }
    more(out, ranked.entries.len().max(ranked.total), top, "  ");
}

/// Citing posts shown under a resource cited by several posts (JSON has them all).
const CITING_POSTS_SHOWN: usize = 5;

/// `… and N more` when a list was cut.
fn more(out: &mut String, len: usize, top: usize, indent: &str) {
    if len > top {
        let _ = writeln!(out, "{indent}… and {} more", len - top);
    }
}

/// `s` on one line: line breaks and runs of whitespace become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
