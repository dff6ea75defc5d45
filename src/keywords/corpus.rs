//! The segmented corpus, interned: every distinct key or surface string is stored once and tokens are
//! small ids, so the corpus-wide passes (phrases, statistics) hash integers instead of strings.

use rustc_hash::FxHashMap;

use super::segment::Token;

/// Index of an interned string.
pub(crate) type Id = u32;

/// One token of an entity's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Canonical key.
    pub key: Id,
    /// The text as it appeared (equal to `key` when they do not differ).
    pub surface: Id,
    /// Named by a term list.
    pub listed: bool,
    /// Directly follows the previous token (see [`Token::joined`]).
    pub joined: bool,
    /// Only usable as part of a phrase (see [`Token::partial`]).
    pub partial: bool,
}

/// Every entity's tokens, in entity order, over one string table.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    strings: Vec<String>,
    index: FxHashMap<String, Id>,
    /// Tokens of each entity, in text order.
    pub entities: Vec<Vec<Tok>>,
}

impl Corpus {
    /// Interns the tokens of every entity.
    #[cfg(test)]
    pub(crate) fn new(entities: Vec<Vec<Token>>) -> Self {
        let mut corpus = Corpus::default();
        corpus.extend(entities);
        corpus
    }

    /// Interns the tokens of more entities, which follow the ones already in.
    pub(crate) fn extend(&mut self, entities: Vec<Vec<Token>>) {
        self.entities.reserve(entities.len());
        for tokens in entities {
            let toks = tokens
                .into_iter()
                .map(|t| {
                    let key = self.intern(&t.key);
                    let surface = t.surface.map_or(key, |s| self.intern(&s));
                    Tok {
                        key,
                        surface,
                        listed: t.listed,
                        joined: t.joined,
                        partial: t.partial,
                    }
                })
                .collect();
            self.entities.push(toks);
        }
    }

    /// Number of interned strings: every id is below it.
    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    /// The string of `id`.
    pub(crate) fn str(&self, id: Id) -> &str {
        &self.strings[id as usize]
    }

    /// The id of `s`, if interned.
    #[cfg(test)]
    pub(crate) fn id_of(&self, s: &str) -> Option<Id> {
        self.index.get(s).copied()
    }

    /// The id of `s`, interning it if needed.
    pub(crate) fn intern(&mut self, s: &str) -> Id {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = Id::try_from(self.strings.len()).expect("fewer than 2³² distinct words");
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_an_id() {
        let mut a = Token::discovered("gan".into(), Some("GAN".into()));
        a.listed = true;
        let b = Token::discovered("gan".into(), None);
        let mut corpus = Corpus::new(vec![vec![a], vec![b]]);
        let (x, y) = (corpus.entities[0][0], corpus.entities[1][0]);
        assert_eq!(x.key, y.key);
        assert_eq!(corpus.str(x.surface), "GAN");
        assert_eq!(y.surface, y.key);
        assert!(x.listed && !y.listed);
        assert_eq!(corpus.intern("GAN"), x.surface);
        assert_eq!(corpus.len(), 2);
        assert_eq!(corpus.id_of("gan"), Some(x.key));
    }
}
