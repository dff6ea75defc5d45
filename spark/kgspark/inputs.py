"""Reading the inputs: a kgraph graph into a `Graph` (node-link JSON from `kgraph build -o
g.json`, or a folder of Parquet tables `nodes/` and `edges/`, GraphFrames' column names), or
the per-file tables `kgraph extract` writes (docs/EXTRACT.md) into `Extracts`.

Metric columns an input graph already carries are dropped: the metrics stage computes them.
"""

import posixpath
from dataclasses import dataclass
from typing import Optional, Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .fs import is_dir, parquet_metadata, part_files
from .graph import Graph
from .schema import EDGE_SCHEMA, METRIC_COLUMNS, NODE_SCHEMA, NOT_CARRIED


def read_graph(spark: SparkSession, path: str) -> Graph:
    """The graph at `path`: a folder with `nodes/` and `edges/` Parquet tables, else JSON."""
    if _is_table_folder(spark, path):
        graph = read_parquet_tables(spark, path)
    else:
        graph = read_node_link_json(spark, path)
    return Graph(_without_computed(graph.nodes), graph.edges)


def read_parquet_tables(spark: SparkSession, folder: str) -> Graph:
    """Nodes from `folder/nodes`, edges from `folder/edges`."""
    nodes = spark.read.parquet(posixpath.join(folder, "nodes"))
    edges = spark.read.parquet(posixpath.join(folder, "edges"))
    return Graph(nodes, edges)


def read_node_link_json(spark: SparkSession, path: str) -> Graph:
    """kgraph's node-link JSON, read line by line in parallel.

    kgraph writes one node or edge per line (see its `src/export/json.rs`): node lines open
    with `{"id":`, edge lines with `{"source":`. With `--json-links` the edge lines come twice
    (under `edges` and `links`); a (source, target, kind) triple is unique, so duplicates go.
    """
    lines = spark.read.text(path).select(F.trim(F.col("value")).alias("line"))
    item = F.regexp_replace(F.col("line"), ",$", "")
    nodes = (
        lines.where(F.col("line").startswith('{"id":'))
        .select(F.from_json(item, NODE_SCHEMA).alias("n"))
        .select("n.*")
    )
    edge_schema = "source STRING, target STRING, kind STRING, weight BIGINT"
    edges = (
        lines.where(F.col("line").startswith('{"source":'))
        .select(item.alias("line"))
        .dropDuplicates(["line"])
        .select(F.from_json("line", edge_schema).alias("e"))
        .select(
            F.col("e.source").alias("src"),
            F.col("e.target").alias("dst"),
            F.col("e.kind").alias("kind"),
            F.col("e.weight").alias("weight"),
        )
    )
    return Graph(nodes, edges.select([F.col(f.name).cast(f.dataType) for f in EDGE_SCHEMA]))


def _is_table_folder(spark: SparkSession, path: str) -> bool:
    return all(is_dir(spark, posixpath.join(path, table)) for table in ("nodes", "edges"))


def _without_computed(nodes: DataFrame) -> DataFrame:
    drop = [c for c in nodes.columns if c in METRIC_COLUMNS or c in NOT_CARRIED]
    return nodes.drop(*drop)


# The tables of `kgraph extract` the merge reads, and the schema version it reads them at.
EXTRACT_TABLES = ("posts", "headings", "citations", "links", "tags", "book_chapters")
# Read when there (schema 2): without them, the merge has no keyword layer.
KEYWORD_TABLES = ("keyword_tokens", "vocabulary")
EXTRACT_SCHEMA_VERSION = 2
# The footer entries every part file of `kgraph extract` holds (docs/EXTRACT.md).
SCHEMA_VERSION_KEY = "kgraph.extract_schema_version"
OPTIONS_KEY = "kgraph.extract_options"


class ExtractsError(ValueError):
    """Tables the merge cannot read together."""


@dataclass
class Extracts:
    """The union of the per-file tables of every extract folder given (all their parts)."""

    posts: DataFrame
    headings: DataFrame
    citations: DataFrame
    links: DataFrame
    tags: DataFrame
    book_chapters: DataFrame
    keyword_tokens: Optional[DataFrame] = None
    vocabulary: Optional[DataFrame] = None


def read_extracts(spark: SparkSession, folders: Sequence[str]) -> Extracts:
    """The tables under each of `folders` (`FOLDER/<table>/part-*.parquet`), all parts together.

    Spark skips files whose names start with `.` or `_`: `kgraph extract`'s parts in progress.
    """
    tables = {}
    for table in EXTRACT_TABLES:
        paths = [posixpath.join(folder, table) for folder in folders]
        missing = [p for p in paths if not is_dir(spark, p)]
        if missing:
            raise FileNotFoundError(f"{missing[0]}: no such table folder (not a `kgraph extract` output?)")
        tables[table] = paths
    for table in KEYWORD_TABLES:
        paths = [posixpath.join(folder, table) for folder in folders]
        if all(is_dir(spark, p) for p in paths):
            tables[table] = paths
    check_parts(spark, [folder for paths in tables.values() for folder in paths])
    return Extracts(**{table: spark.read.parquet(*paths) for table, paths in tables.items()})


def check_parts(spark: SparkSession, table_folders: Sequence[str]) -> None:
    """Raises ExtractsError unless every part file in `table_folders` was written at
    EXTRACT_SCHEMA_VERSION and all with the same extraction options."""
    first = None
    for folder in table_folders:
        for part in part_files(spark, folder):
            metadata = parquet_metadata(spark, part)
            version = metadata.get(SCHEMA_VERSION_KEY)
            if version != str(EXTRACT_SCHEMA_VERSION):
                found = f"table schema {version}" if version else f"no {SCHEMA_VERSION_KEY} (not `kgraph extract`'s?)"
                raise ExtractsError(f"{part}: {found}; this job reads schema {EXTRACT_SCHEMA_VERSION}: extract "
                                    "the posts again with the kgraph it runs")
            options = metadata.get(OPTIONS_KEY)
            if first is None:
                first = (part, options)
            elif options != first[1]:
                raise ExtractsError(f"{part}: extracted with other options than {first[0]} ({OPTIONS_KEY} "
                                    f"`{options}`, not `{first[1]}`): extract every part with the same options")
