"""The merge of `kgraph extract`'s tables on Spark equals `kgraph build`: the corpus extracted
in shards (its files dealt out in turn, so that links cross shards), merged in this process,
gives the same node ids, kinds, labels and own attributes (keywords' `doc_freq` and `score`
too), and the same edge multiset. On the repository's sample posts, on each test fixture's input
folder, and on the shared corpora when they are there; with the keyword options and with
`--no-keywords`; once through the command line with the metrics too.
"""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from compare import differences, load_kgraph
from conftest import REPO, SPARK_DIR, kgraph_binary

SHARED = REPO.parent / "shared" / "corpus"
FIXTURES = sorted(p.parent.name for p in (REPO / "tests" / "fixtures").glob("*/input") if p.is_dir())
CORPORA = {
    "data": REPO / "data",
    **{f"fixture-{name}": REPO / "tests" / "fixtures" / name / "input" for name in FIXTURES},
    "akf": SHARED / "akf" / "_posts",
}
# Larger corpora, run when KGRAPH_SPARK_LARGE is set.
LARGE = {name: SHARED / name for name in ("foam", "dendron", "rustbook", "weekly")}
NODE_COLUMNS = ("kind", "label", "path", "date", "updated", "draft", "category", "tags", "series",
                "part", "level", "url", "citations", "posts", "doc_freq", "score")


def extract_in_shards(corpus: Path, out: Path, shards: int = 2, options=()) -> Path:
    """`kgraph extract` over `corpus`, its files dealt out to `shards` runs into one folder."""
    from kgspark.extracting import markdown_files

    files = markdown_files(str(corpus))
    for shard in range(shards):
        listed = "".join(f"{name}\n" for name in files[shard::shards])
        subprocess.run(
            [str(kgraph_binary()), "extract", "--files-from", "-", "--root", str(corpus), "-o", str(out),
             "--shard", str(shard), "--quiet", *options],
            input=listed, text=True, check=True, cwd=corpus, capture_output=True,
        )
    return out


def build_json(corpus: Path, out: Path, options=()) -> Path:
    """`kgraph build`'s node-link JSON for `corpus`."""
    subprocess.run(
        [str(kgraph_binary()), "build", str(corpus), "-o", str(out), "--no-cache", "--quiet", *options],
        check=True, capture_output=True,
    )
    return out


def graph_differences(graph_json: Path, nodes, edges) -> dict:
    """Per aspect, how many nodes or edges differ from kgraph's (only aspects that differ),
    with a few examples under `examples`."""
    want_nodes, want_edges = load_kgraph(graph_json)
    got_nodes = {row["id"]: row.asDict() for row in nodes}
    found, examples = Counter(), []
    found["duplicate ids"] = len(nodes) - len(got_nodes)
    for node_id in want_nodes.keys() - got_nodes.keys():
        found[f"missing {want_nodes[node_id]['kind']} nodes"] += 1
        examples.append(f"missing {node_id}")
    for node_id in got_nodes.keys() - want_nodes.keys():
        found[f"extra {got_nodes[node_id]['kind']} nodes"] += 1
        examples.append(f"extra {node_id}")
    for node_id in sorted(want_nodes.keys() & got_nodes.keys()):
        want, got = want_nodes[node_id], got_nodes[node_id]
        for column in NODE_COLUMNS:
            if want.get(column) != got.get(column):
                found[f"{want['kind']} {column}"] += 1
                examples.append(f"{node_id}: {column} {got.get(column)!r}, kgraph {want.get(column)!r}")
    got_edges = Counter((r["src"], r["dst"], r["kind"], r["weight"]) for r in edges)
    for edge, n in (want_edges - got_edges).items():
        found[f"missing {edge[2]} edges"] += n
        examples.append(f"missing edge {edge}")
    for edge, n in (got_edges - want_edges).items():
        found[f"extra {edge[2]} edges"] += n
        examples.append(f"extra edge {edge}")
    result = {k: v for k, v in found.items() if v}
    if result:
        result["examples"] = examples[:12]
    return result


def merged(spark, tables: Path, keywords=None):
    from kgspark.inputs import read_extracts
    from kgspark.keywords import KeywordSettings
    from kgspark.merge import merge_extracts

    settings = KeywordSettings(kgraph=str(kgraph_binary()), **(keywords or {}))
    graph = merge_extracts(read_extracts(spark, [str(tables)]), keywords=settings)
    return graph.nodes.collect(), graph.edges.collect()


