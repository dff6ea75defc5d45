//! The tables `kgraph extract` writes, column by column: the contract its readers rely on
//! (documented in docs/EXTRACT.md, which a test holds to this file).

/// Written as `kgraph.extract_schema_version` into every file; bumped on any change below.
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// The Parquet key-value metadata entry that holds [`SCHEMA_VERSION`].
pub(crate) const SCHEMA_VERSION_KEY: &str = "kgraph.extract_schema_version";

/// The Parquet key-value metadata entry that identifies the options the rows depend on.
pub(crate) const OPTIONS_KEY: &str = "kgraph.extract_options";

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    /// UTF-8 text.
    Utf8,
    /// 64-bit signed integer.
    Int64,
    /// 32-bit signed integer.
    Int32,
    /// Boolean.
    Bool,
    /// A list of UTF-8 texts (the list itself never null, its items never null).
    Utf8List,
}

impl ColumnType {
    /// The name docs/EXTRACT.md gives the type.
    #[cfg(test)]
    pub(crate) fn doc_name(self) -> &'static str {
        match self {
            ColumnType::Utf8 => "string",
            ColumnType::Int64 => "int64",
            ColumnType::Int32 => "int32",
            ColumnType::Bool => "bool",
            ColumnType::Utf8List => "list<string>",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) name: &'static str,
    pub(crate) ty: ColumnType,
    pub(crate) nullable: bool,
}

/// One table: a folder of part files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [Column],
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: false,
    }
}

const fn opt(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: true,
    }
}

use ColumnType::{Bool, Int32, Int64, Utf8, Utf8List};

pub(crate) const POSTS: Table = Table {
    name: "posts",
    columns: &[
        col("path", Utf8),
        col("slug", Utf8),
        opt("file_date", Utf8),
        col("title", Utf8),
        col("title_source", Utf8),
        opt("date", Utf8),
        opt("updated", Utf8),
        opt("created", Utf8),
        col("categories", Utf8List),
        col("tags", Utf8List),
        opt("series", Utf8),
        opt("series_key", Utf8),
        opt("series_part", Int64),
        opt("permalink", Utf8),
        opt("front_matter_slug", Utf8),
        opt("url", Utf8),
        col("aliases", Utf8List),
        opt("weight", Int64),
        col("draft", Bool),
        col("jekyll_post", Bool),
        col("note_path_key", Utf8),
        col("note_name_key", Utf8),
        col("slug_key", Utf8),
        opt("permalink_key", Utf8),
        opt("front_matter_slug_key", Utf8),
        col("site_url_key", Utf8),
        opt("site_url_key_without_language", Utf8),
        col("alias_url_keys", Utf8List),
    ],
};

pub(crate) const HEADINGS: Table = Table {
    name: "headings",
    columns: &[
        col("path", Utf8),
        col("index", Int32),
        opt("parent", Int32),
        col("level", Int32),
        col("heading", Utf8),
        col("key", Utf8),
        col("template_key", Utf8),
        col("heading_path", Utf8List),
        col("line", Int64),
    ],
};

pub(crate) const CITATIONS: Table = Table {
    name: "citations",
    columns: &[
        col("path", Utf8),
        col("index", Int32),
        col("url_key", Utf8),
        col("raw_url", Utf8),
        opt("host", Utf8),
        opt("label", Utf8),
        opt("label_source", Utf8),
        opt("label_rank", Int32),
        opt("section", Int32),
        col("heading_path", Utf8List),
        col("line", Int64),
    ],
};

pub(crate) const LINKS: Table = Table {
    name: "links",
    columns: &[
        col("path", Utf8),
        col("index", Int32),
        col("target", Utf8),
        col("kind", Utf8),
        col("embed", Bool),
        opt("alternative", Utf8),
        opt("section", Int32),
        col("line", Int64),
        col("page", Utf8),
        col("decoded", Utf8),
        opt("joined_path", Utf8),
        col("note_key", Utf8),
        opt("alternative_note_key", Utf8),
        col("url_key", Utf8),
        col("is_attachment", Bool),
    ],
};

pub(crate) const TAGS: Table = Table {
    name: "tags",
    columns: &[
        col("path", Utf8),
        col("kind", Utf8),
        col("position", Int32),
        col("name", Utf8),
        col("key", Utf8),
        opt("parent", Utf8),
        opt("parent_key", Utf8),
    ],
};

pub(crate) const BOOK_CHAPTERS: Table = Table {
    name: "book_chapters",
    columns: &[
        col("path", Utf8),
        col("position", Int32),
        col("chapter_path", Utf8),
        col("title", Utf8),
    ],
};

pub(crate) const KEYWORD_TOKENS: Table = Table {
    name: "keyword_tokens",
    columns: &[
        col("path", Utf8),
        col("text", Utf8),
        col("mode", Utf8),
        col("position", Int32),
        col("key", Utf8),
        opt("surface", Utf8),
        col("listed", Bool),
        col("joined", Bool),
        col("partial", Bool),
    ],
};

pub(crate) const VOCABULARY: Table = Table {
    name: "vocabulary",
    columns: &[
        col("role", Utf8),
        col("key", Utf8),
        opt("written", Utf8),
        opt("canonical", Utf8),
    ],
};

pub(crate) const DIAGNOSTICS: Table = Table {
    name: "diagnostics",
    columns: &[
        col("path", Utf8),
        opt("line", Int64),
        col("severity", Utf8),
        col("kind", Utf8),
        col("message", Utf8),
    ],
};

/// Every table, in the order they are written and documented.
pub(crate) const TABLES: [Table; 9] = [
    POSTS,
    HEADINGS,
    CITATIONS,
    LINKS,
    TAGS,
    BOOK_CHAPTERS,
    KEYWORD_TOKENS,
    VOCABULARY,
    DIAGNOSTICS,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// (column, type, nullable).
    type Documented = (String, String, bool);

    /// (table, its columns) as docs/EXTRACT.md lists them.
    fn documented() -> Vec<(String, Vec<Documented>)> {
        let doc = include_str!("../../docs/EXTRACT.md");
        let mut tables: Vec<(String, Vec<Documented>)> = Vec::new();
        for line in doc.lines() {
            if let Some(name) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
                tables.push((name.to_string(), Vec::new()));
                continue;
            }
            let cells: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let Some(column) = cells[0]
                .strip_prefix("| `")
                .and_then(|c| c.strip_suffix('`'))
            else {
                continue;
            };
            if let (Some((_, columns)), [_, ty, nullable, ..]) = (tables.last_mut(), &cells[..]) {
                columns.push((column.to_string(), ty.to_string(), *nullable == "yes"));
            }
        }
        tables
    }

    #[test]
    fn the_document_gives_every_table_and_column_as_written() {
        let expected: Vec<(String, Vec<Documented>)> = TABLES
            .iter()
            .map(|t| {
                let columns = t
                    .columns
                    .iter()
                    .map(|c| (c.name.to_string(), c.ty.doc_name().to_string(), c.nullable));
                (t.name.to_string(), columns.collect())
            })
            .collect();
        assert_eq!(documented(), expected);
    }
}
