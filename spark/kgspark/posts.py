"""Post nodes and what a post names of itself: categories, tags (and their hierarchy), series.

kgraph's rules (`model/builder.rs`, `add_post`): a node's label is the name it was first given,
posts in file order (ascending `path`) and, within a post, categories, then tags, then the
tag hierarchy (child before parent); an mdBook chapter is titled by the first table of contents
listing it. Each `in_category`, `tagged`, `subtag`, `in_series` occurrence weighs 1.
"""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .inputs import Extracts
from .pieces import Pieces, edge_rows, first_by, node_id, node_table, text_rows


def post_titles(extracts: Extracts) -> DataFrame:
    """`path`, `title`: each post's title, an mdBook chapter's from the first summary (in file
    order, then link order) that lists it."""
    chapters = first_by(
        extracts.book_chapters.select(F.col("chapter_path").alias("cp"), "path", "position", "title"),
        "cp", "title", ["path", "position"],
    ).withColumnRenamed("title", "chapter_title")
    return (
        extracts.posts.join(chapters, F.col("path") == F.col("cp"), "left")
        .select("path", F.coalesce("chapter_title", "title").alias("title"))
    )


def post_pieces(extracts: Extracts) -> Pieces:
    """Post nodes with their attributes."""
    posts = extracts.posts.join(post_titles(extracts).withColumnRenamed("title", "shown"), "path")

    def joined(column: str):
        return F.when(F.size(column) > 0, F.array_join(column, "; "))

    nodes = node_table(
        posts, "post", F.col("path"), F.col("shown"),
        path=F.col("path"), date=F.col("date"), updated=F.col("updated"),
        draft=F.when(F.col("draft"), F.lit(1)), category=joined("categories"), tags=joined("tags"),
        series=F.col("series"), part=F.col("series_part"),
    )
    # A post's title is keyword text; posts come first in kgraph's node order, by file.
    texts = text_rows(posts, node_id("post", F.col("path")), True, F.col("shown"), 0, F.col("path"), F.lit(-1))
    return Pieces(nodes=nodes, texts=texts)


def taxonomy_pieces(extracts: Extracts) -> Pieces:
    """Category, tag and series nodes; `in_category`, `tagged`, `subtag`, `in_series` edges."""
    tags = extracts.tags
    post = node_id("post", F.col("path"))

    categories = tags.where(F.col("kind") == "category")
    category_nodes = _named_nodes(
        categories.select("path", "key", "name", F.lit(0).alias("group"), "position", F.lit(0).alias("side")),
        "category",
    )

    plain = tags.where(F.col("kind") == "tag")
    hierarchy = tags.where(F.col("kind") == "tag_parent")
    tag_names = (
        plain.select("path", "key", "name", F.lit(0).alias("group"), "position", F.lit(0).alias("side"))
        .union(hierarchy.select("path", "key", "name", F.lit(1), "position", F.lit(0)))
        .union(hierarchy.select("path", F.col("parent_key"), F.col("parent"), F.lit(1), "position", F.lit(1)))
    )
    tag_nodes = _named_nodes(tag_names, "tag")

    series = extracts.posts.where(F.col("series_key").isNotNull())
    series_nodes = _named_nodes(
        series.select("path", F.col("series_key").alias("key"), F.col("series").alias("name"),
                      F.lit(0).alias("group"), F.lit(0).alias("position"), F.lit(0).alias("side")),
        "series",
    )

    child, parent = node_id("tag", F.col("key")), node_id("tag", F.col("parent_key"))
    edges = (
        edge_rows(categories, post, node_id("category", F.col("key")), "in_category")
        .union(edge_rows(plain, post, node_id("tag", F.col("key")), "tagged"))
        .union(edge_rows(hierarchy.where(F.col("key") != F.col("parent_key")), parent, child, "subtag"))
        .union(edge_rows(series, post, node_id("series", F.col("series_key")), "in_series"))
    )
    uses = (
        categories.select(node_id("category", F.col("key")).alias("id"), "path")
        .union(tag_names.select(node_id("tag", F.col("key")).alias("id"), "path"))
        .union(series.select(node_id("series", F.col("series_key")).alias("id"), "path"))
    )
    nodes = category_nodes.union(tag_nodes).union(series_nodes)
    return Pieces(nodes=nodes, edges=edges, uses=uses)


def _named_nodes(names: DataFrame, kind: str) -> DataFrame:
    """One node per `key`, labelled by the `name` first given: by post, then `group`,
    `position`, `side`."""
    labels = first_by(names, "key", "name", ["path", "group", "position", "side"])
    return node_table(labels, kind, F.col("key"), F.col("name"))
