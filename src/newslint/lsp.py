"""``newslint lsp``: a language server for editors, over stdio, built on pygls.

For plain-text and Markdown documents (``.txt``, ``.md``, ``.markdown``, or an unsaved one
whose language is ``plaintext`` or ``markdown``) the server publishes newslint's diagnostics
with their code, severity, a link to the rule's docs and the related spans (the paragraph a
summary repeats); offers code actions (apply a rule's fix; insert a ``disable-next-line``
directive for the code); and answers a hover on a diagnostic with what ``newslint explain``
prints for its rule. Each document uses the config file found from its own folder upward, as
the command line does.

Re-checking: the whole document, off the protocol thread, at most once per ``debounce`` after
the last keystroke; opening and saving check at once. The rules of the repetition and summary
families read the whole article, so checking only the edited paragraph would give wrong
answers; a whole 5,000-word article re-checks in tens of milliseconds (``bench/lsp.py``
measures it), well inside a pause in typing. Diagnostics are published only for the version
they were computed on: changes made during a check start another check, never a stale report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint._version import __version__
from newslint.config import Config, ConfigError
from newslint.diagnostics import Diagnostic
from newslint.engine import Linter

DEFAULT_DEBOUNCE_MS = 300
#: Files the server checks, by extension, and unsaved documents, by language id.
EXTENSIONS = (".txt", ".md", ".markdown")
LANGUAGES = {"plaintext": ".txt", "text": ".txt", "markdown": ".md"}


# --- positions: newslint counts characters, LSP clients count UTF-16 units by default ----------


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _column_from_units(line: str, units: int, encoding: str) -> int:
    """The character index in ``line`` at ``units`` code units of ``encoding``."""
    if encoding == "utf-32":
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += _units(char, encoding)
    return len(line)


@dataclass(slots=True)
class Checked:
    """One check of one document version: what it found, and what is needed to answer
    code actions and hovers about it."""

    version: int | None
    lines: list[str]  # the checked text's lines, without line breaks
    newline: str
    diagnostics: list[Diagnostic]
    rules: dict[str, Any] = field(default_factory=dict)  # code -> Rule, for hovers
    error: str = ""  # why the document could not be checked (a broken config file)

    def position(self, line: int, column: int, encoding: str) -> Any:
        """The LSP position of a 1-based line and column."""
        from lsprotocol import types

        index = min(max(line - 1, 0), len(self.lines) - 1)
        text = self.lines[index]
        if line - 1 > index:  # past the last line: its end
            return types.Position(line=index, character=_units(text, encoding))
        return types.Position(line=index, character=_units(text[: column - 1], encoding))

    def range(self, line: int, column: int, end_line: int, end_column: int, encoding: str) -> Any:
        from lsprotocol import types

        return types.Range(
            start=self.position(line, column, encoding),
            end=self.position(end_line, end_column, encoding),
        )

    def point(self, position: Any, encoding: str) -> tuple[int, int]:
        """A client position as a 1-based (line, column)."""
        line = min(position.line, len(self.lines) - 1)
        column = _column_from_units(self.lines[line], position.character, encoding)
        return line + 1, column + 1


def _contains(d: Diagnostic, line: int, column: int) -> bool:
    start, end = (d.line, d.column), (d.end_line, d.end_column)
    return start <= (line, column) <= end


def _overlaps(d: Diagnostic, first: tuple[int, int], last: tuple[int, int]) -> bool:
    return (d.line, d.column) <= last and first <= (d.end_line, d.end_column)


# --- the checks ---------------------------------------------------------------------------------


class Checker:
    """Rules, configs by config file, and checking one document's text."""

    def __init__(self, *, plugins: bool, fixed_config: Config | None = None) -> None:
        from newslint.plugins import load_plugins

        self.pm, self.registry = load_plugins(autoload=plugins)
        self.linter = Linter(self.registry, self.pm)
        self.fixed_config = fixed_config
        self._configs: dict[tuple[Path, int], Config] = {}
        # Checks run in a worker thread and, for a code action on a changed document, in the
        # protocol's thread too: one at a time, so the linter's caches see one caller.
        self._lock = threading.Lock()

    def config_for(self, path: Path) -> Config:
        """The config of the nearest config file above ``path``; re-read when it changes.

        Raises :class:`ConfigError` (or a pack's error) naming the file and the problem.
        """
        from newslint.config import find_config_file

        if self.fixed_config is not None:
            return self.fixed_config
        found = find_config_file(path.parent)
        if found is None:
            key = (Path(), 0)
        else:
            try:
                key = (found, found.stat().st_mtime_ns)
            except OSError:
                key = (found, 0)
        config = self._configs.get(key)
        if config is None:
            config = Config.from_file(found) if found else Config()
            config.validate(self.linter.registry_for(config))
            self._configs = {k: v for k, v in self._configs.items() if k[0] != key[0]}
            self._configs[key] = config
        return config

    def check(self, text: str, path: Path, version: int | None) -> Checked:
        """Check one version of a document; a config that cannot be used becomes ``error``."""
        from newslint.plugins import configure

        with self._lock:
            try:
                config = self.config_for(path)
            except Exception as error:  # ConfigError, or a pack's error: one line, by name
                detail = str(error).splitlines()[0] if str(error) else repr(error)
                return Checked(version, [""], "\n", [], error=f"newslint: {detail}")
            configure(self.pm, config)
            diagnostics = self.linter.lint_text(text, str(path), config)
        normalized = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
        rules = self.linter.registry_for(config).rules
        return Checked(
            version=version,
            lines=normalized.split("\n"),
            newline="\r\n" if "\r\n" in text else "\n",
            diagnostics=diagnostics,
            rules={d.code: rules[d.code] for d in diagnostics if d.code in rules},
        )


