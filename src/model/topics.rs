//! Topics decided for the whole corpus: a heading recurring in a large share of the posts is a
//! section template (structural), and what it holds goes to the enclosing topic or post.
//!
//! Extraction sees one post at a time, so the builder keeps each post's outline and citations
//! here until every post is read; [`PendingTopics::settle`] then finds the structural headings
//! and re-parents each post's sections and citations past them, as a generic heading would.

use rustc_hash::FxHashMap;

use crate::extract::{template_key, Section, MIN_STRUCTURAL_POSTS};

/// The outlines of the posts read so far, waiting for the corpus-wide decision.
#[derive(Debug, Default)]
pub(super) struct PendingTopics {
    posts: Vec<PostOutline>,
    /// Distinct posts per template key, with the last post counted (posts come one by one).
    recurrence: FxHashMap<String, (usize, usize)>,
}

/// One post's sections and the sections its citations are under.
#[derive(Debug)]
pub(super) struct PostOutline {
    /// The post's node.
    pub(super) post: usize,
    /// Its sections; after [`PendingTopics::settle`], parents skip structural sections.
    pub(super) sections: Vec<Section>,
    /// Per section: a topic of its own (false for a structural heading).
    pub(super) kept: Vec<bool>,
    /// Per citation: the resource node and the section it is under (`None`: the post itself).
    pub(super) citations: Vec<(usize, Option<usize>)>,
}

/// A heading found structural, with the number of posts it recurs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StructuralHeading {
    /// The template key (heading key, plural folded).
    pub(crate) key: String,
    /// Posts it recurs in.
    pub(crate) posts: usize,
}

impl PendingTopics {
    /// Keeps one post's outline; posts are added in file order.
    pub(super) fn add(
        &mut self,
        post: usize,
        sections: &[Section],
        citations: Vec<(usize, Option<usize>)>,
    ) {
        let index = self.posts.len();
        for section in sections {
            let seen = self
                .recurrence
                .entry(template_key(&section.key))
                .or_insert((0, usize::MAX));
            if seen.1 != index {
                *seen = (seen.0 + 1, index);
            }
        }
        self.posts.push(PostOutline {
            post,
            sections: sections.to_vec(),
            kept: vec![true; sections.len()],
            citations,
        });
    }

    /// Whether any post waits to be settled.
    pub(super) fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// Finds the headings in at least `share` % of the `posts` (0: none), drops them from every
    /// outline and re-parents what they held. Returns the outlines and the structural headings,
    /// most recurring first.
    pub(super) fn settle(
        self,
        share: u8,
        posts: usize,
    ) -> (Vec<PostOutline>, Vec<StructuralHeading>) {
        let PendingTopics {
            posts: mut outlines,
            recurrence,
        } = self;
        let mut structural: Vec<StructuralHeading> = recurrence
            .into_iter()
            .filter(|&(_, (count, _))| {
                share > 0
                    && count >= MIN_STRUCTURAL_POSTS
                    && count * 100 >= usize::from(share) * posts
            })
            .map(|(key, (posts, _))| StructuralHeading { key, posts })
            .collect();
        structural.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.key.cmp(&b.key)));
        if !structural.is_empty() {
            let keys: rustc_hash::FxHashSet<&str> =
                structural.iter().map(|h| h.key.as_str()).collect();
            for outline in &mut outlines {
                outline.drop_sections(|s| keys.contains(template_key(&s.key).as_str()));
            }
        }
        (outlines, structural)
    }
}

impl PostOutline {
    /// Drops the sections `is_structural` picks: their subsections and citations go to the
    /// nearest kept enclosing section (skipping one with the subsection's own key), or the post.
    fn drop_sections(&mut self, is_structural: impl Fn(&Section) -> bool) {
        for (kept, section) in self.kept.iter_mut().zip(&self.sections) {
            *kept = !is_structural(section);
        }
        let enclosing = |mut at: Option<usize>, key: Option<&str>| {
            while let Some(s) = at {
                if self.kept[s] && key != Some(self.sections[s].key.as_str()) {
                    break;
                }
                at = self.sections[s].parent;
            }
            at
        };
        let parents: Vec<Option<usize>> = self
            .sections
            .iter()
            .map(|s| enclosing(s.parent, Some(&s.key)))
            .collect();
        for (_, section) in &mut self.citations {
            *section = enclosing(*section, None);
        }
        for (section, parent) in self.sections.iter_mut().zip(parents) {
            section.parent = parent;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(key: &str, level: u8, parent: Option<usize>) -> Section {
        Section {
            heading: key.to_string(),
            key: key.to_string(),
            level,
            parent,
            line: 1,
        }
    }

    /// `posts` posts with the template `工具 > a{post}` and citations under both; one more post
    /// has its own `x > 工具 > x`.
    fn pending(posts: usize) -> PendingTopics {
        let mut pending = PendingTopics::default();
        for post in 0..posts {
            let sections = [
                section("工具", 2, None),
                section(&format!("a{post}"), 3, Some(0)),
            ];
            pending.add(
                post,
                &sections,
                vec![(100, Some(0)), (101, Some(1)), (102, None)],
            );
        }
        let sections = [
            section("x", 1, None),
            section("工具", 2, Some(0)),
            section("x", 3, Some(1)),
        ];
        pending.add(posts, &sections, vec![(103, Some(1)), (104, Some(2))]);
        pending
    }

    #[test]
    fn headings_in_a_large_share_of_posts_are_structural() {
        let (outlines, structural) = pending(9).settle(50, 10);
        assert_eq!(
            structural,
            [StructuralHeading {
                key: "工具".into(),
                posts: 10
            }]
        );
        let first = &outlines[0];
        assert_eq!(first.kept, [false, true]);
        assert_eq!(first.sections[1].parent, None);
        assert_eq!(first.citations, [(100, None), (101, Some(1)), (102, None)]);
        // Under `x > 工具`, citations go to `x`; the inner `x` (same key) goes past it to the top.
        let last = &outlines[9];
        assert_eq!(last.kept, [true, false, true]);
        assert_eq!(last.citations, [(103, Some(0)), (104, Some(2))]);
        assert_eq!(last.sections[2].parent, None);
    }

    #[test]
    fn rare_headings_and_a_zero_share_keep_their_topics() {
        // (posts with the template, share, posts in the corpus)
        for (posts, share, corpus) in [(9, 0, 10), (3, 10, 4), (9, 100, 11)] {
            let (outlines, structural) = pending(posts).settle(share, corpus);
            assert!(structural.is_empty(), "{posts} {share}");
            assert!(outlines.iter().all(|o| o.kept.iter().all(|&k| k)));
            assert_eq!(outlines[0].citations[1], (101, Some(1)));
        }
    }
}
