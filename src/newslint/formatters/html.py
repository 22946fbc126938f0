"""The HTML report: each article's text with its findings highlighted in place, in one file.

``newslint --format html -o report.html PATH...`` writes a single page that needs nothing
else: its style sheet and script are inline, it loads no font, image or script, and a
Content-Security-Policy forbids it to (and forbids any script but its own). Every string
that comes from an input or a plugin (article text, ids, paths, messages, rule docs) is
escaped here, in :func:`_e`, and nowhere else; ids and classes in the markup are made from
numbers, never from those strings.

The page's parts, top to bottom: a header with the run's counts and the filters (one
checkbox per category and per severity), an index of the articles (when there are several;
sortable, searchable), the articles (text with highlights, and beside it the article's
counts and its list of findings), and the docs of every rule that fired. For a large run the
articles wait, as markup not yet parsed, in data blocks (``<script type="ARTICLE_TYPE">``, which
no browser runs), and the script shows one at a time; the index's rows wait likewise, and the
script shows a page of them at a time. The page then stays quick however many articles it
holds (``bench/html_report.py`` measures it). A data block ends at the first ``</script``;
the markup in it cannot hold one, since every ``<`` from the input is escaped.

The style sheet and script are ``html_report.css`` and ``html_report.js`` beside this module.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from newslint._version import __version__
from newslint.diagnostics import CATEGORIES, SEVERITIES, SEVERITY_RANK, Diagnostic
from newslint.formatters import Formatter
from newslint.rule_docs import rule_docs_url
from newslint.text.document import line_starts

if TYPE_CHECKING:
    from newslint.engine import FileResult
    from newslint.rule import Rule

#: Up to this many articles, all are in the page as plain HTML (readable without the
#: script); beyond it each waits, unparsed, in a data block until it is opened.
LIVE_ARTICLES = 20

#: The types of the data blocks that hold articles not yet shown, and the index's rows (a
#: table of thousands of rows is slow to parse and lay out as it loads).
ARTICLE_TYPE = "text/x-newslint-article"
ROWS_TYPE = "text/x-newslint-rows"

#: Rows of the index shown at once: sorting and searching lay out only these.
INDEX_PAGE_ROWS = 100


#: A glyph per severity, drawn before each highlight and in the lists, so that severity is
#: told by shape and by the underline's style, not by colour alone.
SEVERITY_ICON = {"error": "\u2716", "warning": "\u25b2", "info": "\u25cf"}

#: Highlight backgrounds, by category, in the order of ``CATEGORIES``; categories from
#: plugins take the spare ones after them. Each keeps body text (#1b1b1b) above 10:1.
CATEGORY_COLOURS = (
    "#e2e2e2",  # boilerplate
    "#ffd8a8",  # attribution
    "#cfe5ff",  # hedging
    "#e5dbff",  # repetition
    "#fff0a8",  # filler
    "#c9f2d0",  # readability
    "#ffd6e7",  # timeliness
    "#c3f0f5",  # style
    "#ffc9c9",  # internal (newslint's own errors)
    "#e8f0c0",
    "#f0d8c8",
    "#d8d8f0",
)


def _e(value: object) -> str:
    """Text or an attribute value, escaped (quotes too): the one way strings enter the page."""
    return escape(str(value), quote=True)


@dataclass(slots=True)
class Article:
    """One article of the report: where it came from, its text (``None`` when the run did not
    keep it), and its diagnostics in report order."""

    number: int
    path: str
    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class _Span:
    """A stretch of text to wrap: a finding's highlight or one of its related spans."""

    start: int
    end: int
    key: str  # the finding's element id, e.g. "a0f3"
    order: int
    related: int = -1  # index among the finding's related spans, -1 for the highlight itself
    classes: str = ""
    title: str = ""
    severity: str = "info"


# --- from a run to articles -------------------------------------------------------------------


def articles_from_results(results: Sequence[FileResult]) -> list[Article]:
    """One article per input (or per corpus record), in run order, clean ones included.

    A reader that makes several documents of one input (a corpus read whole) reports them
    under their own names; those become articles of their own, without text.
    """
    articles: list[Article] = []
    for result in results:
        if result.error:
            continue
        text = result.decoded.text if result.decoded is not None else None
        own = Article(len(articles), result.path, text)
        articles.append(own)
        others: dict[str, Article] = {}
        for diagnostic in sorted(result.diagnostics):
            if diagnostic.path == result.path:
                own.diagnostics.append(diagnostic)
                continue
            if diagnostic.path not in others:
                others[diagnostic.path] = Article(len(articles), diagnostic.path, None)
                articles.append(others[diagnostic.path])
            others[diagnostic.path].diagnostics.append(diagnostic)
    return articles