def document_path(uri: str, language_id: str | None, root: str | None) -> Path | None:
    """The path a document is checked as, or ``None`` for a document newslint does not read.

    An unsaved document is named after its language, in the workspace root (so the root's
    config applies).
    """
    from pygls.uris import to_fs_path

    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is not None:
        return Path(path) if Path(path).suffix.lower() in EXTENSIONS else None
    suffix = LANGUAGES.get(language_id or "")
    if suffix is None:
        return None
    folder = Path(to_fs_path(root) or os.getcwd()) if root else Path(os.getcwd())
    return folder / f"untitled{suffix}"


# --- the server ---------------------------------------------------------------------------------


def create_server(checker: Checker, debounce: float) -> Any:
    """A pygls server with newslint's features registered."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from newslint.rule_docs import rule_docs_url

    server = LanguageServer("newslint", __version__)
    checked: dict[str, Checked] = {}
    languages: dict[str, str] = {}
    due: dict[str, float] = {}  # when each document's pending check may start
    running: dict[str, asyncio.Task[None]] = {}
    reported_errors: set[str] = set()

    def encoding() -> str:
        value = server.workspace.position_encoding
        return str(getattr(value, "value", value) or "utf-16")

    def to_lsp(result: Checked, d: Diagnostic, uri: str) -> types.Diagnostic:
        enc = encoding()
        rule = result.rules.get(d.code)
        href = rule_docs_url(rule) if rule is not None else None
        return types.Diagnostic(
            range=result.range(d.line, d.column, d.end_line, d.end_column, enc),
            severity={
                "error": types.DiagnosticSeverity.Error,
                "warning": types.DiagnosticSeverity.Warning,
                "info": types.DiagnosticSeverity.Information,
            }[d.severity],
            code=d.code,
            code_description=types.CodeDescription(href=href) if href else None,
            source="newslint",
            message=d.message,
            related_information=[
                types.DiagnosticRelatedInformation(
                    location=types.Location(
                        uri=uri,
                        range=result.range(r.line, r.column, r.end_line, r.end_column, enc),
                    ),
                    message=r.message or d.name,
                )
                for r in d.related
            ]
            or None,
            data={"name": d.name, "fixable": d.fix is not None},
        )

    def snapshot(uri: str) -> tuple[str, Path, int | None] | None:
        """The text, path and version to check, read in the protocol's thread (the only one
        that touches the workspace); ``None`` for a closed or foreign document."""
        if uri not in server.workspace.text_documents:
            return None
        document = server.workspace.get_text_document(uri)
        path = document_path(uri, languages.get(uri), server.workspace.root_uri)
        return None if path is None else (document.source, path, document.version)

    def report(result: Checked) -> None:
        if result.error and result.error not in reported_errors:
            reported_errors.add(result.error)
            server.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=result.error)
            )

    def current(uri: str) -> Checked | None:
        """The check of the document's current version, checking now if there is none."""
        taken = snapshot(uri)
        if taken is None:
            return None
        result = checked.get(uri)
        if result is None or result.version != taken[2]:
            result = checked[uri] = checker.check(*taken)
            report(result)
        return result

    def publish(uri: str, result: Checked) -> None:
        checked[uri] = result
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=result.version,
                diagnostics=[to_lsp(result, d, uri) for d in result.diagnostics],
            )
        )

    async def run_checks(uri: str) -> None:
        """Check ``uri`` once its debounce time has passed, again while it changed meanwhile."""
        loop = asyncio.get_running_loop()
        try:
            while True:
                while (wait := due.get(uri, 0.0) - loop.time()) > 0:
                    await asyncio.sleep(wait)
                taken = snapshot(uri)
                if taken is None:
                    return
                result = await loop.run_in_executor(None, checker.check, *taken)
                report(result)
                now = snapshot(uri)
                if now is not None and now[2] == taken[2]:
                    publish(uri, result)
                    return
        finally:
            running.pop(uri, None)

    def schedule(uri: str, delay: float) -> None:
        loop = asyncio.get_running_loop()
        due[uri] = loop.time() + delay
        if uri not in running:
            running[uri] = loop.create_task(run_checks(uri))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: Any, params: types.DidOpenTextDocumentParams) -> None:
        languages[params.text_document.uri] = params.text_document.language_id
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: Any, params: types.DidChangeTextDocumentParams) -> None:
        schedule(params.text_document.uri, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: Any, params: types.DidSaveTextDocumentParams) -> None:
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: Any, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        checked.pop(uri, None)
        languages.pop(uri, None)
        due.pop(uri, None)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: Any, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        result = current(uri)
        if result is None:
            return []
        enc = encoding()
        first = result.point(params.range.start, enc)
        last = result.point(params.range.end, enc)
        actions: list[types.CodeAction] = []
        disabled: set[tuple[int, str]] = set()
        for d in result.diagnostics:
            if not _overlaps(d, first, last):
                continue
            lsp_diagnostic = [to_lsp(result, d, uri)]
            if d.fix is not None:
                edits = [
                    types.TextEdit(
                        range=result.range(e.line, e.column, e.end_line, e.end_column, enc),
                        new_text=e.replacement.replace("\n", result.newline),
                    )
                    for e in d.fix.edits
                ]
                unsafe = " (unsafe: may delete reporting)" if d.fix.applicability != "safe" else ""
                actions.append(
                    types.CodeAction(
                        title=f"{d.fix.title} ({d.code}){unsafe}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=lsp_diagnostic,
                        is_preferred=not unsafe,
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                    )
                )
            if (d.line, d.code) in disabled:
                continue
            disabled.add((d.line, d.code))
            directive = f"<!-- newslint-disable-next-line {d.code} -->{result.newline}"
            here = types.Position(line=d.line - 1, character=0)
            actions.append(
                types.CodeAction(
                    title=f"Disable {d.code} ({d.name}) for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=lsp_diagnostic,
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(
                                    range=types.Range(start=here, end=here), new_text=directive
                                )
                            ]
                        }
                    ),
                )
            )
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: types.HoverParams) -> types.Hover | None:
        from newslint.rule_docs import rule_markdown

        result = current(params.text_document.uri)
        if result is None:
            return None
        enc = encoding()
        line, column = result.point(params.position, enc)
        found = [d for d in result.diagnostics if _contains(d, line, column)]
        if not found:
            return None
        # The narrowest first: a phrase's finding says more than its paragraph's.
        found.sort(key=lambda d: d.end_offset - d.offset)
        parts = []
        for code in dict.fromkeys(d.code for d in found):
            rule = result.rules.get(code)
            message = next(d.message for d in found if d.code == code)
            parts.append(rule_markdown(rule) if rule else message)
        first = found[0]
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            ),
            range=result.range(first.line, first.column, first.end_line, first.end_column, enc),
        )

    return server


