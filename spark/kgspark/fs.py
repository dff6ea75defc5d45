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


def part_files(spark: SparkSession, folder: str) -> list:
    """The Parquet files directly in `folder` that Spark reads (names not starting with `.` or
    `_`), sorted."""
    jpath, fs = _path_and_fs(spark, folder)
    names = [status.getPath().toString() for status in fs.listStatus(jpath) if status.isFile()]
    return sorted(n for n in names if n.endswith(".parquet") and not n.rsplit("/", 1)[-1].startswith((".", "_")))


def parquet_metadata(spark: SparkSession, path: str) -> dict:
    """The key-value metadata in the footer of the Parquet file at `path`."""
    jvm = spark.sparkContext._jvm
    jpath, _ = _path_and_fs(spark, path)
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    footer = jvm.org.apache.parquet.hadoop.ParquetFileReader.readFooter(conf, jpath)
    return dict(footer.getFileMetaData().getKeyValueMetaData())
