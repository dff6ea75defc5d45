//! Turns post records into a knowledge graph: get-or-insert nodes, merged weighted edges.

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::diagnostic::Diagnostic;
use crate::extract::{LabelSource, PostRecord};

use super::edge::{Edge, EdgeKind};
use super::graph::KnowledgeGraph;
use super::links::PostIndex;
use super::node::{Attr, AttrValue, Attrs, Node, NodeId, NodeKind};

/// Accumulates posts, in the order given, into a graph.
///
/// Add posts in a fixed order (sorted by path) so labels chosen by
/// "first seen" are the same on every run.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    nodes: Vec<Node>,
    /// Positions in `nodes`, found by hashing the node's id: the ids themselves live only there.
    index: HashTable<u32>,
    /// Occurrences per (source, target, relation), endpoints as positions in `nodes`.
    edges: FxHashMap<(u32, u32, EdgeKind), u32>,
    /// Distinct posts using each node, ascending, per node position (for the `posts` attribute).
    ///
    /// Posts are added one after another, so a repeat use by the same post is always the
    /// last entry: comparing with it keeps the list free of duplicates.
    posts_of: Vec<Vec<usize>>,
    /// Best label source seen so far per resource.
    resource_label: FxHashMap<usize, LabelSource>,
    pending_links: Vec<(usize, String, String, usize)>,
    post_index: PostIndex,
    diagnostics: Vec<Diagnostic>,
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        GraphBuilder::default()
    }

    /// Adds one post with its topics, resources, domains, categories, tags and series.
    pub fn add_post(&mut self, post: &PostRecord) {
        let post_node = self.upsert(NodeId::new(NodeKind::Post, &post.path), &post.title);
        self.set_post_attrs(post_node, post);
        self.post_index
            .insert(post_node, &post.path, &post.slug, post.permalink.as_deref());

        for category in &post.categories {
            let node = self.upsert(NodeId::new(NodeKind::Category, key_of(category)), category);
            self.link(post_node, node, EdgeKind::InCategory, post_node);
        }
        for tag in &post.tags {
            let node = self.upsert(NodeId::new(NodeKind::Tag, key_of(tag)), tag);
            self.link(post_node, node, EdgeKind::Tagged, post_node);
        }
        if let Some(series) = &post.series {
            let node = self.upsert(
                NodeId::new(NodeKind::Series, key_of(&series.name)),
                &series.name,
            );
            self.link(post_node, node, EdgeKind::InSeries, post_node);
        }

        let topics: Vec<usize> = post
            .sections
            .iter()
            .map(|s| {
                let node = self.upsert(NodeId::new(NodeKind::Topic, &s.key), &s.heading);
                let level = i64::from(s.level);
                let attrs = &mut self.nodes[node].attrs;
                let smaller = match attrs.get(&Attr::Level) {
                    Some(AttrValue::Int(l)) => level < *l,
                    _ => true,
                };
                if smaller {
                    attrs.insert(Attr::Level, AttrValue::Int(level));
                }
                node
            })
            .collect();
        for (section, &topic) in post.sections.iter().zip(&topics) {
            self.link(post_node, topic, EdgeKind::HasTopic, post_node);
            if let Some(parent) = section.parent {
                self.link(topics[parent], topic, EdgeKind::Subtopic, post_node);
            }
        }

        for citation in &post.citations {
            let resource = self.add_resource(citation);
            let from = citation.section.map_or(post_node, |s| topics[s]);
            self.link(from, resource, EdgeKind::Cites, post_node);
            if let Some(host) = &citation.host {
                let domain = self.upsert(NodeId::new(NodeKind::Domain, host), host);
                // Hosting is a fact, not a count: weight 1 however often it is cited.
                self.edges
                    .entry(edge_key(resource, domain, EdgeKind::HostedOn))
                    .or_insert(1);
                self.record_use(domain, post_node);
                bump(&mut self.nodes[domain].attrs, Attr::Citations);
            }
        }

        for link in &post.post_links {
            self.pending_links
                .push((post_node, post.path.clone(), link.target.clone(), link.line));
        }
    }

    /// Resolves links between posts and freezes the graph. Returns it with the diagnostics found.
    pub fn finish(mut self) -> (KnowledgeGraph, Vec<Diagnostic>) {
        for (from, path, target, line) in std::mem::take(&mut self.pending_links) {
            match self.post_index.resolve(&path, &target) {
                Some(to) if to != from => self.add_edge(from, to, EdgeKind::LinksTo, 1),
                Some(_) => {}
                None => self.diagnostics.push(Diagnostic::warning(
                    &path,
                    Some(line),
                    unresolved_link_message(&target),
                )),
            }
        }
        for (node, posts) in self.nodes.iter_mut().zip(&self.posts_of) {
            if node.kind() != NodeKind::Post && !posts.is_empty() {
                node.attrs
                    .insert(Attr::Posts, AttrValue::Int(posts.len() as i64));
            }
        }
        // Everything but nodes and edges goes before the frozen graph is built beside them.
        let GraphBuilder {
            nodes,
            index,
            edges,
            posts_of,
            resource_label,
            pending_links,
            post_index,
            diagnostics,
        } = self;
        drop((index, posts_of, resource_label, pending_links, post_index));
        let edges = edges
            .into_iter()
            .map(|((s, t, kind), weight)| (s, t, Edge { kind, weight }))
            .collect();
        (
            KnowledgeGraph::from_compact_parts(nodes, edges),
            diagnostics,
        )
    }

    /// Adds `weight` occurrences of `kind` from node `from` to node `to`.
    fn add_edge(&mut self, from: usize, to: usize, kind: EdgeKind, weight: u32) {
        *self.edges.entry(edge_key(from, to, kind)).or_insert(0) += weight;
    }

    fn upsert(&mut self, id: NodeId, label: &str) -> usize {
        let hash = FxBuildHasher.hash_one(&id);
        let nodes = &self.nodes;
        if let Some(&i) = self.index.find(hash, |&i| nodes[i as usize].id == id) {
            return i as usize;
        }
        let i = self.nodes.len();
        self.nodes.push(Node {
            id,
            label: label.to_string(),
            attrs: Attrs::new(),
        });
        self.posts_of.push(Vec::new());
        let nodes = &self.nodes;
        let position = u32::try_from(i).expect("fewer than 2³² nodes");
        self.index.insert_unique(hash, position, |&j| {
            FxBuildHasher.hash_one(&nodes[j as usize].id)
        });
        i
    }

    /// Records that `post` uses node `node`.
    fn record_use(&mut self, node: usize, post: usize) {
        let posts = &mut self.posts_of[node];
        if posts.last() != Some(&post) {
            posts.push(post);
        }
    }

    /// Adds one occurrence of `kind` from `from` to `to` and records that `post` uses `to`.
    fn link(&mut self, from: usize, to: usize, kind: EdgeKind, post: usize) {
        self.record_use(to, post);
        if from != to {
            self.add_edge(from, to, kind, 1);
        }
    }

    fn add_resource(&mut self, citation: &crate::extract::Citation) -> usize {
        let id = NodeId::new(NodeKind::Resource, &citation.key);
        let label = citation.label.as_deref().unwrap_or(&citation.raw);
        // Its `url` attribute is its id key, derived when read (`Node::attributes`).
        let node = self.upsert(id, label);
        // A caption beats link text, which beats the bare URL; otherwise the first one stays.
        if let Some(text) = &citation.label {
            let better = match self.resource_label.get(&node) {
                None => true,
                Some(&best) => citation.label_source < best,
            };
            if better {
                self.resource_label.insert(node, citation.label_source);
                self.nodes[node].label = text.clone();
            }
        }
        bump(&mut self.nodes[node].attrs, Attr::Citations);
        node
    }

    fn set_post_attrs(&mut self, node: usize, post: &PostRecord) {
        let attrs = &mut self.nodes[node].attrs;
        attrs.insert(Attr::Path, AttrValue::text(post.path.clone()));
        if let Some(date) = &post.date {
            attrs.insert(Attr::Date, AttrValue::text(date.clone()));
        }
        if !post.categories.is_empty() {
            attrs.insert(Attr::Category, AttrValue::text(post.categories.join("; ")));
        }
        if !post.tags.is_empty() {
            attrs.insert(Attr::Tags, AttrValue::text(post.tags.join("; ")));
        }
        if let Some(series) = &post.series {
            attrs.insert(Attr::Series, AttrValue::text(series.name.clone()));
            attrs.insert(Attr::Part, AttrValue::Int(i64::from(series.part)));
        }
    }
}

