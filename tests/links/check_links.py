#!/usr/bin/env python3
"""Independent check of kgraph's links between notes on the shared corpora (see README.md here).

For each corpus it finds the links every note writes (linkscan.py), resolves each one to a note the
way the corpus's own tool does (the flavour's rules below, from ../shared/docs/FLAVOURS.md), then runs
`kgraph build CORPUS -o - --format json --no-keywords` and compares the note pairs with kgraph's
`links_to` edges. It prints, per corpus, the links in the source, the pairs the script resolves, the
pairs kgraph has, the pairs each side misses with examples, the recall and kgraph's warnings by type.

    check_links.py [CORPUS…] [--corpus-root DIR] [--kgraph PATH] [--min-recall NAME=PCT]…
                   [--kgraph-args NAME=ARGS]… [--examples N] [--script-only] [--report-only]

Exits 1 when a corpus's recall is below its --min-recall (never with --report-only), 2 on a usage
error or when kgraph fails.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import posixpath
import re
import shlex
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linkscan import Link, find_links  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS_ROOT = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_KGRAPH = REPO_ROOT / "target" / "release" / "kgraph"

# A link to one of these is an attachment: no note, and not counted as a link between notes.
ATTACHMENT_EXTENSIONS = set(
    "png jpg jpeg gif svg webp bmp avif ico tif tiff heic mp3 wav m4a ogg flac webm mp4 mov mkv ogv "
    "pdf txt csv json yaml yml toml xml zip gz tar drawio excalidraw canvas py js ts rs sh css".split()
)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# The edge kinds that join two notes: `embeds` too, should embeds ever get a kind of their own.
LINK_EDGE_KINDS = ("links_to", "embeds")
WARNING = re.compile(r"^.*?:\d+: (warning|error): (.*)$")


@dataclass(frozen=True)
class Flavour:
    """How a corpus's tool writes and resolves links."""

    name: str
    wikilinks: str = ""  # "", "obsidian" or "dendron" (see linkscan.find_links)
    html_pages: bool = False  # `page.html` names `page.md` (mdBook)
    not_notes: tuple[str, ...] = ()  # files that are no note (mdBook's table of contents)
    # (regex on an absolute URL or site path, note path with {1} for the first group)
    site_pages: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Corpus:
    """A folder of ../shared/corpus, its flavour, and the options a user would give kgraph for it."""

    name: str
    flavour: Flavour
    kgraph_args: tuple[str, ...] = ()


VAULT = Flavour("vault", wikilinks="obsidian")
DENDRON = Flavour("dendron", wikilinks="dendron")
MDBOOK = Flavour("mdbook", html_pages=True, not_notes=("SUMMARY.md",))
WEEKLY_SITE = Flavour(
    "site",
    site_pages=(
        (r"^(?:https?://(?:www\.)?ruanyifeng\.com)?/blog/\d{4}/\d{2}/weekly-issue-(\d+)\.html$", "issue-{1}.md"),
    ),
)
CORPORA = {
    "foam": Corpus("foam", VAULT),
    "dendron": Corpus("dendron", DENDRON),
    "rustbook": Corpus("rustbook", MDBOOK),
    "weekly": Corpus(
        "weekly",
        WEEKLY_SITE,
        (
            "--site-url", "https://www.ruanyifeng.com",
            "--site-url", "http://www.ruanyifeng.com",
            "--permalink", "/blog/:year/:month/weekly-:slug.html",
        ),
    ),
}


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _shortest(paths: list[str]) -> str:
    """Obsidian's tie rule: the path with the fewest folders, then the shortest, then the first by name."""
    return min(paths, key=lambda path: (path.count("/"), len(path), path))


