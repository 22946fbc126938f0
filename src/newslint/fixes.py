"""Applying the fixes rules attach to their diagnostics: ``newslint --fix`` and ``--diff``.

The promise is that a fix never loses a byte the user did not ask to lose:

* Only the characters inside a fix's edits change. Edits are mapped from lines and columns
  onto the file's own text, with its own line endings (CRLF, CR, LF or a mix), so every
  untouched line is written back exactly as it was read.
* The file is written in its own encoding, with its byte-order mark, and only when the
  encoding reproduces the original bytes exactly (otherwise the file is left alone and an
  error says why). The write is atomic (a temporary file in the same folder, then
  ``os.replace``), keeps the file's permission bits, and goes through symbolic links to the
  real file. A file with nothing to fix is never opened for writing, so its mtime stays.
* A fix that is not ``safe``, or that would delete more than one non-blank line whatever its
  rule claims, is applied only with ``unsafe=True`` (``--unsafe-fixes``).
* Fixes whose edits overlap are resolved in diagnostic order (position, then code): the
  first wins, the others wait for the next pass. Passes repeat (linting the fixed text
  again) until nothing is left to apply, so running ``--fix`` twice changes nothing.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import difflib
import itertools
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic, Fix

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import FileResult, Linter
    from newslint.readers import Reader

#: How many lint-and-fix passes a file gets before newslint stops and keeps what it has.
MAX_PASSES = 10

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # only \n ends a line, unlike str.splitlines

# Byte-order marks and the codecs that write the text after them, most specific first
# (the UTF-32 little-endian mark starts with the UTF-16 one).
_BOM_CODECS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


class FixError(Exception):
    """A file cannot be fixed safely; ``str(error)`` is one line naming the file."""


# --- applying edits to text -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applied:
    """The result of one pass over one text: the new text and the diagnostics it fixed."""

    text: str
    fixed: tuple[Diagnostic, ...]


def newline_of(text: str) -> str:
    """The newline a replacement should use in ``text``: CRLF if any, else CR if any, else LF."""
    return "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")


def _line_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start of every line, and the end of its content (before its line break)."""
    starts = [0]
    ends = []
    for match in _LINE_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


def is_unsafe(fix: Fix, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a fix needs ``--unsafe-fixes``: its rule says so, or it removes text from more
    than one non-blank line (a rule's own ``safe`` is not trusted further than that)."""
    if fix.applicability != "safe":
        return True
    touched = 0
    for start, end in spans:
        touched += sum(1 for piece in _LINE_BREAK.split(text[start:end]) if piece.strip())
    return touched > 1


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], *, unsafe: bool = False) -> Applied:
    """Apply the fixes of ``diagnostics`` to ``text`` (the file's text, any line endings).

    Positions are the diagnostics' 1-based lines and columns. Fixes are taken in sorted
    diagnostic order; one whose edits overlap an edit already taken, fall outside the text,
    or need ``unsafe`` when it is false, is skipped. A byte-order mark at the start of
    ``text`` is kept, and not counted: linting skips it, so positions do not include it.
    """
    if text.startswith("\ufeff"):
        applied = apply_fixes(text[1:], diagnostics, unsafe=unsafe)
        return Applied("\ufeff" + applied.text, applied.fixed)
    starts, ends = _line_bounds(text)
    newline = newline_of(text)
    taken_starts: list[int] = []
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    fixed: list[Diagnostic] = []

    def offset(line: int, column: int) -> int | None:
        if not 1 <= line <= len(starts) or column < 1:
            return None
        at = starts[line - 1] + column - 1
        return at if at <= ends[line - 1] else None

    def clashes(start: int, end: int) -> bool:
        index = bisect.bisect_left(taken_starts, start)
        if index > 0 and taken[index - 1][1] > start:
            return True
        if index < len(taken):
            other_start, _ = taken[index]
            if other_start == start or other_start < end:
                return True
        return False

    for diagnostic in sorted(diagnostics):
        fix = diagnostic.fix
        if fix is None or not fix.edits:
            continue
        spans = [(offset(e.line, e.column), offset(e.end_line, e.end_column)) for e in fix.edits]
        if any(a is None or b is None or b < a for a, b in spans):
            continue  # an edit outside the text: the rule and the file disagree
        exact = [(a, b) for a, b in spans if a is not None and b is not None]
        ordered = sorted(exact)
        if any(b[0] < a[1] or b[0] == a[0] for a, b in itertools.pairwise(ordered)):
            continue  # a fix whose own edits overlap cannot be applied in any order
        if any(clashes(a, b) for a, b in exact):
            continue  # another fix got there first; the next pass sees this one again
        if not unsafe and is_unsafe(fix, text, exact):
            continue
        for (a, b), edit in zip(exact, fix.edits, strict=True):
            index = bisect.bisect_left(taken_starts, a)
            taken_starts.insert(index, a)
            taken.insert(index, (a, b))
            chosen.append((a, b, edit.replacement.replace("\n", newline)))
        fixed.append(diagnostic)
    if not chosen:
        return Applied(text, ())
    chosen.sort(key=lambda item: (item[0], item[1]))
    pieces: list[str] = []
    cursor = 0
    for start, end, replacement in chosen:
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return Applied("".join(pieces), tuple(fixed))


