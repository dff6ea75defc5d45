//! Turns post records into a knowledge graph: get-or-insert nodes, merged weighted edges.

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::extract::{without_fragment, LabelSource, PermalinkPattern, PostLink, PostRecord};
use crate::text::folded_key;

use super::edge::{Edge, EdgeKind};
use super::graph::KnowledgeGraph;
use super::links::{PostIndex, Resolution};
use super::node::{Attr, AttrValue, Attrs, Node, NodeId, NodeKind};
use super::topics::{PendingTopics, PostOutline, StructuralHeading};

/// Accumulates posts, in the order given, into a graph.
///
/// Add posts in a fixed order (sorted by path) so labels chosen by
/// "first seen" are the same on every run.
#[derive(Debug, Default)]
pub(crate) struct GraphBuilder {
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
    pending_links: Vec<PendingLink>,
    /// Outlines and citations waiting for the corpus-wide decision on structural headings.
    pending_topics: PendingTopics,
    /// `--structural-share`, in percent (0: no heading is structural).
    structural_share: u8,
    /// Posts added.
    post_count: usize,
    post_index: PostIndex,
    diagnostics: Vec<Diagnostic>,
}

impl GraphBuilder {
    /// An empty builder.
    pub(crate) fn new() -> Self {
        GraphBuilder::default()
    }

    /// Adds one post with its topics, resources, domains, categories, tags and series.
    pub(crate) fn add_post(&mut self, post: &PostRecord) {
        let post_node = self.upsert(NodeId::new(NodeKind::Post, &post.path), &post.title);
        self.set_post_attrs(post_node, post);
        self.post_index.insert(post_node, post);

        for category in &post.categories {
            let node = self.upsert(
                NodeId::new(NodeKind::Category, folded_key(category)),
                category,
            );
            self.link(post_node, node, EdgeKind::InCategory, post_node);
        }
        for tag in &post.tags {
            let node = self.upsert(NodeId::new(NodeKind::Tag, folded_key(tag)), tag);
            self.link(post_node, node, EdgeKind::Tagged, post_node);
        }
        for (child, parent) in &post.tag_parents {
            let child = self.upsert(NodeId::new(NodeKind::Tag, folded_key(child)), child);
            let parent = self.upsert(NodeId::new(NodeKind::Tag, folded_key(parent)), parent);
            // A post tagged `a/b` uses `a` too.
            self.record_use(parent, post_node);
            self.link(parent, child, EdgeKind::Subtag, post_node);
        }
        if let Some(series) = &post.series {
            let node = self.upsert(
                NodeId::new(NodeKind::Series, folded_key(&series.name)),
                &series.name,
            );
            self.link(post_node, node, EdgeKind::InSeries, post_node);
        }

        let mut citations = Vec::with_capacity(post.citations.len());
        for citation in &post.citations {
            let resource = self.add_resource(citation);
            self.record_use(resource, post_node);
            citations.push((resource, citation.section));
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
        self.pending_topics
            .add(post_node, &post.sections, citations);
        self.post_count += 1;

        for link in &post.post_links {
            self.pending_links.push(PendingLink {
                from: post_node,
                shown_path: post.shown_path.clone(),
                path: post.path.clone(),
                link: link.clone(),
            });
        }
    }

    /// Also reads links to site paths with `pattern` (`--permalink`).
    pub(crate) fn set_permalink_pattern(&mut self, pattern: PermalinkPattern) {
        self.post_index.set_permalink_pattern(pattern);
    }

    /// Sets `--structural-share`: headings in at least `percent` % of the posts are no topics.
    pub(crate) fn set_structural_share(&mut self, percent: u8) {
        self.structural_share = percent;
    }

    /// Adds the topics of every post added so far, once the corpus decided which headings are
    /// structural, with their `has_topic`, `subtopic` and `cites` edges. Every citation also gives
    /// its post a `cites` edge to the resource, so the post that made it is never lost. Returns
    /// the structural headings, most recurring first.
    pub(crate) fn add_topics(&mut self) -> Vec<StructuralHeading> {
        let pending = std::mem::take(&mut self.pending_topics);
        let (outlines, structural) = pending.settle(self.structural_share, self.post_count);
        for outline in &outlines {
            self.add_outline(outline);
        }
        structural
    }

    fn add_outline(&mut self, outline: &PostOutline) {
        let post_node = outline.post;
        let topics: Vec<Option<usize>> = outline
            .sections
            .iter()
            .zip(&outline.kept)
            .map(|(s, &kept)| kept.then(|| self.add_topic(s)))
            .collect();
        for (section, &topic) in outline.sections.iter().zip(&topics) {
            let Some(topic) = topic else { continue };
            self.link(post_node, topic, EdgeKind::HasTopic, post_node);
            if let Some(parent) = section.parent.and_then(|p| topics[p]) {
                self.link(parent, topic, EdgeKind::Subtopic, post_node);
            }
        }
        for &(resource, section) in &outline.citations {
            self.add_edge(post_node, resource, EdgeKind::Cites, 1);
            if let Some(topic) = section.and_then(|s| topics[s]) {
                self.add_edge(topic, resource, EdgeKind::Cites, 1);
            }
        }
    }

    /// The topic node of `section`, its `level` the smallest seen.
    fn add_topic(&mut self, section: &crate::extract::Section) -> usize {
        let node = self.upsert(NodeId::new(NodeKind::Topic, &section.key), &section.heading);
        let level = i64::from(section.level);
        let attrs = &mut self.nodes[node].attrs;
        let smaller = match attrs.get(&Attr::Level) {
            Some(AttrValue::Int(l)) => level < *l,
            _ => true,
        };
        if smaller {
            attrs.insert(Attr::Level, AttrValue::Int(level));
        }
        node
    }

    /// Resolves links between posts and freezes the graph. Returns it with the diagnostics found.
    pub(crate) fn finish(mut self) -> (KnowledgeGraph, Vec<Diagnostic>) {
        if !self.pending_topics.is_empty() {
            self.add_topics();
        }
        self.resolve_links();
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
            pending_topics,
            structural_share: _,
            post_count: _,
            post_index,
            diagnostics,
        } = self;
        drop((
            index,
            posts_of,
            resource_label,
            pending_links,
            pending_topics,
            post_index,
        ));
        let edges = edges
            .into_iter()
            .map(|((s, t, kind), weight)| (s, t, Edge { kind, weight }))
            .collect();
        (
            KnowledgeGraph::from_compact_parts(nodes, edges),
            diagnostics,
        )
    }

