"""Where kgraph looks a link up (`model/links/`), as rows: each link gives the keys it is looked
up by, numbered in kgraph's order of trying them (`prio`), and every post the keys it is found
by. `links.py` joins the two and keeps each link's first hit.

Index tables (`table`, `k` -> one `post` each, ties settled as kgraph's maps settle them):
`path` (the path), `permalink` (the last post claiming it: a map insert), `note_path` (note key
of the path, the first post), `note_name` (last segment of it, the shortest path: fewest `/`,
fewest bytes, then byte order), `url` (site URL: a post's own URL, the last to claim it; else
the first post naming it as URL without language or alias).
"""

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from . import paths

LOOKUP_COLUMNS = ["path", "index", "side", "prio", "table", "k"]


def post_index(posts: DataFrame) -> DataFrame:
    """`table`, `k`, `post`: one post per key of each index table."""
    by_path = posts.select(F.lit("path").alias("table"), F.col("path").alias("k"), F.col("path").alias("post"))
    by_permalink = (
        posts.where(F.col("permalink_key").isNotNull())
        .groupBy(F.col("permalink_key").alias("k")).agg(F.max("path").alias("post"))
        .select(F.lit("permalink").alias("table"), "k", "post")
    )
    by_note_path = (
        posts.groupBy(F.col("note_path_key").alias("k")).agg(F.min("path").alias("post"))
        .select(F.lit("note_path").alias("table"), "k", "post")
    )
    shortest = F.struct(
        F.size(F.split("note_path_key", "/")), F.octet_length("note_path_key"), F.col("note_path_key"), F.col("path")
    )
    by_note_name = (
        posts.groupBy(F.col("note_name_key").alias("k")).agg(F.min(shortest).alias("m"))
        .select(F.lit("note_name").alias("table"), "k", F.col("m.path").alias("post"))
    )
    return by_path.union(by_permalink).union(by_note_path).union(by_note_name).union(_site_urls(posts))


def _site_urls(posts: DataFrame) -> DataFrame:
    own = posts.groupBy(F.col("site_url_key").alias("k")).agg(F.max("path").alias("post"))
    claims = (
        posts.where(F.col("site_url_key_without_language").isNotNull())
        .select(F.col("site_url_key_without_language").alias("k"), "path", F.lit(-1).alias("order"))
        .union(posts.select(F.posexplode("alias_url_keys").alias("order", "k"), "path").select("k", "path", "order"))
    )
    claimed = (
        claims.groupBy("k").agg(F.min(F.struct("path", "order")).alias("m"))
        .select("k", F.col("m.path").alias("claimed"))
    )
    return (
        claimed.join(own, "k", "full")
        .select(F.lit("url").alias("table"), "k", F.coalesce("post", "claimed").alias("post"))
    )


def name_candidates(posts: DataFrame) -> DataFrame:
    """`file`, `note_path_key`, `post`, `order`: every post by note name, for names with folders."""
    return posts.select(
        F.col("note_name_key").alias("file"), "note_path_key", F.col("path").alias("post"),
        F.struct(F.size(F.split("note_path_key", "/")), F.octet_length("note_path_key"),
                 F.col("note_path_key"), F.col("path")).alias("order"),
    )


def lookup(df: DataFrame, side: str, prio: int, table: str, key: Column) -> DataFrame:
    """One lookup per row of `df` (a link: `path`, `index`) with a key (NULL keys are dropped)."""
    return df.select("path", "index", F.lit(side).alias("side"), F.lit(prio).alias("prio"),
                     F.lit(table).alias("table"), key.alias("k")).where(F.col("k").isNotNull())


def name_lookups(df: DataFrame, side: str, prio: int, name: str, key: str):
    """kgraph's `NoteNames::resolve` of SQL expression `name` (its note key: `key`) from the
    link's post: (lookups, suffix lookups: `path`, `index`, `side`, `prio`, `file`, `suffix`).

    `./` and `../` names by the joined path only; else the whole key as a path, then by file
    name: the shortest path, or with folders the shortest path ending in `/key`.
    """
    trimmed = paths.trim_text(name)
    relative = F.expr(f"startswith({trimmed}, './') OR startswith({trimmed}, '../')")
    df = df.withColumn("_joined_name", F.expr(paths.join_path("path", trimmed)))
    joined = F.expr(paths.note_key("_joined_name"))
    df = df.withColumn("_bare", F.regexp_replace(F.expr(key), "^/+", ""))
    bare = F.col("_bare")
    rel, named = df.where(relative), df.where(~relative)
    lookups = (
        lookup(rel, side, prio, "note_path", joined)
        .union(lookup(named, side, prio, "note_path", bare))
        .union(lookup(named.where(~bare.contains("/")), side, prio + 1, "note_name", bare))
    )
    suffix = named.where(bare.contains("/")).select(
        "path", "index", F.lit(side).alias("side"), F.lit(prio + 1).alias("prio"),
        F.element_at(F.split(bare, "/"), -1).alias("file"), F.concat(F.lit("/"), bare).alias("suffix"),
    )
    return lookups, suffix


