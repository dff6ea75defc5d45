"""The Spark session the stages run in, with this package shipped to its executors."""

import atexit
import os
import shutil
import tempfile
from typing import Optional

from pyspark.sql import SparkSession

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def start(master: Optional[str], partitions: Optional[int], checkpoint_dir: Optional[str],
          driver_memory: Optional[str] = None) -> SparkSession:
    """A session on `master` (None: what spark-submit or the defaults say).

    `driver_memory` sets `spark.driver.memory`, which counts only when this process starts the
    JVM (not under spark-submit, which has started it already).

    `partitions` sets `spark.sql.shuffle.partitions` (None: twice the default parallelism, not
    Spark's 200, which mostly makes empty tasks on graphs of this size).
    """
    builder = SparkSession.builder.appName("kgraph-spark").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if driver_memory:
        builder = builder.config("spark.driver.memory", driver_memory)
    spark = builder.getOrCreate()
    if partitions is None and spark.conf.get("spark.sql.shuffle.partitions") == "200":
        partitions = 2 * spark.sparkContext.defaultParallelism
    if partitions is not None:
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    if checkpoint_dir:
        spark.sparkContext.setCheckpointDir(checkpoint_dir)
    ship_package(spark)
    return spark


def ship_package(spark: SparkSession) -> None:
    """The keyword passes run this package's functions on the executors, which import it by
    name: zip it and add it to the job, unless it was itself loaded from a zip (spark-submit's
    `--py-files kgspark.zip` ships it already)."""
    if not os.path.isdir(PACKAGE_DIR):
        return
    folder = tempfile.mkdtemp(prefix="kgspark-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    archive = shutil.make_archive(os.path.join(folder, "kgspark"), "zip", os.path.dirname(PACKAGE_DIR), "kgspark")
    spark.sparkContext.addPyFile(archive)
