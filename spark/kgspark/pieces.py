"""What each step of the merge of extracts gives: nodes, edge occurrences and node uses.

The merge (`merge.py`) unions the pieces of every step: edge occurrences are summed per
(src, dst, kind) into weights, and a node's `posts` attribute counts the distinct posts using it.
"""

from dataclasses import dataclass
from functools import reduce
from typing import Optional, Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from .schema import NODE_ATTRIBUTES


@dataclass
class Pieces:
    """`nodes`: one row per node, the node schema without `posts`; `edges`: `src`, `dst`,
    `kind`, `weight` (occurrences, summed later); `uses`: `id`, `path` (a post using a node);
    `texts`: the nodes whose label is keyword text (`keywords.py`), as `id`, `is_post`, `text`
    and their place in kgraph's node order: `o_group`, `o_path`, `o_index`; `warnings`: `path`,
    `line`, `message` (kgraph build's warnings about the corpus as a whole)."""

    nodes: Optional[DataFrame] = None
    edges: Optional[DataFrame] = None
    uses: Optional[DataFrame] = None
    texts: Optional[DataFrame] = None
    warnings: Optional[DataFrame] = None


def text_rows(df: DataFrame, node: Column, is_post: bool, text: Column, group: int,
              path: Column, index: Column) -> DataFrame:
    """Keyword-text rows (see `Pieces.texts`) of the nodes `df` holds."""
    return df.select(
        node.alias("id"), F.lit(is_post).alias("is_post"), text.alias("text"),
        F.lit(group).alias("o_group"), path.alias("o_path"), index.cast("bigint").alias("o_index"),
    )


def node_id(kind: str, key: Column) -> Column:
    """kgraph's node id: `kind:key`."""
    return F.concat(F.lit(f"{kind}:"), key)


def node_table(df: DataFrame, kind: str, key: Column, label: Column, **attrs: Column) -> DataFrame:
    """The rows of `df` as nodes of `kind`: every attribute of the node schema but `posts`,
    NULL unless given in `attrs`."""
    columns = [node_id(kind, key).alias("id"), F.lit(kind).alias("kind"), label.alias("label")]
    for name, data_type in NODE_ATTRIBUTES:
        if name == "posts":
            continue
        value = attrs.pop(name, F.lit(None))
        columns.append(value.cast(data_type).alias(name))
    if attrs:
        raise ValueError(f"not node attributes: {sorted(attrs)}")
    return df.select(*columns)


def edge_rows(df: DataFrame, src: Column, dst: Column, kind: str, weight: Column = None) -> DataFrame:
    """Edge occurrences `src` -> `dst` of `kind`, one per row of `df` (or `weight` each)."""
    return df.select(
        src.alias("src"), dst.alias("dst"), F.lit(kind).alias("kind"),
        (F.lit(1) if weight is None else weight).cast("bigint").alias("weight"),
    )


def first_by(df: DataFrame, key: str, value: str, order: list) -> DataFrame:
    """`key`, `value`: per `key`, the `value` of the row first in `order` (a list of columns,
    compared in turn): an order-free minimum, whatever order the rows arrive in. (`value` may
    name a struct column: several values of the same first row.)"""
    ordered = F.struct(*[F.col(c).alias(f"o{i}") for i, c in enumerate(order)], F.col(value).alias("v"))
    return df.groupBy(key).agg(F.min(ordered).alias("m")).select(key, F.col("m.v").alias(value))


def union(frames: Sequence[Optional[DataFrame]]) -> DataFrame:
    """The rows of every frame given (`None`s skipped): the same columns in the same order."""
    return reduce(DataFrame.union, [f for f in frames if f is not None])
