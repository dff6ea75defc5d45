"""Degrees, as kgraph counts them: every edge (each relation of a pair is one) counts once out
of its source and once into its target, a self-loop once each way; `weighted_degree` sums the
weights of a node's edges in and out (a self-loop's twice)."""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def degrees(positions: DataFrame, links: DataFrame) -> DataFrame:
    """`pos`, `in_degree`, `out_degree`, `degree`, `weighted_degree` of every node.

    `positions` has a `pos` per node; `links` one row per edge: `s`, `d` (positions), `w`.
    """
    out = links.groupBy(F.col("s").alias("pos")).agg(
        F.count("*").alias("out_degree"), F.sum("w").alias("out_weight")
    )
    into = links.groupBy(F.col("d").alias("pos")).agg(
        F.count("*").alias("in_degree"), F.sum("w").alias("in_weight")
    )
    zero = F.lit(0).cast("bigint")
    joined = positions.select("pos").join(out, "pos", "left").join(into, "pos", "left")
    in_degree = F.coalesce("in_degree", zero)
    out_degree = F.coalesce("out_degree", zero)
    return joined.select(
        "pos",
        in_degree.alias("in_degree"),
        out_degree.alias("out_degree"),
        (in_degree + out_degree).alias("degree"),
        (F.coalesce("in_weight", zero) + F.coalesce("out_weight", zero)).alias("weighted_degree"),
    )
