"""The HTML report's markup, read with Python's own HTML parser (the browser tests are in
``test_html_browser.py``): highlights spell their spans, every input string is escaped, the
page loads nothing and runs only its own script."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from collections import defaultdict
from html.parser import HTMLParser

from newslint.diagnostics import Diagnostic, Related
from newslint.engine import FileResult
from newslint.formatters.html import ARTICLE_TYPE, LIVE_ARTICLES, ROWS_TYPE, HtmlFormatter
from newslint.readers import Decoded

from conftest import SEED

HOSTILE = (
    '<script>alert("text")</script> "><img src=x onerror=alert(1)> </textarea><b>bold</b> '
    "</style></template><svg onload=alert(2)> &amp; {{x}} </script><!--<script>"
)


class Markup(HTMLParser):
    """Every tag of a page, and the text of each finding (its pieces joined in order)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open_marks: list[str] = []
        self.finding_text: dict[str, str] = defaultdict(str)
        self.pieces: dict[str, int] = defaultdict(int)
        self.inline: dict[str, str] = defaultdict(str)
        self.blocks: list[str] = []
        self.current = ""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self.open_marks.append(attributes["data-f"])
            self.pieces[attributes["data-f"]] += 1
        self.current = tag

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks.pop()
        self.current = ""

    def handle_data(self, data):
        for key in self.open_marks:
            self.finding_text[key] += data
        if self.current == "script" and self.tags[-1][1].get("type") in (ARTICLE_TYPE, ROWS_TYPE):
            self.blocks.append(data)
        elif self.current in ("script", "style"):
            self.inline[self.current] += data


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def diagnostic(
    text: str, start: int, end: int, code: str = "NL301", path: str = "article.txt", **fields
) -> Diagnostic:
    line, column = position(text, start)
    end_line, end_column = position(text, end)
    values = {
        "name": "epistemic-hedge",
        "category": "hedging",
        "severity": "info",
        "message": "Hedge in the writer's voice",
    }
    values.update(fields)
    return Diagnostic(
        path, line, column, end_line, end_column, code, offset=start, end_offset=end,
        **values,
    )  # fmt: skip


def render(text: str, diagnostics: list[Diagnostic], path: str = "article.txt") -> str:
    result = FileResult(path, diagnostics, decoded=Decoded(text, "utf-8", False, "\n"))
    return HtmlFormatter().format_results([result], {})


