"""The Spark stage's output equals `kgraph build`'s: the same nodes (ids, kinds, labels, own
attributes) and edges (src, dst, kind, weight), identical degrees and components, PageRank
within 1e-5 relative. On the repository's sample posts, on the shared blog corpus when it is
there, and once through the command line on a `local-cluster` master (separate executor JVMs).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare import differences
from conftest import REPO, SPARK_DIR, build_json

AKF = REPO.parent / "shared" / "corpus" / "akf" / "_posts"
CORPORA = {"data": REPO / "data", "akf": AKF}


def run_stage(spark, graph_json: Path, out: Path):
    """The stages of kgraph_spark.py in this process: (node rows, edge rows, Annotated)."""
    from kgspark.inputs import read_graph
    from kgspark.merge import merge
    from kgspark.metrics import annotate
    from kgspark.write import write_tables

    result = annotate(merge([read_graph(spark, str(graph_json))]), checkpoint_every=3)
    write_tables(result.graph, str(out))
    nodes = spark.read.parquet(str(out / "nodes")).collect()
    edges = spark.read.parquet(str(out / "edges")).collect()
    return nodes, edges, result


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_spark_metrics_equal_kgraphs(spark, tmp_path, corpus):
    folder = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    graph_json = build_json(folder, tmp_path / "graph.json")
    nodes, edges, result = run_stage(spark, graph_json, tmp_path / "out")
    assert nodes and edges
    assert differences(graph_json, nodes, edges) == []
    assert result.pagerank_steps > 1 and result.component_steps >= 1


def test_the_parquet_tables_read_back_give_the_same_metrics(spark, tmp_path):
    graph_json = build_json(REPO / "data", tmp_path / "graph.json")
    run_stage(spark, graph_json, tmp_path / "first")
    nodes, edges, _ = run_stage(spark, tmp_path / "first", tmp_path / "second")
    assert differences(graph_json, nodes, edges) == []


def test_the_command_line_on_a_local_cluster(spark, tmp_path):
    """Two executors of one core and 1 GiB each, in JVMs of their own."""
    import pyspark

    graph_json = build_json(REPO / "data", tmp_path / "graph.json")
    env = dict(os.environ, SPARK_HOME=os.path.dirname(pyspark.__file__), PYSPARK_PYTHON=sys.executable)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(SPARK_DIR / "kgraph_spark.py"), str(graph_json), "--out", str(out),
         "--master", "local-cluster[2,1,1024]"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert "nodes" in run.stdout
    nodes = spark.read.parquet(str(out / "nodes")).collect()
    edges = spark.read.parquet(str(out / "edges")).collect()
    assert differences(graph_json, nodes, edges) == []
