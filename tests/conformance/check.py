#!/usr/bin/env python3
"""Conformance checks for kgraph's exports, run with the real consumers.

Loads the JSON export with NetworkX, the GraphML export with xmllint (XSD), NetworkX
and igraph, and renders the DOT export with Graphviz, then compares what each consumer
saw with the JSON export. The rules come from ../shared/docs/FORMATS.md (§1, §3, §4, §7).

Prints one line per check (PASS/FAIL) and a last line `N passed, M failed`; exits 1 if
any check failed, 2 on a usage error.

    check.py --json out/graph.json [--graphml out/graph.graphml] [--dot out/graph.dot]
             [--schemas DIR] [--expect-labels 多模态,细粒度]

Needs networkx and python-igraph (see requirements.txt) and the `xmllint` and `dot`
binaries. A missing tool is a failure, never a skip.
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCHEMAS = REPO_ROOT.parent / "shared" / "schemas"
GRAPHML_XSD = Path("graphml") / "jgrapht-flat" / "graphml.xsd"
SVG_NS = "{http://www.w3.org/2000/svg}"
LEGEND_PREFIX = "legend_"
MAX_EXAMPLES = 3  # differences quoted in a failure message

# Characters XML 1.0 forbids (FORMATS.md §0.2), plus lone surrogates: the GraphML export drops them.
XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class CheckFailed(Exception):
    """A check's verdict: the export does not conform. The message says why."""


# --------------------------------------------------------------------------- reporting


class Report:
    """Runs checks, prints one line each and counts the verdicts."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def run(self, name: str, check: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Runs `check(*args)`; it fails by raising. Returns (passed, its return value)."""
        try:
            value = check(*args)
        except CheckFailed as e:
            self._fail(name, str(e))
            return False, None
        except Exception as e:  # noqa: BLE001 -- a consumer rejecting the file is a verdict too
            self._fail(name, f"{type(e).__name__}: {e}")
            return False, None
        self.passed += 1
        print(f"PASS {name}")
        return True, value

    def _fail(self, name: str, why: str) -> None:
        self.failed += 1
        print(f"FAIL {name}: {one_line(why)}")

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"


def one_line(text: str, limit: int = 400) -> str:
    """`text` squeezed onto one line and cut to `limit` characters."""
    text = " | ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expect_equal(what: str, got: Any, want: Any) -> None:
    if got != want:
        raise CheckFailed(f"{what}: got {got}, want {want}")


def examples(items: Any) -> str:
    """The first few of `items`, for a failure message."""
    items = list(items)
    shown = ", ".join(repr(x) for x in items[:MAX_EXAMPLES])
    more = f" (+{len(items) - MAX_EXAMPLES} more)" if len(items) > MAX_EXAMPLES else ""
    return shown + more


def counter_difference(got: collections.Counter, want: collections.Counter) -> None:
    """Fails when two multisets differ, naming a few items on each side."""
    missing, extra = want - got, got - want
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {examples(missing.elements())}")
        if extra:
            parts.append(f"unexpected {examples(extra.elements())}")
        raise CheckFailed("; ".join(parts))


# --------------------------------------------------------------------------- tools


def require_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise CheckFailed(f"Python module {name!r} is not installed ({e}); see requirements.txt") from e