def test_the_seed_report_has_one_highlight_per_finding_spelling_its_span(run_cli, tmp_path):
    report = tmp_path / "report.html"
    code, out, _ = run_cli(str(SEED), "--format", "html", "-o", str(report))
    assert code == 1 and out == ""
    _, listing, _ = run_cli(str(SEED), "--format", "json")
    diagnostics = json.loads(listing)
    markup = Markup(report.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    assert len(markup.finding_text) == len(diagnostics) > 0
    spans = sorted(text[d["offset"] : d["end_offset"]] for d in diagnostics)
    assert sorted(markup.finding_text.values()) == spans


def test_crossing_spans_are_split_into_pieces_that_still_spell_each_span():
    text = "Alpha beta gamma delta epsilon.\nSecond line here."
    first = diagnostic(text, 0, 16)  # "Alpha beta gamma"
    crossing = diagnostic(text, 6, 22, code="NL602", category="filler")  # "beta gamma delta"
    inner = diagnostic(text, 11, 16, code="NL603", category="filler")  # "gamma", inside both
    empty = diagnostic(text, 32, 32, code="NL604")  # zero width, at the second line's start
    markup = Markup(render(text, [first, crossing, inner, empty]))
    by_text = sorted(markup.finding_text.get(f"a0f{i}", "") for i in range(4))
    assert by_text == sorted(["Alpha beta gamma", "beta gamma delta", "gamma", ""])
    assert sorted(markup.pieces.values()) == [1, 1, 1, 2]  # the crossing one is cut in two
    focusable = [a["id"] for tag, a in markup.tags if tag == "mark" and "tabindex" in a]
    assert sorted(focusable) == ["a0f0", "a0f1", "a0f2", "a0f3"]


def test_related_spans_are_marked_and_linked_to_their_finding():
    text = "First paragraph says it.\n\nSecond paragraph says it again."
    start = text.index("Second")
    related = Related(1, 1, 1, 25, "the paragraph it repeats")
    d = diagnostic(text, start, len(text), code="NL402", related=(related,))
    page = render(text, [d])
    markup = Markup(page)
    spans = [a for tag, a in markup.tags if tag == "span" and a.get("data-rel") == "a0f0"]
    assert [s["id"] for s in spans] == ["a0f0r0"]
    assert 'href="#a0f0r0"' in page
    assert re.search(r'<span class="rel c0" data-rel="a0f0" id="a0f0r0"[^>]*>First paragraph', page)


def test_a_finding_whose_position_no_longer_matches_the_text_is_listed_not_highlighted():
    text = "Arguably, the plan failed.\n"
    stale = diagnostic("X" * 40 + "\n" + text, 41, 49)  # line 2 of a text that has changed
    page = render(text, [stale])
    assert "<mark" not in page
    assert "not shown in the text" in page


def test_every_string_from_the_input_is_escaped():
    text = f"Arguably, {HOSTILE}\n"
    d = diagnostic(
        text, 0, len(text) - 1, "XS001", HOSTILE, name=HOSTILE, category=HOSTILE, message=HOSTILE
    )
    result = FileResult(HOSTILE, [d], decoded=Decoded(text, "utf-8", False, "\n"))
    for count in (1, LIVE_ARTICLES + 1):  # shown at once, and kept in data blocks
        markup = Markup(HtmlFormatter().format_results([result] * count, {}))
        assert len(markup.blocks) == (count + 1 if count > LIVE_ARTICLES else 0)
        scripts = [a for tag, a in markup.tags if tag == "script" and "type" not in a]
        assert len(scripts) == 1
        assert [tag for tag, _ in markup.tags].count("style") == 1
        for part in [markup, *(Markup(block) for block in markup.blocks)]:
            tags = {tag for tag, _ in part.tags}
            assert not tags & {"img", "svg", "b", "textarea", "iframe", "object"}
            assert part is markup or not tags & {"script", "style"}
            handlers = [name for _, attrs in part.tags for name in attrs if name.startswith("on")]
            assert handlers == []
            if part.finding_text:  # the hostile text, shown as text
                assert list(part.finding_text.values()) == [text[:-1]]


def test_the_page_loads_nothing_and_allows_only_its_own_style_and_script():
    page = render("Arguably, it rained.\n", [diagnostic("Arguably, it rained.\n", 0, 8)])
    markup = Markup(page)
    policy = next(
        a["content"] for tag, a in markup.tags if a.get("http-equiv") == "Content-Security-Policy"
    )

    def digest(source: str) -> str:
        return base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()

    assert "default-src 'none'" in policy
    assert f"script-src 'sha256-{digest(markup.inline['script'])}'" in policy
    assert f"style-src 'sha256-{digest(markup.inline['style'])}'" in policy
    for _, attrs in markup.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert value == "" or value.startswith(("#", "https://github.com/newslint/")), value


def test_a_large_run_keeps_articles_in_data_blocks_and_a_small_one_shows_them():
    def results(count: int) -> list[FileResult]:
        text = "Arguably, it rained.\n"
        return [
            FileResult(
                f"{i}.txt",
                [dataclasses.replace(diagnostic(text, 0, 8), path=f"{i}.txt")],
                decoded=Decoded(text, "utf-8", False, "\n"),
            )
            for i in range(count)
        ]

    small = HtmlFormatter().format_results(results(LIVE_ARTICLES), {})
    large = HtmlFormatter().format_results(results(LIVE_ARTICLES + 1), {})
    assert ARTICLE_TYPE not in small
    assert small.count('<article class="article"') == LIVE_ARTICLES
    assert large.count(f'<script type="{ARTICLE_TYPE}"') == LIVE_ARTICLES + 1
    assert 'data-lazy="1"' in large
    assert large.count(f'<script type="{ROWS_TYPE}"') == 1
    rows = re.findall(r'<tr data-a="(\d+)">', large)
    assert rows == [str(i) for i in range(LIVE_ARTICLES + 1)]


def test_diagnostics_alone_give_a_report_that_lists_them_without_text():
    d = diagnostic("Arguably, it rained.\n", 0, 8)
    page = HtmlFormatter().format([d], {})
    assert "The text of this article is not in the report." in page
    assert "Hedge in the writer&#x27;s voice" in page
    assert "<mark" not in page


def test_a_corpus_report_highlights_each_article_in_its_own_text(run_cli, tmp_path):
    articles = {
        "first": "Arguably, the plan failed.\n\nPost Comment\n",
        "second": "The council met on Monday, Mayor Ana Ruiz said.\n",
        "third": "Reports indicate that 3,000 people use the road every day.\n",
    }
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in articles.items()),
        encoding="utf-8",
    )
    _, listing, _ = run_cli(str(corpus), "--format", "json")
    expected = sorted(
        articles[d["path"]][d["offset"] : d["end_offset"]] for d in json.loads(listing)
    )
    _, page, _ = run_cli(str(corpus), "--format", "html")
    markup = Markup(page)
    assert sorted(markup.finding_text.values()) == expected
    assert [a["data-a"] for tag, a in markup.tags if tag == "tr" and "data-a" in a] == [
        "0",
        "1",
        "2",
    ]
