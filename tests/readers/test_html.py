"""The HTML reader: the text a browser shows, at the file's own positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import newslint
from newslint.config import Config
from newslint.plugins import get_registry
from newslint.readers.html import html_text

PAGE = """<!DOCTYPE html>
<html><head><title>Loading Now</title><style>p::after { content: "Post Comment" }</style></head>
<body>
<h1>Storm floods the city</h1>
<p>Experts say 40% of the city roads flooded on Monday, Russia&rsquo;s agency said.</p>
<script>document.write("Loading Now");</script>
<p>Share this article</p>
</body></html>
"""


def test_an_html_page_is_read_not_reported_clean(run_cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    code, out, err = run_cli(str(page), "--select", "NL1,NL2")
    assert code == 1
    assert out.splitlines() == [
        f"{page}:5:4: NL202 warning: Vague source 'Experts say': name the source or say why it cannot be named",
        f"{page}:7:4: NL101 warning: Page widget text left in the article: 'Share this article'",
    ]
    assert "Found 2 problems" in err


def test_positions_point_into_the_file_and_references_are_decoded():
    text, _, headings = html_text(PAGE)
    assert len(text) == len(PAGE) and text.count("\n") == PAGE.count("\n")
    assert "Russia’s " in text and "&rsquo;" not in text
    start = PAGE.index("Experts")
    assert text[start : start + 11] == "Experts say"
    assert "Loading Now" not in text and "Post Comment" not in text and "<p>" not in text
    assert headings == [PAGE.index("Storm floods")]


def test_references_close_up_inside_a_word_and_newlines_stay_put():
    source = "<p>A &ldquo;fine&rdquo; day&nbsp;out,\nit&#8217;s said.</p>"
    text, _, _ = html_text(source)
    assert text.split("\n")[0].split() == ["A", "“fine”", "day", "out,"]
    assert text.split("\n")[1].split() == ["it’s", "said."]
    assert text.index("\n") == source.index("\n")


def test_each_paragraph_element_is_a_paragraph():
    found = newslint.lint_text(
        "<p>Loading Now</p>\n<p>The council met on Monday.</p>\n",
        path="a.html",
        config=Config(select=["NL101"]),
    )
    assert [(d.line, d.column) for d in found] == [(1, 4)]


def test_html_findings_carry_no_fix_and_fix_leaves_the_page_alone(run_cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<div class="story"><p>Loading Now</p>\n<p>The council met.</p></div>\n')
    before = page.read_bytes()
    code, out, _ = run_cli(str(page), "--fix", "--select", "NL101")
    assert code == 1 and "[*]" not in out and "NL101" in out
    assert page.read_bytes() == before


def test_a_file_type_no_reader_knows_is_refused_by_name(run_cli, tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<p>Loading Now</p>\n")
    other = tmp_path / "a.txt"
    other.write_text("Loading Now\n")
    code, out, err = run_cli(str(page), str(other), "--select", "NL1")
    assert code == 2
    assert f"newslint: error: {page}: unknown file type '.xml'" in err
    assert out.startswith(f"{other}:1:1: NL101")  # the other file is still linted
    code, out, _ = run_cli(str(page), "--input-format", "html", "--select", "NL1")
    assert code == 1 and out.startswith(f"{page}:1:4: NL101")


PIECES = st.sampled_from(
    ["<p>", "</p>", "<br/>", "<script>", "</script>", "<!-- x -->", "&amp;", "&rsquo;", "&#8217;",
     "&nbsp;", "&bogus;", "&", "<", ">", "\n", " ", "word", "Loading Now", "<h2>", "</h2>",
     "<!DOCTYPE html>", "<![CDATA[x]]>", "é", "\r"]
)  # fmt: skip


LINTER = newslint.Linter(get_registry(autoload=False))
CONFIG = Config()


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_html_keeps_every_offset_and_line(source):
    source = source.replace("\r", "")
    text, breaks, headings = html_text(source)
    assert len(text) == len(source)
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(source) if c == "\n"
    ]
    assert all(0 <= b <= len(source) for b in breaks + headings)
    LINTER.lint_text(source, "page.html", CONFIG)  # never raises


def test_the_library_gives_html_findings_no_fix():
    found = newslint.lint_text(
        "<p>Loading Now</p>\n", path="a.html", config=Config(select=["NL101"])
    )
    assert [(d.code, d.fix) for d in found] == [("NL101", None)]
