"""Reads the tables of `kgraph extract` with pyarrow and holds them to docs/EXTRACT.md.

Usage: check_extract.py DIR docs/EXTRACT.md

Every table the document lists must be a folder of part files that pyarrow reads, each file with
`kgraph.extract_schema_version` = 1 in its metadata, the document's columns in its order with its
types and nullability, and no null in a column the document says is never null.
"""

import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

VERSION_KEY = b"kgraph.extract_schema_version"
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


def check_table(root, table, columns):
    parts = sorted(p for p in (root / table).glob("part-*.parquet") if not p.name.startswith("."))
    assert parts, f"{table}: no part file"
    expected = pa.schema([pa.field(n, TYPES[t], nullable=nul) for n, t, nul in columns])
    rows = 0
    for part in parts:
        meta = pq.ParquetFile(part).metadata.metadata or {}
        assert meta.get(VERSION_KEY) == b"1", f"{part}: schema version {meta.get(VERSION_KEY)}"
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


def main():
    root, doc = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
    tables = documented(doc)
    assert tables, "no table in the document"
    on_disk = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert on_disk == sorted(tables), f"tables on disk {on_disk}, documented {sorted(tables)}"
    for table, columns in tables.items():
        print(f"ok {table}: {check_table(root, table, columns)} rows, {len(columns)} columns")


if __name__ == "__main__":
    main()
