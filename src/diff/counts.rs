//! How many nodes or edges were added, removed and changed, in all and by kind.

use std::collections::BTreeMap;

use serde::Serialize;

/// What happened to a node or an edge between the two graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub(crate) const ALL: [Change; 3] = [Change::Added, Change::Removed, Change::Changed];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// How many were added, removed and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Added.
    pub added: usize,
    /// Removed.
    pub removed: usize,
    /// Changed.
    pub changed: usize,
}

impl Tally {
    /// Added, removed and changed together.
    pub fn sum(&self) -> usize {
        self.added + self.removed + self.changed
    }

    /// How many were `change`d.
    pub(crate) fn get(&self, change: Change) -> usize {
        match change {
            Change::Added => self.added,
            Change::Removed => self.removed,
            Change::Changed => self.changed,
        }
    }

    fn bump(&mut self, change: Change) {
        match change {
            Change::Added => self.added += 1,
            Change::Removed => self.removed += 1,
            Change::Changed => self.changed += 1,
        }
    }
}

/// The [`Tally`] of one node kind or relation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// The node kind or relation.
    pub kind: String,
    /// Its counts.
    #[serde(flatten)]
    pub tally: Tally,
}

/// The counts of nodes (or of edges): in all, then by kind in legend order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// In all.
    #[serde(flatten)]
    pub total: Tally,
    /// By kind or relation, only those with a change.
    pub by_kind: Vec<KindCounts>,
}

impl Counts {
    /// The counts of the kinds of what was added, removed and changed, ordered by `rank`.
    pub(crate) fn of<'a>(
        added: impl Iterator<Item = &'a str>,
        removed: impl Iterator<Item = &'a str>,
        changed: impl Iterator<Item = &'a str>,
        rank: fn(&str) -> (usize, &str),
    ) -> Counts {
        let mut by_kind: BTreeMap<(usize, &str), KindCounts> = BTreeMap::new();
        let mut total = Tally::default();
        let tagged = (added.map(|k| (k, Change::Added)))
            .chain(removed.map(|k| (k, Change::Removed)))
            .chain(changed.map(|k| (k, Change::Changed)));
        for (kind, change) in tagged {
            let counts = by_kind.entry(rank(kind)).or_insert_with(|| KindCounts {
                kind: kind.to_string(),
                ..KindCounts::default()
            });
            counts.tally.bump(change);
            total.bump(change);
        }
        Counts {
            total,
            by_kind: by_kind.into_values().collect(),
        }
    }
}