/// The key of an edge in [`GraphBuilder::edges`].
fn edge_key(from: usize, to: usize, kind: EdgeKind) -> (u32, u32, EdgeKind) {
    let position = |i: usize| u32::try_from(i).expect("fewer than 2³² nodes");
    (position(from), position(to), kind)
}

/// The message of the warning about a link to a post that is not in the corpus.
fn unresolved_link_message(target: &str) -> String {
    format!("link to `{target}` matches no post of the corpus")
}

/// The link target named by an [`unresolved_link_message`], for reports that list broken links.
pub fn unresolved_link_target(message: &str) -> Option<&str> {
    message
        .strip_prefix("link to `")?
        .strip_suffix("` matches no post of the corpus")
}

/// Identity of a category, tag or series: case-folded, inner whitespace collapsed.
fn key_of(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn bump(attrs: &mut Attrs, attr: Attr) {
    let entry = attrs.get_or_insert_with(attr, || AttrValue::Int(0));
    if let AttrValue::Int(n) = entry {
        *n += 1;
    }
}

/// A node whose text can mention keywords, as handed to the keyword stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityText<'a> {
    /// The node, for [`GraphBuilder::add_keyword_edge`].
    pub entity: EntityRef,
    /// Post, topic or resource.
    pub kind: NodeKind,
    /// Title, heading, or caption / link text.
    pub text: &'a str,
    /// The distinct posts using the node (opaque numbers, sorted; a post uses itself).
    pub posts: Cow<'a, [usize]>,
}

