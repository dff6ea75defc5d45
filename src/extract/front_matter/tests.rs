//! Tests of front-matter reading.

use super::block::Split;
use super::*;

/// The text of the block, if any.
fn block_text<'a>(s: &Split<'a>) -> Option<&'a str> {
    s.block.map(|b| b.text)
}

fn split_of(text: &str) -> (Split<'_>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let split = split("p.md", text, &mut diags);
    (split, diags)
}

fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let s = split("p.md", text, &mut diags);
    let fm = s
        .block
        .map(|block| parse("p.md", &block, &mut diags))
        .unwrap_or_default();
    (fm, diags)
}

#[test]
fn splits_front_matter() {
    let text = "---\ntitle: A\n---\n# Body\n";
    let (s, diags) = split_of(text);
    assert_eq!(block_text(&s), Some("title: A\n"));
    assert_eq!(&text[s.body_offset..], "# Body\n");
    assert_eq!(s.body_line, 4);
    assert!(diags.is_empty());
}

#[test]
fn accepts_dots_bom_and_crlf() {
    let text = "\u{feff}---\r\ntitle: A\r\ncategory: B\r\n...\r\nbody\r\n";
    let (s, _) = split_of(text);
    assert_eq!(block_text(&s), Some("title: A\r\ncategory: B\r\n"));
    assert_eq!(&text[s.body_offset..], "body\r\n");
    assert_eq!(s.body_line, 5);
    let (fm, diags) = read(text);
    assert_eq!(fm.title.as_deref(), Some("A"));
    assert_eq!(fm.categories, ["B"]);
    assert!(diags.is_empty());
}

#[test]
fn texts_without_front_matter_are_all_body() {
    for text in [
        "",
        "# Title\n---\n",
        "\u{feff}body",
        " ---\ntitle: x\n---\n",
        "----\n---\n",
    ] {
        let (s, diags) = split_of(text);
        assert_eq!(block_text(&s), None, "{text:?}");
        assert_eq!(s.body_line, 1);
        assert!(diags.is_empty());
    }
}

#[test]
fn unterminated_front_matter_warns_and_keeps_the_body() {
    let text = "---\ntitle: A\n\n# Heading\n";
    let (s, diags) = split_of(text);
    assert_eq!(block_text(&s), None);
    assert_eq!(s.body_offset, 0);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(1));
    assert!(diags[0].message().starts_with("unterminated front matter"));
}

#[test]
fn empty_block_is_fine() {
    let (fm, diags) = read("---\n---\nbody");
    assert_eq!(fm, FrontMatter::default());
    assert!(diags.is_empty());
}

#[test]
fn numbers_and_odd_scalars_become_text() {
    let (fm, diags) =
        read("---\ntitle: 996\ndate: 2016-08-02 10:00:00 +0800\npermalink: /a/b/\n---\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.title.as_deref(), Some("996"));
    assert_eq!(fm.date.as_deref(), Some("2016-08-02 10:00:00 +0800"));
    assert_eq!(fm.permalink.as_deref(), Some("/a/b/"));
    let (fm, _) = read("---\ntitle: 1.10\ntags: yes\n---\n");
    assert_eq!(fm.title.as_deref(), Some("1.10"));
    assert_eq!(fm.tags.len(), 1);
}

#[test]
fn reads_categories_and_tags_in_all_forms() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("category: DL & NLP resource ", &["DL & NLP resource"], &[]),
        ("categories: ml  dl", &["ml", "dl"], &[]),
        (
            "categories: [ml, deep learning]",
            &["ml", "deep learning"],
            &[],
        ),
        ("categories:\n  - ml\n  - dl\n  - ml", &["ml", "dl"], &[]),
        ("category: a\ncategories: [b, a]", &["a", "b"], &[]),
        ("tags: rust, cli graph", &[], &["rust", "cli", "graph"]),
        ("tags: [rust, 2024]", &[], &["rust", "2024"]),
        ("tags:\n- x\n- y", &[], &["x", "y"]),
        ("tags:", &[], &[]),
        ("unknown: {a: [1, 2]}\ncategory: c", &["c"], &[]),
    ];
    for (yaml, cats, tags) in cases {
        let text = format!("---\n{yaml}\n---\n");
        let (fm, diags) = read(&text);
        assert!(diags.is_empty(), "{yaml:?}: {diags:?}");
        assert_eq!(fm.categories, *cats, "{yaml:?}");
        assert_eq!(fm.tags, *tags, "{yaml:?}");
    }
}

