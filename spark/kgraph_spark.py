"""kgraph past one machine: degrees, PageRank and weakly connected components of a kgraph graph
on Apache Spark, equal to `kgraph build`'s, written as Parquet `nodes/` and `edges/` tables.
The graph is one kgraph built, or the merge of the tables `kgraph extract` wrote for the posts
(in any number of shards and folders), equal to `kgraph build`'s graph with the same keyword
options (keywords ranked on Spark; `--no-keywords` for none).

    python spark/kgraph_spark.py g.json --out DIR [--master local[2]]
    python spark/kgraph_spark.py --from-extracts TABLES… --out DIR
    python spark/kgraph_spark.py --from-markdown POSTS… --out DIR [--kgraph BIN]
      (each partition of the file list piped to `kgraph extract`, then merged as above)
    spark-submit --py-files spark/kgspark.zip spark/kgraph_spark.py g.json --out DIR

Stages: inputs -> merge -> metrics -> write (modules of the `kgspark` package beside this file).
Exit codes: 0 done, 1 bad input (an unreadable or inconsistent graph), 2 bad usage.
"""

import argparse
import os
import subprocess
import sys
import time

from pyspark.errors import AnalysisException

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kgspark import session  # noqa: E402
from kgspark.extracting import extract_folders  # noqa: E402
from kgspark.fs import remove  # noqa: E402
from kgspark.inputs import ExtractsError, read_extracts, read_graph  # noqa: E402
from kgspark.keywords import KeywordSettings  # noqa: E402
from kgspark.merge import DEFAULT_STRUCTURAL_SHARE, MergeError, merge, merge_extracts  # noqa: E402
from kgspark.metrics import GraphError, annotate  # noqa: E402
from kgspark.permalinks import Permalinks  # noqa: E402
from kgspark.ranking import Limits  # noqa: E402
from kgspark.write import write_tables  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="kgraph_spark",
        description="Degrees, PageRank and components of a kgraph graph on Spark, as Parquet tables.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="a kgraph graph: node-link JSON (kgraph build -o g.json) or a folder with nodes/ and edges/ Parquet tables")
    parser.add_argument("--from-extracts", nargs="+", metavar="DIR", default=[],
                        help="merge the tables `kgraph extract -o DIR` wrote (every shard in each DIR) instead")
    parser.add_argument("--from-markdown", nargs="+", metavar="DIR", default=[],
                        help="run `kgraph extract` on the Markdown files under each DIR, partition by partition, "
                        "into OUT/extract, then merge those tables")
    parser.add_argument("--kgraph", default=os.environ.get("KGRAPH_BIN", "kgraph"), metavar="BIN",
                        help="the kgraph binary: with --from-markdown at this path on every executor; for keywords "
                        "on the driver and executors (default $KGRAPH_BIN, else kgraph on the PATH)")
    parser.add_argument("--structural-share", type=int, default=DEFAULT_STRUCTURAL_SHARE, metavar="P",
                        help="with --from-extracts: headings in at least P %% of the posts are structural, no topics "
                        f"(0: none; default {DEFAULT_STRUCTURAL_SHARE}, as kgraph build)")
    parser.add_argument("--permalink", metavar="PATTERN",
                        help="with --from-extracts or --from-markdown: the URLs the site publishes its posts at, "
                        "such as /blog/:year/:month/:slug.html (kgraph build's option)")
    extraction = parser.add_argument_group("extraction (with --from-markdown: kgraph extract's options)")
    extraction.add_argument("--site-url", action="append", default=[], metavar="URL",
                            help="the blog's own address: absolute links to it are links between posts (repeatable)")
    extraction.add_argument("--generic-heading", action="append", default=[], metavar="TEXT",
                            help="also treat this heading as generic (repeatable)")
    extraction.add_argument("--no-default-generic-headings", action="store_true",
                            help="start from an empty list of generic headings")
    extraction.add_argument("--no-inline-tags", action="store_true", help="do not read inline #tags in prose")
    keywords = parser.add_argument_group("keywords (as kgraph build's; with --from-extracts or --from-markdown)")
    keywords.add_argument("--no-keywords", action="store_true", help="add no keyword layer")
    keywords.add_argument("--listed-only", action="store_true", help="only listed terms become keywords")
    keywords.add_argument("--min-shared", type=int, default=Limits.min_shared, metavar="N",
                          help=f"fewest posts, topics or resources mentioning a keyword (default {Limits.min_shared})")
    keywords.add_argument("--max-keywords", type=int, default=Limits.max_keywords, metavar="N",
                          help=f"most keywords kept (default {Limits.max_keywords})")
    keywords.add_argument("--cooccurrence", action="store_true",
                          help="also link keywords mentioned together by at least --min-shared entities")
    for option, what in (("--keywords", "more terms to keep whole"), ("--aliases", "more aliases"),
                         ("--stop-words", "more stop words")):
        keywords.add_argument(option, action="append", default=[], metavar="FILE",
                              help=f"with --from-markdown: {what} (kgraph extract's option; repeatable)")
    keywords.add_argument("--keywords-replace", action="store_true",
                          help="with --from-markdown: the --keywords files replace the built-in term list")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write nodes/ and edges/ into")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's or Spark's)")
    parser.add_argument("--driver-memory", metavar="SIZE",
                        help="the driver's JVM heap, e.g. 2g, when this script starts Spark (default Spark's 1g; "
                        "under spark-submit, give spark-submit's own --driver-memory)")
    parser.add_argument("--partitions", type=int, metavar="N",
                        help="shuffle partitions (default: twice the default parallelism)")
    parser.add_argument("--checkpoint-every", type=int, default=5, metavar="K",
                        help="checkpoint iterative results every K steps (default 5)")
    parser.add_argument("--checkpoint-dir", metavar="DIR", help="Spark checkpoint folder (GraphFrames needs one)")
    parser.add_argument("--graphframes", choices=("auto", "never", "always"), default="auto",
                        help="use GraphFrames' connectedComponents: when on the classpath (auto), never, or always")
    args = parser.parse_args(argv)
    if sum(map(bool, (args.inputs, args.from_extracts, args.from_markdown))) != 1:
        parser.error("give one of: a kgraph graph (INPUT), --from-extracts DIR…, --from-markdown DIR…")
    if args.permalink and args.inputs:
        parser.error("--permalink applies to --from-extracts and --from-markdown (a built graph has its links)")
    if not 0 <= args.structural_share <= 100:
        parser.error("--structural-share must be between 0 and 100")
    if args.min_shared < 0 or args.max_keywords < 0:
        parser.error("--min-shared and --max-keywords must not be negative")
    if args.checkpoint_every < 1:
        parser.error("--checkpoint-every must be at least 1")
    return args


