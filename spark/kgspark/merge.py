"""One graph out of the inputs, for the metrics stage.

Today an input is a whole kgraph graph, so there is one. Merging per-file extracts (each
post's yields, written by `kgraph extract`) plugs in here: it must hand the metrics stage a
`Graph` with the same columns.
"""

from typing import Sequence

from .graph import Graph


class MergeError(ValueError):
    """Inputs that cannot be made into one graph."""


def merge(graphs: Sequence[Graph]) -> Graph:
    """The one graph given; several whole graphs are refused (their union needs kgraph's rules:
    links resolved across files, labels chosen, weights that are not all counts)."""
    if len(graphs) != 1:
        raise MergeError(
            f"expected one kgraph graph, got {len(graphs)}: merging graphs is not supported; "
            "give the graph kgraph built from all the posts"
        )
    return graphs[0]