class Resolver:
    """Resolves a link written in one note to a note of the corpus, by the flavour's rules."""

    def __init__(self, notes: list[str], flavour: Flavour):
        self.flavour = flavour
        self.notes = set(notes)
        self.by_folded_path: dict[str, list[str]] = collections.defaultdict(list)
        self.by_folded_name: dict[str, list[str]] = collections.defaultdict(list)
        for note in notes:
            stem = _fold(note[: -len(".md")])
            self.by_folded_path[stem].append(note)
            self.by_folded_name[stem.rsplit("/", 1)[-1]].append(note)

    def resolve(self, link: Link, source: str) -> tuple[str, str]:
        """("note", path), ("unresolved", target) or ("skip", reason); skipped links are not counted."""
        if link.kind in ("wikilink", "embed"):
            return self._wikilink(link.target, source)
        return self._url(link.target, source)

    def _wikilink(self, target: str, source: str) -> tuple[str, str]:
        if self.flavour.wikilinks == "dendron":
            target = re.sub(r"^dendron://[^/]*/", "", target)
        name = target.split("#", 1)[0].strip()
        if not name:
            return "skip", "same note"
        if SCHEME.match(name):
            return "skip", "external"
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in ATTACHMENT_EXTENSIONS:
            return "skip", "attachment"
        if extension == "md":
            name = name[: -len(".md")]
        folded = _fold(name)
        if self.flavour.wikilinks == "dendron":
            candidates = self.by_folded_path.get(folded, [])
        elif folded.startswith(("./", "../")):
            folder = posixpath.dirname(_fold(source))
            candidates = self.by_folded_path.get(posixpath.normpath(posixpath.join(folder, folded)), [])
        elif folded.startswith("/"):
            candidates = self.by_folded_path.get(folded.lstrip("/"), [])
        elif "/" in folded:
            leaf = folded.rsplit("/", 1)[-1]
            candidates = [
                note
                for note in self.by_folded_name.get(leaf, [])
                if _fold(note[: -len(".md")]) == folded or _fold(note[: -len(".md")]).endswith("/" + folded)
            ]
        else:
            candidates = self.by_folded_name.get(folded, [])
        candidates = [note for note in candidates if note in self.notes]
        return ("note", _shortest(candidates)) if candidates else ("unresolved", target)

    def _url(self, target: str, source: str) -> tuple[str, str]:
        target = target.strip()
        without_fragment = re.split(r"[#?]", target, maxsplit=1)[0]
        for pattern, page in self.flavour.site_pages:
            match = re.match(pattern, without_fragment)
            if match:
                note = page.replace("{1}", match.group(1))
                return ("note", note) if note in self.notes else ("unresolved", target)
        if SCHEME.match(target) or "://" in target or target.startswith("//"):
            return "skip", "external"
        path = unquote(without_fragment)
        if not path:
            return "skip", "same note"
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if joined == ".." or joined.startswith("../"):
            return "skip", "outside the corpus"
        for candidate in self._page_files(joined, path.endswith("/")):
            if candidate is None:
                return "skip", "attachment"
            if unicodedata.normalize("NFC", candidate) in self.notes:
                return "note", unicodedata.normalize("NFC", candidate)
        return "unresolved", target

    def _page_files(self, path: str, is_folder: bool):
        """The note files a relative path may name, or None first when it names an attachment."""
        if is_folder or path == ".":
            folder = "" if path == "." else path + "/"
            return [folder + "README.md", folder + "index.md"]
        extension = path.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(path) else ""
        if extension == "md":
            return [path]
        if extension == "html" and self.flavour.html_pages:
            stem = path[: -len(".html")]
            if posixpath.basename(stem) == "index":
                return [stem + ".md", posixpath.join(posixpath.dirname(stem), "README.md")]
            return [stem + ".md"]
        if extension in ATTACHMENT_EXTENSIONS or extension == "html":
            return [None]
        return [path + ".md", path + "/README.md", path + "/index.md"]


@dataclass
class ScriptCount:
    """What the script finds in one corpus."""

    links: collections.Counter = field(default_factory=collections.Counter)  # by kind, counted links only
    resolved: collections.Counter = field(default_factory=collections.Counter)  # (source, target) → occurrences
    self_links: int = 0
    unresolved: int = 0
    skipped: collections.Counter = field(default_factory=collections.Counter)  # by reason


