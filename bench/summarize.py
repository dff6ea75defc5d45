#!/usr/bin/env python3
"""Turns one bench/run.sh results folder into the Markdown table kept in BENCHMARKS.md.

    python bench/summarize.py RESULTS_DIR [CRITERION_DIR] > summary.md

Reads machine.txt, notes.txt, runs.tsv (input sizes, peak RSS, exit codes), the hyperfine
JSON exports (x1, x<scale>, startup) and, when the run included --stages, criterion's
estimates written after RESULTS_DIR/stages.start. Standard library only.
"""

import csv
import glob
import json
import os
import re
import sys

TARGETS = {
    "x1": ("≤ 0.25 s", 0.25),
    "x100": ("≤ 25 s, ≤ 1.5 GB", 25.0),
    "startup": ("≤ 20 ms", 0.020),
}
# Peak memory targets by run.
RSS_LIMITS_KB = {"x10": 300 * 1024, "x100": 1536 * 1024}
# The NetworkX script at 1× should take at least this many times kgraph's median.
BASELINE_RATIO_TARGET = 15
# The 10× corpus should take at most this many times the 1× median.
X10_RATIO_TARGET = 10


# Pipeline order of the criterion stages (benches/stages.rs); others follow, by name.
STAGE_ORDER = ["discover_read", "extract", "keywords", "graph", "metrics", "layout", "export", "write_all"]


