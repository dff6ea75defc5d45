//! Boilerplate: text repeated at the same place in a large share of the posts is not keyword text.
//!
//! A topic or resource node is one place shared by every post that uses it: the same heading (a
//! newsletter's 言论 or 封面图 section), the same link (投稿, 订阅, a logo's alt text). When such a node
//! is used by at least [`BOILERPLATE_SHARE`] of the posts and by at least [`MIN_POSTS`] of them (in a
//! small blog a resource most posts cite can still be a subject), it is the corpus's template, not a
//! subject, and its text is left out of the keyword layer. The rule is decided from the corpus itself: no list of template words is needed. Post titles are each
//! their own node, so the same rule applies there per term: see [`drop_title_boilerplate`].

use super::corpus::{Corpus, Id};
use crate::model::{EntityText, NodeKind};

/// Smallest share of all posts that makes a shared heading or link boilerplate: a newsletter's
/// subscription line changes wording over the years, so each variant is in only a part of the issues.
const BOILERPLATE_SHARE: f64 = 0.2;
/// Fewest posts that make a shared heading or link boilerplate (small corpora share little).
const MIN_POSTS: usize = 10;

/// Whether `entity`'s text is boilerplate in a corpus of `all_posts` posts.
pub(crate) fn is_boilerplate(entity: &EntityText<'_>, all_posts: usize) -> bool {
    let used_by = entity.posts.len();
    entity.kind != NodeKind::Post
        && used_by >= MIN_POSTS
        && used_by as f64 >= BOILERPLATE_SHARE * all_posts as f64
}

/// Smallest share of post titles a term must be in to be the series' name rather than a subject.
const TITLE_SHARE: f64 = 0.5;

/// Removes from post titles the terms most of them repeat (a newsletter's name, `科技爱好者周刊`
/// in 83 % of its issues' titles): at that place they are the template of the series. The terms stay
/// wherever else they occur. `is_post[i]` tells whether entity `i` is a post (its text, the title).
pub(crate) fn drop_title_boilerplate(corpus: &mut Corpus, is_post: &[bool]) {
    let posts = is_post.iter().filter(|&&p| p).count();
    let mut titles_with = vec![0usize; corpus.len()];
    let mut seen: Vec<Id> = Vec::new();
    for (tokens, _) in corpus.entities.iter().zip(is_post).filter(|(_, &p)| p) {
        seen.clear();
        seen.extend(tokens.iter().map(|t| t.key));
        seen.sort_unstable();
        seen.dedup();
        for &key in &seen {
            titles_with[key as usize] += 1;
        }
    }
    let template = |key: Id| {
        let n = titles_with[key as usize];
        n >= MIN_POSTS && n as f64 >= TITLE_SHARE * posts as f64
    };
    for (tokens, _) in corpus.entities.iter_mut().zip(is_post).filter(|(_, &p)| p) {
        tokens.retain(|t| !template(t.key));
    }
}
