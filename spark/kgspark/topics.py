"""Topics, resources and domains, merged across posts (kgraph's `model/topics.rs` and the
citation half of `model/builder.rs`).

- Structural headings (`--structural-share` P): a heading `template_key` found in at least 5
  posts and in at least P % of them is no topic. When any is, every heading's parent becomes its
  nearest enclosing heading that is kept and has another key, and a citation's section its
  nearest kept heading (itself or enclosing); when none is, outlines stay as extracted.
- Topic `topic:<key>`: label the heading of the first kept heading with the key (posts in file
  order, then document order), `level` the smallest. `has_topic` post -> topic and `subtopic`
  parent -> topic (not to itself) weigh one per heading.
- Resource `resource:<url_key>`: label the citation label of the lowest rank, the first such;
  without any, the first URL as written. `citations` = citations, `url` = the key.
  Domain `domain:<host>`: label the host, `citations` = citations of its resources.
  `cites` post -> resource and section topic -> resource weigh one per citation; `hosted_on`
  resource -> domain weighs 1, however often cited (a fact, not a count).
"""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .inputs import Extracts
from .pieces import Pieces, edge_rows, first_by, node_id, node_table, text_rows

MIN_STRUCTURAL_POSTS = 5


def structural_keys(extracts: Extracts, share: int) -> DataFrame:
    """`template_key` of each structural heading."""
    post_count = extracts.posts.count()
    per_key = extracts.headings.groupBy("template_key").agg(F.countDistinct("path").alias("n"))
    return per_key.where(
        (F.lit(share) > 0)
        & (F.col("n") >= MIN_STRUCTURAL_POSTS)
        & (F.col("n") * 100 >= F.lit(share * post_count))
    ).select("template_key")


def settled_outlines(extracts: Extracts, share: int):
    """(headings with `kept` and the settled `parent`; citations with the settled `section`)."""
    structural = structural_keys(extracts, share).withColumn("structural", F.lit(True))
    headings = (
        extracts.headings.join(F.broadcast(structural), "template_key", "left")
        .withColumn("kept", F.col("structural").isNull())
        .drop("structural")
    )
    citations = extracts.citations
    if structural.limit(1).count() == 0:
        return headings, citations
    steps = headings.select("path", F.col("index").alias("at"), F.col("kept").alias("at_kept"),
                            F.col("key").alias("at_key"), F.col("parent").alias("at_parent")).persist()
    parents = _enclosing(headings.select("path", "index", "key", F.col("parent").alias("at")), steps, skip_own_key=True)
    sections = _enclosing(
        citations.select("path", "index", F.lit(None).cast("string").alias("key"), F.col("section").alias("at")),
        steps, skip_own_key=False,
    )
    headings = headings.drop("parent").join(parents.withColumnRenamed("at", "parent"), ["path", "index"])
    citations = citations.drop("section").join(sections.withColumnRenamed("at", "section"), ["path", "index"])
    return headings.localCheckpoint(eager=True), citations.localCheckpoint(eager=True)


def _enclosing(rows: DataFrame, steps: DataFrame, skip_own_key: bool) -> DataFrame:
    """`path`, `index`, `at`: from each row's `at`, up the post's outline past every heading
    that is dropped (or, with `skip_own_key`, has the row's own `key`), to a kept one or NULL."""
    done = None
    moving = rows
    for _ in range(64):  # outlines are at most six levels deep
        looked = moving.join(steps, ["path", "at"], "left")
        stop = F.col("at").isNull() | (
            F.col("at_kept") & (~F.col("at_key").eqNullSafe(F.col("key")) if skip_own_key else F.lit(True))
        )
        finished = looked.where(stop).select("path", "index", "at")
        done = finished if done is None else done.union(finished)
        moving = looked.where(~stop).select("path", "index", "key", F.col("at_parent").alias("at")).persist()
        if moving.limit(1).count() == 0:
            return done
    raise ValueError("heading parents form a cycle")


