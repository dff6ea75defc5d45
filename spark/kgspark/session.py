"""The Spark session the stages run in."""

from typing import Optional

from pyspark.sql import SparkSession


def start(master: Optional[str], partitions: Optional[int], checkpoint_dir: Optional[str]) -> SparkSession:
    """A session on `master` (None: what spark-submit or the defaults say).

    `partitions` sets `spark.sql.shuffle.partitions` (None: twice the default parallelism, not
    Spark's 200, which mostly makes empty tasks on graphs of this size).
    """
    builder = SparkSession.builder.appName("kgraph-spark").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    if partitions is None and spark.conf.get("spark.sql.shuffle.partitions") == "200":
        partitions = 2 * spark.sparkContext.defaultParallelism
    if partitions is not None:
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    if checkpoint_dir:
        spark.sparkContext.setCheckpointDir(checkpoint_dir)
    return spark
