"""The library API: ``lint_text`` and ``lint_paths``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from newslint.config import Config
from newslint.diagnostics import Diagnostic
from newslint.engine import Linter, collect


@dataclass
class Report(Sequence[Diagnostic]):
    """The result of :func:`lint_paths`: a sequence of diagnostics, plus the files that
    could not be linted (``errors``, one line each) and the files that were. ``skipped``
    notes what a folder held that was not linted: links out of it, FIFOs and devices."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def __getitem__(self, index):  # type: ignore[override]
        return self.diagnostics[index]

    def __len__(self) -> int:
        return len(self.diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)


def lint_text(
    text: str,
    *,
    title: str | None = None,
    path: str | None = None,
    config: Config | None = None,
    plugins: bool = True,
) -> list[Diagnostic]:
    """Lint one article held in memory and return its diagnostics, sorted by position.

    :param text: the article; any newline style.
    :param title: the headline, when it is held apart from the body (a CMS field). It is
        part of the article (a lede that restates it, a vague source in it): the article
        linted is ``title + "\n\n" + text``, and positions refer to that text, so the
        title is line 1 and the body starts on line 3 (offsets into the body are shifted by
        ``len(title) + 2``).
    :param path: the name used in diagnostics; its extension picks the reader
        (``.md`` for Markdown), default plain text.
    :param config: a :class:`Config`; default: the built-in defaults (no file discovery).
    :param plugins: load third-party plugins from entry points.
    """
    config = config or Config()
    linter = Linter.configured(config, plugins=plugins)
    if title is not None:
        title = " ".join(title.split())  # a headline is one line, whatever the field held
        text = f"{title}\n\n{text}"
    name = path or "<text>"
    return _without_unwritable_fixes(linter, name, linter.lint_text(text, name, config))


def _without_unwritable_fixes(
    linter: Linter, path: str, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """Findings in a format whose files are not fixed (HTML: deleting a line could delete
    markup) carry no fix, as on the command line."""
    if linter.reader_for(path).fixes or not any(d.fix for d in diagnostics):
        return diagnostics
    import dataclasses

    return [dataclasses.replace(d, fix=None) for d in diagnostics]


def lint_paths(
    paths: Iterable[str | PathLike[str]],
    config: Config | None = None,
    *,
    plugins: bool = True,
    encoding: str | None = None,
) -> Report:
    """Lint files and folders (folders recurse into ``*.txt`` and ``*.md``).

    With ``config=None`` each file uses the nearest config file above it, as the command
    line does. Files that cannot be read are listed in ``Report.errors``; the rest are
    still linted.
    """
    report = Report()
    targets = [str(p) for p in paths]
    base = config or Config()
    linters: dict[int, Linter] = {}
    discovered: dict[Path, Config] = {}
    for path in collect(targets, base, skipped=report.skipped.append):
        file_config = config or _nearest(Path(path), discovered)
        linter = linters.get(id(file_config))
        if linter is None:
            linter = linters[id(file_config)] = Linter.configured(file_config, plugins=plugins)
        result = linter.lint_file(path, file_config, encoding=encoding)
        if result.error:
            report.errors.append(result.error)
        else:
            report.files.append(path)
            report.diagnostics.extend(_without_unwritable_fixes(linter, path, result.diagnostics))
    return report


def _nearest(path: Path, cache: dict[Path, Config]) -> Config:
    from newslint.config import find_config_file

    found = find_config_file(path.parent if path.parent != Path("") else Path("."))
    key = found or Path()
    if key not in cache:
        cache[key] = Config.from_file(found) if found else Config()
    return cache[key]
