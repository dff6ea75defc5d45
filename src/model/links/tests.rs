use super::*;

fn post(path: &str, slug: &str, permalink: Option<&str>) -> PostRecord {
    PostRecord {
        path: path.to_string(),
        slug: slug.to_string(),
        permalink: permalink.map(str::to_string),
        ..PostRecord::default()
    }
}

fn index_of(posts: &[PostRecord]) -> PostIndex {
    let mut idx = PostIndex::default();
    for (node, p) in posts.iter().enumerate() {
        idx.insert(node, p);
    }
    idx
}

fn jekyll() -> PostIndex {
    index_of(&[
        post(
            "2016-8-2-Machine_Learning_2.markdown",
            "Machine_Learning_2",
            None,
        ),
        post("notes/2020-1-1-intro.md", "intro", None),
        post("notes/2021-3-4-intro.md", "intro", Some("/about/intro/")),
        post("notes/2021-3-5-other.md", "other", None),
    ])
}

fn link(kind: LinkKind, target: &str) -> PostLink {
    PostLink {
        target: target.to_string(),
        section: None,
        line: 1,
        kind,
        embed: false,
    }
}

/// Resolves one link of `kind` written in the post at `from` (node 99 unless it is a post).
fn resolve(idx: &PostIndex, from: &str, kind: LinkKind, target: &str) -> Resolution {
    let link = link(kind, target);
    idx.resolve_all([((99, from), &link)]).remove(0)
}

fn url(idx: &PostIndex, from: &str, target: &str) -> Option<usize> {
    match resolve(idx, from, LinkKind::Url, target) {
        Resolution::Post(n) => Some(n),
        _ => None,
    }
}

fn wiki(target: &str, alternative: Option<&str>) -> (LinkKind, String) {
    let alternative = alternative.map(str::to_string);
    (LinkKind::Wiki { alternative }, target.to_string())
}

fn missing(key: &str, label: &str) -> Resolution {
    Resolution::Missing {
        key: key.to_string(),
        label: label.to_string(),
    }
}

#[test]
fn resolves_jekyll_permalinks_by_slug() {
    let hit = url(
        &jekyll(),
        "x.md",
        "/ml/2016/08/02/Machine_Learning_2.html#Pearson",
    );
    assert_eq!(hit, Some(0));
}

#[test]
fn resolves_relative_paths() {
    let idx = jekyll();
    assert_eq!(
        url(&idx, "notes/2021-3-5-other.md", "./2020-1-1-intro.md"),
        Some(1)
    );
    assert_eq!(url(&idx, "notes/a/b.md", "../2021-3-5-other.md"), Some(3));
}

#[test]
fn disambiguates_shared_slugs_by_date() {
    let idx = jekyll();
    assert_eq!(url(&idx, "x.md", "/blog/2021/03/04/intro.html"), Some(2));
    assert_eq!(url(&idx, "x.md", "2020-01-01-intro"), Some(1));
    assert_eq!(url(&idx, "x.md", "/blog/intro.html"), None);
}

#[test]
fn resolves_front_matter_permalinks() {
    assert_eq!(url(&jekyll(), "x.md", "/about/intro"), Some(2));
}

#[test]
fn unknown_targets_resolve_to_nothing() {
    assert_eq!(url(&jekyll(), "x.md", "/nowhere.html"), None);
    assert_eq!(url(&jekyll(), "x.md", "#anchor"), None);
}

#[test]
fn relative_links_are_decoded_and_find_mdbook_and_folder_pages() {
    let idx = index_of(&[
        post("Other Note.md", "Other Note", None),
        post("ch01-02-hello.md", "ch01-02-hello", None),
        post("guide/README.md", "README", None),
        post("deep/folder/Unique Name.md", "Unique Name", None),
    ]);
    assert_eq!(url(&idx, "a/b.md", "../Other%20Note.md"), Some(0));
    assert_eq!(url(&idx, "ch01.md", "ch01-02-hello.html#x"), Some(1));
    assert_eq!(url(&idx, "ch01.md", "./guide/"), Some(2));
    assert_eq!(url(&idx, "ch01.md", "guide/index.html"), Some(2));
    assert_eq!(url(&idx, "x/y.md", "Unique%20Name.md"), Some(3));
}