def articles_from_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[Article]:
    """Articles without text, one per path, for callers that hold only diagnostics."""
    by_path: dict[str, Article] = {}
    for diagnostic in sorted(diagnostics):
        if diagnostic.path not in by_path:
            by_path[diagnostic.path] = Article(len(by_path), diagnostic.path, None)
        by_path[diagnostic.path].diagnostics.append(diagnostic)
    return list(by_path.values())


# --- positions --------------------------------------------------------------------------------


class _Lines:
    """Line starts of a text, to check a diagnostic's offsets against its line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int | None:
        """The offset of a 1-based line and column, or ``None`` when it is not in the text."""
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        offset = self.starts[line - 1] + column - 1
        line_end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return offset if offset <= line_end else None

    def locates(self, d: Diagnostic) -> bool:
        """Whether ``d``'s offsets are in this text and agree with its lines and columns
        (they do not when the text changed after linting, as ``--fix`` changes it)."""
        if not 0 <= d.offset <= d.end_offset <= len(self.text):
            return False
        starts = self.position(d.offset) == (d.line, d.column)
        return starts and self.position(d.end_offset) == (d.end_line, d.end_column)


# --- the page ---------------------------------------------------------------------------------


class _Page:
    """Renders one report. Holds the run-wide tables: categories, rules, counts."""

    def __init__(self, articles: list[Article], rules: Mapping[str, Rule]) -> None:
        self.articles = articles
        self.rules = rules
        found = {d.category for a in articles for d in a.diagnostics}
        ordered = [c for c in CATEGORIES if c in found]
        ordered += sorted(c for c in found if c not in CATEGORIES and c != "internal")
        ordered += ["internal"] if "internal" in found else []
        #: Each category's number: classes and filters use it, never the name itself.
        self.category_index = {name: i for i, name in enumerate(ordered)}
        codes = sorted({d.code for a in articles for d in a.diagnostics})
        self.rule_index = {code: i for i, code in enumerate(codes)}
        self.by_category = Counter(d.category for a in articles for d in a.diagnostics)
        self.by_severity = Counter(_severity(d) for a in articles for d in a.diagnostics)
        self.lazy = len(articles) > LIVE_ARTICLES

    # -- whole page --------------------------------------------------------------------------

    def render(self) -> str:
        style = _asset("html_report.css") + self.category_css()
        script = _asset("html_report.js")
        policy = (
            "default-src 'none'; "
            f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        total = sum(self.by_category.values())
        title = (
            f"newslint report: {self.articles[0].path}"
            if len(self.articles) == 1
            else f"newslint report: {len(self.articles)} articles"
        )
        parts = [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="referrer" content="no-referrer">\n',
            f"<title>{_e(title)}</title>\n<style>{style}</style>\n</head>\n",
            f'<body data-lazy="{int(self.lazy)}" data-articles="{len(self.articles)}">\n',
            '<a class="skip" href="#articles">Skip to the articles</a>\n',
            self.header(total),
            '<main id="main">\n',
            self.index() if len(self.articles) > 1 else "",
            self.viewer(),
            self.rule_docs(),
            "</main>\n",
            '<div id="popover" role="tooltip" hidden></div>\n',
            f"<script>{script}</script>\n</body>\n</html>\n",
        ]
        return "".join(parts)

    def category_css(self) -> str:
        """Colours and filter rules for the categories in this run, by number."""
        rules = []
        for name, i in self.category_index.items():
            colour = CATEGORY_COLOURS[_palette_slot(name, i)]
            rules.append(f".c{i}{{--bg:{colour}}}")
            rules.append(
                f".hide-c{i} mark.f.c{i}, .hide-c{i} span.rel.c{i}{{background:none;"
                "border-bottom-color:transparent;outline:none}"
            )
            rules.append(f".hide-c{i} mark.f.c{i}::before{{content:none}}")
            rules.append(f".hide-c{i} li.finding.c{i}{{display:none}}")
        return "\n" + "\n".join(rules) + "\n"

    # -- header ------------------------------------------------------------------------------

    def header(self, total: int) -> str:
        articles = len(self.articles)
        severities = ", ".join(_counted(self.by_severity[s], s) for s in reversed(SEVERITIES))
        counts = (
            f"{total} finding{'s' if total != 1 else ''} ({severities}) in "
            f"{articles} article{'s' if articles != 1 else ''}"
        )
        category_boxes = "".join(
            self.filter_box(f"c{i}", f'<span class="swatch c{i}"></span>{_e(name)}', count)
            for name, i in self.category_index.items()
            if (count := self.by_category[name])
        )
        severity_boxes = "".join(
            self.filter_box(
                f"s-{s}",
                f'<span class="icon s-{s}" aria-hidden="true">{SEVERITY_ICON[s]}</span>{s}',
                self.by_severity[s],
            )
            for s in reversed(SEVERITIES)
            if self.by_severity.get(s)
        )
        filters = ""
        if total:
            filters = (
                '<form class="filters" aria-label="Filters">'
                f"<fieldset><legend>Categories</legend>{category_boxes}</fieldset>"
                f"<fieldset><legend>Severities</legend>{severity_boxes}</fieldset>"
                "</form>\n"
            )
        keys = (
            '<p class="keys">Keys: <kbd>n</kbd>/<kbd>j</kbd> next finding, '
            "<kbd>p</kbd>/<kbd>k</kbd> previous, <kbd>Enter</kbd> its details, "
            "<kbd>Esc</kbd> close"
            + (", <kbd>]</kbd>/<kbd>[</kbd> next/previous article" if articles > 1 else "")
            + "</p>\n"
        )
        return (
            '<header class="top">\n'
            f'<h1>newslint report</h1>\n<p class="summary" id="summary">{_e(counts)}</p>\n'
            f"{filters}{keys}"
            f'<p class="version">newslint {_e(__version__)}</p>\n'
            "</header>\n"
        )

    @staticmethod
    def filter_box(key: str, label: str, count: int) -> str:
        return (
            f'<label class="filter"><input type="checkbox" checked data-hide="{key}"> '
            f'{label} <span class="count">{count}</span></label>'
        )

    # -- index -------------------------------------------------------------------------------

    def index(self) -> str:
        categories = list(self.category_index.items())
        head = [
            ("n", "#", "num"),
            ("id", "Article", "text"),
            ("total", "Findings", "num"),
            ("worst", "Worst", "num"),
            *((f"c{i}", name, "num") for name, i in categories),
        ]
        header_cells = "".join(
            f'<th scope="col" aria-sort="{"ascending" if key == "n" else "none"}">'
            f'<button type="button" data-sort="{col}" data-type="{kind}">{_e(label)}'
            '<span class="arrow" aria-hidden="true"></span></button></th>'
            for col, (key, label, kind) in enumerate(head)
        )
        rows = []
        for article in self.articles:
            counts = Counter(d.category for d in article.diagnostics)
            worst = _worst(article.diagnostics)
            rank = SEVERITY_RANK[worst] + 1 if worst else 0
            worst_cell = (
                f'<span class="icon s-{worst}" aria-hidden="true">{SEVERITY_ICON[worst]}</span>'
                f"{worst}"
                if worst
                else "none"
            )
            cells = "".join(
                f'<td data-v="{counts[name]}">{counts[name] or ""}</td>' for name, _ in categories
            )
            n = article.number
            rows.append(
                f'<tr data-a="{n}"><td data-v="{n + 1}">{n + 1}</td>'
                f'<td data-v="{_e(article.path)}"><a href="#a{n}">{_e(article.path)}</a></td>'
                f'<td data-v="{len(article.diagnostics)}">{len(article.diagnostics)}</td>'
                f'<td data-v="{rank}">{worst_cell}</td>{cells}</tr>\n'
            )
        return (
            '<section id="index" aria-labelledby="index-title">\n'
            '<h2 id="index-title">Articles</h2>\n'
            '<p><label>Find an article: <input type="search" id="find" '
            'autocomplete="off"></label></p>\n'
            '<div class="table-wrap">'
            f'<table id="index-table" data-page-size="{INDEX_PAGE_ROWS}">'
            "<caption>One row per article; choose a column heading to sort by it.</caption>"
            f"<thead><tr>{header_cells}</tr></thead>\n<tbody>\n"
            + ("" if self.lazy else "".join(rows))
            + "</tbody></table></div>\n"
            + (
                f'<script type="{ROWS_TYPE}" id="index-rows">{"".join(rows)}</script>\n'
                if self.lazy
                else ""
            )
            + '<nav class="pager" aria-label="Pages of the index">'
            '<button type="button" id="prev-rows">\u2190 Previous rows</button> '
            '<span id="rows-shown" aria-live="polite"></span> '
            '<button type="button" id="next-rows">Next rows \u2192</button></nav>\n'
            "</section>\n"
        )

    # -- articles ----------------------------------------------------------------------------

    def viewer(self) -> str:
        parts = ['<section id="articles" aria-label="Articles">\n']
        if self.lazy:
            parts.append(
                '<nav class="pager" aria-label="Article pages"><button type="button" '
                'id="prev-article">\u2190 Previous article</button> <span id="where"></span> '
                '<button type="button" id="next-article">Next article \u2192</button></nav>\n'
                '<noscript><p class="note">This report holds more articles than a page '
                "shows at once; its index and articles need JavaScript.</p></noscript>\n"
                '<div id="viewer"></div>\n'
            )
            parts.extend(
                f'<script type="{ARTICLE_TYPE}" id="t{a.number}">{self.article(a)}</script>\n'
                for a in self.articles
            )
        else:
            parts.append('<div id="viewer">\n')
            parts.extend(self.article(a) for a in self.articles)
            parts.append("</div>\n")
        parts.append("</section>\n")
        return "".join(parts)

    def article(self, article: Article) -> str:
        n = article.number
        diagnostics = article.diagnostics
        lines = _Lines(article.text) if article.text is not None else None
        spans: list[_Span] = []
        entries: list[str] = []
        for j, d in enumerate(diagnostics):
            key = f"a{n}f{j}"
            cat = self.category_index[d.category]
            sev = _severity(d)
            located = lines is not None and lines.locates(d)
            related_links = []
            for k, other in enumerate(d.related):
                span = _related_span(d, k, key, cat, lines) if located and lines else None
                where = _e(f"line {other.line}, column {other.column}")
                related_links.append(f'<a href="#{key}r{k}">{where}</a>' if span else where)
                if span is not None:
                    span.order = len(spans)
                    spans.append(span)
            if located:
                spans.append(
                    _Span(d.offset, d.end_offset, key, len(spans), classes=f"c{cat}", severity=sev)
                )
            entries.append(self.entry(d, key, cat, sev, located, related_links))
        if article.text is None:
            body = '<p class="note">The text of this article is not in the report.</p>'
        else:
            body = f'<div class="text" lang="en">{_highlighted(article.text, spans)}</div>'
        counts = Counter(d.category for d in diagnostics)
        chips = "".join(
            f'<li class="chip c{i}"><span class="swatch c{i}"></span>{_e(name)} '
            f"<strong>{counts[name]}</strong></li>"
            for name, i in self.category_index.items()
            if counts[name]
        )
        worst = _worst(diagnostics)
        verdict = (
            f'<p class="worst">Worst: <span class="icon s-{worst}" aria-hidden="true">'
            f"{SEVERITY_ICON[worst]}</span>{worst}</p>"
            if worst
            else '<p class="worst">No findings.</p>'
        )
        total = len(diagnostics)
        return (
            f'<article class="article" id="a{n}" aria-labelledby="a{n}h">\n'
            f'<h2 id="a{n}h" class="path">{_e(article.path)}</h2>\n'
            f'<div class="layout">{body}\n'
            f'<aside class="side" aria-label="Findings in this article">'
            f'<p class="total">{total} finding{"s" if total != 1 else ""}</p>'
            f'{verdict}<ul class="counts">{chips}</ul>'
            f'<ol class="findings">{"".join(entries)}</ol></aside></div>\n'
            "</article>\n"
        )

    def entry(
        self, d: Diagnostic, key: str, cat: int, sev: str, located: bool, related: list[str]
    ) -> str:
        rule = self.rules.get(d.code)
        summary = f'<p class="rule-summary">{_e(rule.summary)}</p>' if rule is not None else ""
        place = f"line {d.line}, column {d.column}"
        where = f'<a href="#{key}">{place}</a>' if located else f"{place} (not shown in the text)"
        docs = (
            f' \u00b7 <a href="#r{self.rule_index[d.code]}">rule docs</a>'
            if rule is not None
            else ""
        )
        related_part = f" \u00b7 related: {', '.join(related)}" if related else ""
        return (
            f'<li class="finding c{cat} s-{sev}" id="{key}d" data-f="{key}">'
            f'<p class="head"><span class="icon s-{sev}" aria-hidden="true">'
            f"{SEVERITY_ICON[sev]}</span>{sev} <code>{_e(d.code)}</code> "
            f'<span class="rule-name">{_e(d.name)}</span> '
            f'<span class="cat">{_e(d.category)}</span></p>'
            f'<p class="msg">{_e(d.message)}</p>{summary}'
            f'<p class="where">{where}{docs}{related_part}</p></li>'
        )

    # -- rule docs ---------------------------------------------------------------------------

    def rule_docs(self) -> str:
        if not self.rule_index:
            return ""
        from newslint.rule_docs import rule_markdown

        parts = ['<section id="rules" aria-labelledby="rules-title">\n']
        parts.append('<h2 id="rules-title">Rules in this report</h2>\n')
        for code, i in self.rule_index.items():
            rule = self.rules.get(code)
            if rule is None:
                continue
            url = rule_docs_url(rule)
            online = ""
            if url is not None:
                online = f'<p><a href="{_e(url)}" rel="noreferrer">Online docs</a></p>'
            parts.append(
                f'<details class="rule" id="r{i}"><summary><code>{_e(code)}</code> '
                f"{_e(rule.name)}: {_e(rule.summary)}</summary>{online}"
                f'<pre class="doc">{_e(rule_markdown(rule))}</pre></details>\n'
            )
        parts.append("</section>\n")
        return "".join(parts)


def _related_span(d: Diagnostic, k: int, key: str, cat: int, lines: _Lines) -> _Span | None:
    """The span of ``d``'s related place number ``k``, if it is in the text."""
    other = d.related[k]
    start = lines.offset(other.line, other.column)
    end = lines.offset(other.end_line, other.end_column)
    if start is None or end is None or start > end:
        return None
    title = f"Related to {d.code} on line {d.line}" + (
        f": {other.message}" if other.message else ""
    )
    return _Span(start, end, key, 0, related=k, classes=f"rel c{cat}", title=title)


