"""Rule documentation, rendered from rule metadata.

``newslint explain``, the SARIF help text and the pages in ``docs/rules/`` all come from
:func:`rule_markdown`, so they cannot disagree. ``python -m newslint.docs`` rewrites
the pages (and ``docs/cli.md``); ``tests/test_docs.py`` fails when they are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newslint.rule import DOC_SECTIONS, Rule


def _fence(text: str) -> str:
    return f"```text\n{text}\n```"


#: Where a built-in rule's page is published (``docs/rules/CODE.md`` in the repository).
RULE_DOCS_URL = "https://github.com/newslint/newslint/blob/main/docs/rules/{code}.md"


def rule_docs_url(rule: Rule) -> str | None:
    """The published docs page of a built-in rule; a plugin documents its own rules."""
    builtin = rule.plugin.startswith(("newslint.", "newslint:"))
    return RULE_DOCS_URL.format(code=rule.code) if builtin else None


def rule_markdown(rule: Rule) -> str:
    """The rule's documentation page, in Markdown."""
    sections = rule.doc_sections()
    fix = {
        "none": "No automatic fix.",
        "safe": "Safe fix available.",
        "unsafe": "Unsafe fix available (needs --unsafe-fixes).",
    }[rule.fix]
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        f"{rule.summary}.",
        "",
        f"- Category: `{rule.category}`",
        f"- Default severity: `{rule.severity}`",
        f"- Enabled by default: {'yes' if rule.enabled else 'no'}"
        + (" (preview)" if rule.preview else ""),
        f"- Fix: {fix}",
        f"- Defined in: `{_origin(rule)}`",
        "",
    ]
    for heading in DOC_SECTIONS[:3]:
        if heading in sections:
            lines += [f"## {heading}", "", sections[heading], ""]
    lines += [
        "## Example",
        "",
        _fence(rule.fire[0]),
        "",
        "Use instead:",
        "",
        _fence(rule.quiet[0]),
        "",
    ]
    if len(rule.fire) > 1 or len(rule.quiet) > 1:
        lines += ["## More examples", ""]
        lines += ["Flagged:", ""] + [f"- `{_one_line(e)}`" for e in rule.fire[1:]] + [""]
        lines += ["Not flagged:", ""] + [f"- `{_one_line(e)}`" for e in rule.quiet[1:]] + [""]
    options = dict(rule.default_options)
    if options or "Options" in sections:
        lines += ["## Options", ""]
        if "Options" in sections:
            lines += [sections["Options"], ""]
        for key, value in options.items():
            lines.append(f"- `{key.replace('_', '-')}` (default `{value!r}`)")
        lines.append("")
    for heading in DOC_SECTIONS[4:]:
        if heading in sections:
            lines += [f"## {heading}", "", sections[heading], ""]
    return "\n".join(lines).rstrip() + "\n"


def _origin(rule: Rule) -> str:
    plugin = rule.plugin
    if plugin.startswith("newslint:"):
        return plugin.removeprefix("newslint:")
    return plugin or type(rule).__module__


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ").replace("`", "'")


def rule_index(rules: list[Rule]) -> str:
    """The ``docs/rules/README.md`` index table."""
    lines = [
        "# Rules",
        "",
        "Generated from rule metadata by `python -m newslint.docs`; do not edit.",
        "",
        "| Code | Name | Category | Severity | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        lines.append(
            f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.category} | {rule.severity} "
            f"| {'on' if rule.enabled else 'off'} | {rule.summary} |"
        )
    return "\n".join(lines) + "\n"


def generated_pages() -> dict[str, str]:
    """File name -> content for every page of ``docs/rules/`` (built-in rules only)."""
    from newslint.plugins import build_registry, get_plugin_manager

    registry = build_registry(get_plugin_manager(autoload=False))
    rules = registry.sorted_rules()
    pages = {f"{rule.code}.md": rule_markdown(rule) for rule in rules}
    pages["README.md"] = rule_index(rules)
    return pages


_REPORT_ORDER = """\
Report order: diagnostics are sorted by path, line and column, so a report does not depend
on `--jobs` or on the order files were found. A JSON Lines corpus is the exception: each
article is written as soon as it is linted, in corpus order (its own diagnostics sorted), in
every built-in format, so a long corpus streams with flat memory. See
[performance](performance.md).

Text report: `--output-format concise` is one line per diagnostic,
`path:line:col: CODE [*] severity: message` (`[*]`: `--fix` removes it); `full` adds the source
line with a caret under the span, the related places and the fix (a JSON Lines article is
streamed, not kept, so its findings come without the source line). The default is `full` at a
terminal and `concise` into a pipe or a file. Colour only at a terminal (`--color auto`), never
when `NO_COLOR` is set; `--color always|never` decides. Paths, messages and source lines are
printed with control characters escaped (`\x1b`, `\n`), so a file name or an article cannot
break a line or steer the terminal; JSON and SARIF are always valid UTF-8 (a file name that is
not UTF-8 shows its bytes as `\xe9`). `--statistics` prints the count per rule instead of the
report (a JSON list with `--format json`). The summary on standard error ends with how many
findings `--fix` would remove.

Inputs: a file is read by its extension (`.txt`, `.md`, `.html`, `.jsonl`), or as
`--input-format` says. A file named on the command line with an extension no reader (and no
plugin) knows is refused with a one-line error and exit 2, never read as something it is not;
a file with no extension is read as plain text. A folder is walked for the `include` globs,
leaving out hidden and tool folders and what git ignores (`--no-respect-gitignore` to keep
it); a folder with nothing to lint is an input error (exit 2): in CI, a path that lints nothing
is more often a mistake than a choice. `exclude` applies to folder walks; with
`--force-exclude` (or `force-exclude = true`) also to files named on the command line, as
pre-commit names them. Input errors go to standard error, one line each; the JSON report also
carries them as NL003 items and the SARIF log as `toolExecutionNotifications`."""


def cli_markdown() -> str:
    """``docs/cli.md``: the ``--help`` of every command, at a fixed width."""
    import contextlib
    import io
    import os

    from newslint.cli import build_parser

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        parts = ["# Command line", "", "Generated by `python -m newslint.docs`; do not edit.", ""]
        parts += ["## newslint", "", "```text", build_parser().format_help().rstrip(), "```", ""]
        parts += [_REPORT_ORDER, ""]
        from newslint import commands

        for name in ("rules", "explain", "plugins", "check-pack", "lsp", "serve"):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
                commands.run(name, ["--help"])
            parts += [f"## newslint {name}", "", "```text", buffer.getvalue().rstrip(), "```", ""]
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return "\n".join(parts)


def write_pages(folder: Path) -> list[Path]:
    """Rewrite ``folder`` with the generated pages; remove pages of rules that are gone."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = generated_pages()
    written = []
    for old in folder.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    for name, content in pages.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    pages = write_pages(docs / "rules")
    (docs / "cli.md").write_text(cli_markdown(), encoding="utf-8")
    print(f"wrote {len(pages)} rule pages to {docs / 'rules'} and {docs / 'cli.md'}")