#[test]
fn hugo_links_resolve_by_the_whole_path() {
    let idx = index_of(&[
        post("content/functions/lang/Translate.md", "Translate", None),
        post("content/methods/site/translate.md", "translate", None),
        post("content/posts/bundle/index.md", "index", None),
        post("content/docs/_index.md", "_index", None),
    ]);
    let from = "content/docs/x.md";
    assert_eq!(url(&idx, from, "/functions/lang/translate/"), Some(0));
    assert_eq!(url(&idx, from, "/methods/site/translate/#x"), Some(1));
    assert_eq!(url(&idx, from, "/posts/bundle/"), Some(2));
    assert_eq!(url(&idx, from, "/docs/"), Some(3));
}

#[test]
fn zola_and_hugo_refs_name_content_files() {
    let idx = index_of(&[
        post("blog/first.md", "first", None),
        post("blog/second/index.md", "index", None),
        post("docs/_index.md", "_index", None),
    ]);
    let content = |from: &str, target: &str| resolve(&idx, from, LinkKind::Content, target);
    assert_eq!(content("docs/a.md", "@/blog/first.md"), Resolution::Post(0));
    assert_eq!(content("docs/a.md", "/blog/second"), Resolution::Post(1));
    assert_eq!(
        content("blog/first.md", "second/index.md"),
        Resolution::Post(1)
    );
    assert_eq!(content("blog/first.md", "/docs"), Resolution::Post(2));
    assert_eq!(content("docs/a.md", "first"), Resolution::Post(0));
    assert_eq!(
        content("docs/a.md", "/blog/none.md"),
        Resolution::Unresolved
    );
}

#[test]
fn permalink_patterns_read_slug_and_date() {
    let mut with_dates = vec![
        post("a.md", "hello", None),
        post("b.md", "hello", None),
        post("issue-99.md", "issue-99", None),
    ];
    with_dates[0].date = Some("2023-05-01".to_string());
    with_dates[1].date = Some("2024-01-02".to_string());
    let mut idx = index_of(&with_dates);
    idx.set_permalink_pattern(PermalinkPattern::parse("/blog/:year/:month/:slug.html").unwrap());
    assert_eq!(url(&idx, "x.md", "/blog/2024/01/hello.html"), Some(1));
    assert_eq!(url(&idx, "x.md", "/blog/2023/05/hello.html"), Some(0));
    idx.set_permalink_pattern(
        PermalinkPattern::parse("/blog/:year/:month/weekly-:slug.html").unwrap(),
    );
    assert_eq!(
        url(&idx, "x.md", "/blog/2020/03/weekly-issue-99.html"),
        Some(2)
    );
}

#[test]
fn wikilinks_resolve_by_name_path_suffix_and_shortest_path() {
    let idx = index_of(&[
        post("Zeta/Note.md", "Note", None),
        post("a/b/Note.md", "Note", None),
        post("Café.md", "Café", None),
        post("dendron.topic.pods.md", "dendron.topic.pods", None),
    ]);
    let resolve_wiki = |target: &str| {
        let (kind, target) = wiki(target, None);
        resolve(&idx, "x.md", kind, &target)
    };
    assert_eq!(resolve_wiki("note"), Resolution::Post(0));
    assert_eq!(resolve_wiki("b/Note"), Resolution::Post(1));
    assert_eq!(resolve_wiki("a/b/Note.md"), Resolution::Post(1));
    // "Cafe" + combining acute accent is "Café" after NFC.
    assert_eq!(resolve_wiki("CAFE\u{301}"), Resolution::Post(2));
    assert_eq!(resolve_wiki("dendron.topic.pods"), Resolution::Post(3));
    assert_eq!(resolve_wiki("Not Yet"), missing("not yet", "Not Yet"));
    assert_eq!(resolve_wiki("photo.png"), Resolution::Nothing);
}

#[test]
fn the_side_of_a_pipe_that_names_the_note_is_learnt_from_the_corpus() {
    let idx = index_of(&[post("a.b.md", "a.b", None), post("c.md", "c", None)]);
    let links: Vec<PostLink> = [
        ("label", Some("a.b")),
        ("docs", Some("c")),
        ("text", Some("x.y")),
    ]
    .iter()
    .map(|(t, alt)| {
        let (kind, target) = wiki(t, *alt);
        link(kind, &target)
    })
    .collect();
    let resolved = idx.resolve_all(links.iter().map(|l| ((99, "z.md"), l)));
    assert_eq!(
        resolved,
        [
            Resolution::Post(0),
            Resolution::Post(1),
            missing("x.y", "x.y")
        ]
    );
    // Obsidian order when the left side is the one that resolves.
    let obsidian = link(wiki("c", Some("x.y")).0, "c");
    assert_eq!(
        idx.resolve_all([((99, "z.md"), &obsidian)]),
        [Resolution::Post(1)]
    );
}