def topic_pieces(extracts: Extracts, share: int) -> Pieces:
    """Topic, resource and domain nodes; `has_topic`, `subtopic`, `cites`, `hosted_on` edges."""
    headings, citations = settled_outlines(extracts, share)
    kept = headings.where("kept")
    post = node_id("post", F.col("path"))
    topic = node_id("topic", F.col("key"))

    # The first kept heading of each key: its text labels the topic, its place orders the topic.
    first = first_by(kept.withColumn("first", F.struct("path", "index", "heading")), "key", "first", ["path", "index"])
    levels = kept.groupBy("key").agg(F.min("level").alias("level"))
    topics = node_table(first.join(levels, "key"), "topic", F.col("key"), F.col("first.heading"),
                        level=F.col("level"))

    parent_keys = kept.select("path", F.col("index").alias("parent"), F.col("key").alias("parent_key"))
    with_parent = kept.join(parent_keys, ["path", "parent"])
    section_keys = kept.select("path", F.col("index").alias("section"), F.col("key").alias("section_key"))
    under_topic = citations.join(section_keys, ["path", "section"])
    resource = node_id("resource", F.col("url_key"))
    domain = node_id("domain", F.col("host"))
    hosted = citations.where(F.col("host").isNotNull())

    edges = (
        edge_rows(kept, post, topic, "has_topic")
        .union(edge_rows(with_parent.where(F.col("parent_key") != F.col("key")),
                         node_id("topic", F.col("parent_key")), topic, "subtopic"))
        .union(edge_rows(citations, post, resource, "cites"))
        .union(edge_rows(under_topic, node_id("topic", F.col("section_key")), resource, "cites"))
        .union(edge_rows(hosted.select("url_key", "host").distinct(), resource, domain, "hosted_on"))
    )
    uses = (
        kept.select(topic.alias("id"), "path")
        .union(citations.select(resource.alias("id"), "path"))
        .union(hosted.select(domain.alias("id"), "path"))
    )
    resources, resource_texts = _resources(citations)
    nodes = topics.union(resources).union(_domains(hosted))
    # Keyword text: every topic's label (topics follow all posts in kgraph's node order, by
    # first use) and each resource's chosen label unless it is alt text (a resource's node
    # follows the post that first cites it).
    topic_texts = text_rows(first, topic, False, F.col("first.heading"), 1, F.col("first.path"), F.col("first.index"))
    return Pieces(nodes=nodes, edges=edges, uses=uses, texts=topic_texts.union(resource_texts))


def _resources(citations: DataFrame):
    """(resource nodes, keyword-text rows of the resources labelled by more than alt text)."""
    chosen = citations.where(F.col("label").isNotNull()).withColumn("chosen", F.struct("label", "label_source"))
    labelled = first_by(chosen, "url_key", "chosen", ["label_rank", "path", "index"]).select(
        "url_key", F.col("chosen.label").alias("label"), F.col("chosen.label_source").alias("label_source"))
    first = citations.groupBy("url_key").agg(
        F.min(F.struct("path", "index", "raw_url")).alias("first"), F.count("*").alias("citations"))
    merged = first.join(labelled, "url_key", "left")
    nodes = node_table(merged, "resource", F.col("url_key"), F.coalesce("label", "first.raw_url"),
                       url=F.col("url_key"), citations=F.col("citations"))
    with_text = merged.where(F.col("label").isNotNull() & (F.col("label_source") != "alt_text"))
    texts = text_rows(with_text, node_id("resource", F.col("url_key")), False, F.col("label"), 0,
                      F.col("first.path"), F.col("first.index"))
    return nodes, texts


def _domains(hosted: DataFrame) -> DataFrame:
    counts = hosted.groupBy("host").agg(F.count("*").alias("citations"))
    return node_table(counts, "domain", F.col("host"), F.col("host"), citations=F.col("citations"))
