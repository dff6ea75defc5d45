"""GraphFrames, used when its classes are on the classpath and never required.

Spark finds them when the job is started with `--packages io.graphframes:graphframes-spark4_2.13:<version>`
(Maven must be reachable) or `--jars graphframes….jar`. Only `connectedComponents` is used:
its partition is kgraph's, and the numbering stays the one in `components.py`. Its `pageRank`
is a different model (unweighted, dangling nodes handled otherwise), so PageRank is always
computed by `pagerank.py`.
"""

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

GRAPHFRAME_CLASS = "org.graphframes.GraphFrame"


def available(spark: SparkSession) -> bool:
    """Whether the driver can load GraphFrames' classes."""
    jvm = spark.sparkContext._jvm
    try:
        loader = jvm.java.lang.Thread.currentThread().getContextClassLoader()
        jvm.java.lang.Class.forName(GRAPHFRAME_CLASS, False, loader)
        return True
    except Exception:  # py4j raises its own error types for a missing class
        return False


def components(positions: DataFrame, pairs: DataFrame) -> DataFrame:
    """`pos`, `group` (a label shared by each component's members), by GraphFrames.

    `pairs` holds each linked pair of positions once, as `a`, `b`.
    """
    spark = positions.sparkSession
    sc = spark.sparkContext
    if sc.getCheckpointDir() is None:
        raise RuntimeError("GraphFrames' connectedComponents needs a checkpoint folder (--checkpoint-dir)")
    vertices = positions.select(F.col("pos").alias("id"))
    edges = pairs.select(F.col("a").alias("src"), F.col("b").alias("dst"))
    jvm = sc._jvm
    frame = jvm.org.graphframes.GraphFrame.apply(vertices._jdf, edges._jdf)
    result = DataFrame(frame.connectedComponents().run(), spark)
    return result.select(F.col("id").alias("pos"), F.col("component").alias("group"))