def require_binary(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CheckFailed(f"`{name}` not found on PATH (install the Debian package {package})")
    return path


def without_warnings(load: Callable[..., Any], *args: Any) -> Any:
    """`load(*args)`, failing if the consumer warns (igraph, for one, warns and skips undeclared keys)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = load(*args)
    if caught:
        raise CheckFailed(f"{len(caught)} warning(s): {examples(str(w.message) for w in caught)}")
    return value


def run_tool(argv: list[str], timeout: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(argv, check=False, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"`{' '.join(argv)}` timed out after {timeout:g} s") from None


def xmllint(args: list[str], path: Path, timeout: float) -> None:
    """Runs `xmllint --noout --nonet ARGS PATH`; fails on a non-zero exit."""
    exe = require_binary("xmllint", "libxml2-utils")
    proc = run_tool([exe, "--noout", "--nonet", *args, str(path)], timeout)
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        raise CheckFailed(f"xmllint exit {proc.returncode}: {stderr}")


# --------------------------------------------------------------------------- JSON


@dataclass
class JsonGraph:
    """What the JSON export says; the reference the other formats are compared to."""

    data: dict
    nodes: list
    edges: list

    @property
    def ids(self) -> list:
        return [n.get("id") for n in self.nodes if isinstance(n, dict)]

    @property
    def label_by_id(self) -> dict:
        return {n.get("id"): n.get("label") for n in self.nodes if isinstance(n, dict)}

    @property
    def labels(self) -> list:
        return [label for label in self.label_by_id.values() if isinstance(label, str)]

    def endpoint_pairs(self) -> collections.Counter:
        return collections.Counter(
            (e.get("source"), e.get("target")) for e in self.edges if isinstance(e, dict)
        )


def reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def load_json(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        data = json.load(f, parse_constant=reject_constant)
    if not isinstance(data, dict):
        raise CheckFailed(f"top level is a {type(data).__name__}, not an object")
    return data


def check_json_shape(data: dict) -> JsonGraph:
    """The node-link keys FORMATS.md §4 requires, with the right types."""
    problems = []
    for key, kind in [
        ("directed", bool),
        ("multigraph", bool),
        ("graph", dict),
        ("nodes", list),
        ("edges", list),
    ]:
        if key not in data:
            problems.append(f"missing {key!r}")
        elif not isinstance(data[key], kind):
            problems.append(f"{key!r} is a {type(data[key]).__name__}, not {kind.__name__}")
    # kgraph repeats the edge list under `links` for NetworkX 3.4-3.5 and d3 (FORMATS.md §4).
    if "links" in data and data["links"] != data.get("edges"):
        problems.append("'links' differs from 'edges'")
    if problems:
        raise CheckFailed("; ".join(problems))
    return JsonGraph(data, data["nodes"], data["edges"])


def check_directed_flag(doc: JsonGraph) -> None:
    if doc.data["directed"] is not True:
        raise CheckFailed('"directed" is not true')


def check_schema_version(doc: JsonGraph) -> None:
    version = doc.data["graph"].get("schema_version")
    if version is None or version == "":
        raise CheckFailed('graph["schema_version"] is missing')


def check_node_fields(doc: JsonGraph) -> None:
    bad = []
    for i, node in enumerate(doc.nodes):
        if not isinstance(node, dict):
            bad.append(f"nodes[{i}] is not an object")
            continue
        for field in ("id", "kind", "label"):
            if not isinstance(node.get(field), str):
                bad.append(f"nodes[{i}].{field} missing or not a string")
        if node.get("id") == "" or node.get("kind") == "":
            bad.append(f"nodes[{i}] has an empty id or kind")
    if bad:
        raise CheckFailed(f"{len(bad)} problem(s): {examples(bad)}")


def check_edge_fields(doc: JsonGraph) -> None:
    bad = []
    for i, edge in enumerate(doc.edges):
        if not isinstance(edge, dict):
            bad.append(f"edges[{i}] is not an object")
            continue
        for field in ("source", "target", "kind"):
            if not isinstance(edge.get(field), str) or edge.get(field) == "":
                bad.append(f"edges[{i}].{field} missing, empty or not a string")
        weight = edge.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight):
            bad.append(f"edges[{i}].weight is {weight!r}, not a finite number")
    if bad:
        raise CheckFailed(f"{len(bad)} problem(s): {examples(bad)}")


def check_unique_ids(doc: JsonGraph) -> None:
    repeated = [i for i, n in collections.Counter(doc.ids).items() if n > 1]
    if repeated:
        raise CheckFailed(f"{len(repeated)} repeated id(s): {examples(repeated)}")


def check_endpoints_exist(doc: JsonGraph) -> None:
    ids = set(doc.ids)
    dangling = [
        f"{e.get('source')!r} -> {e.get('target')!r}"
        for e in doc.edges
        if isinstance(e, dict) and (e.get("source") not in ids or e.get("target") not in ids)
    ]
    if dangling:
        raise CheckFailed(f"{len(dangling)} edge(s) to unknown nodes: {', '.join(dangling[:MAX_EXAMPLES])}")


def check_parallel_edges(doc: JsonGraph) -> None:
    """Multigraph: every edge has a key, unique per (source, target). Else: no parallel edges."""
    edges = [e for e in doc.edges if isinstance(e, dict)]
    if doc.data["multigraph"]:
        keyless = [i for i, e in enumerate(edges) if "key" not in e]
        if keyless:
            raise CheckFailed(f'"multigraph": true but {len(keyless)} edge(s) have no "key"')
        triples = collections.Counter((e.get("source"), e.get("target"), json.dumps(e["key"])) for e in edges)
        clashes = [t for t, n in triples.items() if n > 1]
        if clashes:
            raise CheckFailed(f"{len(clashes)} repeated (source, target, key): {examples(clashes)}")
    else:
        parallel = [p for p, n in doc.endpoint_pairs().items() if n > 1]
        if parallel:
            raise CheckFailed(
                f'"multigraph": false but {len(parallel)} parallel pair(s): {examples(parallel)}'
            )


def load_node_link(doc: JsonGraph) -> Any:
    nx = require_module("networkx")
    return without_warnings(nx.node_link_graph, doc.data)


def check_counts(what: str, nodes: int, edges: int, doc: JsonGraph) -> None:
    problems = []
    if nodes != len(doc.nodes):
        problems.append(f"{nodes} nodes, JSON has {len(doc.nodes)}")
    if edges != len(doc.edges):
        problems.append(f"{edges} edges, JSON has {len(doc.edges)}")
    if problems:
        raise CheckFailed(f"{what} sees " + "; ".join(problems))


def check_is_directed(graph: Any) -> None:
    directed = graph.is_directed()
    if not directed:
        raise CheckFailed("the graph was read as undirected")


def check_expected_label(doc: JsonGraph, text: str) -> None:
    if not any(text in label for label in doc.labels):
        raise CheckFailed(f"no node label contains {text!r}")


def check_json(report: Report, path: Path, expect_labels: list[str]) -> JsonGraph | None:
    """Runs the JSON checks; returns the document for the cross-format checks, if usable."""
    ok, data = report.run(f"json: {path} parses as a JSON object", load_json, path)
    if not ok:
        return None
    ok, doc = report.run("json: node-link keys directed/multigraph/graph/nodes/edges", check_json_shape, data)
    if not ok:
        return None
    report.run('json: "directed" is true', check_directed_flag, doc)
    report.run('json: graph["schema_version"] present', check_schema_version, doc)
    report.run("json: every node has string id, kind, label", check_node_fields, doc)
    report.run("json: every edge has source, target, kind, finite weight", check_edge_fields, doc)
    report.run("json: node ids unique", check_unique_ids, doc)
    report.run("json: every edge endpoint is a node", check_endpoints_exist, doc)
    report.run('json: edge keys consistent with "multigraph"', check_parallel_edges, doc)
    ok, graph = report.run(
        "json: networkx.node_link_graph loads it (default arguments, no warnings)", load_node_link, doc
    )
    if ok:
        report.run("json: networkx graph is directed", check_is_directed, graph)
        report.run(
            "json: networkx node/edge counts equal the JSON's",
            check_counts,
            "networkx",
            graph.number_of_nodes(),
            graph.number_of_edges(),
            doc,
        )
    for text in expect_labels:
        report.run(f"json: some node label contains {text!r}", check_expected_label, doc, text)
    return doc


# --------------------------------------------------------------------------- GraphML


def xml_visible(text: str) -> str:
    """`text` as an XML file can carry it: forbidden characters dropped (FORMATS.md §0.2)."""
    return XML_FORBIDDEN_RE.sub("", text)


def check_graphml_schema(path: Path, schemas: Path, timeout: float) -> None:
    xsd = schemas / GRAPHML_XSD
    if not xsd.is_file():
        raise CheckFailed(f"schema {xsd} not found (pass --schemas DIR)")
    xmllint(["--schema", str(xsd)], path, timeout)


def read_graphml_networkx(path: Path) -> Any:
    nx = require_module("networkx")
    return without_warnings(nx.read_graphml, path)


def read_graphml_igraph(path: Path) -> Any:
    igraph = require_module("igraph")
    return without_warnings(igraph.Graph.Read_GraphML, str(path))


def kgids_of(nodes: list[tuple[str, dict]]) -> dict:
    """GraphML node id → kgid, for nodes given as (id, data) pairs; fails on missing or repeated kgids."""
    missing = [nid for nid, data in nodes if not data.get("kgid")]
    if missing:
        raise CheckFailed(f"{len(missing)} node(s) without kgid data: {examples(missing)}")
    kgid = {nid: data["kgid"] for nid, data in nodes}
    repeated = [k for k, n in collections.Counter(kgid.values()).items() if n > 1]
    if repeated:
        raise CheckFailed(f"{len(repeated)} kgid(s) on several nodes: {examples(repeated)}")
    return kgid


def check_kgids(nodes: list[tuple[str, dict]], doc: JsonGraph) -> dict:
    kgid = kgids_of(nodes)
    counter_difference(collections.Counter(kgid.values()), collections.Counter(doc.ids))
    return kgid


def check_labels(nodes: list[tuple[str, dict]], kgid: dict, doc: JsonGraph) -> None:
    """Each node's `label` data equals its JSON label minus XML-forbidden characters.

    An empty label may be absent: NetworkX drops empty `<data>` (FORMATS.md §7)."""
    want = doc.label_by_id
    wrong = []
    for nid, data in nodes:
        expected = xml_visible(want.get(kgid[nid]) or "")
        got = data.get("label")
        if got is None and expected == "":
            continue
        if got != expected:
            wrong.append(f"{kgid[nid]!r}: {got!r} != {expected!r}")
    if wrong:
        raise CheckFailed(f"{len(wrong)} label(s) differ: {'; '.join(wrong[:MAX_EXAMPLES])}")


def check_edge_endpoints(edges: list[tuple[str, str]], kgid: dict, doc: JsonGraph) -> None:
    """The (source, target) pairs, mapped through kgid, are the JSON's, with multiplicity."""
    got = collections.Counter((kgid.get(u, u), kgid.get(v, v)) for u, v in edges)
    counter_difference(got, doc.endpoint_pairs())


def igraph_nodes(graph: Any) -> list[tuple[str, dict]]:
    """igraph vertices as (GraphML id, attributes) pairs, like NetworkX's `nodes(data=True)`."""
    names = graph.vs["id"] if "id" in graph.vs.attributes() else [str(v.index) for v in graph.vs]
    return [(name, v.attributes()) for name, v in zip(names, graph.vs)]


def igraph_edges(graph: Any, nodes: list[tuple[str, dict]]) -> list[tuple[str, str]]:
    return [(nodes[u][0], nodes[v][0]) for u, v in graph.get_edgelist()]


def check_graphml(report: Report, path: Path, schemas: Path, doc: JsonGraph | None, timeout: float) -> None:
    report.run(
        f"graphml: {path} validates against {GRAPHML_XSD} (xmllint)",
        check_graphml_schema,
        path,
        schemas,
        timeout,
    )
    readers = [
        (
            "networkx.read_graphml",
            read_graphml_networkx,
            lambda g: list(g.nodes(data=True)),
            lambda g, nodes: list(g.edges()),
        ),
        ("igraph.Graph.Read_GraphML", read_graphml_igraph, igraph_nodes, igraph_edges),
    ]
    for name, read, nodes_of, edges_of in readers:
        ok, graph = report.run(f"graphml: {name} loads it without warnings", read, path)
        if not ok:
            continue
        report.run(f"graphml: {name} reads it as directed", check_is_directed, graph)
        if doc is None:
            continue
        nodes = nodes_of(graph)
        edges = edges_of(graph, nodes)
        report.run(
            f"graphml: {name} node/edge counts equal the JSON's",
            check_counts,
            name,
            len(nodes),
            len(edges),
            doc,
        )
        ok, kgid = report.run(f"graphml: {name} kgid data is the set of JSON ids", check_kgids, nodes, doc)
        if not ok:
            continue
        report.run(f"graphml: {name} labels equal JSON labels (via kgid)", check_labels, nodes, kgid, doc)
        report.run(
            f"graphml: {name} edge endpoints equal the JSON's (via kgid)",
            check_edge_endpoints,
            edges,
            kgid,
            doc,
        )


# --------------------------------------------------------------------------- DOT


def render_svg(path: Path, svg: Path, timeout: float) -> None:
    exe = require_binary("dot", "graphviz")
    proc = run_tool([exe, "-Tsvg", str(path), "-o", str(svg)], timeout)
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise CheckFailed(f"dot exit {proc.returncode}: {stderr}")
    if stderr.strip():
        raise CheckFailed(f"dot exit 0 but wrote to stderr: {stderr}")
    if not svg.is_file():
        raise CheckFailed("dot exit 0 but wrote no SVG")


def svg_node_titles(svg: Path) -> list[str]:
    """The `<title>` of every `<g class="node">` in a Graphviz SVG."""
    titles = []
    for group in ET.parse(svg).getroot().iter(f"{SVG_NS}g"):
        if "node" in group.get("class", "").split():
            title = group.find(f"{SVG_NS}title")
            titles.append((title.text or "") if title is not None else "")
    return titles


def check_svg_node_count(svg: Path, doc: JsonGraph) -> None:
    titles = [t for t in svg_node_titles(svg) if not t.startswith(LEGEND_PREFIX)]
    expect_equal("SVG node groups (legend excluded)", len(titles), len(doc.nodes))
    repeated = [t for t, n in collections.Counter(titles).items() if n > 1]
    if repeated:
        raise CheckFailed(f"node titles repeated: {examples(repeated)}")


def check_dot(report: Report, path: Path, doc: JsonGraph | None, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="kgraph-conformance-") as tmp:
        svg = Path(tmp) / "graph.svg"
        ok, _ = report.run(
            f"dot: {path} renders with `dot -Tsvg`, exit 0, empty stderr", render_svg, path, svg, timeout
        )
        if not ok:
            return
        ok, _ = report.run("dot: SVG is well-formed XML (xmllint)", xmllint, [], svg, timeout)
        if ok and doc is not None:
            report.run(
                "dot: SVG node count equals the JSON's (legend_* excluded)", check_svg_node_count, svg, doc
            )


# --------------------------------------------------------------------------- GEXF

GEXF_RNG = Path("gexf") / "1.3" / "gexf.rng"
XML_SPACE_RE = re.compile("[ \t\n\r]+")


def gexf_visible(text: str) -> str:
    """`text` as a GEXF label carries it: forbidden characters dropped, XML white space collapsed
    (labels are `xsd:token`)."""
    return XML_SPACE_RE.sub(" ", xml_visible(text)).strip(" ")


def check_gexf_schema(path: Path, schemas: Path, timeout: float) -> None:
    rng = schemas / GEXF_RNG
    if not rng.is_file():
        raise CheckFailed(f"grammar {rng} not found (pass --schemas DIR)")
    text = path.read_text(encoding="utf-8")
    if "schemaLocation" in text:
        raise CheckFailed("xsi:schemaLocation present: the GEXF 1.3 grammar rejects it")
    xmllint(["--relaxng", str(rng)], path, timeout)


def read_gexf_networkx(path: Path) -> Any:
    nx = require_module("networkx")
    return without_warnings(nx.read_gexf, path)


def check_gexf_nodes(graph: Any, doc: JsonGraph) -> None:
    """Ids are the JSON ids and labels the JSON labels, as GEXF can carry them."""
    want = {xml_visible(i): gexf_visible(label or "") for i, label in doc.label_by_id.items()}
    got = {str(n): (data.get("label") or "") for n, data in graph.nodes(data=True)}
    counter_difference(collections.Counter(list(got)), collections.Counter(list(want)))
    wrong = [f"{i!r}: {got[i]!r} != {want[i]!r}" for i in sorted(got) if got[i] != want.get(i)]
    if wrong:
        raise CheckFailed(f"{len(wrong)} label(s) differ: {'; '.join(wrong[:MAX_EXAMPLES])}")


def check_gexf(report: Report, path: Path, schemas: Path, doc: JsonGraph | None, timeout: float) -> None:
    report.run(f"gexf: {path} validates against {GEXF_RNG} (xmllint --relaxng)", check_gexf_schema, path, schemas, timeout)
    ok, graph = report.run("gexf: networkx.read_gexf loads it without warnings", read_gexf_networkx, path)
    if not ok or doc is None:
        return
    report.run("gexf: networkx reads it as directed", check_is_directed, graph)
    report.run(
        "gexf: networkx node/edge counts equal the JSON's",
        check_counts,
        "networkx",
        graph.number_of_nodes(),
        graph.number_of_edges(),
        doc,
    )
    report.run("gexf: node ids and labels equal the JSON's", check_gexf_nodes, graph, doc)


# --------------------------------------------------------------------------- CSV


def csv_tables(path: Path) -> tuple[Path, Path]:
    """`NAME.csv` names the pair `NAME.nodes.csv`, `NAME.edges.csv`."""
    stem = path.with_suffix("")
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


def read_csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def gephi_field(text: str) -> str:
    """A field of the Gephi dialect as Gephi reads it: doubled backslashes are one backslash."""
    return text.replace("\\\\", "\\")


def check_csv(report: Report, path: Path, doc: JsonGraph | None) -> None:
    nodes_path, edges_path = csv_tables(path)
    ok, nodes = report.run(f"csv: {nodes_path} loads with Python's csv module", read_csv_rows, nodes_path)
    ok2, edges = report.run(f"csv: {edges_path} loads with Python's csv module", read_csv_rows, edges_path)
    if not (ok and ok2) or doc is None:
        return
    report.run("csv: node and edge row counts equal the JSON's", check_counts, "csv", len(nodes), len(edges), doc)

    def ids_and_labels() -> None:
        want = {xml_visible(i): xml_visible(label or "") for i, label in doc.label_by_id.items()}
        got = {gephi_field(r["Id"]): gephi_field(r["Label"]) for r in nodes}
        counter_difference(collections.Counter(list(got)), collections.Counter(list(want)))
        wrong = [i for i in got if got[i] != want.get(i)]
        if wrong:
            raise CheckFailed(f"{len(wrong)} label(s) differ: {examples(wrong)}")

    def endpoints() -> None:
        got = collections.Counter((gephi_field(r["Source"]), gephi_field(r["Target"])) for r in edges)
        want = collections.Counter((xml_visible(u), xml_visible(v)) for u, v in doc.endpoint_pairs().elements())
        counter_difference(got, want)

    report.run("csv: Id and Label columns equal the JSON's ids and labels", ids_and_labels)
    report.run("csv: Source/Target pairs equal the JSON's edges", endpoints)


# --------------------------------------------------------------------------- SVG


def svg_texts(svg: Path) -> str:
    return "\n".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG_NS}text"))