def fixable(diagnostics: Iterable[Diagnostic], *, unsafe: bool = False) -> bool:
    """Whether any diagnostic carries a fix that ``--fix`` (with ``unsafe``) may apply."""
    return any(
        d.fix is not None and bool(d.fix.edits) and (unsafe or d.fix.applicability == "safe")
        for d in diagnostics
    )


# --- files ------------------------------------------------------------------------------------


@dataclass
class FileFix:
    """What fixing one file gave: its text before and after, and what was fixed."""

    path: str
    before: str
    after: str
    fixed: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: bytes = b""
    settled: bool = True

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass(frozen=True, slots=True)
class _Encoded:
    """How a file's bytes split into a byte-order mark and text, and how to write them back."""

    prefix: bytes
    codec: str
    lead: str  # zero-width no-break spaces at the start, which linting skips
    text: str

    def encode(self, text: str) -> bytes:
        return self.prefix + (self.lead + text).encode(self.codec)


def _split_encoding(data: bytes, encoding: str, path: str) -> _Encoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise FixError(f"{path}: not fixed: unknown encoding {encoding!r}") from None
    prefix, codec = b"", encoding
    for mark, family, explicit in _BOM_CODECS:
        if data.startswith(mark) and name.startswith(family):
            prefix, codec = mark, explicit
            break
    else:
        if name in ("utf-16", "utf-32"):  # no mark: Python reads the machine's byte order
            codec = f"{name}-{'le' if sys.byteorder == 'little' else 'be'}"
        elif name == "utf-8-sig":
            codec = "utf-8"
    try:
        body = data[len(prefix) :].decode(codec)
    except UnicodeDecodeError as error:
        raise FixError(f"{path}: not fixed: invalid {encoding} at byte {error.start}") from None
    if prefix + body.encode(codec) != data:
        raise FixError(f"{path}: not fixed: {encoding} does not write its bytes back unchanged")
    stripped = body.lstrip("\ufeff")
    return _Encoded(prefix, codec, body[: len(body) - len(stripped)], stripped)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def fix_text(
    linter: Linter,
    text: str,
    path: str,
    config: Config,
    *,
    unsafe: bool = False,
    reader: Reader | None = None,
    max_passes: int = MAX_PASSES,
) -> FileFix:
    """Lint ``text`` and apply fixes, pass after pass, until none is left to apply.

    ``text`` is a whole file's text with its own line endings. Only single-article inputs are
    fixed: a reader that splits the input into several documents gets no edits.
    """
    reader = reader or linter.reader_for(path, _normalise(text[:4096]))
    current = text
    outcome = FileFix(path, text, text)
    for _ in range(max_passes):
        normalised = _normalise(current)
        documents = list(reader.documents(normalised, path))
        if len(documents) != 1 or documents[0].source != normalised:
            raise FixError(f"{path}: not fixed: the {reader.name} reader splits it into parts")
        diagnostics = [d for d in linter.lint_document(documents[0], config) if d.path == path]
        outcome.diagnostics = diagnostics
        applied = apply_fixes(current, diagnostics, unsafe=unsafe)
        if not applied.fixed:
            break
        outcome.fixed += len(applied.fixed)
        current = applied.text
    else:
        normalised = _normalise(current)
        outcome.diagnostics = linter.lint_text(normalised, path, config, reader)
        outcome.settled = not fixable(outcome.diagnostics, unsafe=unsafe)
    outcome.after = current
    return outcome


def fix_file(
    linter: Linter,
    path: str,
    config: Config,
    *,
    encoding: str,
    unsafe: bool = False,
    write: bool = True,
    reader: Reader | None = None,
) -> FileFix:
    """Fix one file in place (or, with ``write=False``, only work out what would change).

    ``encoding`` is the one the file was read with (``FileResult.decoded.encoding``).
    Raises :class:`FixError` when the file cannot be read back or written safely.
    """
    from newslint.inputs import ReadError, read_file

    try:
        data = read_file(path, linter.policy)
    except ReadError as error:
        raise FixError(f"not fixed: {error}") from None
    encoded = _split_encoding(data, encoding, path)
    outcome = fix_text(linter, encoded.text, path, config, unsafe=unsafe, reader=reader)
    if not outcome.changed:
        return outcome
    try:
        outcome.data = encoded.encode(outcome.after)
    except UnicodeEncodeError as error:
        raise FixError(
            f"{path}: not fixed: a replacement cannot be written in {encoding} "
            f"({error.object[error.start : error.end]!r})"
        ) from None
    if write:
        write_atomic(path, outcome.data, expected=data)
    return outcome


