"""The graph every stage hands the next: a node table and an edge table."""

from dataclasses import dataclass
from typing import Optional

from pyspark.sql import DataFrame


@dataclass
class Graph:
    """Nodes (`id`, `kind`, `label`, attributes…) and edges (`src`, `dst`, `kind`, `weight`, …).

    An edge's `src` and `dst` are node ids; a (src, dst, kind) triple is one edge, its `weight`
    the number of times it occurs. `warnings` (`path`, `line`, `message`), when the graph was
    merged from `kgraph extract`'s tables: what `kgraph build` would have warned of once it
    saw the whole corpus.
    """

    nodes: DataFrame
    edges: DataFrame
    warnings: Optional[DataFrame] = None
