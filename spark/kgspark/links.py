"""Links between posts, resolved after the merge against every post of the corpus (kgraph's
`model/links/` and `GraphBuilder::resolve_links`), since a link's target may be in any shard.

Each link is looked up by the keys `lookups.py` lists, in kgraph's order; the first key found
names the post. A `url` link found nowhere else is tried by its last segment's slug (one post
with that slug, else the one whose file date the link names). A wikilink with an alternative
(`[[a|b]]`) takes the side that resolves; when both or neither do, the side that alone resolves
more often over the corpus (ties: the left). An unresolved wikilink leads to `missing:<key>`,
labelled by the name first written, unless it names an attachment.

With `--permalink` (`permalinks.py`), a `url` link is also tried by the slug and date the
pattern reads in it, before the file slugs.

Edges: `links_to` (or `embeds` for `![[…]]`), one occurrence per link, no link to itself.
Warnings: a `url` or `content` link that names no post, once per post and page, as kgraph
warns (with `--permalink`, not for a site path the pattern does not fit: no post was meant).
"""

from functools import reduce
from typing import Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from . import paths
from .inputs import Extracts
from .lookups import LOOKUP_COLUMNS, content_lookups, name_candidates, name_lookups, post_index, url_lookups
from .permalinks import Permalinks, pattern_hits
from .pieces import Pieces, first_by, node_id, node_table


def link_pieces(extracts: Extracts, permalinks: Optional[Permalinks] = None) -> Pieces:
    """`missing` nodes, `links_to` and `embeds` edges, and the unresolved links' warnings."""
    posts = extracts.posts
    links = extracts.links.join(
        posts.select("path", F.col("site_url_key").alias("from_url")), "path"
    ).persist()
    readings = _readings(links, permalinks)
    found = _first_hits(links, posts, readings).localCheckpoint(eager=True)

    main = found.where(F.col("side") == "main").select("path", "index", "post")
    not_wiki = links.where(F.col("kind") != "wiki").join(main, ["path", "index"], "left")
    targets = not_wiki.select(
        "path", "index", "embed", "post", F.lit(None).cast("string").alias("missing_key"),
        F.lit(None).cast("string").alias("missing_label"),
    )
    resolved = targets.union(_wiki_targets(links.where(F.col("kind") == "wiki"), found))

    to_post = resolved.where(F.col("post").isNotNull() & (F.col("post") != F.col("path")))
    to_missing = resolved.where(F.col("missing_key").isNotNull())
    kind = F.when(F.col("embed"), F.lit("embeds")).otherwise(F.lit("links_to"))
    edges = (
        to_post.union(to_missing.withColumn("post", F.lit(None).cast("string")))
        .select(
            node_id("post", F.col("path")).alias("src"),
            F.coalesce(node_id("post", F.col("post")), node_id("missing", F.col("missing_key"))).alias("dst"),
            kind.alias("kind"), F.lit(1).cast("bigint").alias("weight"),
        )
    )
    labels = first_by(to_missing, "missing_key", "missing_label", ["path", "index"])
    nodes = node_table(labels, "missing", F.col("missing_key"), F.col("missing_label"))
    uses = to_missing.select(node_id("missing", F.col("missing_key")).alias("id"), "path")
    warnings = _unresolved(not_wiki.where(F.col("post").isNull()), readings)
    return Pieces(nodes=nodes, edges=edges, uses=uses, warnings=warnings)


def _readings(links: DataFrame, permalinks: Optional[Permalinks]) -> Optional[DataFrame]:
    """What the `--permalink` pattern reads in each `url` link's decoded target (for the
    lookups) and its target as written (for the warnings); None without a pattern."""
    if permalinks is None:
        return None
    url = links.where(F.col("kind") == "url")
    targets = url.where(F.col("page") != "").select(F.col("decoded").alias("t")).union(
        url.where(F.col("target").startswith("/")).select(F.col("target").alias("t"))
    )
    return permalinks.readings(targets).localCheckpoint(eager=True)


def _unresolved(unfound: DataFrame, readings: Optional[DataFrame]) -> DataFrame:
    """`path`, `line`, `message`: kgraph's warning for the first link of each (post, page)
    among `unfound` (`url` and `content` links that named no post)."""
    if readings is not None:
        misfits = readings.where(F.col("slug_key").isNull()).select("target", F.lit(True).alias("misfit"))
        unfound = unfound.join(misfits, "target", "left").where(
            ~((F.col("kind") == "url") & F.col("target").startswith("/") & F.col("misfit").isNotNull())
        )
    first = unfound.groupBy("path", "page").agg(F.min(F.struct("index", "line", "target")).alias("m"))
    return first.select(
        "path", F.col("m.line").alias("line"),
        F.concat(F.lit("link to `"), F.col("m.target"), F.lit("` matches no post of the corpus")).alias("message"),
    )


