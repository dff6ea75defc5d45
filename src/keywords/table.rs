//! What `kgraph keywords` prints: the ranked keywords as a table for people or JSON for programs.
//!
//! # Format
//!
//! The table starts with the languages of the corpus's keyword texts and their shares, then has one
//! header line, then one line per keyword, best first; the keyword comes last so that wide (CJK)
//! characters cannot break the alignment:
//!
//! ```text
//! languages: zh 92 %, en 8 %
//! rank  doc_freq  posts  mentions     score  source  keyword
//!    1        57     21        61    87.654  list    贝叶斯
//! ```
//!
//! `source` is `list` for terms named by a term list or the alias table, `auto` for discovered ones.
//! The JSON form is one object:
//!
//! ```json
//! {"schema_version": 1, "entities": 23891, "candidates": 4120,
//!  "languages": [{"language": "zh", "share": 0.92}, {"language": "en", "share": 0.08}],
//!  "keywords": [{"rank": 1, "id": "keyword:贝叶斯", "keyword": "贝叶斯", "listed": true,
//!                "doc_freq": 57, "posts": 21, "mentions": 61, "score": 87.654}]}
//! ```

use std::fmt::Write as _;

use serde::Serialize;

use super::KeywordRanking;

/// Version of the JSON layout; bumped on incompatible changes.
const SCHEMA_VERSION: u32 = 1;

/// The ranking as an aligned text table, ending with a newline.
pub(crate) fn to_table(ranking: &KeywordRanking) -> String {
    let mut out = format!("languages: {}\n", ranking.languages.describe());
    out.push_str("rank  doc_freq  posts  mentions     score  source  keyword\n");
    for (i, k) in ranking.keywords.iter().enumerate() {
        let source = if k.listed { "list" } else { "auto" };
        let _ = writeln!(
            out,
            "{:>4}  {:>8}  {:>5}  {:>8}  {:>8.3}  {:<6}  {}",
            i + 1,
            k.entities,
            k.posts,
            k.mentions,
            k.score,
            source,
            k.label
        );
    }
    out
}

#[derive(Serialize)]
struct JsonRanking<'a> {
    schema_version: u32,
    entities: usize,
    candidates: usize,
    languages: Vec<JsonLanguage>,
    keywords: Vec<JsonKeyword<'a>>,
}

#[derive(Serialize)]
struct JsonLanguage {
    /// ISO 639-1 code.
    language: &'static str,
    /// Share of the keyword texts, rounded to two decimals.
    share: f64,
}

#[derive(Serialize)]
struct JsonKeyword<'a> {
    rank: usize,
    id: String,
    keyword: &'a str,
    listed: bool,
    doc_freq: usize,
    posts: usize,
    mentions: usize,
    score: f64,
}

/// The ranking as pretty-printed JSON, ending with a newline.
pub(crate) fn to_json(ranking: &KeywordRanking) -> String {
    let dto = JsonRanking {
        schema_version: SCHEMA_VERSION,
        entities: ranking.entities,
        candidates: ranking.candidates,
        languages: ranking
            .languages
            .shares
            .iter()
            .map(|&(language, share)| JsonLanguage {
                language: language.code(),
                share: (share * 100.0).round() / 100.0,
            })
            .collect(),
        keywords: ranking
            .keywords
            .iter()
            .enumerate()
            .map(|(i, k)| JsonKeyword {
                rank: i + 1,
                id: format!("keyword:{}", k.key),
                keyword: &k.label,
                listed: k.listed,
                doc_freq: k.entities,
                posts: k.posts,
                mentions: k.mentions,
                score: k.score,
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&dto).unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::Keyword;

    fn ranking() -> KeywordRanking {
        KeywordRanking {
            keywords: vec![Keyword {
                key: "贝叶斯".into(),
                label: "贝叶斯".into(),
                listed: true,
                entities: 57,
                posts: 21,
                mentions: 61,
                score: 87.654,
            }],
            entities: 100,
            candidates: 4,
            languages: crate::keywords::language::Languages::detect(["贝叶斯方法"]),
        }
    }

    #[test]
    fn table_aligns_numbers_and_ends_with_the_keyword() {
        let table = to_table(&ranking());
        let lines: Vec<_> = table.lines().collect();
        assert_eq!(lines[0], "languages: zh 100 %");
        assert_eq!(
            lines[2],
            "   1        57     21        61    87.654  list    贝叶斯"
        );
        assert_eq!(lines[1].find("keyword"), lines[2].find("贝叶斯"));
    }

    #[test]
    fn json_names_ids_and_counts() {
        let value: serde_json::Value = serde_json::from_str(&to_json(&ranking())).unwrap();
        assert_eq!(value["schema_version"], 1);
        assert_eq!(value["languages"][0]["language"], "zh");
        assert_eq!(value["languages"][0]["share"], 1.0);
        assert_eq!(value["keywords"][0]["id"], "keyword:贝叶斯");
        assert_eq!(value["keywords"][0]["doc_freq"], 57);
        assert_eq!(value["keywords"][0]["score"], 87.654);
    }
}
