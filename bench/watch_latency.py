#!/usr/bin/env python3
"""Latency of `kgraph watch`: from saving a post to every output being rewritten.

Copies a corpus to a temporary folder, starts `kgraph watch` on it with JSON, GraphML, GEXF and
DOT outputs, then appends a line to one post RUNS times and measures how long each output's
mtime takes to change. Prints each run and the medians.

    bench/watch_latency.py [CORPUS] [--runs N] [--kgraph target/release/kgraph] [-- EXTRA...]
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ["json", "graphml", "gexf", "dot"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="/work/shared/corpus/akf/_posts")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--kgraph", default="target/release/kgraph")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="kgraph-watch-")
    posts = os.path.join(work, "posts")
    shutil.copytree(args.corpus, posts)
    outputs = [os.path.join(work, "out", f"g.{ext}") for ext in FORMATS]
    command = [args.kgraph, "watch", posts] + sum([["-o", o] for o in outputs], []) + args.extra
    log = open(os.path.join(work, "stderr.log"), "w+")
    watch = subprocess.Popen(command, stderr=log)
    try:
        wait(lambda: all(os.path.exists(o) for o in outputs) and "watching" in read(log), 60)
        target = sorted(f for f in os.listdir(posts) if f.endswith((".md", ".markdown")))[len(os.listdir(posts)) // 2]
        path = os.path.join(posts, target)
        first, last = [], []
        for run in range(args.runs):
            time.sleep(1.0)  # quiet corpus before each save
            before = [os.stat(o).st_mtime_ns for o in outputs]
            saved = time.time()
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nA line added by run {run}.\n")
            done = [None] * len(outputs)
            def changed():
                for i, o in enumerate(outputs):
                    if done[i] is None and os.stat(o).st_mtime_ns != before[i]:
                        done[i] = time.time()
                return all(d is not None for d in done)
            wait(changed, 30, step=0.002)
            first.append(min(done) - saved)
            last.append(max(done) - saved)
            print(f"run {run + 1}: first output after {first[-1] * 1000:.0f} ms, all after {last[-1] * 1000:.0f} ms")
        rebuilt = [l for l in read(log).splitlines() if l.startswith("kgraph: rebuilt")]
        print(rebuilt[-1] if rebuilt else "no rebuild line")
        print(f"median: first output {statistics.median(first) * 1000:.0f} ms, "
              f"all outputs {statistics.median(last) * 1000:.0f} ms ({args.runs} runs)")
    finally:
        watch.send_signal(signal.SIGINT)
        code = watch.wait(30)
        leftovers = [f for f in os.listdir(os.path.join(work, "out")) if f.endswith(".tmp")]
        print(f"exit code after Ctrl-C: {code}; temporary files left: {len(leftovers)}")
        shutil.rmtree(work)


def read(log):
    log.flush()
    log.seek(0)
    return log.read()


def wait(condition, timeout, step=0.05):
    started = time.time()
    while not condition():
        if time.time() - started > timeout:
            sys.exit(f"timed out after {timeout} s")
        time.sleep(step)


if __name__ == "__main__":
    main()