def extract_options(args) -> list:
    """The options of `kgraph extract` that --from-markdown passes on."""
    options = [f"--site-url={url}" for url in args.site_url]
    options += [f"--generic-heading={heading}" for heading in args.generic_heading]
    options += [f"--{flag}" for flag in ("no-default-generic-headings", "no-inline-tags")
                if getattr(args, flag.replace("-", "_"))]
    if args.no_keywords:
        return options + ["--no-keywords"]
    options += [f"--{option}={os.path.abspath(path)}" for option in ("keywords", "aliases", "stop-words")
                for path in getattr(args, option.replace("-", "_"))]
    return options + (["--keywords-replace"] if args.keywords_replace else [])


def keyword_settings(args):
    if args.no_keywords:
        return None
    limits = Limits(min_shared=args.min_shared, max_keywords=args.max_keywords, cooccurrence=args.cooccurrence)
    return KeywordSettings(kgraph=args.kgraph, limits=limits, listed_only=args.listed_only)


def print_warnings(warnings, folders) -> None:
    """kgraph build's corpus-wide warnings, `path:line: warning: …`; paths under the one
    --from-markdown folder when there is one, else as the tables hold them."""
    if warnings is None:
        return
    shown = (lambda path: os.path.join(folders[0], path)) if len(folders) == 1 else (lambda path: path)
    for row in warnings.toLocalIterator():
        print(f"{shown(row['path'])}:{row['line']}: warning: {row['message']}", file=sys.stderr)


def run(args) -> int:
    started = time.monotonic()
    permalinks = Permalinks(args.permalink, args.kgraph) if args.permalink else None
    if permalinks:
        try:
            permalinks.check()
        except (ValueError, OSError) as error:
            print(f"kgraph_spark: error: {error}", file=sys.stderr)
            return 2
    spark = session.start(args.master, args.partitions, args.checkpoint_dir, args.driver_memory)
    try:
        if args.from_markdown:
            tables = os.path.join(args.out, "extract")
            remove(spark, tables)  # parts of an earlier run with more partitions would join in
            extract_folders(spark, args.from_markdown, tables, args.kgraph,
                            spark.sparkContext.defaultParallelism, extract_options(args))
            args.from_extracts = [tables]
        if args.from_extracts:
            graph = merge_extracts(read_extracts(spark, args.from_extracts), args.structural_share,
                                   keyword_settings(args), permalinks)
            print_warnings(graph.warnings, args.from_markdown)
        else:
            graph = merge([read_graph(spark, path) for path in args.inputs])
        result = annotate(graph, args.checkpoint_every, args.graphframes)
        write_tables(result.graph, args.out)
    except (MergeError, ExtractsError, GraphError, AnalysisException, FileNotFoundError, subprocess.CalledProcessError) as error:
        print(f"kgraph_spark: error: {error}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    print(
        f"{result.nodes} nodes, {result.edges} edges -> {args.out}/nodes, {args.out}/edges "
        f"(PageRank {result.pagerank_steps} steps; components by {result.components_by}"
        + (f", {result.component_steps} steps" if result.component_steps else "")
        + f") in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(run(parse_args(sys.argv[1:])))
