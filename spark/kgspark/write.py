"""Writing the annotated graph as Parquet: `OUT/nodes/` and `OUT/edges/`.

Each table is written to a hidden folder beside its final place and moved there once Spark
has finished it, so a reader never finds half a table.
"""

import posixpath

from .fs import remove, replace
from .graph import Graph


def write_tables(graph: Graph, out: str) -> None:
    """Writes `graph.nodes` to `out/nodes` and `graph.edges` to `out/edges`."""
    spark = graph.nodes.sparkSession
    for name, table in (("nodes", graph.nodes), ("edges", graph.edges)):
        final = posixpath.join(out, name)
        in_progress = posixpath.join(out, f".{name}.in-progress")
        remove(spark, in_progress)
        table.write.mode("error").parquet(in_progress)
        replace(spark, in_progress, final)