def _highlighted(text: str, spans: list[_Span]) -> str:
    """``text``, escaped, with each span wrapped in an element.

    Spans may nest and may cross. Nested spans nest as elements; where two cross, the inner
    one is closed at the outer one's end and opened again after it, so one finding can be
    drawn as several pieces: all carry its ``data-f``, only the first its id (the target of
    links and of keyboard focus) and its severity icon.
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.order))
    empty = [s for s in ordered if s.start == s.end]
    ranged = [s for s in ordered if s.start < s.end]
    bounds = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    opened: set[int] = set()
    stack: list[_Span] = []
    out: list[str] = []
    for i, at in enumerate(bounds):
        active = [s for s in ranged if s.start <= at < s.end]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend(_close(s) for s in reversed(stack[keep:]))
        out.extend(_open(s, True) + _close(s) for s in empty if s.start == at)
        for span in active[keep:]:
            out.append(_open(span, span.order not in opened))
            opened.add(span.order)
        stack = active
        if i + 1 < len(bounds):
            out.append(_e(text[at : bounds[i + 1]]))
    out.extend(_close(s) for s in reversed(stack))
    return "".join(out)


def _open(span: _Span, first: bool) -> str:
    if span.related >= 0:
        ident = f' id="{span.key}r{span.related}"' if first else ""
        return (
            f'<span class="{span.classes}" data-rel="{span.key}"{ident} title="{_e(span.title)}">'
        )
    sev = span.severity
    attributes = f' id="{span.key}" tabindex="0" aria-describedby="{span.key}d"' if first else ""
    piece = "" if first else " cont"
    return (
        f'<mark class="f {span.classes} s-{sev}{piece}" data-f="{span.key}" '
        f'data-icon="{SEVERITY_ICON[sev]}"{attributes}>'
    )


def _close(span: _Span) -> str:
    return "</span>" if span.related >= 0 else "</mark>"


def _counted(count: int, severity: str) -> str:
    """``1 error``, ``2 errors``, ``3 info``: the words of the command's summary line."""
    plural = "s" if count != 1 and severity != "info" else ""
    return f"{count} {severity}{plural}"


def _severity(d: Diagnostic) -> str:
    return d.severity if d.severity in SEVERITY_ICON else "info"


def _worst(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return ""
    return max((_severity(d) for d in diagnostics), key=SEVERITY_RANK.__getitem__)


def _palette_slot(category: str, number: int) -> int:
    known = (*CATEGORIES, "internal")
    if category in known:
        return known.index(category)
    return len(known) + number % (len(CATEGORY_COLOURS) - len(known))


@cache
def _asset(name: str) -> str:
    return resources.files("newslint.formatters").joinpath(name).read_text(encoding="utf-8")


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


class HtmlFormatter(Formatter):
    name = "html"
    shows_text = True
    description = (
        "One self-contained HTML page: each article's text with its findings highlighted, "
        "filters, and a sortable index of the articles (use with -o report.html)."
    )

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        """The report from diagnostics alone: findings listed, texts not shown."""
        return _Page(articles_from_diagnostics(diagnostics), rules).render()

    def format_results(self, results: Sequence[FileResult], rules: Mapping[str, Rule]) -> str:
        return _Page(articles_from_results(results), rules).render()
