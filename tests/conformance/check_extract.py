"""Reads the tables of `kgraph extract` with pyarrow and holds them to docs/EXTRACT.md.

Usage: check_extract.py DIR docs/EXTRACT.md [GRAPH.json]

Every table the document lists must be a folder of part files that pyarrow reads, each file with
`kgraph.extract_schema_version` = 2 in its metadata, the document's columns in its order with its
types and nullability, and no null in a column the document says is never null. With the JSON
graph `kgraph build` wrote of the same corpus (default options), the rules the document gives the
corpus-wide consumer must give its post titles, resource labels and topics.
"""

import json
import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

VERSION_KEY = b"kgraph.extract_schema_version"
OPTIONS_KEY = b"kgraph.extract_options"
TYPES = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "bool": pa.bool_(),
    "list<string>": pa.list_(pa.field("item", pa.string(), nullable=False)),
}


def documented(doc):
    """{table: [(column, type, nullable)]} from the document's column tables."""
    tables, current = {}, None
    for line in doc.splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
            continue
        row = re.match(r"\| `(\w+)` \| ([^|]+) \| (yes|no) \|", line)
        if row and current is not None:
            current.append((row.group(1), row.group(2).strip(), row.group(3) == "yes"))
    return tables


def check_table(root, table, columns, options):
    parts = sorted(p for p in (root / table).glob("part-*.parquet") if not p.name.startswith("."))
    assert parts, f"{table}: no part file"
    expected = pa.schema([pa.field(n, TYPES[t], nullable=nul) for n, t, nul in columns])
    rows = 0
    for part in parts:
        meta = pq.ParquetFile(part).metadata.metadata or {}
        assert meta.get(VERSION_KEY) == b"2", f"{part}: schema version {meta.get(VERSION_KEY)}"
        assert meta.get(OPTIONS_KEY, b"").startswith(b"extract="), f"{part}: no options"
        options.add(meta[OPTIONS_KEY])
        got = pq.read_schema(part)
        assert got.remove_metadata().equals(expected), f"{part}:\n{got}\n!=\n{expected}"
        data = pq.read_table(part)
        for name, _, nullable in columns:
            if not nullable:
                assert data.column(name).null_count == 0, f"{part}: nulls in {name}"
        rows += data.num_rows
    whole = ds.dataset(root / table, format="parquet").to_table()
    assert whole.num_rows == rows, f"{table}: the dataset has {whole.num_rows} rows, parts {rows}"
    return rows


def rows(root, table, *order):
    """The rows of `table` in file order (paths byte-wise), then by the `order` columns."""
    data = ds.dataset(root / table, format="parquet").to_table().to_pylist()
    return sorted(data, key=lambda r: (r["path"].encode(), *(r[c] for c in order)))


def check_against_graph(root, graph_path):
    """Post titles, resource labels and topics by the consumer rules of docs/EXTRACT.md."""
    graph = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in graph["nodes"]}
    chapters = {}
    for r in rows(root, "book_chapters", "position"):
        chapters.setdefault(r["chapter_path"], r["title"])
    posts = rows(root, "posts")
    for p in posts:
        want = chapters.get(p["path"], p["title"])
        assert nodes["post:" + p["path"]]["label"] == want, f"title of {p['path']}"
    best = {}
    for c in rows(root, "citations", "index"):
        rank, _ = best.setdefault(c["url_key"], (3, c["raw_url"]))
        if c["label"] is not None and c["label_rank"] < rank:
            best[c["url_key"]] = (c["label_rank"], c["label"])
    for key, (_, label) in best.items():
        assert nodes["resource:" + key]["label"] == label, f"label of {key}"
    headings = rows(root, "headings", "index")
    posts_with = {}
    for h in headings:
        posts_with.setdefault(h["template_key"], set()).add(h["path"])
    structural = {
        k for k, ps in posts_with.items() if len(ps) >= 5 and len(ps) * 100 >= 10 * len(posts)
    }
    topics = {}
    for h in headings:
        if h["template_key"] not in structural:
            topics.setdefault(h["key"], h["heading"])
    in_graph = {i[len("topic:"):]: n["label"] for i, n in nodes.items() if n["kind"] == "topic"}
    assert topics == in_graph, f"topics differ: {set(topics) ^ set(in_graph)}"
    print(f"ok consumer rules: {len(posts)} titles, {len(best)} resource labels, {len(topics)} topics")


def main():
    root, doc = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
    tables = documented(doc)
    assert tables, "no table in the document"
    on_disk = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert on_disk == sorted(tables), f"tables on disk {on_disk}, documented {sorted(tables)}"
    options = set()
    for table, columns in tables.items():
        rows = check_table(root, table, columns, options)
        print(f"ok {table}: {rows} rows, {len(columns)} columns")
    assert len(options) == 1, f"part files written with different options: {options}"
    if len(sys.argv) > 3:
        check_against_graph(root, sys.argv[3])


if __name__ == "__main__":
    main()