#[test]
fn invalid_yaml_warns_with_file_line_and_salvages_fields() {
    let text = "---\nlayout: post\ntitle: 数学: 笔记\ncategory: math\ntags: [a, b]\n---\nbody\n";
    let (fm, diags) = read(text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].line, Some(3));
    assert!(
        diags[0].message().starts_with("invalid front matter: "),
        "{}",
        diags[0].message()
    );
    assert!(!diags[0].message().ends_with('.'));
    assert_eq!(fm.title.as_deref(), Some("数学: 笔记"));
    assert_eq!(fm.categories, ["math"]);
    assert_eq!(fm.tags, ["a", "b"]);
}

#[test]
fn duplicate_keys_fall_back_to_the_line_reader() {
    let (fm, diags) = read("---\ntitle: 'A'\ncategory: x\ncategory:\n  - y\n---\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, Some(4));
    assert_eq!(
        diags[0].message(),
        "invalid front matter: duplicate mapping key: category"
    );
    assert_eq!(fm.title.as_deref(), Some("A"));
    assert_eq!(fm.categories, ["y"]);
}

#[test]
fn finds_key_lines() {
    let yaml = Block {
        syntax: Syntax::Yaml,
        text: "title: a\ndates: x\ndate : y\n  tags: z\n",
        first_line: 2,
    };
    assert_eq!(key_line(&yaml, "title"), Some(2));
    assert_eq!(key_line(&yaml, "date"), Some(4));
    assert_eq!(key_line(&yaml, "tags"), None);
    let toml = Block {
        syntax: Syntax::Toml,
        text: "title = 'a'\n  date= 2024-01-02\n",
        ..yaml
    };
    assert_eq!(key_line(&toml, "date"), Some(3));
    let json = Block {
        syntax: Syntax::Json,
        text: "{\"title\": \"a\",\n \"date\" : \"x\"}",
        first_line: 1,
    };
    assert_eq!(key_line(&json, "title"), Some(1));
    assert_eq!(key_line(&json, "date"), Some(2));
}

fn read_ok(text: &str) -> FrontMatter {
    let (fm, diags) = read(text);
    assert!(diags.is_empty(), "{text:?}: {diags:?}");
    fm
}

#[test]
fn reads_toml_front_matter_with_bare_dates_and_taxonomies() {
    let text = "+++\ntitle = \"Hugo page\"\ndate = 2024-01-02\nlastmod = 2024-02-03T10:00:00Z\n\
                draft = true\nslug = \"page\"\nurl = \"/docs/page/\"\naliases = [\"/old/\", \"/older/\"]\n\
                weight = 10\ntags = [\"a\"]\n\n[taxonomies]\ntags = [\"b\", \"a\"]\ncategories = [\"c\"]\n\
                +++\n# Body\n";
    let (s, _) = split_of(text);
    assert_eq!(s.block.map(|b| b.syntax), Some(Syntax::Toml));
    assert_eq!(&text[s.body_offset..], "# Body\n");
    assert_eq!(s.body_line, 16);
    let fm = read_ok(text);
    assert_eq!(fm.title.as_deref(), Some("Hugo page"));
    assert_eq!(fm.date.as_deref(), Some("2024-01-02"));
    assert_eq!(fm.updated.as_deref(), Some("2024-02-03T10:00:00Z"));
    assert!(fm.draft);
    assert_eq!(fm.slug.as_deref(), Some("page"));
    assert_eq!(fm.url.as_deref(), Some("/docs/page/"));
    assert_eq!(fm.aliases, ["/old/", "/older/"]);
    assert_eq!(fm.weight, Some(10));
    assert_eq!(fm.tags, ["a", "b"]);
    assert_eq!(fm.categories, ["c"]);
}

#[test]
fn reads_json_front_matter_up_to_the_line_its_object_ends() {
    let text = "{\n  \"title\": \"JSON page\",\n  \"date\": \"2024-01-02\",\n  \"tags\": [\"x\", \"y\"],\n  \
                \"draft\": false,\n  \"weight\": 3\n}\n\nBody\n";
    let (s, _) = split_of(text);
    assert_eq!(
        s.block.map(|b| (b.syntax, b.first_line)),
        Some((Syntax::Json, 1))
    );
    assert_eq!(&text[s.body_offset..], "\nBody\n");
    assert_eq!(s.body_line, 8);
    let fm = read_ok(text);
    assert_eq!(fm.title.as_deref(), Some("JSON page"));
    assert_eq!(fm.tags, ["x", "y"]);
    assert!(!fm.draft);
    assert_eq!(fm.weight, Some(3));
    let one_line = read_ok("{\"title\": \"One line\"}\nBody");
    assert_eq!(one_line.title.as_deref(), Some("One line"));
}

#[test]
fn braces_that_open_no_json_object_are_body() {
    for text in [
        "{% include toc.html %}\n# Title\n",
        "{{< note >}}\nx\n{{< /note >}}\n",
        "{TODO} write this\n}\n",
        "{\"title\": \"x\"} and text\n",
        "{\"unclosed\": \"object\"\n",
        "{}",
    ] {
        let (s, diags) = split_of(text);
        let expected_json = text == "{}";
        assert_eq!(s.block.is_some(), expected_json, "{text:?}");
        assert!(diags.is_empty(), "{text:?}");
    }
}

#[test]
fn invalid_toml_and_json_warn_at_their_line_and_keep_the_body() {
    let toml = "+++\ntitle = \"Broken\"\ntags = [\"a\", \"b\"\ndate = 2024-01-02\n+++\nBody\n";
    let (s, _) = split_of(toml);
    assert_eq!(&toml[s.body_offset..], "Body\n");
    let (fm, diags) = read(toml);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message().starts_with("invalid front matter: "));
    assert!(!diags[0].message().contains('\n'));
    assert_eq!(diags[0].line, Some(4));
    assert_eq!(fm.title.as_deref(), Some("Broken"));

    let json = "{\n  \"title\": \"Broken\",\n  \"tags\": [\"a\",]\n}\nBody\n";
    let (s, _) = split_of(json);
    assert_eq!(&json[s.body_offset..], "Body\n");
    let (fm, diags) = read(json);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].line, Some(3));
    assert!(
        !diags[0].message().contains(" at line "),
        "{}",
        diags[0].message()
    );
    assert_eq!(fm.title.as_deref(), Some("Broken"));
}

#[test]
fn unterminated_toml_warns_with_its_delimiter() {
    let (s, diags) = split_of("+++\ntitle = \"x\"\n");
    assert_eq!(s.block, None);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message().contains("no closing `+++`"));
}

#[test]
fn yaml_reads_the_new_fields_and_never_fails_on_their_types() {
    let fm = read_ok(
        "---\nupdated: 1636510026672\ncreated: 1616983302480\naliases: /one/\nslug: s\n\
         url: {odd: map}\nweight: heavy\ndraft: later\ntaxonomies:\n  tags: [t]\n---\n",
    );
    assert_eq!(fm.updated.as_deref(), Some("1636510026672"));
    assert_eq!(fm.created.as_deref(), Some("1616983302480"));
    assert_eq!(fm.aliases, ["/one/"]);
    assert_eq!(fm.slug.as_deref(), Some("s"));
    assert_eq!((fm.url, fm.weight, fm.draft), (None, None, false));
    assert_eq!(fm.tags, ["t"]);
    let lastmod = read_ok("---\nlastmod: 2024-05-06\n---\n");
    assert_eq!(lastmod.updated.as_deref(), Some("2024-05-06"));
}
