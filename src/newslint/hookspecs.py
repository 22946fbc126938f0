"""Every newslint hook, in the order newslint calls them: setup, read, check, report.

A plugin is a module (or object) with functions named like the hooks below and decorated with
``newslint.hookimpl``. An implementation may accept any subset of a hook's arguments, by name.
Built-in readers, rules and formatters register through these same hooks; third-party plugins
are found through the ``newslint`` entry-point group. The long form of each hook, with
examples, is in ``docs/plugins/hooks.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.formatters import Formatter
    from newslint.readers import Reader
    from newslint.rule import Rule

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")

RegisterRule = Callable[["Rule"], None]
RegisterPack = Callable[[Path], None]
RegisterReader = Callable[["Reader"], None]
RegisterFormatter = Callable[["Formatter"], None]


# --- setup ------------------------------------------------------------------------------------


@hookspec(historic=True)
def newslint_configure(config: Config) -> None:
    """Called with the run's base configuration, after it is loaded and validated.

    :param config: the :class:`newslint.Config` for this run (read-only by convention).
    Call semantics: historic; a plugin registered later is called at registration.
    Where: built-in and installed plugins.
    """


@hookspec
def newslint_register_rules(register: RegisterRule) -> None:
    """Add Python rules to the registry.

    :param register: call ``register(rule)`` once per :class:`newslint.Rule` instance.
    Call semantics: every implementation runs once per process, before any input is read.
    Where: built-in and installed plugins.
    """


@hookspec
def newslint_register_packs(register: RegisterPack) -> None:
    """Add declarative rule packs (TOML files) to the registry.

    :param register: call ``register(path)`` once per pack file.
    Call semantics: every implementation runs once per process, before any input is read.
    Where: built-in and installed plugins (users add packs through config, not this hook).
    """


# --- read -------------------------------------------------------------------------------------


@hookspec
def newslint_register_readers(register: RegisterReader) -> None:
    """Add input formats.

    :param register: call ``register(reader)`` once per :class:`newslint.readers.Reader`.
    Call semantics: every implementation runs once per process.
    Where: built-in and installed plugins.
    """


@hookspec(firstresult=True)
def newslint_sniff_format(path: str, head: str) -> str | None:
    """Name the reader for a file whose extension no reader claims.

    :param path: the file's path as given.
    :param head: its first few thousand characters, decoded.
    :return: a reader name, or ``None`` to let the next plugin (or the plain-text default) decide.
    Call semantics: firstresult; stops at the first non-``None`` answer.
    Where: built-in and installed plugins.
    """


# --- report -----------------------------------------------------------------------------------


@hookspec
def newslint_register_formatters(register: RegisterFormatter) -> None:
    """Add output formats (the values of ``--format``).

    :param register: call ``register(formatter)`` once per :class:`newslint.formatters.Formatter`.
    Call semantics: every implementation runs once per process.
    Where: built-in and installed plugins.
    """
