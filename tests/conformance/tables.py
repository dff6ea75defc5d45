#!/usr/bin/env python3
"""Conformance checks for kgraph's folder formats, run with their real consumers.

- `--parquet DIR` (`kgraph build -o DIR --format parquet`): pyarrow reads `DIR/nodes` and
  `DIR/edges`; row counts, column types, the schema version and every value must equal what
  kgraph's JSON export of the same graph says.
- `--neo4j DIR` (`kgraph build -o DIR --format neo4j`): Python's csv module reads every file
  (one record per line, as many fields as the header), then LadybugDB runs `schema.cypher` into
  a new database and answers Cypher queries — nodes per label, relationships per type, the top
  10 resources by number of `cites` edges, and the 2-hop neighbourhood of the keyword with the
  most edges — each compared with the same answer computed from the JSON.

Prints one line per check (PASS/FAIL), the LadybugDB timings, and a last line
`N passed, M failed`; exits 1 if any check failed.

    tables.py --json out/graph.json [--parquet out/tables] [--neo4j out/neo4j]

Needs pyarrow and ladybug (see requirements.txt). A missing module is a failure, never a skip.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from check import CheckFailed, Report, counter_difference, expect_equal, require_module

# The node object keys of the JSON export that are no attribute: the look.
JSON_LOOK = {"size", "color"}
TOP = 10


class Graph:
    """kgraph's JSON export of a graph, with what the checks ask of it."""

    def __init__(self, path: Path) -> None:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.nodes: list[dict] = data["nodes"]
        self.edges: list[dict] = data["edges"]
        self.by_id = {n["id"]: n for n in self.nodes}

    def attributes(self, node: dict) -> dict:
        return {k: v for k, v in node.items() if k not in {"id", "kind", "label"} | JSON_LOOK}

    def edge_rows(self) -> collections.Counter:
        return collections.Counter(
            (e["source"], e["target"], e["kind"], e["weight"]) for e in self.edges
        )

    def top_cited(self) -> list[tuple[str, int]]:
        counts = collections.Counter(e["target"] for e in self.edges if e["kind"] == "cites")
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]

    def busiest_keyword(self) -> str | None:
        degree = collections.Counter()
        for e in self.edges:
            degree[e["source"]] += 1
            degree[e["target"]] += 1
        keywords = [n["id"] for n in self.nodes if n["kind"] == "keyword"]
        return min(keywords, key=lambda k: (-degree[k], k), default=None)

    def two_hops(self, start: str) -> set[str]:
        """The nodes one or two edges from `start`, either way, `start` left out."""
        around = collections.defaultdict(set)
        for e in self.edges:
            around[e["source"]].add(e["target"])
            around[e["target"]].add(e["source"])
        near = set(around[start])
        for n in list(near):
            near |= around[n]
        near.discard(start)
        return near


# --------------------------------------------------------------------------- Parquet


def arrow_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "double"
    return "string"


def check_parquet(report: Report, folder: Path, graph: Graph) -> None:
    ok, tables = report.run("parquet: pyarrow reads nodes/ and edges/", read_parquet, folder)
    if not ok:
        return
    nodes, edges = tables
    report.run("parquet: row counts", check_row_counts, nodes, edges, graph)
    report.run("parquet: schema version", check_schema_version, nodes, edges)
    report.run("parquet: column types", check_column_types, nodes, edges, graph)
    report.run("parquet: node values equal the JSON's", check_node_values, nodes, graph)
    report.run("parquet: edges equal the JSON's", check_edge_values, edges, graph)


def read_parquet(folder: Path) -> tuple[Any, Any]:
    pq = require_module("pyarrow.parquet")
    return pq.read_table(folder / "nodes"), pq.read_table(folder / "edges")


def check_row_counts(nodes: Any, edges: Any, graph: Graph) -> None:
    expect_equal("node rows", nodes.num_rows, len(graph.nodes))
    expect_equal("edge rows", edges.num_rows, len(graph.edges))


def check_schema_version(nodes: Any, edges: Any) -> None:
    for name, table in (("nodes", nodes), ("edges", edges)):
        metadata = table.schema.metadata or {}
        expect_equal(f"{name} kgraph.schema_version", metadata.get(b"kgraph.schema_version"), b"1")


def check_column_types(nodes: Any, edges: Any, graph: Graph) -> None:
    types = {f.name: (str(f.type), f.nullable) for f in nodes.schema}
    for name in ("id", "kind", "label"):
        expect_equal(f"node column {name}", types.get(name), ("string", False))
    seen = {}
    for node in graph.nodes:
        for key, value in graph.attributes(node).items():
            seen.setdefault(key, set()).add(arrow_kind(value))
    for key, kinds in sorted(seen.items()):
        if key not in types:
            raise CheckFailed(f"no node column for the JSON attribute {key!r}")
        column_type, nullable = types[key]
        # A real column can hold whole numbers; a whole-number column nothing else.
        allowed = {"double": {"double", "int64"}, "int64": {"int64"}, "string": {"string"}}
        if not nullable or not kinds <= allowed.get(column_type, set()):
            raise CheckFailed(f"column {key!r} is {column_type} (nullable={nullable}), JSON has {kinds}")
    edge_types = [(f.name, str(f.type)) for f in edges.schema]
    want = [("src", "string"), ("dst", "string"), ("kind", "string"), ("weight", "int64")]
    expect_equal("edge columns", edge_types, want)


