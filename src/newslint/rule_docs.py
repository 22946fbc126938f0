"""Rule documentation, rendered from rule metadata.

``newslint explain``, editor hovers, the SARIF help text, the HTML report and the pages in
``docs/rules/`` all come from :func:`rule_markdown`, so they cannot disagree.
"""

from __future__ import annotations

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
