//! Nested inline tags: `#a/b/c` (and Dendron's `#a.b.c`) is a tag at each level, each the child
//! of the one before. Front-matter tags stay whole: in a blog, `CI/CD` or `node.js` is one tag.

/// `(child, parent)` for each level of `tag`, deepest first: `a/b/c` → (`a/b/c`, `a/b`),
/// (`a/b`, `a`).
pub(crate) fn levels_of(tag: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut child = tag;
    while let Some(cut) = child.rfind(['/', '.']) {
        let parent = &child[..cut];
        if parent.is_empty() {
            break;
        }
        pairs.push((child.to_string(), parent.to_string()));
        child = parent;
    }
    pairs
}

/// The `(child, parent)` pairs of every nested tag in `tags`, without duplicates.
pub(crate) fn tag_parents<'a>(tags: impl IntoIterator<Item = &'a String>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for tag in tags {
        for pair in levels_of(tag) {
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(child: &str, parent: &str) -> (String, String) {
        (child.to_string(), parent.to_string())
    }

    #[test]
    fn each_level_is_the_child_of_the_one_before() {
        assert_eq!(levels_of("a/b/c"), [pair("a/b/c", "a/b"), pair("a/b", "a")]);
        assert_eq!(
            levels_of("role.env.sprout"),
            [
                pair("role.env.sprout", "role.env"),
                pair("role.env", "role")
            ]
        );
        assert_eq!(levels_of("a.b/c"), [pair("a.b/c", "a.b"), pair("a.b", "a")]);
        assert!(levels_of("flat").is_empty());
    }

    #[test]
    fn shared_levels_are_listed_once() {
        let tags = ["a/b".to_string(), "a/c".to_string(), "a/b".to_string()];
        assert_eq!(tag_parents(&tags), [pair("a/b", "a"), pair("a/c", "a")]);
    }
}
