"""The keyword texts of the merged graph and their tokens (docs/EXTRACT.md, step 7): which nodes
are keyword entities, which are boilerplate, the corpus language, and each entity's tokens in
text order, as the RDD the phrase and ranking passes read.

An entity is `(id, is_post, tokens)`; a token is `[key, surface, listed, joined, partial]` with
`surface` always a string (the key when the table's is null).
"""

import subprocess
from typing import Iterable, Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# A topic or resource used by this many posts, and by this share of all posts, is the corpus's
# template, not keyword text (kgraph's `keywords/boilerplate.rs`).
BOILERPLATE_MIN_POSTS = 10
BOILERPLATE_SHARE = 0.2
# kgraph's language sample stops growing past this many bytes (`keywords/language.rs`).
LANGUAGE_SAMPLE_BYTES = 200_000


def keyword_entities(texts: DataFrame, uses: DataFrame, post_count: int) -> DataFrame:
    """`id`, `is_post`, `text`, `o_group`, `o_path`, `o_index`, `posts` (the paths of the posts
    using it; a post's own path for a post): every node with keyword text but boilerplate."""
    used = uses.groupBy("id").agg(F.collect_set("path").alias("used_by"))
    with_posts = texts.join(used, "id", "left").withColumn(
        "posts",
        F.when(F.col("is_post"), F.array(F.regexp_replace("id", "^post:", "")))
        .otherwise(F.coalesce("used_by", F.array().cast("array<string>"))),
    ).drop("used_by")
    boilerplate = (~F.col("is_post")) & (F.size("posts") >= BOILERPLATE_MIN_POSTS) & (
        F.size("posts") >= F.lit(BOILERPLATE_SHARE * post_count))
    return with_posts.where(~boilerplate)


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def _is_kana(c: str) -> bool:
    return "\u3040" <= c <= "\u30ff"


def language_sample(texts_in_order: Iterable[str]) -> Iterable[str]:
    """The texts kgraph's language detection may read, in order: every text without Chinese or
    Japanese characters until those with a letter have passed the sample's size. (Python's
    letters are a subset of Rust's, so kgraph's own sample is full by then.)"""
    size = 0
    for text in texts_in_order:
        if any(_is_han(c) or _is_kana(c) for c in text):
            continue
        yield text
        if any(c.isalpha() for c in text):
            size += len(text.encode()) + 2
            if size >= LANGUAGE_SAMPLE_BYTES:
                return


def corpus_language(entities: DataFrame, kgraph: str) -> (str, str):
    """(language code or `none`, `keyword_tokens` mode): `kgraph text language` over the
    entities' texts in kgraph's node order."""
    ordered = entities.orderBy("o_group", "o_path", "o_index").select("text")
    sample = "\0".join(language_sample(row["text"] for row in ordered.toLocalIterator()))
    try:
        run = subprocess.run([kgraph, "text", "language"], input=sample.encode(), capture_output=True, check=True)
    except FileNotFoundError:
        raise FileNotFoundError(f"{kgraph}: no kgraph binary here, which ranking keywords needs "
                                "(give --kgraph BIN, or --no-keywords)") from None
    code, mode = run.stdout.decode().split()
    return code, mode


def entity_tokens(entities: DataFrame, keyword_tokens: DataFrame, mode: str, listed_only: bool):
    """RDD of `(id, is_post, tokens)`: each entity's tokens, cut as the corpus language selects
    (`any` rows, else those of `mode`); only listed ones with `listed_only`."""
    rows = keyword_tokens.where(F.col("mode").isin("any", mode))
    if listed_only:
        rows = rows.where("listed")
    token = F.struct("position", "key", F.coalesce("surface", "key").alias("surface"), "listed", "joined", "partial")
    per_text = (
        rows.select("text", token.alias("t")).distinct()
        .groupBy("text").agg(F.sort_array(F.collect_list("t")).alias("tokens"))
    )
    with_tokens = entities.select("id", "is_post", "text").join(per_text, "text", "left")
    return with_tokens.select("id", "is_post", "tokens").rdd.map(
        lambda r: (r["id"], r["is_post"], [[t["key"], t["surface"], t["listed"], t["joined"], t["partial"]]
                                           for t in (r["tokens"] or [])])
    )


def has_tokens(keyword_tokens: Optional[DataFrame]) -> bool:
    """Whether the tables were extracted with keywords on."""
    return keyword_tokens is not None and keyword_tokens.limit(1).count() > 0