    /// Turns the pending links into `links_to` and `embeds` edges, to posts or to `missing`
    /// notes; a link to a page that does not exist is warned about once per target and file.
    fn resolve_links(&mut self) {
        let pending = std::mem::take(&mut self.pending_links);
        let resolutions = self
            .post_index
            .resolve_all(pending.iter().map(|p| ((p.from, p.path.as_str()), &p.link)));
        let mut warned = std::collections::HashSet::new();
        for (pending, resolution) in pending.iter().zip(resolutions) {
            let kind = if pending.link.embed {
                EdgeKind::Embeds
            } else {
                EdgeKind::LinksTo
            };
            match resolution {
                Resolution::Post(to) => {
                    if to != pending.from {
                        self.add_edge(pending.from, to, kind, 1);
                    }
                }
                Resolution::Missing { key, label } => {
                    let note = self.upsert(NodeId::new(NodeKind::Missing, key), &label);
                    self.link(pending.from, note, kind, pending.from);
                }
                Resolution::Nothing => {}
                Resolution::Unresolved => {
                    let page = without_fragment(&pending.link.target);
                    if warned.insert((&pending.shown_path, page)) {
                        self.diagnostics.push(Diagnostic::warning(
                            &pending.shown_path,
                            Some(pending.link.line),
                            DiagnosticKind::UnresolvedLink {
                                target: pending.link.target.clone(),
                            },
                        ));
                    }
                }
            }
        }
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
        if let Some(updated) = &post.updated {
            attrs.insert(Attr::Updated, AttrValue::text(updated.clone()));
        }
        if post.draft {
            attrs.insert(Attr::Draft, AttrValue::Int(1));
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

/// A link to another post, resolved once every post is known.
#[derive(Debug)]
struct PendingLink {
    /// The linking post's node.
    from: usize,
    /// The linking post's path (relative links resolve from it).
    path: String,
    /// The linking post as the user named it, for the diagnostic.
    shown_path: String,
    /// The link as written.
    link: PostLink,
}

fn bump(attrs: &mut Attrs, attr: Attr) {
    let entry = attrs.get_or_insert_with(attr, || AttrValue::Int(0));
    if let AttrValue::Int(n) = entry {
        *n += 1;
    }
}

/// A node whose text can mention keywords, as handed to the keyword stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityText<'a> {
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
pub(crate) struct EntityRef(usize);

/// The keyword layer's access: entity texts out, keyword nodes and edges in.
impl GraphBuilder {
    /// Every post title, topic heading and resource caption or link text, in insertion order.
    ///
    /// A resource whose only label is its URL has no text and is left out.
    pub(crate) fn entity_texts(&self) -> Vec<EntityText<'_>> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(i, node)| match node.kind() {
                NodeKind::Post | NodeKind::Topic => true,
                NodeKind::Resource => self
                    .resource_label
                    .get(i)
                    .is_some_and(|&source| source != LabelSource::AltText),
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
    pub(crate) fn add_keyword(
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
    pub(crate) fn add_keyword_edge(
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