def check_corpus(spark, tmp_path, folder: Path):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    graph_json = build_json(folder, tmp_path / "graph.json")
    nodes, edges = merged(spark, extract_in_shards(folder, tmp_path / "tables"))
    want_nodes, want_edges = load_kgraph(graph_json)
    print(f"{folder}: {len(want_nodes)} nodes, {sum(want_edges.values())} edges in kgraph's graph")
    assert graph_differences(graph_json, nodes, edges) == {}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_merged_extracts_equal_kgraphs_graph(spark, tmp_path, corpus):
    check_corpus(spark, tmp_path, CORPORA[corpus])


@pytest.mark.skipif(not os.environ.get("KGRAPH_SPARK_LARGE"), reason="set KGRAPH_SPARK_LARGE to run")
@pytest.mark.parametrize("corpus", sorted(LARGE))
def test_merged_extracts_of_large_corpora(spark, tmp_path, corpus):
    check_corpus(spark, tmp_path, LARGE[corpus])


def test_keyword_options_and_no_keywords(spark, tmp_path):
    """`--listed-only`, `--min-shared`, `--max-keywords`, `--cooccurrence` and user lists give
    kgraph's keywords; tables extracted with `--no-keywords` give no keyword layer."""
    from kgspark.ranking import Limits

    corpus = REPO / "data"
    terms = tmp_path / "terms.txt"
    terms.write_text("知识图谱\nknowledge graph\n")
    lists = ("--keywords", str(terms))
    tables = extract_in_shards(corpus, tmp_path / "tables", options=lists)
    cases = {
        "listed": (["--listed-only"], {"listed_only": True}),
        "limits": (["--min-shared", "3", "--max-keywords", "12", "--cooccurrence"],
                   {"limits": Limits(min_shared=3, max_keywords=12, cooccurrence=True)}),
    }
    for name, (options, settings) in cases.items():
        graph_json = build_json(corpus, tmp_path / f"{name}.json", [*lists, *options])
        nodes, edges = merged(spark, tables, settings)
        assert any(n["kind"] == "keyword" for n in nodes), name
        assert graph_differences(graph_json, nodes, edges) == {}, name

    graph_json = build_json(corpus, tmp_path / "none.json", ["--no-keywords"])
    nodes, edges = merged(spark, extract_in_shards(corpus, tmp_path / "none", options=["--no-keywords"]))
    assert not any(n["kind"] == "keyword" for n in nodes)
    assert graph_differences(graph_json, nodes, edges) == {}


def test_three_shards_merge_as_two(spark, tmp_path):
    two = merged(spark, extract_in_shards(REPO / "data", tmp_path / "two", shards=2))
    three = merged(spark, extract_in_shards(REPO / "data", tmp_path / "three", shards=3))
    assert sorted(map(tuple, two[0])) == sorted(map(tuple, three[0]))
    assert sorted(map(tuple, two[1])) == sorted(map(tuple, three[1]))


def test_the_command_line_merges_extracts_and_computes_the_metrics(spark, tmp_path):
    tables = extract_in_shards(REPO / "data", tmp_path / "tables")
    graph_json = build_json(REPO / "data", tmp_path / "graph.json")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(SPARK_DIR / "kgraph_spark.py"), "--from-extracts", str(tables), "--out", str(out),
         "--master", "local[2]", "--kgraph", str(kgraph_binary())],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    nodes = spark.read.parquet(str(out / "nodes")).collect()
    edges = spark.read.parquet(str(out / "edges")).collect()
    assert differences(graph_json, nodes, edges) == []


def test_the_command_line_extracts_markdown_partition_by_partition(spark, tmp_path):
    graph_json = build_json(REPO / "data", tmp_path / "graph.json")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(SPARK_DIR / "kgraph_spark.py"), "--from-markdown", str(REPO / "data"),
         "--out", str(out), "--master", "local[2]", "--kgraph", str(kgraph_binary())],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert len(list((out / "extract" / "posts").glob("part-in0-*.parquet"))) == 2
    nodes = spark.read.parquet(str(out / "nodes")).collect()
    edges = spark.read.parquet(str(out / "edges")).collect()
    assert differences(graph_json, nodes, edges) == []
