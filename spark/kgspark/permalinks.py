"""`--permalink PATTERN` on Spark: links to site paths read as a post's slug and date, as
`kgraph build --permalink` reads them (its `find_by_pattern`, after the site URLs, before the
file slugs).

The pattern is kgraph's own: each distinct link target is piped through `kgraph text permalink`
on the executors, so the matching rules (placeholders, percent-decoding, case) are not remade
here. A target that fits names the posts with that slug, front-matter slugs first, then file
slugs, each in path order, keeping the first whose date agrees with the link's year, month and
day (a post without a date agrees with any): that comparison, a join with every post, is
kgraph's `PermalinkMatch::fits_date` remade in SQL.
"""

import json
import shlex
import subprocess
from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

READING_SCHEMA = "target string, slug_key string, year bigint, month bigint, day bigint"


@dataclass
class Permalinks:
    """A `--permalink` pattern and the kgraph binary that reads links with it."""

    pattern: str
    kgraph: str = "kgraph"

    def check(self) -> None:
        """Raises ValueError with kgraph's message when it refuses the pattern."""
        run = subprocess.run([self.kgraph, "text", "permalink", "--pattern", self.pattern],
                             input=b"", capture_output=True)
        if run.returncode != 0:
            message = run.stderr.decode(errors="replace").strip().removeprefix("kgraph: error: ")
            raise ValueError(message or f"kgraph exited with {run.returncode}")

    def readings(self, targets: DataFrame) -> DataFrame:
        """`target` and what the pattern reads in it (READING_SCHEMA; a NULL `slug_key` when
        it does not fit), for each distinct value of the one column of `targets`."""
        command = shlex.join([self.kgraph, "text", "permalink", "--pattern", self.pattern])
        lines = targets.distinct().rdd.map(lambda row: json.dumps(row[0])).pipe(command, checkCode=True)
        rows = lines.map(json.loads).map(lambda r: (r["target"], r["slug_key"], r["year"], r["month"], r["day"]))
        return targets.sparkSession.createDataFrame(rows, READING_SCHEMA)


def pattern_hits(live_urls: DataFrame, posts: DataFrame, readings: DataFrame, prio: int) -> DataFrame:
    """`path`, `index`, `side`, `prio`, `post` of each `url` link (with a page) whose decoded
    target fits the pattern and names a post."""
    fits = readings.where(F.col("slug_key").isNotNull()).withColumnRenamed("target", "decoded")
    wanted = live_urls.select("path", "index", "decoded").join(fits, "decoded")
    named = posts.where(F.col("front_matter_slug_key").isNotNull()).select(
        F.col("front_matter_slug_key").alias("slug_key"), F.col("path").alias("post"), "date", F.lit(0).alias("source")
    ).union(posts.select("slug_key", F.col("path").alias("post"), "date", F.lit(1).alias("source")))
    return (
        wanted.join(named, "slug_key")
        .where(_date_agrees())
        .groupBy("path", "index").agg(F.min(F.struct("source", "post")).alias("m"))
        .select("path", "index", F.lit("main").alias("side"), F.lit(prio).alias("prio"), F.col("m.post").alias("post"))
    )


def _date_agrees():
    """kgraph's `PermalinkMatch::fits_date`: each of the link's year, month and day, when it has
    one, equals that part of the post's `YYYY-MM-DD` date, when the post has a date."""
    def part(i: int):
        # Rust's `u32` parse: an optional `+`, then digits, at most 4294967295.
        text = F.expr(f"try_element_at(split(date, '-'), {i})")
        number = F.regexp_replace(text, "^[+]", "").try_cast("bigint")
        return F.when(text.rlike("^[+]?[0-9]+$") & (number <= 4294967295), number)

    agrees = [F.col(name).isNull() | F.coalesce(F.col(name) == part(i), F.lit(False))
              for i, name in enumerate(("year", "month", "day"), start=1)]
    return F.col("date").isNull() | (agrees[0] & agrees[1] & agrees[2])