/// A node of a graph under construction, handed out to the keyword stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityRef(usize);

/// The keyword layer's access: entity texts out, keyword nodes and edges in.
impl GraphBuilder {
    /// Every post title, topic heading and resource caption or link text, in insertion order.
    ///
    /// A resource whose only label is its URL has no text and is left out.
    pub fn entity_texts(&self) -> Vec<EntityText<'_>> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(i, node)| match node.kind() {
                NodeKind::Post | NodeKind::Topic => true,
                NodeKind::Resource => self.resource_label.contains_key(i),
                _ => false,
            })
            .map(|(i, node)| EntityText {
                entity: EntityRef(i),
                kind: node.kind(),
                text: &node.label,
                posts: match node.kind() {
                    NodeKind::Post => Cow::Owned(vec![i]),
                    _ => Cow::Borrowed(&self.posts_of[i]),
                },
            })
            .collect()
    }

    /// Adds (or finds) the keyword node keyed `key`, with `label` and `attrs`.
    pub fn add_keyword(
        &mut self,
        key: &str,
        label: &str,
        attrs: impl IntoIterator<Item = (Attr, AttrValue)>,
    ) -> EntityRef {
        let node = self.upsert(NodeId::new(NodeKind::Keyword, key), label);
        self.nodes[node].attrs.extend(attrs);
        EntityRef(node)
    }

    /// Adds `weight` occurrences of a `kind` edge from `from` to `to` (self-loops are dropped).
    pub fn add_keyword_edge(
        &mut self,
        from: EntityRef,
        to: EntityRef,
        kind: EdgeKind,
        weight: u32,
    ) {
        if from != to && weight > 0 {
            self.add_edge(from.0, to.0, kind, weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unresolved_link_messages_give_back_their_target() {
        let message = unresolved_link_message("/ml/2017/08/30/a.html#x");
        assert_eq!(
            unresolved_link_target(&message),
            Some("/ml/2017/08/30/a.html#x")
        );
        assert_eq!(unresolved_link_target("heading without text skipped"), None);
    }
}
