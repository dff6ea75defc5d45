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
    return build_with_link_warnings(corpus, out, options)[0]


def build_with_link_warnings(corpus: Path, out: Path, options=()):
    """`kgraph build`'s node-link JSON for `corpus`, and (path under `corpus`, line, message) of
    each warning it gives about links, sorted."""
    run = subprocess.run(
        [str(kgraph_binary()), "build", str(corpus), "-o", str(out), "--no-cache", "--quiet", *options],
        check=True, capture_output=True, text=True,
    )
    warnings = []
    for line in run.stderr.splitlines():
        where, _, message = line.partition(": warning: ")
        if message.startswith("link to "):
            path, _, number = where.rpartition(":")
            warnings.append((os.path.relpath(path, corpus), int(number), message))
    return out, sorted(warnings)


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


def merged_graph(spark, tables: Path, keywords=None, permalink=None):
    from kgspark.inputs import read_extracts
    from kgspark.keywords import KeywordSettings
    from kgspark.merge import merge_extracts
    from kgspark.permalinks import Permalinks

    settings = KeywordSettings(kgraph=str(kgraph_binary()), **(keywords or {}))
    permalinks = Permalinks(permalink, str(kgraph_binary())) if permalink else None
    return merge_extracts(read_extracts(spark, [str(tables)]), keywords=settings, permalinks=permalinks)


def merged(spark, tables: Path, keywords=None):
    graph = merged_graph(spark, tables, keywords)
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


@pytest.mark.skipif(not os.environ.get("KGRAPH_SPARK_LARGE"), reason="set KGRAPH_SPARK_LARGE to run")
def test_the_newsletter_with_its_site_url_and_permalink_pattern(spark, tmp_path):
    """The weekly corpus as its readers would build it: links to the site's own issue pages."""
    corpus = LARGE["weekly"]
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here")
    site = ["--site-url", "https://www.ruanyifeng.com", "--site-url", "http://www.ruanyifeng.com"]
    permalink = "/blog/:year/:month/weekly-:slug.html"
    graph_json, want_warnings = build_with_link_warnings(corpus, tmp_path / "graph.json",
                                                         [*site, "--permalink", permalink])
    graph = merged_graph(spark, extract_in_shards(corpus, tmp_path / "tables", options=site), permalink=permalink)
    _, want_edges = load_kgraph(graph_json)
    print(f"{corpus}: {sum(n for e, n in want_edges.items() if e[2] == 'links_to')} links_to edges in kgraph's graph")
    assert graph_differences(graph_json, graph.nodes.collect(), graph.edges.collect()) == {}
    warnings = sorted((r["path"], r["line"], r["message"]) for r in graph.warnings.collect())
    assert warnings == want_warnings


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


LINKING_POST = """---
title: Links
---
[2021's hello](/blog/2021/01/weekly-hello.html) and [the special one](/blog/2019/12/weekly-special-one.html#top).
[A hello of no such month](/blog/2018/01/weekly-hello.html), [about](/about/), [gone](/nowhere/page.html).
[Not written yet](missing-note.md) and [gone again](missing-note.md#x).
[The site's own address](https://example.org/blog/2020/03/weekly-hello.html).

[Composed](Caf\u00e9.md), [decomposed](./Cafe\u0301.md), [encoded](Cafe%CC%81.md), [[cafe\u0301]], [[./Cafe\u0301]].
"""


def linking_corpus(root: Path) -> Path:
    """Posts whose links need `--permalink` (slugs from file names and front matter, dates),
    Unicode NFC (a name written decomposed, percent-encoded or not), and links to nothing."""
    posts = root / "posts"
    posts.mkdir(parents=True)
    (posts / "2020-03-05-hello.md").write_text("---\ntitle: Hello 2020\ndate: 2020-03-05\n---\nFirst.\n")
    (posts / "2021-01-01-hello.md").write_text("---\ntitle: Hello 2021\ndate: 2021-01-01\n---\nSecond.\n")
    (posts / "custom.md").write_text("---\ntitle: Custom\nslug: Special-One\ndate: 2019-12-01\n---\nThird.\n")
    (posts / "Caf\u00e9.md").write_text("---\ntitle: Café\n---\nCoffee.\n")
    (posts / "links.md").write_text(LINKING_POST)
    return root