def seconds(s):
    if s is None:
        return "–"
    if s < 0.01:
        return f"{s * 1000:.2f} ms"
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def megabytes(n):
    return f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def load_hyperfine(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["results"]
    except FileNotFoundError:
        return []


def scale_of(label):
    m = re.fullmatch(r"x(\d+)", label)
    return int(m.group(1)) if m else None


def main():
    results = sys.argv[1]
    criterion = sys.argv[2] if len(sys.argv) > 2 else None
    out = []

    with open(os.path.join(results, "machine.txt"), encoding="utf-8") as f:
        for line in f.read().splitlines():
            out.append(f"- {line}")
    out.append("")

    runs = {}
    with open(os.path.join(results, "runs.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs[row["run"]] = row

    labels = ["x1"] + sorted(
        (os.path.basename(p)[:-5] for p in glob.glob(os.path.join(results, "x*.json"))
         if scale_of(os.path.basename(p)[:-5]) not in (None, 1)),
        key=scale_of,
    ) + ["startup"]

    # CPU time (user + system, mean) says more than wall time when the machine is busy.
    out.append("| Run | Input | Median | Mean ± σ | Min … Max | Runs | CPU | Peak RSS | Target |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    medians = {}
    cpu = {}
    any_failed = False
    for label in labels:
        for r in load_hyperfine(os.path.join(results, f"{label}.json")):
            name = r["command"]
            is_kgraph = name.startswith("kgraph")
            info = runs.get(label, {})
            size = ""
            if info:
                posts = int(info["posts"])
                size = f"{posts:,} post{'s' if posts != 1 else ''}, {megabytes(int(info['bytes']))}"
            rss = ""
            if is_kgraph and info.get("max_rss_kb"):
                rss = f"{int(info['max_rss_kb']) / 1024:.0f} MB"
            failed = any(c != 0 for c in (r.get("exit_codes") or []))
            target, verdict = "", ""
            if is_kgraph and label in TARGETS:
                target, limit = TARGETS[label]
                ok = r["median"] <= limit
                if label in RSS_LIMITS_KB and info.get("max_rss_kb"):
                    ok = ok and int(info["max_rss_kb"]) <= RSS_LIMITS_KB[label]
                verdict = " (runs failed: not comparable)" if failed else " ✓" if ok else " ✗"
            if failed:
                name += " (non-zero exit)"
            if is_kgraph:
                medians[label] = r["median"]
                cpu[label] = r["user"] + r["system"]
                any_failed = any_failed or failed
            elif name.startswith("rg"):
                medians[f"{label}:floor"] = r["median"]
            else:
                medians[f"{label}:baseline"] = r["median"]
            out.append(
                f"| {name} | {size} | **{seconds(r['median'])}** | "
                f"{seconds(r['mean'])} ± {seconds(r['stddev'] or 0)} | "
                f"{seconds(r['min'])} … {seconds(r['max'])} | {len(r['times'])} | "
                f"{seconds(r['user'] + r['system'])} | {rss} | "
                f"{target}{verdict} |"
            )
    # Scales run once (1000× and up): wall time and peak memory only.
    for label, info in runs.items():
        if label in labels or not scale_of(label) or not info.get("max_rss_kb"):
            continue
        posts = int(info["posts"])
        out.append(
            f"| kgraph {label[1:]}x, once | {posts:,} posts, {megabytes(int(info['bytes']))} | "
            f"**{info['wall']}** | | | 1 | | {int(info['max_rss_kb']) / 1024:.0f} MB | "
            f"exit {info['exit']} |"
        )
    out.append("")

    ratios = []
    scales = sorted(s for s in (scale_of(k) for k in medians) if s)
    for a, b in zip(scales, scales[1:]):
        ta, tb = medians[f"x{a}"], medians[f"x{b}"]
        ideal = b / a
        note = " (target ≤ 11×)" if (a, b) == (10, 100) else ""
        if (a, b) == (1, 10):
            note = f" (target ≤ {X10_RATIO_TARGET}×)"
        ratios.append(
            f"{a}×→{b}×: {tb / ta:.2f}× wall, {cpu[f'x{b}'] / cpu[f'x{a}']:.2f}× CPU "
            f"for {ideal:.0f}× the input{note}"
        )
    if "x1:baseline" in medians and "x1" in medians:
        ratios.append(
            f"NetworkX baseline / kgraph at 1×: {medians['x1:baseline'] / medians['x1']:.1f}× "
            f"(target ≥ {BASELINE_RATIO_TARGET}×)"
        )
    if "x1:floor" in medians and "x1" in medians:
        ratios.append(
            f"kgraph / rg scan of the same files at 1×: {medians['x1'] / medians['x1:floor']:.1f}×"
        )
    if ratios:
        caveat = " (of failed kgraph runs: not comparable)" if any_failed else ""
        out.append(f"Ratios of medians{caveat}: " + "; ".join(ratios) + ".")
        out.append("")

    out.extend(cached_rebuild_rows(results))

    split = timing_rows(results, labels)
    if split:
        columns = [label for label in labels if any(label in row for _, row in split)]
        out.append("Stage split (wall clock of the `/usr/bin/time` run of each input, `kgraph --timings`;")
        out.append("outputs are written side by side, so their times overlap):")
        out.append("")
        out.append("| Stage | " + " | ".join(columns) + " |")
        out.append("|---|" + "---|" * len(columns))
        for name, row in split:
            cells = [seconds(row[c]) if c in row else "–" for c in columns]
            out.append(f"| {name} | " + " | ".join(cells) + " |")
        out.append("")

    stages = stage_rows(results, criterion)
    if stages:
        out.append("Stages (criterion, median of the 1× corpus, in-process):")
        out.append("")
        out.append("Writers (`export/…`) and `write_all/…` (the same bytes into memory, the memcpy")
        out.append("ceiling) show their throughput.")
        out.append("")
        out.append("| Stage | Median | Throughput |")
        out.append("|---|---|---|")
        out.extend(
            f"| {name} | {seconds(ns / 1e9)} | "
            + (f"{nbytes / (ns / 1e9) / 1e6:,.0f} MB/s ({megabytes(nbytes)})" if nbytes else "")
            + " |"
            for name, ns, nbytes in stages
        )
        out.append("")

    loads_path = os.path.join(results, "loads.md")
    if os.path.exists(loads_path):
        out.append("Loading the 1× outputs (`--loads`):")
        out.append("")
        with open(loads_path, encoding="utf-8") as f:
            out.append(f.read().rstrip())
        out.append("")

    notes_path = os.path.join(results, "notes.txt")
    if os.path.exists(notes_path):
        with open(notes_path, encoding="utf-8") as f:
            notes = [line for line in f.read().splitlines() if line.strip()]
        if notes:
            out.append("Notes:")
            out.extend(f"- {n.removeprefix('note: ')}" for n in notes)
            out.append("")
    print("\n".join(out))


def cached_rebuild_rows(results):
    """The cached-rebuild runs: each corpus with --no-cache and with a warm cache, one post
    edited before every run, the ratio of their medians and the cache's size on disk."""
    paths = sorted(glob.glob(os.path.join(results, "cached-x*.json")),
                   key=lambda p: int(re.search(r"x(\d+)", p).group(1)))
    rows = []
    for path in paths:
        label = os.path.basename(path)[:-5]
        runs = load_hyperfine(path)
        if len(runs) != 2:
            continue
        uncached, cached = runs
        size = ""
        cache_txt = os.path.join(results, f"{label}.cache.txt")
        if os.path.exists(cache_txt):
            with open(cache_txt, encoding="utf-8") as f:
                m = re.search(r"(\d+) KB", f.read())
                size = megabytes(int(m.group(1)) * 1000) if m else ""
        ratio = f"{cached['median'] / uncached['median']:.2f}×, cache {size}"
        for r in (uncached, cached):
            rows.append(
                f"| {r['command']} | **{seconds(r['median'])}** | "
                f"{seconds(r['min'])} … {seconds(r['max'])} | {len(r['times'])} | "
                f"{seconds(r['user'] + r['system'])} | "
                f"{ratio if r is cached else ''} |"
            )
    if not rows:
        return []
    return [
        "Cached rebuilds (a copy of the corpus, one post edited before each run):",
        "",
        "| Run | Median | Min … Max | Runs | CPU | Cached / uncached |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def timing_rows(results, labels):
    """[(stage, {label: seconds})] from the timings-<label>.txt tables, in the order kgraph prints.

    Output rows name a file in a temporary folder: they are shown by format (`write .json`).
    """
    rows = {}
    for label in labels:
        path = os.path.join(results, f"timings-{label}.txt")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                m = re.fullmatch(r"(\s+)(.*?)\s+([\d.]+) ms", line)
                if not m:
                    continue
                indent, name, ms = m.groups()
                if len(indent) > 2:
                    name = "write ." + name.rsplit(".", 1)[-1]
                rows.setdefault(name, {})[label] = float(ms) / 1000
    return list(rows.items())


def stage_rows(results, criterion):
    start = os.path.join(results, "stages.start")
    if not criterion or not os.path.exists(start):
        return []
    since = os.path.getmtime(start)
    rows = []
    for path in sorted(glob.glob(os.path.join(criterion, "*", "*", "new", "estimates.json"))):
        if os.path.getmtime(path) < since:
            continue
        with open(os.path.join(os.path.dirname(path), "benchmark.json"), encoding="utf-8") as f:
            benchmark = json.load(f)
        nbytes = (benchmark.get("throughput") or {}).get("Bytes")
        with open(path, encoding="utf-8") as f:
            rows.append((benchmark["full_id"], json.load(f)["median"]["point_estimate"], nbytes))
    def rank(row):
        group = row[0].split("/", 1)[0]
        return (STAGE_ORDER.index(group) if group in STAGE_ORDER else len(STAGE_ORDER), row[0])

    return sorted(rows, key=rank)


if __name__ == "__main__":
    main()
