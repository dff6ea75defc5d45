#!/usr/bin/env python3
"""How long NetworkX takes to load kgraph's outputs: what a user pays again for a file's size.

Usage: load_times.py [--runs N] FILE...   (.json node-link, .graphml, .gexf)
Prints a Markdown table: file, size, loader, median seconds of N loads (default 3).
"""
import argparse
import json
import os
import statistics
import sys
import time

import networkx as nx


def load_json(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    # NetworkX >= 3.6 reads `edges` by default; a file written with --json-links has both.
    return nx.node_link_graph(data, edges="edges")


LOADERS = {
    ".json": ("json.load + node_link_graph", load_json),
    ".graphml": ("read_graphml", nx.read_graphml),
    ".gexf": ("read_gexf", nx.read_gexf),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    print(f"| file | MB | NetworkX {nx.__version__} loader | median s ({args.runs} runs) |")
    print("|---|---:|---|---:|")
    for path in args.files:
        name, load = LOADERS[os.path.splitext(path)[1]]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            graph = load(path)
            times.append(time.perf_counter() - start)
            del graph
        size = os.path.getsize(path) / 1e6
        print(f"| {os.path.basename(path)} | {size:.1f} | {name} | {statistics.median(times):.2f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
