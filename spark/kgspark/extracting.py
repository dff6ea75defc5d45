"""Markdown folders to `kgraph extract` tables on the cluster: the driver lists the files, each
partition pipes its share (absolute paths) to the kgraph binary (`--files-from - --root DIR --shard NAME`), and
every run writes its own part files into one tables folder.

The input folders, the binary and the tables folder must be at the same paths on the driver and
on every executor (one machine, or a shared file system). The partition's shard name is handed
to the binary as the first line of its input, so the command is the same for every partition.
"""

import os
import shlex
from typing import List, Sequence

from pyspark.sql import SparkSession

# Folders kgraph's walk never enters, besides hidden ones (its `discover.rs`).
SKIPPED_DIRS = {"_site", "node_modules", "vendor"}

# $0 the binary, $1 the root, $2 the tables folder, then extraction options. Exit code 1 (an
# error in some post, listed in `diagnostics`) is no failure of the run.
PIPED_EXTRACT = (
    'read shard; kgraph="$0"; root="$1"; out="$2"; shift 2; '
    '"$kgraph" extract --files-from - --root "$root" -o "$out" --shard "$shard" --quiet "$@"; '
    'code=$?; [ "$code" -le 1 ]'
)


def markdown_files(folder: str) -> List[str]:
    """The Markdown files under `folder` as kgraph's walk finds them (without `.gitignore`
    rules), relative and `/`-separated, sorted."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
        for name in files:
            if not name.startswith(".") and name.lower().endswith((".md", ".markdown")):
                found.append(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    return sorted(found)


def extract_folders(
    spark: SparkSession, folders: Sequence[str], tables: str, kgraph: str, partitions: int, options: Sequence[str]
) -> int:
    """Runs `kgraph extract` (with `options`) over each of `folders` in `partitions` pieces,
    all into the tables folder `tables`: shard `in<folder number>-<partition>`. Returns the
    number of files listed."""
    out = os.path.abspath(tables)
    listed = 0
    for number, folder in enumerate(folders):
        root = os.path.abspath(folder)
        files = markdown_files(root)
        listed += len(files)
        pieces = max(1, min(partitions, len(files)))
        command = ["sh", "-c", PIPED_EXTRACT, kgraph, root, out, *options]
        (
            spark.sparkContext.parallelize([f"{root}/{name}" for name in files], pieces)
            .mapPartitionsWithIndex(lambda index, names, n=number: [f"in{n}-{index}", *names])
            .pipe(shlex.join(command), checkCode=True)
            .collect()
        )
    return listed