def corpus_notes(root: Path, flavour: Flavour) -> list[str]:
    """The corpus's notes as paths relative to its folder (`/`-separated, NFC)."""
    notes = []
    for path in sorted(root.rglob("*.md")):
        relative = unicodedata.normalize("NFC", path.relative_to(root).as_posix())
        if relative not in flavour.not_notes and not any(part.startswith(".") for part in path.parts):
            notes.append(relative)
    return notes


def scan_corpus(root: Path, flavour: Flavour) -> ScriptCount:
    """The script's own view of the corpus's links between notes."""
    notes = corpus_notes(root, flavour)
    resolver = Resolver(notes, flavour)
    count = ScriptCount()
    for note in notes:
        text = (root / note).read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
        for link in find_links(text, flavour.wikilinks):
            outcome, value = resolver.resolve(link, note)
            if outcome == "skip":
                count.skipped[value] += 1
                continue
            count.links[link.kind] += 1
            if outcome == "unresolved":
                count.unresolved += 1
            elif value == note:
                count.self_links += 1
            else:
                count.resolved[(note, value)] += 1
    return count


@dataclass
class KgraphResult:
    """kgraph's pairs of posts joined by a link edge, its number of link edges, its warnings by type."""

    pairs: set[tuple[str, str]]
    edges: int
    warnings: collections.Counter