def _first_hits(links: DataFrame, posts: DataFrame, readings: Optional[DataFrame]) -> DataFrame:
    """`path`, `index`, `side`, `post`: the post each link (side) is first found as."""
    url = links.where(F.col("kind") == "url")
    wiki = links.where(F.col("kind") == "wiki")
    url_rows, url_suffix = url_lookups(url)
    content_rows, content_suffix = content_lookups(links.where(F.col("kind") == "content"))
    left_rows, left_suffix = name_lookups(wiki, "left", 0, "target", "note_key")
    with_alternative = wiki.where(F.col("alternative").isNotNull())
    right_rows, right_suffix = name_lookups(with_alternative, "right", 0, "alternative", "alternative_note_key")

    rows = reduce(DataFrame.union, [url_rows, content_rows, left_rows, right_rows]).select(*LOOKUP_COLUMNS)
    index = post_index(posts)
    hits = rows.join(index, ["table", "k"]).select("path", "index", "side", "prio", "post")

    suffix = reduce(DataFrame.union, [url_suffix, content_suffix, left_suffix, right_suffix])
    candidates = name_candidates(posts)
    suffix_hits = (
        suffix.join(candidates, "file")
        .where(F.col("note_path_key").endswith(F.col("suffix")))
        .groupBy("path", "index", "side", "prio").agg(F.min(F.struct("order", "post")).alias("m"))
        .select("path", "index", "side", "prio", F.col("m.post").alias("post"))
    )
    all_hits = hits.union(suffix_hits).union(_slug_hits(url, posts))
    if readings is not None:
        all_hits = all_hits.union(pattern_hits(url.where(F.col("page") != ""), posts, readings, prio=60))
    return (
        all_hits.groupBy("path", "index", "side").agg(F.min(F.struct("prio", "post")).alias("m"))
        .select("path", "index", "side", F.col("m.post").alias("post"))
    )


def _slug_hits(url: DataFrame, posts: DataFrame) -> DataFrame:
    """kgraph's `find_by_slug`, the last rule for `url` links (prio 70)."""
    stems = (
        url.where(F.col("page") != "")
        .withColumn("_last", F.expr(paths.last_segment(paths.trim_slashes("page"))))
        .withColumn("_stem", F.expr(paths.strip_extension("_last")))
        .withColumn("_segs", F.expr(paths.segments("page")))
        .withColumn("_date", F.expr(paths.date_prefix("_stem")))
    )
    wanted = stems.select(
        "path", "index",
        F.lower(F.when(F.col("_date").isNotNull(), F.expr(paths.without_date_prefix("_stem"))).otherwise(F.col("_stem")))
        .alias("slug"),
        F.coalesce(F.col("_date"), F.expr(paths.date_in_permalink("_segs"))).alias("link_date"),
    )
    by_slug = posts.groupBy(F.col("slug_key").alias("slug")).agg(
        F.count("*").alias("n"),
        F.min("path").alias("single"),
        F.collect_list(F.struct("path", "file_date")).alias("candidates"),
    )
    chosen = F.expr(
        "CASE WHEN n = 1 THEN single ELSE "
        "array_min(transform(filter(candidates, c -> c.file_date = link_date), c -> c.path)) END"
    )
    return (
        wanted.join(by_slug, "slug")
        .select("path", "index", F.lit("main").alias("side"), F.lit(70).alias("prio"), chosen.alias("post"))
        .where(F.col("post").isNotNull())
    )


def _wiki_targets(wiki: DataFrame, found: DataFrame) -> DataFrame:
    """`path`, `index`, `embed`, `post`, `missing_key`, `missing_label` of each wikilink."""
    side = lambda name: found.where(F.col("side") == name).select("path", "index", F.col("post").alias(name))  # noqa: E731
    both = wiki.join(side("left"), ["path", "index"], "left").join(side("right"), ["path", "index"], "left")
    counts = both.agg(
        F.sum((F.col("left").isNotNull() & F.col("right").isNull()).cast("int")).alias("l"),
        F.sum((F.col("left").isNull() & F.col("right").isNotNull()).cast("int")).alias("r"),
    ).first()
    right_side = (counts["r"] or 0) > (counts["l"] or 0)

    left, right = F.col("left"), F.col("right")
    alone = F.when(left.isNotNull() & right.isNull(), left).when(left.isNull() & right.isNotNull(), right)
    pending = (left.isNotNull() & right.isNotNull()) | (left.isNull() & right.isNull() & F.col("alternative").isNotNull())
    chosen = right if right_side else left
    post = F.when(pending, chosen).otherwise(alone)
    use_alternative = pending & F.lit(right_side)
    target_missing = ~F.col("is_attachment")
    alternative_missing = ~F.expr(paths.is_attachment("alternative"))
    unresolved = post.isNull() & (pending | F.col("alternative").isNull())
    missing = unresolved & F.when(use_alternative, alternative_missing).otherwise(target_missing)
    return both.select(
        "path", "index", "embed", post.alias("post"),
        F.when(missing, F.when(use_alternative, F.col("alternative_note_key")).otherwise(F.col("note_key")))
        .alias("missing_key"),
        F.when(missing, F.expr(paths.trim_text(
            f"CASE WHEN {'true' if right_side else 'false'} AND ({_sql_bool_pending()}) THEN alternative ELSE target END"
        ))).alias("missing_label"),
    )


def _sql_bool_pending() -> str:
    return "(`left` IS NOT NULL AND `right` IS NOT NULL) OR (`left` IS NULL AND `right` IS NULL AND alternative IS NOT NULL)"
