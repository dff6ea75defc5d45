"""The link check's own rules: which text is a link, and which note each link names.

Run: python3 -m unittest discover -s tests/links
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_links import DENDRON, MDBOOK, VAULT, WEEKLY_SITE, Resolver, scan_corpus, warning_types  # noqa: E402
from linkscan import Link, find_links  # noqa: E402


def targets(text: str, wikilinks: str = "obsidian") -> list[tuple[str, str]]:
    return [(link.kind, link.target) for link in find_links(text, wikilinks)]


class WhatIsALink(unittest.TestCase):
    def test_wikilink_forms(self):
        text = "[[Note]] [[Note|shown]] [[Note#Heading]] [[Note#^block]] [[folder/Note]] [[#Heading]] ![[Note]]"
        self.assertEqual(
            targets(text),
            [
                ("wikilink", "Note"),
                ("wikilink", "Note"),
                ("wikilink", "Note#Heading"),
                ("wikilink", "Note#^block"),
                ("wikilink", "folder/Note"),
                ("wikilink", "#Heading"),
                ("embed", "Note"),
            ],
        )

    def test_escaped_pipe_in_a_table_splits_the_alias(self):
        self.assertEqual(find_links("| [[Note\\|shown]] |", "obsidian")[0].alias, "shown")

    def test_dendron_puts_the_label_first(self):
        text = "[[shown text|dendron.ref.commands]] [[ spaced | a.b ]] ![[a.b#sec,1:#*]]"
        self.assertEqual(
            targets(text, "dendron"),
            [("wikilink", "dendron.ref.commands"), ("wikilink", "a.b"), ("embed", "a.b#sec,1:#*")],
        )

    def test_no_wikilinks_where_the_flavour_has_none(self):
        self.assertEqual(targets("let a = [[1, 2], [3, 4]]; see [[Note]]", wikilinks=""), [])

    def test_inline_links_with_titles_and_angle_brackets(self):
        text = '[a](../Other%20Note.md) [b](./page.md#x "title") [c](<Note B.md>) [d](ch01.html)'
        self.assertEqual(
            targets(text),
            [
                ("inline", "../Other%20Note.md"),
                ("inline", "./page.md#x"),
                ("inline", "Note B.md"),
                ("inline", "ch01.html"),
            ],
        )

    def test_reference_links_use_their_definitions(self):
        text = "[full][Ref] [ref][] [ref] [unused label]\n\n[ref]: note.md 'Title'\n[other]: other.md\n"
        self.assertEqual(targets(text), [("reference", "note.md")] * 3)

    def test_code_in_a_reference_label(self):
        text = "See [`Vec<T>`][vec] and [`Vec`].\n\n[vec]: ch08-01-vectors.html\n[`Vec`]: ch08-01-vectors.html#x\n"
        self.assertEqual(
            targets(text, ""), [("reference", "ch08-01-vectors.html"), ("reference", "ch08-01-vectors.html#x")]
        )

    def test_a_footnote_is_no_definition(self):
        self.assertEqual(targets("Text [^1] and [^1].\n\n[^1]: note.md\n"), [])

    def test_autolinks(self):
        self.assertEqual(targets("<https://example.com/a#b> <not a link>"), [("autolink", "https://example.com/a#b")])

    def test_linked_image_counts_the_link_not_the_image(self):
        self.assertEqual(targets("[![alt](pic.png)](target.md) ![only](image.md)"), [("inline", "target.md")])


class WhatIsNoLink(unittest.TestCase):
    def test_code_spans(self):
        self.assertEqual(targets("`[[Note]]` and ``[a](b.md) ` `` and ```[c](c.md)```"), [])

    def test_a_code_span_ends_with_its_block(self):
        text = "- a lone ` backtick\n- [[Note]] then `code`"
        self.assertEqual(targets(text), [("wikilink", "Note")])

    def test_fenced_code_blocks(self):
        text = "```md\n[[Note]]\n[a](b.md)\n```\n\n~~~~\n[[Other]]\n~~~~\n\n- item\n  ```\n  [[Listed]]\n  ```\n"
        self.assertEqual(targets(text), [])

    def test_indented_code_blocks_but_not_indented_list_text(self):
        text = "Para.\n\n    [[Code]]\n\n- item\n\n    [[Continued]]\n\n        [[Nested code]]\n"
        self.assertEqual(targets(text), [("wikilink", "Continued")])

    def test_lazy_continuation_is_no_code(self):
        self.assertEqual(targets("Para\n    [[Note]]"), [("wikilink", "Note")])

    def test_html_comments_front_matter_and_escapes(self):
        text = "---\nlink: '[[Front]]'\n---\n<!--\n[[Hidden]]\n-->\nx <!-- [a](b.md) --> \\[[Escaped]] \\[c](c.md)"
        self.assertEqual(targets(text), [])

    def test_wikilink_text_is_no_inline_destination(self):
        self.assertEqual(targets("[x]([[Note]])"), [("wikilink", "Note")])


def resolver(flavour, notes):
    return Resolver([unicodedata.normalize("NFC", note) for note in notes], flavour)


class Resolution(unittest.TestCase):
    def test_obsidian_by_name_anywhere_case_and_nfc(self):
        vault = resolver(VAULT, ["a/Café Notes.md", "b/deep/other.md"])
        decomposed = unicodedata.normalize("NFD", "café notes")
        self.assertEqual(vault.resolve(Link("wikilink", decomposed, 1), "b/x.md"), ("note", "a/Café Notes.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "OTHER#Heading", 1), "x.md"), ("note", "b/deep/other.md"))
        self.assertEqual(vault.resolve(Link("embed", "other.md#^block", 1), "x.md"), ("note", "b/deep/other.md"))

    def test_obsidian_ties_go_to_the_shortest_path_and_folders_are_path_suffixes(self):
        vault = resolver(VAULT, ["index.md", "user/index.md", "x/user/index.md", "zz/a/n.md", "b/n.md"])
        self.assertEqual(vault.resolve(Link("wikilink", "index", 1), "x/user/index.md"), ("note", "index.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "user/index", 1), "index.md"), ("note", "user/index.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "a/n", 1), "index.md"), ("note", "zz/a/n.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "n", 1), "index.md"), ("note", "b/n.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "../index", 1), "user/index.md"), ("note", "index.md"))

    def test_missing_same_note_and_attachments(self):
        vault = resolver(VAULT, ["a.md"])
        self.assertEqual(
            vault.resolve(Link("wikilink", "Not Yet Written", 1), "a.md"), ("unresolved", "Not Yet Written")
        )
        self.assertEqual(vault.resolve(Link("wikilink", "#Heading", 1), "a.md"), ("skip", "same note"))
        self.assertEqual(vault.resolve(Link("embed", "photo.png", 1), "a.md"), ("skip", "attachment"))
        self.assertEqual(vault.resolve(Link("inline", "file.pdf", 1), "a.md"), ("skip", "attachment"))
        self.assertEqual(vault.resolve(Link("inline", "#section", 1), "a.md"), ("skip", "same note"))

    def test_urls_are_external_even_with_a_fragment(self):
        vault = resolver(VAULT, ["a.md"])
        for url in ("https://x.org/#a.md", "mailto:a@b.c", "//cdn.x/a.md", "(https://x.org/a)"):
            self.assertEqual(vault.resolve(Link("inline", url, 1), "a.md"), ("skip", "external"), url)

    def test_relative_links_are_decoded_and_resolved_from_the_linking_folder(self):
        vault = resolver(VAULT, ["notes/Other Note.md", "notes/sub/page.md", "top.md"])
        self.assertEqual(
            vault.resolve(Link("inline", "../Other%20Note.md", 1), "notes/sub/page.md"), ("note", "notes/Other Note.md")
        )
        self.assertEqual(
            vault.resolve(Link("inline", "./sub/page.md#x", 1), "notes/a.md"), ("note", "notes/sub/page.md")
        )
        self.assertEqual(vault.resolve(Link("inline", "/top.md", 1), "notes/a.md"), ("note", "top.md"))
        self.assertEqual(vault.resolve(Link("inline", "../../up.md", 1), "notes/a.md"), ("skip", "outside the corpus"))
        self.assertEqual(vault.resolve(Link("inline", "page.md", 1), "top.md"), ("unresolved", "page.md"))

    def test_dendron_names_are_whole_dotted_file_names(self):
        vault = resolver(DENDRON, ["dendron.ref.commands.md", "commands.md"])
        link = Link("wikilink", "dendron://dendron.dendron-site/dendron.ref.commands#copy", 1)
        self.assertEqual(vault.resolve(link, "x.md"), ("note", "dendron.ref.commands.md"))
        self.assertEqual(vault.resolve(Link("wikilink", "ref.commands", 1), "x.md"), ("unresolved", "ref.commands"))

    def test_mdbook_html_pages_and_other_books(self):
        book = resolver(MDBOOK, ["ch01.md", "part/README.md"])
        self.assertEqual(book.resolve(Link("reference", "ch01.html#installing", 1), "ch02.md"), ("note", "ch01.md"))
        self.assertEqual(book.resolve(Link("inline", "part/index.html", 1), "ch02.md"), ("note", "part/README.md"))
        self.assertEqual(
            book.resolve(Link("reference", "../std/vec/struct.Vec.html", 1), "ch02.md"), ("skip", "outside the corpus")
        )

    def test_the_weekly_site_own_issue_urls(self):
        site = resolver(WEEKLY_SITE, ["issue-99.md", "issue-100.md"])
        url = "http://www.ruanyifeng.com/blog/2020/03/weekly-issue-99.html#comment-1"
        self.assertEqual(site.resolve(Link("inline", url, 1), "issue-100.md"), ("note", "issue-99.md"))
        other = "https://www.ruanyifeng.com/blog/2020/03/other.html"
        self.assertEqual(site.resolve(Link("inline", other, 1), "issue-100.md"), ("skip", "external"))


class Counting(unittest.TestCase):
    def test_a_small_book_end_to_end(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "SUMMARY.md").write_text("- [One](ch01.md)\n- [Two](ch02.md)\n")
            (root / "ch01.md").write_text(
                "# One\n\nSee [two] twice: [again][two]. `[no](ch02.md)`\n\n[two]: ch02.html\n"
            )
            (root / "ch02.md").write_text("# Two\n\n[Back](ch01.md#top), [self](#two), [gone](ch09.md)\n")
            count = scan_corpus(root, MDBOOK)
        self.assertEqual(dict(count.resolved), {("ch01.md", "ch02.md"): 2, ("ch02.md", "ch01.md"): 1})
        self.assertEqual((sum(count.links.values()), count.unresolved), (4, 1))
        self.assertEqual(count.skipped["same note"], 1)

    def test_warnings_are_grouped_by_message_without_backticked_parts(self):
        stderr = (
            "a.md:3: warning: link to `x.md` matches no post of the corpus\n"
            "b.md:9: warning: link to `y` matches no post of the corpus\n"
            "c.md:1: warning: heading without text skipped\n"
            "kgraph: 3 posts → 9 nodes\n"
        )
        self.assertEqual(
            dict(warning_types(stderr)),
            {"warning: link to … matches no post of the corpus": 2, "warning: heading without text skipped": 1},
        )


if __name__ == "__main__":
    unittest.main()
