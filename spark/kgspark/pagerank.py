"""PageRank by kgraph's model (its `src/metrics/pagerank.rs`, NetworkX's `pagerank` defaults).

A walker follows an out-edge with probability `DAMPING`, chosen in proportion to edge weight
(the weights of a pair's relations add up; edges are directed; a self-loop is an out-edge like
any other), or jumps to a uniformly chosen node; a node without out-edges (dangling) always
jumps uniformly. Every node starts at 1/n. Power iteration stops after the step whose L1 change
of the whole vector is below `TOLERANCE`, or after `MAX_ITERATIONS` steps; that step's vector
is the result. The values sum to 1.
"""

from typing import Tuple

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .lineage import Steps

DAMPING = 0.85
TOLERANCE = 1e-10
MAX_ITERATIONS = 200


def pagerank(
    positions: DataFrame, links: DataFrame, node_count: int, checkpoint_every: int
) -> Tuple[DataFrame, int]:
    """(`pos`, `pagerank` of every node; the number of steps run).

    `positions` has a `pos` per node; `links` one row per edge: `s`, `d` (positions), `w`.
    """
    if node_count == 0:
        return positions.select("pos", F.lit(0.0).alias("pagerank")), 0
    out_weight = links.groupBy("s").agg(F.sum("w").alias("out_w"))
    # What each unit of a source's rank passes along each (source, target) pair.
    shares = (
        links.groupBy("s", "d")
        .agg(F.sum("w").alias("w"))
        .join(out_weight, "s")
        .select("s", "d", (F.lit(DAMPING) * F.col("w") / F.col("out_w")).alias("share"))
        .persist()
    )
    steps = Steps(checkpoint_every)
    rank = steps.keep(
        positions.join(out_weight.select(F.col("s").alias("pos"), F.lit(False).alias("has_out")), "pos", "left")
        .select("pos", F.col("has_out").isNull().alias("dangling"), F.lit(1.0 / node_count).alias("rank"))
    )
    dangling_sum = rank.where("dangling").agg(F.sum("rank")).first()[0] or 0.0
    done = 0
    for done in range(1, MAX_ITERATIONS + 1):
        base = (DAMPING * dangling_sum + (1.0 - DAMPING)) / node_count
        flow = (
            shares.join(rank.select(F.col("pos").alias("s"), "rank"), "s")
            .groupBy(F.col("d").alias("pos"))
            .agg(F.sum(F.col("share") * F.col("rank")).alias("flow"))
        )
        new_rank = F.lit(base) + F.coalesce("flow", F.lit(0.0))
        rank = steps.keep(
            rank.join(flow, "pos", "left").select(
                "pos", "dangling", new_rank.alias("rank"), F.abs(new_rank - F.col("rank")).alias("change")
            )
        )
        totals = rank.agg(
            F.sum("change").alias("change"),
            F.sum(F.when(F.col("dangling"), F.col("rank")).otherwise(0.0)).alias("dangling"),
        ).first()
        steps.release_older()
        dangling_sum = totals["dangling"]
        if totals["change"] < TOLERANCE:
            break
    shares.unpersist()
    return rank.select("pos", F.col("rank").alias("pagerank")), done