def url_lookups(links: DataFrame):
    """The lookups of `url` links (Markdown links, site URLs, `post_url`): permalink, joined
    path, file forms, Markdown names, site URL (kgraph's `find_url` without `--permalink`).
    `links` carries the linking post's `site_url_key` as `from_url`."""
    live = links.where(F.col("page") != "")
    lookups = (
        lookup(live, "main", 10, "permalink", F.expr(paths.trim_slashes("page")))
        .union(lookup(live, "main", 20, "path", F.col("joined_path")))
        .union(_file_lookups(live))
    )
    markdown = live.where(
        F.expr("NOT startswith(decoded, '/') AND NOT contains(decoded, '://')")
        & (F.lower("decoded").endswith(".md") | F.lower("decoded").endswith(".markdown"))
        & F.expr(f"{paths.join_path('path', 'decoded')} IS NOT NULL")
    )
    names, suffix = name_lookups(markdown, "main", 40, "decoded", paths.note_key("decoded"))
    rooted = F.col("decoded").startswith("/")
    relative = live.withColumn("_joined_url", F.expr(paths.join_path("concat(from_url, '/_')", paths.without_fragment("decoded"))))
    relative = paths.with_url_key(relative, "_joined_url", "_relative_url")
    site = lookup(relative, "main", 50, "url", F.when(rooted, F.col("url_key")).otherwise(F.col("_relative_url")))
    return lookups.union(names).union(site), suffix


def _file_lookups(links: DataFrame) -> DataFrame:
    """`find_file`: the relative path as written, its `.md`/`.markdown` forms, a folder's index."""
    links = links.withColumn("_jp", F.expr(paths.join_path("path", "decoded")))
    links = links.withColumn("_stem", F.expr(paths.strip_extension("_jp")))
    jp, stem = "_jp", "_stem"

    def index_of(folder: str) -> str:
        prefix = f"IF({folder} = '', '', concat({folder}, '/'))"
        names = ("index.md", "_index.md", "README.md", "index.markdown")
        return "array(" + ", ".join(f"concat({prefix}, '{n}')" for n in names) + ")"

    folder_form = f"(endswith(decoded, '/') OR {stem} = '')"
    page_forms = (
        f"concat(array({jp}, concat({stem}, '.md'), concat({stem}, '.markdown')), "
        f"CASE WHEN endswith({stem}, '/index') THEN {index_of(f'left({stem}, length({stem}) - 6)')} "
        f"WHEN {stem} = 'index' THEN {index_of(chr(39) * 2)} ELSE CAST(array() AS array<string>) END)"
    )
    forms = F.expr(f"CASE WHEN {folder_form} THEN {index_of(jp)} ELSE {page_forms} END")
    eligible = links.where(
        F.expr(f"NOT startswith(decoded, '/') AND NOT contains(decoded, '://') AND {jp} IS NOT NULL")
    )
    return eligible.select("path", "index", F.posexplode(forms).alias("i", "k")).select(
        "path", "index", F.lit("main").alias("side"), (F.lit(30) + F.col("i")).cast("int").alias("prio"),
        F.lit("path").alias("table"), "k",
    )


def content_lookups(links: DataFrame):
    """`content` links (Zola `@/x`, Hugo `ref`): from the content root (`@/x`, `/x`), else
    from the post's folder then the root, as `x`, `x/index`, `x/_index`, each also under
    `content/`; then, unrooted, by note name."""
    live = links.where(F.col("decoded") != "")
    rooted_expr = "(startswith(decoded, '@/') OR startswith(decoded, '/'))"
    rooted_base = "regexp_replace(decoded, '^@?/', '')"
    bases = (
        f"CASE WHEN {rooted_expr} THEN array({rooted_base}) "
        f"ELSE filter(array({paths.join_path('path', 'decoded')}, decoded), b -> b IS NOT NULL) END"
    )
    forms = (
        f"flatten(transform({bases}, b -> transform(array('', 'content/'), r -> "
        "transform(array('', '/index', '/_index'), f -> concat(r, regexp_replace(b, '/+$', ''), f)))))"
    )
    exploded = live.select("path", "index", F.posexplode(F.expr(f"flatten({forms})")).alias("i", "form"))
    lookups = exploded.select(
        "path", "index", F.lit("main").alias("side"), (F.lit(30) + F.col("i")).cast("int").alias("prio"),
        F.lit("note_path").alias("table"), F.expr(paths.note_key("form")).alias("k"),
    )
    unrooted = live.where(~F.expr(rooted_expr))
    names, suffix = name_lookups(unrooted, "main", 60, "decoded", paths.note_key("decoded"))
    return lookups.union(names), suffix
