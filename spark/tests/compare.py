"""What "equal to kgraph" means for the Spark stage's output, checked against kgraph's JSON."""

import json
from collections import Counter
from pathlib import Path

from kgspark.schema import METRIC_COLUMNS, NODE_ATTRIBUTES

# kgraph writes PageRank to six significant digits (a relative error up to 5e-6).
PAGERANK_RELATIVE = 1e-5

EXACT = [name for name, _ in NODE_ATTRIBUTES] + [m for m in METRIC_COLUMNS if m != "pagerank"]


def load_kgraph(path: Path):
    """kgraph's nodes by id and its edges, from node-link JSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = Counter((e["source"], e["target"], e["kind"], e["weight"]) for e in data["edges"])
    return nodes, edges


def differences(kgraph_json: Path, spark_nodes, spark_edges) -> list:
    """Every way the Spark tables (lists of Rows) differ from kgraph's graph; empty if none."""
    want_nodes, want_edges = load_kgraph(kgraph_json)
    got_nodes = {row["id"]: row.asDict() for row in spark_nodes}
    problems = []
    if len(got_nodes) != len(spark_nodes):
        problems.append(f"{len(spark_nodes) - len(got_nodes)} duplicate node ids")
    missing, extra = want_nodes.keys() - got_nodes.keys(), got_nodes.keys() - want_nodes.keys()
    if missing or extra:
        problems.append(f"node ids: {len(missing)} missing (e.g. {sorted(missing)[:3]}), {len(extra)} extra")
    for node_id in sorted(want_nodes.keys() & got_nodes.keys()):
        want, got = want_nodes[node_id], got_nodes[node_id]
        for column in ["kind", "label", *EXACT]:
            if want.get(column) != got.get(column):
                problems.append(f"{node_id}: {column} {got.get(column)!r}, kgraph {want.get(column)!r}")
        if abs(got["pagerank"] - want["pagerank"]) > PAGERANK_RELATIVE * want["pagerank"]:
            problems.append(f"{node_id}: pagerank {got['pagerank']}, kgraph {want['pagerank']}")
        if len(problems) > 20:
            return problems
    got_edges = Counter((r["src"], r["dst"], r["kind"], r["weight"]) for r in spark_edges)
    if got_edges != want_edges:
        problems.append(
            f"edges: {sum((want_edges - got_edges).values())} missing, {sum((got_edges - want_edges).values())} extra"
        )
    return problems
