"""Document -> rules -> diagnostics.

The engine picks the rules a configuration enables for a file, runs each once over the shared
Document, turns findings into diagnostics, applies severity overrides and inline
suppressions, and sorts the result. A rule that raises (or a pack pattern that times out) does
not take the others down: it becomes one ``NL002 internal-error`` diagnostic for that file,
naming the rule and its plugin.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from newslint.budget import document_clock
from newslint.config import Config
from newslint.diagnostics import (
    Diagnostic,
    Edit,
    Finding,
    Fix,
    Related,
)
from newslint.inputs import BoundedLines, ReadError, ReadPolicy, kind_of, read_file
from newslint.plugins import Registry
from newslint.precedence import fold
from newslint.readers import Decoded, InputError, Reader, decode
from newslint.rule import Rule
from newslint.suppression import Suppressions
from newslint.text.document import Document

INTERNAL_ERROR = "NL002"
DEFAULT_READER = "text"


@dataclass
class FileResult:
    """What linting one input gave: its diagnostics, or the one-line error that stopped it."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    decoded: Decoded | None = None


class Linter:
    """Runs rules from one registry; caches per-configuration rule lists between files."""

    def __init__(
        self, registry: Registry, pm: object | None = None, policy: ReadPolicy | None = None
    ) -> None:
        self.registry = registry
        self.pm = pm  # asked to sniff the format of files no reader claims
        #: How much of a file may be read, and whether devices and pipes may be.
        self.policy = policy or ReadPolicy()
        self._registries: dict[tuple[Path, ...], Registry] = {(): registry}
        self._rule_cache: dict[tuple[int, tuple[str, ...]], list[Rule]] = {}
        self._configs: list[Config] = []  # keep configs alive so id() keys stay unique

    @classmethod
    def configured(cls, config: Config, *, plugins: bool = True) -> Linter:
        """A linter for library callers: plugins loaded (installed ones too, unless
        ``plugins`` is false), ``config`` checked against the rules and its packs, and
        handed to the plugins. Raises ``ConfigError`` for a rule the config does not know."""
        from newslint.plugins import configure, load_plugins

        pm, registry = load_plugins(autoload=plugins)
        config.validate(registry.with_packs(config.packs) if config.packs else registry)
        configure(pm, config)
        return cls(registry, pm)

    # --- rules -------------------------------------------------------------------------------

    def registry_for(self, config: Config) -> Registry:
        """The registry plus the config's own packs."""
        key = tuple(config.packs)
        if key not in self._registries:
            self._registries[key] = self.registry.with_packs(key, self.policy.max_bytes)
        return self._registries[key]

    def rules_for(self, config: Config, path: str) -> list[Rule]:
        """The configured rules that run on ``path``."""
        ignores = config.ignores_for(path)
        key = (id(config), ignores)
        cached = self._rule_cache.get(key)
        if cached is None:
            self._configs.append(config)
            registry = self.registry_for(config)
            cached = []
            for rule in registry.sorted_rules():
                if not config.is_enabled(rule, ignores):
                    continue
                options = config.options_for(rule)
                configured = rule.configured(options) if options else rule
                severity = config.severity_of(rule)
                if severity != configured.severity:
                    if configured is rule:
                        configured = rule.configured({})
                    configured.severity = severity
                cached.append(configured)
            self._rule_cache[key] = cached
        return cached

    # --- documents -------------------------------------------------------------------------

    def reader_for(self, path: str, head: str = "") -> Reader:
        """The reader for a path: by extension, then by the sniff hook, then plain text."""
        readers = self.registry.readers
        suffix = Path(path).suffix.lower()
        for reader in readers.values():
            if suffix in reader.extensions:
                return reader
        if self.pm is not None:
            name = self.pm.hook.newslint_sniff_format(path=path, head=head)  # type: ignore[attr-defined]
            if name in readers:
                return readers[name]
        return readers[DEFAULT_READER]

    def lint_document(self, doc: Document, config: Config) -> list[Diagnostic]:
        """Run every enabled rule over ``doc`` and return its sorted diagnostics."""
        rules = self.rules_for(config, doc.path)
        doc.metadata.setdefault("known_codes", frozenset(self.registry_for(config).rules))
        out: list[Diagnostic] = []
        with document_clock(config.rule_timeout, len(doc.source)) as clock:
            for rule in rules:
                try:  # a finding that cannot become a diagnostic is the rule's failure too
                    with clock.running() if clock is not None else nullcontext():
                        found = capped(doc, rule, rule.check(doc), config.max_findings_per_rule)
                except KeyboardInterrupt:  # Ctrl-C and SIGTERM end the run, not one rule
                    raise
                except BaseException as error:  # whatever a rule raises costs only that rule
                    out.append(internal_error(doc.path, rule, error))
                    continue
                out.extend(found)
        out = _without_yielded(out, rules)
        directives = doc.metadata.get("directives") or ()
        if directives:
            suppressions = Suppressions(directives, doc.source)
            out = [d for d in out if d.code == INTERNAL_ERROR or not suppressions.suppressed(d)]
        out.sort()
        return fold(out)  # one problem, one finding: see newslint.precedence

    def lint_text(
        self, text: str, path: str, config: Config, reader: Reader | None = None
    ) -> list[Diagnostic]:
        """Lint text already decoded; newlines of any style are accepted."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        reader = reader or self.reader_for(path, text[:4096])
        out: list[Diagnostic] = []
        for doc in reader.documents(text, path):
            out.extend(self.lint_document(doc, config))
        return out

    def lint_bytes(
        self,
        data: bytes,
        path: str,
        config: Config,
        *,
        encoding: str | None = None,
        reader: Reader | None = None,
    ) -> FileResult:
        """Decode and lint one input; decoding problems become the result's ``error``."""
        try:
            decoded = decode(data, path, encoding)
        except InputError as error:
            return FileResult(path, error=str(error))
        try:
            diagnostics = self.lint_text(decoded.text, path, config, reader)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # a reader or plugin failed outside any rule: this file
            detail = str(error).splitlines()[0] if str(error) else ""
            message = f"{type(error).__name__}{': ' + detail if detail else ''}"
            return FileResult(path, error=f"{path}: internal error: {message}")
        return FileResult(path, diagnostics, decoded=decoded)

    def lint_file(
        self,
        path: str,
        config: Config,
        *,
        encoding: str | None = None,
        reader: Reader | None = None,
    ) -> FileResult:
        """Read, decode and lint one file; any problem becomes a one-line error.

        The file is read within :attr:`policy` (a size limit; devices and pipes only when
        allowed), so an input that never ends is an error instead of a hang.
        """
        try:
            data = read_file(path, self.policy)
        except ReadError as error:
            return FileResult(path, error=str(error))
        return self.lint_bytes(data, path, config, encoding=encoding, reader=reader)

    # --- corpora ---------------------------------------------------------------------------

    def lint_records(
        self,
        records: Iterable[tuple[int, bytes]],
        path: str,
        config: Config,
        reader: Reader,
        options: Mapping[str, Any],
    ) -> Iterator[FileResult]:
        """Lint a corpus's records (from :meth:`Reader.records`), one result per article.

        A record that cannot be read gives a result whose ``error`` names the corpus and the
        record's line; the next record is linted as usual. Nothing is kept between records,
        so memory does not grow with the corpus.
        """
        for number, raw in records:
            try:
                doc = reader.read_record(raw, number, path, options)
            except InputError as error:
                yield FileResult(path, error=str(error))
                continue
            except Exception as error:  # a reader's bug costs that record, not the corpus
                detail = str(error).splitlines()[0] if str(error) else ""
                message = f"{type(error).__name__}{': ' + detail if detail else ''}"
                yield FileResult(path, error=f"{path}:{number}: internal error: {message}")
                continue
            # The article's text travels with its result, as a file's does, for a report
            # that shows it (HTML); a streamed report drops it with the result.
            text = Decoded(doc.source, options.get("encoding") or "utf-8", False, "\n")
            yield FileResult(doc.path, self.lint_document(doc, config), decoded=text)

    def lint_stream(
        self,
        handle: BinaryIO,
        path: str,
        config: Config,
        reader: Reader,
        options: Mapping[str, Any],
    ) -> Iterator[FileResult]:
        """Lint a corpus read from ``handle`` one record at a time (see :meth:`lint_records`).

        A record longer than :attr:`policy` allows ends the corpus with one error result.
        """
        lines = BoundedLines(handle, path, self.policy)
        try:
            yield from self.lint_records(reader.records(lines, path), path, config, reader, options)
        except ReadError as error:
            yield FileResult(path, error=str(error))