def write_atomic(path: str, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the file at ``path`` with ``data`` in one step, keeping its permissions,
    owner and extended attributes.

    The new content goes to a temporary file in the same folder, which then replaces the
    original with ``os.replace``: a crash, a full disk, Ctrl-C or SIGTERM leaves the old file
    whole and no temporary file behind. A symbolic link is followed, so the link stays a link
    and its target gets the new content. With ``expected`` (the bytes the fix was worked out
    from), a file that no longer holds them (another program wrote to it meanwhile) is left
    alone: replacing it would lose what was written.
    """
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError as error:
        raise FixError(f"{path}: not fixed: {error.strerror or error}") from None
    folder = os.path.dirname(real) or "."
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(real)}.", suffix=".newslint", dir=folder
        )
    except OSError as error:
        raise FixError(f"{path}: not fixed: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner(temporary):
            with contextlib.suppress(OSError):  # only the superuser may give files away
                os.chown(temporary, info.st_uid, info.st_gid)
        _copy_extended_attributes(real, temporary, path)
        if expected is not None and not _holds(real, expected):
            raise FixError(
                f"{path}: not fixed: it changed while it was being fixed (run newslint again)"
            )
        os.replace(temporary, real)
    except BaseException as error:  # Ctrl-C and SIGTERM too: never leave the copy behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise FixError(f"{path}: not fixed: cannot write: {error.strerror or error}") from None
        raise


def _holds(path: str, expected: bytes) -> bool:
    """Whether the file at ``path`` still holds exactly ``expected`` (size first: cheap)."""
    try:
        if os.stat(path).st_size != len(expected):
            return False
        with open(path, "rb") as stream:
            return stream.read(len(expected) + 1) == expected
    except OSError:
        return False


def _copy_extended_attributes(source: str, target: str, path: str) -> None:
    """Give ``target`` the extended attributes of ``source`` (where the platform has them).

    A user attribute (``user.*``: tags, origin URLs, labels a newsroom's tools set) that
    cannot be copied stops the fix; system ones (ACLs, security labels) are the system's to
    set, and are copied where allowed.
    """
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return  # a file system without extended attributes
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError as error:
            if name.startswith("user."):
                raise FixError(
                    f"{path}: not fixed: cannot keep its extended attribute {name} "
                    f"({error.strerror or error})"
                ) from None


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def unified_diff(outcome: FileFix) -> str:
    """The change to one file as a unified diff (``patch -p0`` applies it)."""
    before = _LINE.findall(_normalise(outcome.before))
    after = _LINE.findall(_normalise(outcome.after))
    lines = []
    for line in difflib.unified_diff(before, after, outcome.path, outcome.path):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# --- a run over many files --------------------------------------------------------------------


@dataclass
class FixRun:
    """Fixes over a whole run: one outcome per file that had something to fix."""

    outcomes: list[FileFix] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(outcome.fixed for outcome in self.outcomes)

    @property
    def changed(self) -> list[FileFix]:
        return [outcome for outcome in self.outcomes if outcome.changed]


def fix_results(
    linter: Linter,
    results: Iterable[FileResult],
    config_for: Callable[[str], Config],
    *,
    unsafe: bool = False,
    write: bool = True,
    skip: Container[str] = (),
    in_memory: Container[str] = (),
    reader: Reader | None = None,
) -> FixRun:
    """Fix every linted file whose diagnostics carry an applicable fix.

    Each fixed file's ``FileResult.diagnostics`` is replaced by what remains after fixing
    (with positions in the new text). Paths in ``skip`` are left alone; those in
    ``in_memory`` (standard input, with no file to write back) are fixed in their text only.
    """
    run = FixRun()
    for result in results:
        if result.error or result.decoded is None or result.path in skip:
            continue
        if not fixable(result.diagnostics, unsafe=unsafe):
            continue
        try:
            if result.path in in_memory:
                outcome = fix_text(
                    linter,
                    result.decoded.text,
                    result.path,
                    config_for(result.path),
                    unsafe=unsafe,
                    reader=reader,
                )
            else:
                outcome = fix_file(
                    linter,
                    result.path,
                    config_for(result.path),
                    encoding=result.decoded.encoding,
                    unsafe=unsafe,
                    write=write,
                    reader=reader,
                )
        except FixError as error:
            run.errors.append(str(error))
            continue
        result.diagnostics = outcome.diagnostics
        run.outcomes.append(outcome)
    return run
