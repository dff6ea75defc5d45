"""The algorithm stage: a `Graph` in, the same graph out with every node's degrees, PageRank
and weakly connected component, each computed as `kgraph build` computes it.

kgraph's `community` and `community_label` are not computed: they come from Louvain on the
graph without its structural hubs, and Spark has no distributed Louvain or Leiden. Label
propagation (GraphFrames' `labelPropagation`) is a different algorithm that would give
different groups under the same name, so no community column is written.
"""

from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from . import graphframes
from .components import components
from .degree import degrees
from .graph import Graph
from .pagerank import pagerank
from .positions import id_order, number_rows
from .schema import EDGE_KINDS, METRIC_COLUMNS


class GraphError(ValueError):
    """A graph the metrics cannot be computed on."""


@dataclass
class Annotated:
    """The graph with its metrics, and how they were found."""

    graph: Graph
    nodes: int
    edges: int
    pagerank_steps: int
    components_by: str
    component_steps: int


def annotate(graph: Graph, checkpoint_every: int = 5, graphframes_use: str = "auto") -> Annotated:
    """`graph` with the metric columns (`METRIC_COLUMNS`) after each node's own columns.

    `graphframes_use` is `auto` (GraphFrames for components when its classes load), `never`,
    or `always` (fail without it). Nodes come out in kgraph's id order, edges in its
    (source, target, relation) order.
    """
    spark = graph.nodes.sparkSession
    nodes = number_rows(graph.nodes, id_order(graph.nodes), "pos").localCheckpoint(eager=True)
    node_count = nodes.count()
    if nodes.select("id").distinct().count() != node_count:
        raise GraphError("node ids are not unique")
    ids = nodes.select("id", "pos")
    edges = (
        graph.edges.join(ids.select(F.col("id").alias("src"), F.col("pos").alias("s")), "src")
        .join(ids.select(F.col("id").alias("dst"), F.col("pos").alias("d")), "dst")
        .localCheckpoint(eager=True)
    )
    edge_count = edges.count()
    if graph.edges.count() != edge_count:
        raise GraphError("some edges name a node the graph does not have")
    links = edges.select("s", "d", F.col("weight").alias("w"))
    use_graphframes = _want_graphframes(spark, graphframes_use)

    degree = degrees(nodes, links)
    rank, rank_steps = pagerank(nodes, links, node_count, checkpoint_every)
    component, how, component_steps = components(nodes, links, checkpoint_every, use_graphframes)

    own = [c for c in graph.nodes.columns if c not in METRIC_COLUMNS]
    annotated = (
        nodes.join(degree, "pos").join(rank, "pos").join(component, "pos")
        .orderBy("pos")
        .select(*own, *METRIC_COLUMNS)
    )
    edge_rank = F.array_position(F.array(*[F.lit(k) for k in EDGE_KINDS]), F.col("kind"))
    ordered_edges = edges.orderBy("s", "d", edge_rank, "kind").select(*graph.edges.columns)
    return Annotated(Graph(annotated, ordered_edges), node_count, edge_count, rank_steps, how, component_steps)


def _want_graphframes(spark, use: str) -> bool:
    if use == "never":
        return False
    found = graphframes.available(spark)
    if use == "always" and not found:
        raise GraphError(f"GraphFrames ({graphframes.GRAPHFRAME_CLASS}) is not on the classpath")
    return found