# --- the command ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint lsp",
        description="Run the language server on standard input and output, for editors "
        "(diagnostics, quick fixes, rule docs on hover). Needs the lsp extra: "
        "pip install 'newslint[lsp]'.",
    )
    parser.add_argument(
        "--debounce",
        type=int,
        default=DEFAULT_DEBOUNCE_MS,
        metavar="MS",
        help="wait this long after the last change before checking "
        f"(default: {DEFAULT_DEBOUNCE_MS})",
    )
    parser.add_argument("--config", metavar="FILE", help="use this config file for every document")
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help="do not load third-party plugins (also: NEWSLINT_DISABLE_PLUGIN_AUTOLOAD=1)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    from newslint.cli_common import EXIT_OK, UsageError

    args = build_parser().parse_args(argv)
    if args.debounce < 0:
        raise UsageError("--debounce must be 0 or more milliseconds")
    try:
        import pygls  # noqa: F401
    except ImportError:
        raise UsageError("newslint lsp needs the lsp extra: pip install 'newslint[lsp]'") from None
    fixed = None
    if args.config:
        try:
            fixed = Config.from_file(args.config)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    checker = Checker(plugins=not args.no_plugins, fixed_config=fixed)
    if fixed is not None:
        try:
            fixed.validate(checker.linter.registry_for(fixed))
        except Exception as error:
            raise UsageError(str(error)) from None
    create_server(checker, args.debounce / 1000).start_io()
    return EXIT_OK
