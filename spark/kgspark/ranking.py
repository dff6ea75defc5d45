"""Keyword ranking and selection (kgraph's `keywords/fold.rs` and `keywords/score.rs`): keys
that differ by inflection count as one; a term mentioned by at least `min_shared` entities is a
candidate, scored `posts × ln(1 + N / doc_freq)` (rounded to 3 decimals); listed terms first,
then by score, then by key, at most `max_keywords`. The keyword nodes, their `mentions` edges and,
when asked, `co_occurs` edges.
"""

import math
import shlex
from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .phrases import KEY, LISTED, SURFACE
from .pieces import Pieces, edge_rows, node_id, node_table
from .vocabulary import Vocabulary


@dataclass
class Limits:
    min_shared: int = 2
    max_keywords: int = 300
    cooccurrence: bool = False


TOKEN_SCHEMA = T.StructType([
    T.StructField("eid", T.StringType()), T.StructField("key", T.StringType()),
    T.StructField("surface", T.StringType()), T.StructField("listed", T.BooleanType()),
])


def round_half_away(x: float) -> float:
    """Rust's `f64::round` for a non-negative `x` (Python's `round` goes to even)."""
    floor = math.floor(x)
    return floor + 1.0 if x - floor >= 0.5 else float(floor)


def score(posts: int, entities: int, n: float) -> float:
    return round_half_away(posts * math.log(1.0 + n / entities) * 1000.0) / 1000.0


def inflection_folds(spark: SparkSession, tokens: DataFrame, vocabulary: Vocabulary, kgraph: str,
                     language: str) -> DataFrame:
    """`key`, `folded`: the key each key counts as, for keys that fold onto another."""
    mentions = tokens.groupBy("key").agg(F.count("*").alias("mentions"))
    command = shlex.join([kgraph, "text", "stems", "--language", language])
    stems = mentions.select("key").rdd.map(lambda r: r["key"]).pipe(command, checkCode=True)
    stems = spark.createDataFrame(
        stems.map(lambda line: tuple(line.split("\t", 1))).filter(lambda kv: kv[1] != ""),
        "key string, stem string",
    )
    listed = spark.createDataFrame([(k,) for k in vocabulary.terms], "key string").withColumn("listed", F.lit(True))
    ranked = (
        stems.join(mentions, "key").join(F.broadcast(listed), "key", "left")
        .withColumn("listed", F.coalesce("listed", F.lit(False)))
    )
    # The group's key: listed first, then the most mentions, then the smallest key.
    top = ranked.groupBy("stem").agg(F.max(F.struct("listed", "mentions")).alias("top"))
    chosen = (
        ranked.join(top, "stem")
        .where((F.col("listed") == F.col("top.listed")) & (F.col("mentions") == F.col("top.mentions")))
        .groupBy("stem").agg(F.min("key").alias("folded"))
    )
    return (
        ranked.where(~F.col("listed")).join(chosen, "stem")
        .where(F.col("key") != F.col("folded")).select("key", "folded")
    )


def label_of(key: str, surfaces, vocabulary: Vocabulary) -> str:
    """The spelling the corpus uses most for `key` (see kgraph's `score::label_of`)."""
    listed = vocabulary.label_of(key)
    listed = listed.lower() if listed is not None else None
    groups = {}  # lower-cased -> [total, casing, its count]
    for written, n in surfaces:
        lower = written.lower()
        group = groups.get(lower)
        if group is None:
            groups[lower] = [n, written, n]
            continue
        group[0] += n
        if n > group[2] or (n == group[2] and written < group[1]):
            group[1], group[2] = written, n
    if not groups:
        return vocabulary.label_of(key) or key
    # Most tokens, then the lists' spelling, then the smallest.
    lower = min(groups, key=lambda g: (-groups[g][0], listed != g, g))
    written = vocabulary.written(lower)
    if written is not None and written.lower() == lower:
        return written
    return groups[lower][1]


def select_keywords(spark: SparkSession, entities, entity_posts: DataFrame, vocabulary: Vocabulary,
                    limits: Limits, kgraph: str, language: str) -> Pieces:
    """Keyword nodes, their edges and uses (a keyword's posts: those of the entities mentioning
    it), from the entities' tokens (RDD of `(id, is_post, tokens)`) and `entity_posts` (`id`,
    `posts`: the paths of the posts each entity belongs to)."""
    n = float(max(1, entities.count()))
    tokens = spark.createDataFrame(
        entities.flatMap(lambda e: [(e[0], t[KEY], t[SURFACE], t[LISTED]) for t in e[2]]), TOKEN_SCHEMA
    ).persist()
    folds = inflection_folds(spark, tokens, vocabulary, kgraph, language)
    tokens = (
        tokens.join(folds, "key", "left")
        .select("eid", F.coalesce("folded", "key").alias("key"), "surface", "listed")
        .persist()
    )
    per_entity = tokens.groupBy("key", "eid").agg(F.count("*").alias("mentions"))
    reached = (
        per_entity.select("key", "eid").join(entity_posts.withColumnRenamed("id", "eid"), "eid")
        .select("key", F.explode("posts").alias("path")).distinct()
    )
    reach = reached.groupBy("key").agg(F.count("*").alias("posts"))
    tallies = (
        tokens.groupBy("key").agg(F.max(F.col("listed").cast("int")).alias("listed"))
        .join(per_entity.groupBy("key").agg(F.count("*").alias("entities")), "key")
        .where(F.col("entities") >= max(1, limits.min_shared))
        .join(reach, "key")
    )
    scored = tallies.withColumn(
        "score", F.udf(lambda p, e: score(p, e, n), T.DoubleType(), useArrow=False)("posts", "entities"))
    kept = scored.orderBy(F.desc("listed"), F.desc("score"), "key").limit(limits.max_keywords).collect()
    if not kept:
        return Pieces()

    keys = spark.createDataFrame([(row["key"],) for row in kept], "key string")
    surfaces = {}
    for row in tokens.join(F.broadcast(keys), "key").groupBy("key", "surface").count().collect():
        surfaces.setdefault(row["key"], []).append((row["surface"], row["count"]))
    labelled = spark.createDataFrame(
        [(row["key"], label_of(row["key"], surfaces.get(row["key"], []), vocabulary), row["entities"], row["score"])
         for row in kept],
        "key string, label string, doc_freq long, score double",
    )
    keyword = node_id("keyword", F.col("key"))
    nodes = node_table(labelled, "keyword", F.col("key"), F.col("label"), doc_freq=F.col("doc_freq"),
                       score=F.col("score"))
    mentioned = per_entity.join(F.broadcast(keys), "key")
    edges = edge_rows(mentioned, F.col("eid"), keyword, "mentions", F.col("mentions"))
    if limits.cooccurrence:
        a = mentioned.select("eid", F.col("key").alias("a"))
        b = mentioned.select("eid", F.col("key").alias("b"))
        pairs = (
            a.join(b, "eid").where(F.col("a") < F.col("b"))
            .groupBy("a", "b").agg(F.count("*").alias("entities"))
            .where(F.col("entities") >= max(1, limits.min_shared))
        )
        edges = edges.union(edge_rows(pairs, node_id("keyword", F.col("a")), node_id("keyword", F.col("b")),
                                      "co_occurs", F.col("entities")))
    uses = reached.join(F.broadcast(keys), "key").select(keyword.alias("id"), "path")
    return Pieces(nodes=nodes, edges=edges, uses=uses)