def _without_yielded(diagnostics: list[Diagnostic], rules: list[Rule]) -> list[Diagnostic]:
    """Drop the diagnostics of a rule on the lines a rule it yields to also reports, so a
    line gets the most specific finding only (see :attr:`Rule.yields_to`)."""
    yielding = {rule.code: rule.yields_to for rule in rules if rule.yields_to}
    if not yielding:
        return diagnostics
    prefixes = tuple({prefix for codes in yielding.values() for prefix in codes})
    reported = [
        (d.code, d.line, d.end_line)
        for d in diagnostics
        if d.code.startswith(prefixes) and d.code not in yielding
    ]

    def taken(diagnostic: Diagnostic) -> bool:
        to = yielding.get(diagnostic.code)
        return bool(to) and any(
            code.startswith(to) and first <= diagnostic.line <= last
            for code, first, last in reported
        )

    return [d for d in diagnostics if not taken(d)]


def capped(doc: Document, rule: Rule, findings: Iterable[Finding], limit: int) -> list[Diagnostic]:
    """The first ``limit`` findings of ``rule`` as diagnostics, and then, if there were more,
    one summary diagnostic at the first one left out, saying how many were (``0``: no limit).

    Findings past the limit are counted, never kept: a generated page of a million one-word
    lines is one problem a million times over, and a diagnostic for each would cost
    hundreds of megabytes and a report nobody reads. The summary has no fix, so ``--fix``
    changes only what it reports, and says so.
    """
    out: list[Diagnostic] = []
    first_left_out: Finding | None = None
    left_out = 0
    for finding in findings:
        if limit and len(out) >= limit:
            first_left_out = first_left_out or finding
            left_out += 1
        else:
            out.append(to_diagnostic(doc, rule, finding))
    if first_left_out is not None:
        message = (
            f"{left_out:,} more findings of {rule.code} in this document are not reported "
            f"and not fixed: at most {limit:,} are (max-findings-per-rule)"
        )
        summary = Finding(first_left_out.start, first_left_out.end, message)
        out.append(to_diagnostic(doc, rule, summary))
    return out