def check_node_values(nodes: Any, graph: Graph) -> None:
    rows = nodes.to_pylist()
    wrong = []
    for row in rows:
        node = graph.by_id.get(row["id"])
        if node is None:
            wrong.append(f"unknown id {row['id']!r}")
            continue
        got = {k: v for k, v in row.items() if v is not None and k not in {"id", "kind", "label"}}
        want = graph.attributes(node)
        if (row["kind"], row["label"], got) != (node["kind"], node["label"], want):
            wrong.append(f"{row['id']}: {got} vs {want}")
    if wrong:
        raise CheckFailed(f"{len(wrong)} rows differ, e.g. {wrong[:2]}")


def check_edge_values(edges: Any, graph: Graph) -> None:
    got = collections.Counter(
        (r["src"], r["dst"], r["kind"], r["weight"]) for r in edges.to_pylist()
    )
    counter_difference(got, graph.edge_rows())


# --------------------------------------------------------------------------- Neo4j / LadybugDB


def check_neo4j(report: Report, folder: Path, graph: Graph) -> None:
    report.run("neo4j: every CSV file is one record per line", check_csv_files, folder)
    ok, db = report.run("neo4j: LadybugDB runs schema.cypher", load_ladybug, folder)
    if not ok:
        return
    conn, seconds = db
    print(f"     LadybugDB: schema.cypher loaded {len(graph.nodes)} nodes and "
          f"{len(graph.edges)} edges in {seconds:.2f} s")
    report.run("neo4j: nodes per label", check_label_counts, conn, graph)
    report.run("neo4j: relationships per type", check_type_counts, conn, graph)
    report.run(f"neo4j: top {TOP} resources by cites edges", check_top_cited, conn, graph)
    keyword = graph.busiest_keyword()
    if keyword is not None:
        report.run(f"neo4j: 2-hop neighbourhood of {keyword}", check_two_hops, conn, graph, keyword)


def check_csv_files(folder: Path) -> None:
    files = sorted((folder / "nodes").glob("*.csv")) + sorted((folder / "relationships").glob("*.csv"))
    if not files:
        raise CheckFailed("no CSV file")
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.read().count("\n")
            f.seek(0)
            records = list(csv.reader(f))
        if lines != len(records):
            raise CheckFailed(f"{path.name}: {len(records)} records on {lines} lines")
        width = len(records[0])
        bad = [i for i, r in enumerate(records) if len(r) != width]
        if bad:
            raise CheckFailed(f"{path.name}: record {bad[0]} has {len(records[bad[0]])} fields, not {width}")


def load_ladybug(folder: Path) -> tuple[Any, float]:
    lb = require_module("ladybug")
    db_dir = tempfile.mkdtemp(prefix="kgraph-ladybug-")
    script = (folder / "schema.cypher").read_text(encoding="utf-8")
    statements = [
        "\n".join(line for line in s.splitlines() if not line.startswith("//")).strip()
        for s in script.split(";\n")
    ]
    conn = lb.Connection(lb.Database(os.path.join(db_dir, "db")))
    here = os.getcwd()
    os.chdir(folder)  # schema.cypher's COPY paths are relative to its folder
    try:
        started = time.perf_counter()
        for statement in filter(None, statements):
            conn.execute(statement)
        return conn, time.perf_counter() - started
    finally:
        os.chdir(here)


def rows(conn: Any, query: str, parameters: dict | None = None) -> list[list]:
    result = conn.execute(query, parameters or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def check_label_counts(conn: Any, graph: Graph) -> None:
    got = collections.Counter({label: n for label, n in rows(conn, "MATCH (n) RETURN label(n), count(*)")})
    want = collections.Counter(n["kind"].capitalize() for n in graph.nodes)
    counter_difference(got, want)


def check_type_counts(conn: Any, graph: Graph) -> None:
    got = collections.Counter({t: n for t, n in rows(conn, "MATCH ()-[e]->() RETURN label(e), count(*)")})
    want = collections.Counter(e["kind"].upper() for e in graph.edges)
    counter_difference(got, want)


def timed_rows(conn: Any, what: str, query: str, parameters: dict) -> list[list]:
    """`rows(...)`, printing how long LadybugDB took to answer."""
    started = time.perf_counter()
    answer = rows(conn, query, parameters)
    print(f"     LadybugDB: {what} in {time.perf_counter() - started:.3f} s")
    return answer


def check_top_cited(conn: Any, graph: Graph) -> None:
    got = timed_rows(
        conn,
        "top cited",
        "MATCH ()-[c:CITES]->(r:Resource) RETURN r.id, count(c) AS n ORDER BY n DESC, r.id LIMIT $top",
        {"top": TOP},
    )
    expect_equal("top cited", [tuple(r) for r in got], graph.top_cited())


def check_two_hops(conn: Any, graph: Graph, keyword: str) -> None:
    got = timed_rows(
        conn,
        "2-hop neighbourhood",
        "MATCH (k:Keyword)-[*1..2]-(n) WHERE k.id = $id AND n.id <> $id RETURN DISTINCT n.id",
        {"id": keyword},
    )
    got_ids = {r[0] for r in got}
    want = graph.two_hops(keyword)
    if got_ids != want:
        raise CheckFailed(
            f"{len(got_ids)} nodes, want {len(want)}: missing {sorted(want - got_ids)[:3]}, "
            f"unexpected {sorted(got_ids - want)[:3]}"
        )
    if not want:
        raise CheckFailed("an empty neighbourhood proves nothing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="kgraph's JSON export of the graph")
    parser.add_argument("--parquet", type=Path, help="a --format parquet folder of the same graph")
    parser.add_argument("--neo4j", type=Path, help="a --format neo4j folder of the same graph")
    args = parser.parse_args(argv)
    graph = Graph(args.json)
    report = Report()
    if args.parquet:
        check_parquet(report, args.parquet, graph)
    if args.neo4j:
        check_neo4j(report, args.neo4j.resolve(), graph)
    print(report.summary())
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