def run_kgraph(kgraph: str, root: Path, args: list[str]) -> KgraphResult:
    command = [kgraph, "build", str(root), "-o", "-", "--format", "json", "--no-keywords", "-q", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{shlex.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    graph = json.loads(done.stdout)
    pairs, edges = set(), 0
    for edge in graph["edges"]:
        if edge.get("key") not in LINK_EDGE_KINDS:
            continue
        edges += 1
        source, target = edge["source"], edge["target"]
        if source.startswith("post:") and target.startswith("post:") and source != target:
            pairs.add((unicodedata.normalize("NFC", source[5:]), unicodedata.normalize("NFC", target[5:])))
    return KgraphResult(pairs, edges, warning_types(done.stderr))


def warning_types(stderr: str) -> collections.Counter:
    """kgraph's `path:line: warning: message` lines counted by message, backticked parts left out."""
    types = collections.Counter()
    for line in stderr.splitlines():
        match = WARNING.match(line)
        if match:
            message = re.sub(r"`[^`]*`", "…", match.group(2))
            types[f"{match.group(1)}: {message}"] += 1
    return types


def _examples(pairs: set[tuple[str, str]], limit: int) -> str:
    shown = [f"{source} → {target}" for source, target in sorted(pairs)[:limit]]
    return "; ".join(shown) + ("; …" if len(pairs) > limit else "")


def report(corpus: Corpus, script: ScriptCount, kgraph: KgraphResult | None, examples: int) -> float | None:
    """Prints one corpus's block and returns kgraph's recall in percent (None when not measured)."""
    script_pairs = set(script.resolved)
    kinds = ", ".join(f"{kind} {number}" for kind, number in sorted(script.links.items()))
    skipped = ", ".join(f"{reason} {number}" for reason, number in sorted(script.skipped.items()))
    print(f"== {corpus.name} ({corpus.flavour.name})")
    print(f"  links in source            {sum(script.links.values()):>6}  ({kinds})")
    print(f"  not counted                {sum(script.skipped.values()):>6}  ({skipped})")
    print(
        f"  resolved by the script     {len(script_pairs):>6} note pairs, {sum(script.resolved.values())} links"
        f" (unresolved {script.unresolved}, to the same note {script.self_links})"
    )
    if kgraph is None:
        return None
    missed, extra = script_pairs - kgraph.pairs, kgraph.pairs - script_pairs
    recall = 100.0 * len(script_pairs & kgraph.pairs) / len(script_pairs) if script_pairs else None
    print(f"  links_to pairs by kgraph   {len(kgraph.pairs):>6}  ({kgraph.edges} link edges)")
    print(f"  missed by kgraph           {len(missed):>6}  {_examples(missed, examples)}")
    print(f"  kgraph only                {len(extra):>6}  {_examples(extra, examples)}")
    print(f"  recall                     {'n/a' if recall is None else f'{recall:.1f} %':>6}")
    print(f"  warnings                   {sum(kgraph.warnings.values()):>6}")
    for message, number in kgraph.warnings.most_common():
        print(f"    {number:>6}  {message}")
    return recall


def _named_values(parser: argparse.ArgumentParser, items: list[str], option: str) -> dict[str, str]:
    values = {}
    for item in items:
        name, separator, value = item.partition("=")
        if not separator or name not in CORPORA:
            parser.error(f"{option} wants NAME=VALUE with NAME one of {', '.join(CORPORA)}, not {item!r}")
        values[name] = value
    return values


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help=f"any of {', '.join(CORPORA)} (default: all)")
    parser.add_argument("--corpus-root", type=Path, default=DEFAULT_CORPUS_ROOT)
    parser.add_argument("--kgraph", default=os.environ.get("KGRAPH", str(DEFAULT_KGRAPH)))
    parser.add_argument("--min-recall", action="append", default=[], metavar="NAME=PCT")
    parser.add_argument("--kgraph-args", action="append", default=[], metavar="NAME=ARGS")
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--script-only", action="store_true", help="count the script's links, run no kgraph")
    parser.add_argument("--report-only", action="store_true", help="always exit 0 after the report")
    options = parser.parse_args(argv)
    unknown = [name for name in options.corpora if name not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; known: {', '.join(CORPORA)}")
    minimums = _named_values(parser, options.min_recall, "--min-recall")
    if not all(re.fullmatch(r"\d+(\.\d+)?", value) for value in minimums.values()):
        parser.error("--min-recall wants a percentage, e.g. foam=95")
    extra_args = _named_values(parser, options.kgraph_args, "--kgraph-args")

    failures = []
    rows = []
    for name in options.corpora or list(CORPORA):
        corpus = CORPORA[name]
        root = options.corpus_root / name
        if not root.is_dir():
            print(f"== {name}: no folder {root}, skipped")
            continue
        script = scan_corpus(root, corpus.flavour)
        kgraph = None
        if not options.script_only:
            args = shlex.split(extra_args[name]) if name in extra_args else list(corpus.kgraph_args)
            try:
                kgraph = run_kgraph(options.kgraph, root, args)
            except (OSError, RuntimeError, json.JSONDecodeError) as error:
                print(f"check_links.py: kgraph failed on {name}: {error}", file=sys.stderr)
                return 2
        recall = report(corpus, script, kgraph, options.examples)
        rows.append((name, script, kgraph, recall))
        if name in minimums and recall is not None and recall < float(minimums[name]):
            failures.append(f"{name}: recall {recall:.1f} % < {minimums[name]} %")
    print_summary(rows)
    for failure in failures:
        print(f"BELOW TARGET {failure}")
    if failures and not options.report_only:
        return 1
    return 0


SUMMARY_COLUMNS = (
    "corpus",
    "links in source",
    "resolved (links)",
    "resolved pairs",
    "kgraph pairs",
    "missed",
    "kgraph only",
    "recall",
    "warnings",
)


def print_summary(rows) -> None:
    """One Markdown table row per corpus, for a note or a pull request."""
    print("\n| " + " | ".join(SUMMARY_COLUMNS) + " |")
    print("|---" + "|---:" * (len(SUMMARY_COLUMNS) - 1) + "|")
    for name, script, kgraph, recall in rows:
        pairs = set(script.resolved)
        cells = [name, sum(script.links.values()), sum(script.resolved.values()), len(pairs)]
        if kgraph is None:
            cells += ["-"] * 5
        else:
            cells += [
                len(kgraph.pairs),
                len(pairs - kgraph.pairs),
                len(kgraph.pairs - pairs),
                "n/a" if recall is None else f"{recall:.1f} %",
                sum(kgraph.warnings.values()),
            ]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