@pytest.mark.parametrize("permalink", [None, "/blog/:year/:month/weekly-:slug.html"])
def test_permalinks_unicode_names_and_unresolved_links(spark, tmp_path, permalink):
    corpus = linking_corpus(tmp_path / "corpus")
    options = ["--permalink", permalink] if permalink else []
    graph_json, want_warnings = build_with_link_warnings(corpus, tmp_path / "graph.json", options)
    graph = merged_graph(spark, extract_in_shards(corpus, tmp_path / "tables", shards=3), permalink=permalink)
    assert graph_differences(graph_json, graph.nodes.collect(), graph.edges.collect()) == {}
    warnings = sorted((r["path"], r["line"], r["message"]) for r in graph.warnings.collect())
    assert warnings == want_warnings

    _, want_edges = load_kgraph(graph_json)
    to = Counter()
    for (src, dst, _, weight), n in want_edges.items():
        to[dst] += weight * n if src == "post:posts/links.md" else 0
    assert to["post:posts/Caf\u00e9.md"] == 5
    if permalink:
        assert to["post:posts/2021-01-01-hello.md"] == 1 and to["post:posts/custom.md"] == 1
        assert [w[2] for w in warnings] == ["link to `/blog/2018/01/weekly-hello.html` matches no post of the corpus",
                                            "link to `missing-note.md` matches no post of the corpus"]
    else:
        assert len(warnings) == 6


def test_the_command_line_passes_extraction_options_and_prints_kgraphs_warnings(spark, tmp_path):
    corpus = linking_corpus(tmp_path / "corpus")
    options = ["--site-url", "https://example.org", "--permalink", "/blog/:year/:month/weekly-:slug.html"]
    graph_json, want_warnings = build_with_link_warnings(corpus, tmp_path / "graph.json", options)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(SPARK_DIR / "kgraph_spark.py"), "--from-markdown", str(corpus), "--out", str(out),
         "--master", "local[2]", "--kgraph", str(kgraph_binary()), *options],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    nodes = spark.read.parquet(str(out / "nodes")).collect()
    edges = spark.read.parquet(str(out / "edges")).collect()
    assert differences(graph_json, nodes, edges) == []
    assert ("post:posts/links.md", "post:posts/2020-03-05-hello.md") in {(e["src"], e["dst"]) for e in edges}
    printed = sorted(line for line in run.stderr.splitlines() if ": warning: link to " in line)
    want = [f"{corpus / path}:{line}: warning: {message}" for path, line, message in want_warnings]
    assert printed == want and len(printed) == 2

    bad = subprocess.run(
        [sys.executable, str(SPARK_DIR / "kgraph_spark.py"), "--from-markdown", str(corpus), "--out", str(out),
         "--kgraph", str(kgraph_binary()), "--permalink", "/:year/"],
        capture_output=True, text=True, timeout=600,
    )
    assert bad.returncode == 2 and "does not name the post" in bad.stderr, bad.stderr[-2000:]


def test_parts_of_another_schema_or_other_options_are_refused(spark, tmp_path):
    import shutil

    from kgspark.inputs import ExtractsError, read_extracts

    tables = extract_in_shards(REPO / "data", tmp_path / "tables")
    read_extracts(spark, [str(tables)])
    other = extract_in_shards(REPO / "data", tmp_path / "other", options=["--no-keywords"])
    shutil.copy(next((other / "tags").glob("part-0.parquet")), tables / "tags" / "part-9.parquet")
    with pytest.raises(ExtractsError, match="extracted with other options"):
        read_extracts(spark, [str(tables)])

    (tables / "tags" / "part-9.parquet").unlink()
    spark.range(1).write.parquet(str(tmp_path / "foreign"))
    shutil.copy(next((tmp_path / "foreign").glob("part-*.parquet")), tables / "posts" / "part-9.parquet")
    with pytest.raises(ExtractsError, match="no kgraph.extract_schema_version"):
        read_extracts(spark, [str(tables)])


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