def check_svg(report: Report, path: Path, doc: JsonGraph | None, expect_labels: list[str], timeout: float) -> None:
    ok, _ = report.run(f"svg: {path} is well-formed XML (xmllint)", xmllint, [], path, timeout)
    if not ok:
        return
    if doc is not None:
        report.run("svg: node count equals the JSON's (legend_* excluded)", check_svg_node_count, path, doc)
    for text in expect_labels:

        def contains(text: str = text) -> None:
            if text not in svg_texts(path):
                raise CheckFailed(f"no <text> element holds {text!r}")

        report.run(f"svg: {text!r} is drawn as text", contains)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Validate kgraph exports with NetworkX, igraph, xmllint and Graphviz."
    )
    parser.add_argument(
        "--json",
        type=Path,
        required=True,
        metavar="F",
        help="node-link JSON export (the reference for every comparison)",
    )
    parser.add_argument("--graphml", type=Path, metavar="F", help="GraphML export")
    parser.add_argument("--gexf", type=Path, metavar="F", help="GEXF export")
    parser.add_argument("--csv", type=Path, metavar="F", help="CSV export NAME.csv (reads NAME.nodes.csv and NAME.edges.csv)")
    parser.add_argument("--svg", type=Path, metavar="F", help="SVG rendered by kgraph")
    parser.add_argument(
        "--dot", type=Path, metavar="F", help="DOT export; rendered with `dot`, so only pass small graphs"
    )
    parser.add_argument(
        "--schemas",
        type=Path,
        default=DEFAULT_SCHEMAS,
        metavar="DIR",
        help=f"schema folder (default: {DEFAULT_SCHEMAS})",
    )
    parser.add_argument(
        "--expect-labels",
        default="",
        metavar="A,B",
        help="comma-separated strings that must each occur in some node label",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600,
        metavar="SECONDS",
        help="limit for each external tool run (default: 600)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    expect_labels = [s.strip() for s in args.expect_labels.split(",") if s.strip()]
    report = Report()
    doc = check_json(report, args.json, expect_labels)
    if args.graphml:
        check_graphml(report, args.graphml, args.schemas, doc, args.timeout)
    if args.gexf:
        check_gexf(report, args.gexf, args.schemas, doc, args.timeout)
    if args.csv:
        check_csv(report, args.csv, doc)
    if args.dot:
        check_dot(report, args.dot, doc, args.timeout)
    if args.svg:
        check_svg(report, args.svg, doc, expect_labels, args.timeout)
    print(report.summary())
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
