"""kgraph's path and URL rules for links (its `extract/link_path.rs`, `model/links/`) as Spark
SQL expressions, so that link resolution runs on the executors without Python.

Each function takes SQL expressions (column names or other expressions) and returns one. The
texts are compared as kgraph compares them: note names in Unicode NFC, then lower case.
"""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# `is_attachment`: a wikilink to one of these is no missing note.
ATTACHMENT_EXTENSIONS = (
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "avif", "heic",
    "mp3", "wav", "ogg", "m4a", "flac", "aac", "mp4", "webm", "mov", "mkv", "avi", "ogv", "pdf",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "zip", "gz", "tgz",
    "tar", "7z", "rar", "csv", "tsv", "json", "yaml", "yml", "toml", "xml", "txt", "canvas",
    "excalidraw", "drawio",
)

PAGE_EXTENSIONS = (".markdown", ".html", ".htm", ".md")
MARKDOWN_EXTENSIONS = (".markdown", ".md")


def join_path(from_path: str, target: str) -> str:
    """`target` read from the folder of `from_path` (`..` and `.` applied, empty segments
    dropped); NULL when it climbs out of the input folder (kgraph's `join`)."""
    folder = f"slice(split({from_path}, '/'), 1, size(split({from_path}, '/')) - 1)"
    return (
        f"aggregate(split({target}, '/'), named_struct('p', {folder}, 'up', 0), "
        "(a, s) -> CASE WHEN s = '' OR s = '.' THEN a "
        "WHEN s = '..' THEN IF(size(a.p) = 0, named_struct('p', a.p, 'up', a.up + 1), "
        "named_struct('p', slice(a.p, 1, size(a.p) - 1), 'up', a.up)) "
        "ELSE named_struct('p', concat(a.p, array(s)), 'up', a.up) END, "
        "a -> IF(a.up = 0, array_join(a.p, '/'), NULL))"
    )


def strip_extension(name: str, extensions=PAGE_EXTENSIONS) -> str:
    """`name` without the first of `extensions` it ends with (ASCII case ignored)."""
    cases = " ".join(
        f"WHEN lower(right({name}, {len(e)})) = '{e}' THEN left({name}, length({name}) - {len(e)})"
        for e in extensions
    )
    return f"(CASE {cases} ELSE {name} END)"


def trim_text(text: str) -> str:
    """`text` without white space at either end (Unicode white space, as Rust's `trim`)."""
    return f"regexp_replace({text}, '(?U)^\\\\s+|\\\\s+$', '')"


def trim_slashes(text: str) -> str:
    """`text` without `/` at either end."""
    return f"regexp_replace({text}, '^/+|/+$', '')"


def without_fragment(target: str) -> str:
    """`target` up to its first `#` or `?`, trimmed."""
    return trim_text(f"regexp_extract({target}, '^[^#?]*', 0)")


def nfc(text: str) -> str:
    """`text` in Unicode NFC, by ICU4J (a dependency of Spark 4 itself), on the JVM."""
    return f"reflect('com.ibm.icu.text.Normalizer', 'compose', {text}, false)"


def note_key(name: str) -> str:
    """A note name as compared (kgraph's `note_key`): trimmed, without `.md`, NFC, lower case."""
    return f"lower({nfc(strip_extension(trim_text(name), MARKDOWN_EXTENSIONS))})"


def with_url_key(df: DataFrame, path: str, name: str) -> DataFrame:
    """`df` with column `name`: SQL expression `path` as site URLs are compared (kgraph's
    `url_key` on a text already decoded): lower case, no slashes at either end, no final
    `index.html`, `index.htm` or page extension. Built in steps, so no step repeats another."""
    lowered = f"_{name}_lowered"
    trimmed = f"_{name}_trimmed"
    df = df.withColumn(lowered, F.expr(trim_slashes(f"lower({without_fragment(path)})")))
    no_index = (
        f"(CASE WHEN endswith({lowered}, 'index.html') THEN left({lowered}, length({lowered}) - 10) "
        f"WHEN endswith({lowered}, 'index.htm') THEN left({lowered}, length({lowered}) - 9) "
        f"ELSE {lowered} END)"
    )
    df = df.withColumn(trimmed, F.expr(f"regexp_replace({no_index}, '/+$', '')"))
    return df.withColumn(name, F.expr(trim_slashes(strip_extension(trimmed)))).drop(lowered, trimmed)


def last_segment(path: str) -> str:
    """The text after the last `/` (all of it without one)."""
    return f"try_element_at(split({path}, '/'), -1)"


def is_attachment(name: str) -> str:
    """Whether `name` names a file that is no note (an image, a PDF…)."""
    listed = ", ".join(f"'{e}'" for e in ATTACHMENT_EXTENSIONS)
    file = last_segment(name)
    return (
        f"(instr({file}, '.') > 0 AND "
        f"lower(try_element_at(split({file}, '\\\\.'), -1)) IN ({listed}) AND "
        f"NOT ({file} RLIKE '^\\\\.[^.]*$'))"
    )


def _calendar_date(year: str, month: str, day: str) -> str:
    """`YYYY-MM-DD` when the three digit texts make a calendar date from year 1000, else NULL."""
    y, m, d = (f"try_cast({x} AS INT)" for x in (year, month, day))
    valid = (
        f"{y} >= 1000 AND {y} <= 9999 AND {m} BETWEEN 1 AND 12 AND {d} >= 1 "
        f"AND {d} <= CASE WHEN {m} = 2 THEN IF(({y} % 4 = 0 AND {y} % 100 != 0) OR {y} % 400 = 0, 29, 28) "
        f"WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    )
    return f"(CASE WHEN {valid} THEN format_string('%04d-%02d-%02d', {y}, {m}, {d}) END)"


def date_prefix(stem: str) -> str:
    """The date of a `YYYY-M-D-rest` name as `YYYY-MM-DD` (kgraph's `split_date_prefix`); NULL
    when the name has none."""
    pattern = "'^([0-9]+)-([0-9]+)-([0-9]+)-(.+)$'"
    parts = [f"regexp_extract({stem}, {pattern}, {i})" for i in (1, 2, 3)]
    return f"(CASE WHEN {stem} RLIKE {pattern} THEN {_calendar_date(*parts)} END)"


def without_date_prefix(stem: str) -> str:
    """`stem` without a valid `YYYY-M-D-` prefix."""
    pattern = "'^([0-9]+)-([0-9]+)-([0-9]+)-(.+)$'"
    return f"(CASE WHEN {date_prefix(stem)} IS NOT NULL THEN regexp_extract({stem}, {pattern}, 4) ELSE {stem} END)"


def date_in_permalink(segs: str) -> str:
    """The first run of three segments making a date in `segs` (the non-empty segments of a
    link, `segments`), as `YYYY-MM-DD`; NULL when none."""
    date_at = _calendar_date(f"try_element_at({segs}, i)", f"try_element_at({segs}, i + 1)", f"try_element_at({segs}, i + 2)")
    dates = f"filter(transform(sequence(1, size({segs}) - 2), i -> {date_at}), x -> x IS NOT NULL)"
    return f"(CASE WHEN size({segs}) >= 3 THEN try_element_at({dates}, 1) END)"


def segments(target: str) -> str:
    """The non-empty `/`-separated segments of `target`."""
    return f"filter(split({target}, '/'), s -> s != '')"
