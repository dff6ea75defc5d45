#!/usr/bin/env python3
"""What a kgraph user would write instead: a plain NetworkX script.

Walks a folder of Jekyll posts, parses them with regular expressions (front matter
title/category, ATX headings outside code fences, bare and Markdown-link URLs, the
caption line under a bare URL), builds a DiGraph with post, topic, resource, domain
and category nodes, and writes GraphML, GEXF and node-link JSON.

It does what kgraph does minus word segmentation/keywords, series, tags, links between
posts and URL canonicalisation rules per host; it is the comparison point in
BENCHMARKS.md, written the way a competent user would write it, not tuned either way.

    python bench/baseline_networkx.py POSTS_DIR -o OUT_DIR
"""

import argparse
import json
import os
import re
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import networkx as nx

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FM_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)
FM_CATEGORY = re.compile(r"^categor(?:y|ies):\s*(.+?)\s*$", re.M)
FENCE = re.compile(r"^ {0,3}(```|~~~)")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")
BARE_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}`，。；、）]+")
BARE_URL_LINE = re.compile(r"^\s*<?(https?://\S+?)>?\s*$")
TRAILING_PUNCT = ".,;:!?*"


def canonical(url):
    """Scheme-insensitive key: lower-case host without www., no fragment or trailing slash."""
    parts = urlsplit(url.rstrip(TRAILING_PUNCT))
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, parts.query, "")), host


def parse_post(text):
    """Returns (title, categories, [(level, heading)], [(url, label, topic_index)])."""
    title, categories = None, []
    body_start = 0
    m = FRONT_MATTER.match(text)
    if m:
        fm = m.group(1)
        body_start = m.end()
        t = FM_TITLE.search(fm)
        if t:
            title = t.group(1).strip("\"'")
        c = FM_CATEGORY.search(fm)
        if c:
            raw = c.group(1).strip("[]")
            categories = [x.strip().strip("\"'") for x in re.split(r"[,\s]+", raw) if x.strip()]

    lines = text[body_start:].splitlines()
    headings, citations = [], []
    in_fence = False
    current = None
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        h = HEADING.match(line)
        if h:
            headings.append((len(h.group(1)), h.group(2).strip()))
            current = len(headings) - 1
            continue
        linked = set()
        for lm in MD_LINK.finditer(line):
            citations.append((lm.group(2), lm.group(1).strip() or None, current))
            linked.add(lm.group(2))
        bare = BARE_URL_LINE.match(line)
        if bare:
            url = bare.group(1)
            if url not in linked:
                # The caption is the next non-blank line, unless it is a URL or a heading.
                label = None
                for nxt in lines[i + 1 : i + 4]:
                    s = nxt.strip()
                    if not s:
                        continue
                    if not s.startswith(("http://", "https://", "#", "!", "[")):
                        label = s
                    break
                citations.append((url, label, current))
            continue
        for um in BARE_URL.finditer(line):
            url = um.group(0)
            if url not in linked and not any(url in seen for seen in linked):
                citations.append((url, None, current))
    return title, categories, headings, citations


def add_node(g, node_id, kind, label):
    if node_id not in g:
        g.add_node(node_id, kind=kind, label=label)


def add_edge(g, u, v, kind):
    if g.has_edge(u, v):
        g[u][v]["weight"] += 1
    else:
        g.add_edge(u, v, kind=kind, weight=1)


def build(root):
    g = nx.DiGraph(name="baseline")
    posts = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_site")))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith((".md", ".markdown")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            title, categories, headings, citations = parse_post(text)
            posts += 1

            post = "post:" + rel
            add_node(g, post, "post", title or os.path.splitext(name)[0])
            for c in categories:
                add_node(g, "category:" + c.lower(), "category", c)
                add_edge(g, post, "category:" + c.lower(), "in_category")

            topics, stack = [], []
            for level, heading in headings:
                tid = "topic:" + heading.lower()
                add_node(g, tid, "topic", heading)
                add_edge(g, post, tid, "has_topic")
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if stack:
                    add_edge(g, stack[-1][1], tid, "subtopic")
                stack.append((level, tid))
                topics.append(tid)

            for url, label, topic in citations:
                key, host = canonical(url)
                if not host:
                    continue
                rid = "resource:" + key
                if rid not in g:
                    g.add_node(rid, kind="resource", label=label or key, url=url)
                elif label and g.nodes[rid]["label"] == key:
                    g.nodes[rid]["label"] = label
                add_edge(g, topics[topic] if topic is not None else post, rid, "cites")
                add_node(g, "domain:" + host, "domain", host)
                add_edge(g, rid, "domain:" + host, "on_domain")
    return g, posts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("posts", help="folder of Markdown posts")
    ap.add_argument("-o", "--out", default="out-baseline", help="output folder")
    args = ap.parse_args()

    started = time.perf_counter()
    g, posts = build(args.posts)
    built = time.perf_counter()
    os.makedirs(args.out, exist_ok=True)
    nx.write_graphml(g, os.path.join(args.out, "graph.graphml"))
    nx.write_gexf(g, os.path.join(args.out, "graph.gexf"))
    with open(os.path.join(args.out, "graph.json"), "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(g, edges="edges"), f, ensure_ascii=False)
    done = time.perf_counter()
    print(
        f"baseline: {posts} posts, {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; "
        f"parse+build {built - started:.2f} s, write {done - built:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
