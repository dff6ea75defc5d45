"""One graph out of the inputs, for the metrics stage.

A whole kgraph graph is handed on as it is. The per-file tables of `kgraph extract` (from any
number of folders, shards and processes) are merged into the graph `kgraph build` builds: post
nodes and their categories, tags and series (`posts.py`), topics, resources and domains
(`topics.py`), links between posts resolved against the whole corpus (`links.py`), and, when
the tables hold keyword tokens, the keyword layer (`keywords.py`).
Every choice is an order-free minimum over (file order, position in the file), never the order
rows arrive in. Edge occurrences are summed per (src, dst, kind) into the weight (`hosted_on`
occurs once per resource and domain); a node's `posts` attribute counts the distinct posts
using it.
"""

from typing import Optional, Sequence

from pyspark.sql import functions as F

from .graph import Graph
from .inputs import Extracts
from .keywords import KeywordSettings, keyword_pieces
from .links import link_pieces
from .permalinks import Permalinks
from .pieces import union
from .posts import post_pieces, taxonomy_pieces
from .schema import EDGE_SCHEMA, NODE_SCHEMA
from .topics import topic_pieces

# kgraph's default `--structural-share`, in percent.
DEFAULT_STRUCTURAL_SHARE = 10


class MergeError(ValueError):
    """Inputs that cannot be made into one graph."""


def merge(graphs: Sequence[Graph]) -> Graph:
    """The one graph given; several whole graphs are refused (their union needs kgraph's rules:
    links resolved across files, labels chosen, weights that are not all counts)."""
    if len(graphs) != 1:
        raise MergeError(
            f"expected one kgraph graph, got {len(graphs)}: merging graphs is not supported; "
            "give the graph kgraph built from all the posts, or the tables `kgraph extract` wrote"
        )
    return graphs[0]


def merge_extracts(extracts: Extracts, structural_share: int = DEFAULT_STRUCTURAL_SHARE,
                   keywords: Optional[KeywordSettings] = None, permalinks: Optional[Permalinks] = None) -> Graph:
    """The graph `kgraph build --structural-share P` builds from the posts whose tables
    `extracts` holds, with the keyword options of `keywords` (`None`: `--no-keywords`) and the
    `--permalink` pattern of `permalinks` (`None`: none)."""
    duplicates = extracts.posts.groupBy("path").count().where(F.col("count") > 1).limit(3).collect()
    if duplicates:
        names = ", ".join(row["path"] for row in duplicates)
        raise MergeError(f"posts extracted more than once (overlapping shards?): {names}")
    pieces = [
        post_pieces(extracts),
        taxonomy_pieces(extracts),
        topic_pieces(extracts, structural_share),
        link_pieces(extracts, permalinks),
    ]
    if keywords is not None:
        pieces.append(keyword_pieces(extracts, pieces, keywords))
    nodes = union([p.nodes for p in pieces])
    uses = union([p.uses for p in pieces]).groupBy("id").agg(F.countDistinct("path").alias("posts"))
    nodes = nodes.join(uses, "id", "left").select(
        [F.col(f.name).cast(f.dataType) for f in NODE_SCHEMA]
    )
    edges = (
        union([p.edges for p in pieces])
        .groupBy("src", "dst", "kind").agg(F.sum("weight").alias("weight"))
        .select([F.col(f.name).cast(f.dataType) for f in EDGE_SCHEMA])
    )
    warnings = union([p.warnings for p in pieces]).orderBy("path", "line", "message")
    return Graph(nodes, edges, warnings)