def to_diagnostic(doc: Document, rule: Rule, finding: Finding) -> Diagnostic:
    """Turn a rule's offsets into a user-facing Diagnostic."""
    start = max(0, min(finding.start, len(doc.source)))
    end = max(start, min(finding.end, len(doc.source)))
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    fix = None
    if finding.edits:
        edits = []
        for edit in finding.edits:
            if not 0 <= edit.start <= edit.end <= len(doc.source):
                raise ValueError(f"fix edit {edit.start}-{edit.end} lies outside the text")
            e_line, e_col = doc.position(edit.start)
            e_end_line, e_end_col = doc.position(edit.end)
            edits.append(Edit(e_line, e_col, e_end_line, e_end_col, edit.replacement))
        fix = Fix(
            finding.fix_title or rule.fix_title or "Apply the suggested edit",
            tuple(edits),
            finding.fix_applicability,
        )
    related = []
    for other in finding.related:
        r_line, r_col = doc.position(other.start)
        r_end_line, r_end_col = doc.position(other.end)
        related.append(Related(r_line, r_col, r_end_line, r_end_col, other.message))
    return Diagnostic(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=finding.message,
        fix=fix,
        related=tuple(related),
        offset=start,
        end_offset=end,
    )


def internal_error(path: str, rule: Rule, error: BaseException) -> Diagnostic:
    """The diagnostic that stands for a rule that crashed on a file."""
    detail = str(error).splitlines()[0] if str(error) else ""
    return Diagnostic(
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=INTERNAL_ERROR,
        name="internal-error",
        category="internal",
        severity="error",
        message=(
            f"rule {rule.code} ({rule.name}) from plugin {rule.plugin or '?'} failed: "
            f"{type(error).__name__}{': ' + detail if detail else ''}"
        ),
    )


