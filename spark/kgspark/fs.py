"""Files through Hadoop's FileSystem, so paths may be local, HDFS or any store Spark reads."""

from pyspark.sql import SparkSession


def _path_and_fs(spark: SparkSession, path: str):
    jvm = spark.sparkContext._jvm
    jpath = jvm.org.apache.hadoop.fs.Path(path)
    return jpath, jpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def is_dir(spark: SparkSession, path: str) -> bool:
    """Whether `path` is a folder."""
    jpath, fs = _path_and_fs(spark, path)
    return fs.isDirectory(jpath)


def replace(spark: SparkSession, written: str, final: str) -> None:
    """Moves the finished folder `written` to `final`, replacing what was there."""
    jwritten, fs = _path_and_fs(spark, written)
    jfinal, _ = _path_and_fs(spark, final)
    if fs.exists(jfinal):
        fs.delete(jfinal, True)
    if not fs.rename(jwritten, jfinal):
        raise OSError(f"could not move {written} to {final}")


def remove(spark: SparkSession, path: str) -> None:
    """Deletes `path` and what it holds, if it exists."""
    jpath, fs = _path_and_fs(spark, path)
    if fs.exists(jpath):
        fs.delete(jpath, True)
