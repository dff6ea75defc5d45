"""The names kgraph gives node kinds, edge kinds and node attributes, in kgraph's order.

Mirrors `NodeKind`, `EdgeKind` and `Attr` in kgraph's `src/model/`: node positions (the order
ties are broken by) follow the node kinds' order here, then the key's bytes.
"""

from pyspark.sql import types as T

# NodeKind::ALL: ids sort by kind in this order, then by key.
NODE_KINDS = ("post", "topic", "resource", "domain", "category", "tag", "series", "keyword", "missing")

# EdgeKind::ALL: kgraph writes a pair's relations in this order.
EDGE_KINDS = (
    "has_topic", "subtopic", "cites", "hosted_on", "in_category", "tagged", "subtag",
    "in_series", "links_to", "mentions", "co_occurs", "embeds",
)

# A node's own attributes (Attr::ALL without the derived ones but `score`), with their types.
NODE_ATTRIBUTES = (
    ("path", T.StringType()),
    ("date", T.StringType()),
    ("updated", T.StringType()),
    ("draft", T.LongType()),
    ("category", T.StringType()),
    ("tags", T.StringType()),
    ("series", T.StringType()),
    ("part", T.LongType()),
    ("level", T.LongType()),
    ("url", T.StringType()),
    ("citations", T.LongType()),
    ("posts", T.LongType()),
    ("doc_freq", T.LongType()),
    ("score", T.DoubleType()),
)

# What the metrics stage computes, in the order it writes them. An input that already carries
# any of these (kgraph's own files do) has them dropped and computed again.
METRIC_COLUMNS = ("in_degree", "out_degree", "degree", "weighted_degree", "pagerank", "component")

# Computed by `kgraph build` but not here (see README.md, "community"), or the look and layout
# of kgraph's drawings: dropped from the input too.
NOT_CARRIED = ("community", "community_label", "x", "y", "size", "color")

NODE_SCHEMA = T.StructType(
    [T.StructField("id", T.StringType()), T.StructField("kind", T.StringType()),
     T.StructField("label", T.StringType())]
    + [T.StructField(name, ty) for name, ty in NODE_ATTRIBUTES]
)

EDGE_SCHEMA = T.StructType([
    T.StructField("src", T.StringType()),
    T.StructField("dst", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("weight", T.LongType()),
])
