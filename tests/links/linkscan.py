"""Finds the links a Markdown note writes, by CommonMark's rules plus wikilinks, without any parser.

The text is first *masked*: front matter, fenced and indented code blocks, code spans, HTML comments
and backslash-escaped characters are replaced by filler of the same length (newlines kept), so that
nothing inside them is taken for a link and every position still points into the original text.
Links are then found in the masked text and read back from the original:

- wikilinks `[[target|alias]]` and embeds `![[target]]` (only when the flavour has them),
- inline links `[text](dest "title")` and autolinks `<scheme:...>`,
- reference links `[text][label]`, `[label][]` and `[label]` that use a definition `[label]: dest`.

Images `![alt](src)` are not links. Which link names a note is the resolver's business (check_links.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FILL = "\x00"

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
LIST_MARKER = re.compile(r"^(\s*)([-+*]|\d{1,9}[.)])( +|\t|$)")
THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
QUOTE_PREFIX = re.compile(r"^(?: {0,3}> ?)+")
DEFINITION = re.compile(r"^[ \t]*\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)[^\n]*$", re.MULTILINE)
WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True)
class Link:
    """One link as written: `kind` is wikilink, embed, inline, reference or autolink."""

    kind: str
    target: str
    line: int
    alias: str = ""


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = FILL


def _indent(line: str) -> int:
    columns = 0
    for ch in line:
        if ch == " ":
            columns += 1
        elif ch == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines the front matter takes (YAML `---` or TOML `+++` at the top), 0 if none."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return 0
    closers = ("---", "...") if lines[0].rstrip() == "---" else ("+++",)
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in closers:
            return number + 1
    return 0


def _is_closing_fence(content: str, fence: str) -> bool:
    stripped = content.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _mask_blocks(text: str) -> tuple[list[str], set[int]]:
    """The text as characters with front matter, code blocks and HTML comment blocks blanked, and
    the numbers of the lines that start a block without a blank line before (list items, headings)."""
    chars = list(text)
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1

    def blank_line(number: int) -> None:
        _blank(chars, starts[number], starts[number] + len(lines[number]))

    skip = _front_matter_end(lines)
    for number in range(skip):
        blank_line(number)

    fence = ""  # the open fence's marker run, "" outside a fence
    in_comment = False
    in_paragraph = False
    list_indents: list[int] = []  # content column of each open list item, innermost last
    block_starts: set[int] = set()
    after_blank = True
    for number in range(skip, len(lines)):
        raw = lines[number].rstrip("\r")
        content = QUOTE_PREFIX.sub("", raw)
        if fence:
            blank_line(number)
            if _is_closing_fence(content, fence):
                fence = ""
            continue
        if in_comment:
            blank_line(number)
            in_comment = "-->" not in raw
            continue
        if not content.strip():
            after_blank, in_paragraph = True, False
            continue
        indent = _indent(content)
        if after_blank:
            while list_indents and indent < list_indents[-1]:
                list_indents.pop()
        base = list_indents[-1] if list_indents else 0
        if indent >= base + 4 and not in_paragraph:
            blank_line(number)
            after_blank = False
            continue
        after_blank = False
        body = content
        marker = LIST_MARKER.match(content)
        if marker and not THEMATIC_BREAK.match(content):
            while list_indents and list_indents[-1] > indent:
                list_indents.pop()
            spaces = marker.group(3).expandtabs(4)
            width = len(spaces) if 1 <= len(spaces) <= 4 else 1
            list_indents.append(indent + len(marker.group(2)) + width)
            block_starts.add(number)
            body = content[marker.end() :]
        opening = FENCE.match(body)
        if opening and not (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            fence = opening.group(2)
            blank_line(number)
            in_paragraph = False
            continue
        if body.lstrip().startswith("<!--") and _indent(body) <= 3:
            blank_line(number)
            in_comment = "-->" not in body[body.index("<!--") + 4 :]
            in_paragraph = False
            continue
        if HEADING.match(body) or THEMATIC_BREAK.match(body):
            block_starts.update((number, number + 1))
            in_paragraph = False
        else:
            in_paragraph = bool(body.strip())
    return chars, block_starts


def _mask_inline(chars: list[str]) -> None:
    """Blanks code spans, inline HTML comments and escaped characters, paragraph by paragraph."""
    text = "".join(chars)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ASCII_PUNCTUATION:
            chars[i] = chars[i + 1] = FILL
            i += 2
        elif ch == "`":
            run_end = i
            while run_end < n and text[run_end] == "`":
                run_end += 1
            close = _closing_backticks(text, run_end, run_end - i)
            if close is None:
                i = run_end
            else:
                _blank(chars, i, close)
                i = close
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            end = n if end < 0 else end + 3
            _blank(chars, i, end)
            i = end
        else:
            i += 1


def _closing_backticks(text: str, start: int, length: int) -> int | None:
    """End of the backtick run of exactly `length` that closes a code span opened before `start`."""
    for match in re.finditer(r"`+", text[start:]):
        if len(match.group()) == length:
            return start + match.end()
    return None


def mask(text: str) -> str:
    """The text with everything that cannot hold a link replaced by filler of the same length."""
    chars, block_starts = _mask_blocks(text)
    _mask_inline_by_block(chars, block_starts)
    return "".join(chars)


def _mask_inline_by_block(chars: list[str], block_starts: set[int]) -> None:
    """Runs the inline pass on each block of text: a code span never crosses into the next block."""
    text = "".join(chars)
    position, start = 0, None

    def close(end: int) -> None:
        piece = chars[start:end]
        _mask_inline(piece)
        chars[start:end] = piece

    for number, line in enumerate(text.split("\n") + [""]):
        if start is not None and (number in block_starts or not line.strip(" \t\r" + FILL)):
            close(position - 1)
            start = None
        if start is None and line.strip(" \t\r" + FILL):
            start = position
        position += len(line) + 1


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _parse_destination(text: str, start: int) -> tuple[str, int] | None:
    """Parses `dest "title")` from just after `(`; returns the destination and the end after `)`."""
    i, n = start, len(text)
    while i < n and text[i] in " \t\n":
        i += 1
    if i < n and text[i] == "<":
        close = text.find(">", i)
        if close < 0 or "\n" in text[i:close]:
            return None
        destination, i = text[i + 1 : close], close + 1
    else:
        depth, begin = 0, i
        while i < n and text[i] not in " \t\n":
            if text[i] == "\\" and i + 1 < n:
                i += 2
                continue
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        destination = text[begin:i]
    while i < n and text[i] in " \t\n":
        i += 1
    if i < n and text[i] in "\"'(":
        closer = ")" if text[i] == "(" else text[i]
        close = text.find(closer, i + 1)
        if close < 0:
            return None
        i = close + 1
        while i < n and text[i] in " \t\n":
            i += 1
    if i < n and text[i] == ")":
        return re.sub(r"\\(.)", r"\1", destination), i + 1
    return None


def _definitions(masked: str, original: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """Link reference definitions (first one wins) and the spans they take in the text."""
    found: dict[str, str] = {}
    spans = []
    for match in DEFINITION.finditer(masked):
        label = original[match.start(1) : match.end(1)]
        if label.startswith("^"):
            continue  # a footnote, not a link
        destination = original[match.start(2) : match.end(2)]
        if destination.startswith("<"):
            destination = destination[1:-1]
        found.setdefault(_normalize_label(label), destination)
        spans.append((match.start(), match.end()))
    return found, spans


def _bracket_links(masked: str, original: str, definitions: dict[str, str]) -> list[Link]:
    """Inline and reference links, found by matching brackets as CommonMark does (images skipped)."""
    links = []
    openers: list[tuple[int, bool]] = []  # position of `[`, and whether it opens an image
    i, n = 0, len(masked)
    while i < n:
        ch = masked[i]
        if ch == "[":
            openers.append((i, i > 0 and masked[i - 1] == "!"))
            i += 1
            continue
        if ch != "]" or not openers:
            i += 1
            continue
        start, is_image = openers.pop()
        kind, destination, end = "", "", i + 1
        follower = masked[i + 1 : i + 2]
        if follower == "(":
            parsed = _parse_destination(original, i + 2)
            if parsed:
                kind, (destination, end) = "inline", parsed
        elif follower == "[":
            close = masked.find("]", i + 2)
            if close > 0 and "[" not in masked[i + 2 : close]:
                label = _normalize_label(original[i + 2 : close] or original[start + 1 : i])
                if label in definitions:
                    kind, destination, end = "reference", definitions[label], close + 1
        else:
            label = _normalize_label(original[start + 1 : i])
            if label in definitions:
                kind, destination = "reference", definitions[label]
        if not kind or "[[" in destination:  # `[x]([[Note]])`: the wikilink is the link
            i += 1
            continue
        if not is_image:
            links.append(Link(kind, destination.strip(), _line_of(original, start)))
            openers = [opener for opener in openers if opener[1]]  # links do not nest
        i = end
    return links


def find_links(text: str, wikilinks: str = "") -> list[Link]:
    """Every link the note writes, wikilinks first (see the module's doc).

    `wikilinks` is "" (none), "obsidian" (`[[target|alias]]`) or "dendron" (`[[alias|target]]`).
    """
    masked = mask(text)
    chars = list(masked)
    links = []
    if wikilinks:
        for match in WIKILINK.finditer(masked):
            inner = text[match.start(2) : match.end(2)].replace("\\|", "|")
            if wikilinks == "dendron":
                alias, _, target = inner.rpartition("|")
            else:
                target, _, alias = inner.partition("|")
            kind = "embed" if match.group(1) else "wikilink"
            links.append(Link(kind, target.strip(), _line_of(text, match.start()), alias.strip()))
            _blank(chars, match.start(), match.end())
    definitions, spans = _definitions("".join(chars), text)
    for start, end in spans:
        _blank(chars, start, end)
    without_definitions = "".join(chars)
    links += _bracket_links(without_definitions, text, definitions)
    for match in AUTOLINK.finditer(without_definitions):
        links.append(Link("autolink", match.group(1), _line_of(text, match.start())))
    return links
