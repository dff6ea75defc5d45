"""Weakly connected components, numbered as kgraph numbers them: 0 the largest, ties broken by
the smallest member position (the smallest id in kgraph's order).

The partition comes from GraphFrames' `connectedComponents` when its classes are on the
classpath (see `graphframes.py`), else from label propagation here: each node takes the
smallest position among itself and its neighbours (edges read both ways), then the label of
the node its label names (a jump: that node is in the same component, with a label no larger),
until no label changes. A component's label is then its smallest member's position.
"""

from typing import Tuple

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from . import graphframes
from .lineage import Steps
from .positions import number_rows


def components(
    positions: DataFrame, links: DataFrame, checkpoint_every: int, use_graphframes: bool
) -> Tuple[DataFrame, str, int]:
    """(`pos`, `component` of every node; what found the partition; label steps run, or 0).

    `positions` has a `pos` per node; `links` one row per edge: `s`, `d` (positions).
    """
    pairs = (
        links.where(F.col("s") != F.col("d"))
        .select(F.least("s", "d").alias("a"), F.greatest("s", "d").alias("b"))
        .distinct()
    )
    if use_graphframes:
        groups, steps, how = graphframes.components(positions, pairs), 0, "graphframes"
    else:
        (groups, steps), how = smallest_member_labels(positions, pairs, checkpoint_every), "label propagation"
    return number_components(groups), how, steps


def smallest_member_labels(positions: DataFrame, pairs: DataFrame, checkpoint_every: int) -> Tuple[DataFrame, int]:
    """(`pos`, `group`: the smallest position in each node's component; steps run)."""
    neighbours = (
        pairs.select(F.col("a").alias("pos"), F.col("b").alias("other"))
        .union(pairs.select(F.col("b").alias("pos"), F.col("a").alias("other")))
        .persist()
    )
    steps = Steps(checkpoint_every)
    labels = steps.keep(positions.select("pos", F.col("pos").alias("group")))
    count = 0
    while True:
        count += 1
        seen = (
            neighbours.join(labels.select(F.col("pos").alias("other"), F.col("group").alias("seen")), "other")
            .groupBy("pos")
            .agg(F.min("seen").alias("seen"))
        )
        spread = labels.join(seen, "pos", "left").select(
            "pos", F.col("group").alias("old"), F.least("group", F.coalesce("seen", "group")).alias("group")
        )
        target = spread.select(F.col("pos").alias("group"), F.col("group").alias("jumped"))
        jumped = spread.join(target, "group").select("pos", "old", F.least("group", "jumped").alias("group"))
        labels = steps.keep(jumped)
        changed = labels.where(F.col("group") != F.col("old")).count()
        steps.release_older()
        labels = labels.drop("old")
        if changed == 0:
            break
    neighbours.unpersist()
    return labels, count


def number_components(groups: DataFrame) -> DataFrame:
    """`pos`, `component`: each `group` (any label shared by a component's members) numbered
    by size, largest first, then by the smallest member position."""
    per_group = groups.groupBy("group").agg(F.count("*").alias("size"), F.min("pos").alias("first"))
    numbered = number_rows(per_group, [-F.col("size"), F.col("first")], "component")
    return groups.join(numbered.select("group", "component"), "group").select("pos", "component")
