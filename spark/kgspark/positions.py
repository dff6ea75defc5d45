"""Dense numbers 0, 1, 2… in a sort order, computed in parallel (DataFrames' `zipWithIndex`).

kgraph breaks ties by a node's position, its place in id order: node kind in kgraph's order,
then the key's bytes (Spark compares strings by their UTF-8 bytes too). Components are numbered
by size, then by their first member's position.
"""

from typing import Sequence

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from .schema import NODE_KINDS


def kind_rank(kind: Column) -> Column:
    """A node kind's place in kgraph's order; a kind kgraph does not have comes after all."""
    rank = F.lit(len(NODE_KINDS))
    for i, name in reversed(list(enumerate(NODE_KINDS))):
        rank = F.when(kind == name, F.lit(i)).otherwise(rank)
    return rank


def id_order(nodes: DataFrame) -> list:
    """The columns that sort `nodes` (`id`, `kind`) in kgraph's id order."""
    key = F.expr("substring(id, length(kind) + 2)")
    return [kind_rank(F.col("kind")), F.col("kind"), key]


def number_rows(df: DataFrame, order: Sequence[Column], name: str) -> DataFrame:
    """`df` with a column `name`: each row's place (from 0) in `order`, which must be total.

    A range-partitioned sort, then each partition's rows counted before the ones after it: no
    step gathers all rows in one place. The sorted rows are checkpointed first, because the
    sort samples its ranges at random and must not be computed twice.
    """
    keys = [c.alias(f"_order{i}") for i, c in enumerate(order)]
    key_names = [f"_order{i}" for i in range(len(order))]
    sorted_rows = (
        df.select("*", *keys)
        .orderBy(*key_names)
        .withColumn("_part", F.spark_partition_id())
        .localCheckpoint(eager=True)
    )
    counts = sorted_rows.groupBy("_part").count().collect()
    offsets, total = [], 0
    for row in sorted(counts, key=lambda r: r["_part"]):
        offsets.append((row["_part"], total))
        total += row["count"]
    spark = df.sparkSession
    offset_table = spark.createDataFrame(offsets or [(0, 0)], "_part INT, _offset BIGINT")
    within = Window.partitionBy("_part").orderBy(*key_names)
    return (
        sorted_rows.join(F.broadcast(offset_table), "_part")
        .withColumn(name, F.col("_offset") + F.row_number().over(within) - 1)
        .drop("_part", "_offset", *key_names)
    )