# --- finding files ----------------------------------------------------------------------------

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)


def _matches_any(path: Path, root: Path, globs: Sequence[str]) -> bool:
    import fnmatch

    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(rel, g) for g in globs)


def iter_files(
    target: str,
    include: Sequence[str],
    exclude: Sequence[str],
    *,
    follow_links: bool = False,
    skipped: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Files to lint under ``target``: itself if a file, else matching files below it.

    Hidden and tool folders (``.git``, ``node_modules`` ...) are skipped; links to folders are
    not followed, so a symlink loop cannot trap the walk. Below a folder, a link to a file
    outside it is left alone unless ``follow_links`` (``--fix`` must not reach out of the
    tree it was given), and so are FIFOs, devices and sockets (reading one could block for
    ever or never end); ``skipped`` is told about each, in one line.
    """
    root = Path(target)
    if not root.is_dir():
        yield target
        return
    real_root = os.path.realpath(root)
    for folder, dirs, files, odd in _walk(str(root)):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            candidate = base / name
            if not _matches_any(candidate, root, include):
                continue
            if exclude and _matches_any(candidate, root, exclude):
                continue
            reason = _why_skip(str(candidate), real_root, follow_links) if name in odd else None
            if reason is None:
                yield str(candidate)
            elif skipped is not None:
                skipped(f"{candidate}: skipped: {reason}")


def _why_skip(path: str, real_root: str, follow_links: bool) -> str | None:
    """Why a link or a non-regular file found in a folder is not linted, if it is not."""
    if os.path.islink(path) and not follow_links:
        target = os.path.realpath(path)
        if os.path.commonpath([target, real_root]) != real_root:
            return f"a link to {target}, outside {real_root} (--follow-links lints it)"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a broken link or a loop: reading it says what is wrong
    if stat.S_ISREG(mode):
        return None
    return f"{kind_of(mode)} (--read-devices reads it when named on the command line)"


def _walk(top: str) -> Iterator[tuple[str, list[str], list[str], set[str]]]:
    """``os.walk(top)``, top-down, without recursion, plus the names that need a closer look.

    Python 3.11's ``os.walk`` recurses once per level, so a tree a thousand folders deep
    overflowed the stack and stopped the whole run. Like ``os.walk``, a link to a folder is
    listed among the folders but not entered, and a folder that cannot be listed is skipped.
    The caller may prune the folder list in place. The fourth item names the files that are
    links or not regular files (known from the listing itself, without a ``stat`` per file).
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        dirs: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        odd: set[str] = set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                if is_dir and entry.is_symlink():
                    links.add(entry.name)
                elif not is_dir and not entry.is_file(follow_symlinks=False):
                    odd.add(entry.name)  # a link, FIFO, device or socket
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
        yield folder, dirs, files, odd
        stack.extend(os.path.join(folder, d) for d in reversed(dirs) if d not in links)


def collect(
    targets: Iterable[str],
    config: Config,
    *,
    follow_links: bool = False,
    skipped: Callable[[str], None] | None = None,
) -> list[str]:
    """Expand targets to files, in order, without duplicates (see :func:`iter_files`)."""
    seen: set[str] = set()
    out: list[str] = []
    for target in targets:
        found = iter_files(
            target, config.include, config.exclude, follow_links=follow_links, skipped=skipped
        )
        for path in found:
            if path not in seen:
                seen.add(path)
                out.append(path)
    return out
