"""The plugin manager, the built-in plugins, and the registry they fill.

Built-ins are ordinary plugins, listed in :data:`DEFAULT_PLUGINS` plus every module of
``newslint.checks``, and register through the same hooks as third-party plugins, which load
from the ``newslint`` entry-point group. Plugins load lazily, once per process and only when a
command needs rules, readers or formatters: ``newslint --version`` and ``--help`` never import
them.

Environment:

- ``NEWSLINT_DISABLE_PLUGIN_AUTOLOAD=1`` skips entry points (as ``--no-plugins`` does);
- ``NEWSLINT_LOAD_PLUGINS=a,b`` loads only the named entry points;
- ``NEWSLINT_TRACE_PLUGINS=1`` prints every hook call to stderr.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from newslint import hookspecs

if TYPE_CHECKING:
    from newslint.formatters import Formatter
    from newslint.readers import Reader
    from newslint.rule import Rule

ENTRY_POINT_GROUP = "newslint"

#: Built-in plugin modules besides ``newslint.checks.*`` (which are discovered).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "newslint.readers.plain",
    "newslint.readers.markdown",
    "newslint.readers.html",
    "newslint.readers.jsonl",
    "newslint.formatters.builtin",
    "newslint.packs.loader",
    "newslint.pipelines.furniture",
)


class PluginError(Exception):
    """A plugin or pack could not be loaded; the message is one line naming it."""


@dataclass
class Registry:
    """Everything the plugins registered: rules by code, readers and formatters by name."""

    rules: dict[str, Rule] = field(default_factory=dict)
    readers: dict[str, Reader] = field(default_factory=dict)
    formatters: dict[str, Formatter] = field(default_factory=dict)
    packs: list[Path] = field(default_factory=list)
    plugins: dict[str, list[str]] = field(default_factory=dict)

    def add_rule(self, rule: Rule, plugin: str) -> None:
        from newslint.rule import RuleError

        if not rule.plugin:
            rule.plugin = plugin
        try:
            rule.validate()
        except RuleError as error:
            raise PluginError(str(error)) from None
        if rule.code.startswith("NL") and not _is_builtin(rule.plugin):
            raise PluginError(
                f"rule {rule.code} from {rule.plugin}: the NL prefix is newslint's own; "
                "use a prefix of your plugin's"
            )
        existing = self.rules.get(rule.code)
        if existing is not None:
            raise PluginError(
                f"rule code {rule.code} is registered twice: by {existing.plugin} and {rule.plugin}"
            )
        for other in self.rules.values():
            if other.name == rule.name:
                raise PluginError(
                    f"rule name {rule.name!r} is registered twice: {other.code} by "
                    f"{other.plugin} and {rule.code} by {rule.plugin}"
                )
        self.rules[rule.code] = rule
        self.plugins.setdefault(plugin, []).append(rule.code)

    def sorted_rules(self) -> list[Rule]:
        return [self.rules[code] for code in sorted(self.rules)]

    def with_packs(self, paths: Iterable[Path], max_bytes: int | None = None) -> Registry:
        """A copy of this registry with the rules of extra pack files added.

        A pack must be a regular file of at most ``max_bytes`` (the ``--max-size`` limit):
        ``packs = ["/dev/zero"]`` is a one-line error, not a read that never ends.
        """
        from newslint.inputs import DEFAULT_MAX_BYTES
        from newslint.packs import load_pack

        paths = list(paths)
        extended = Registry(
            dict(self.rules),
            self.readers,
            self.formatters,
            list(self.packs),
            {k: list(v) for k, v in self.plugins.items()},
        )
        for path in paths:
            for rule in load_pack(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
                extended.add_rule(rule, str(path))
            extended.packs.append(path)
        return extended


def _is_builtin(plugin: str) -> bool:
    return plugin.startswith("newslint.") or plugin.startswith("newslint:")


def builtin_plugin_modules() -> list[str]:
    """Module names of the built-in plugins, in registration order."""
    import newslint.checks

    # The package's own folder, listed: what ``pkgutil.iter_modules`` finds there, without
    # the millisecond its import costs a single-file run (the package is never zipped).
    checks = sorted(
        f"newslint.checks.{name[:-3]}"
        for folder in newslint.checks.__path__
        for name in os.listdir(folder)
        if name.endswith(".py") and not name.startswith("_")
    )
    return [*DEFAULT_PLUGINS, *checks]


#: What :meth:`_PluginManager.parse_hookimpl_opts` finds absent from a module's namespace.
_ABSENT = object()
#: The only kinds of value pluggy accepts as a hook implementation.
_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker to register a module: a single-file run registers a dozen
    built-in modules, and pluggy inspects each of their ~500 names statically (~7 ms)."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        """As pluggy's, for a module's name bound in its namespace to a value that is not
        a function or method (a constant, a class, an imported module): pluggy would find
        that value (the module type's own descriptors are ``__dict__``, ``__class__`` and
        ``__annotations__``, none of them hookable) and dismiss it; and for one bound to a
        plain function, whose marker pluggy reads from the function itself. Everything else
        is pluggy's to decide."""
        if isinstance(plugin, ModuleType):
            value = plugin.__dict__.get(name, _ABSENT)
            if value is not _ABSENT and not isinstance(value, _HOOKABLE):
                return None
            if type(value) is FunctionType and not name.startswith("__"):
                opts = getattr(value, f"{self.project_name}_impl", None)
                return opts if isinstance(opts, dict) else None
        return super().parse_hookimpl_opts(plugin, name)


def get_plugin_manager(*, autoload: bool = True) -> pluggy.PluginManager:
    """A manager with the hookspecs, the built-in plugins and (if ``autoload``) entry points."""
    pm = _PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    for name in builtin_plugin_modules():
        pm.register(importlib.import_module(name), name=name)
    if autoload and not os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"):
        _load_entry_points(pm)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"plugin {error.plugin_name}: {error}") from None
    if os.environ.get("NEWSLINT_TRACE_PLUGINS"):
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    return pm


def _may_have_entry_points(group: str, path: Iterable[str] | None = None) -> bool:
    """Whether any installed distribution might declare entry points in ``group``.

    Importing :mod:`importlib.metadata` and reading every distribution's metadata costs a
    single-file run tens of milliseconds, most of it for nothing: few environments hold a
    newslint plugin. The ``entry_points.txt`` files of the distributions found in ``sys.path``
    folders are read directly instead; only when one names the group, or when the
    environment is one this check cannot see into (a zip file on the path, a custom
    distribution finder), does the full lookup run. It never says no where there is a plugin.
    """
    header = f"[{group}]"
    standard = {"PathFinder", "MetadataPathFinder", "BuiltinImporter", "FrozenImporter"}
    for finder in sys.meta_path:
        name = getattr(finder, "__name__", type(finder).__name__)
        if hasattr(finder, "find_distributions") and name not in standard:
            return True
    for entry in sys.path if path is None else path:
        try:
            listing = os.scandir(entry or ".")
        except NotADirectoryError:
            return True  # a zip or egg file: let importlib.metadata look inside
        except OSError:
            continue  # a missing folder holds no distribution
        with listing:
            for item in listing:
                if not item.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(
                        os.path.join(item.path, "entry_points.txt"), encoding="utf-8"
                    ) as handle:
                        if header in handle.read():
                            return True
                except FileNotFoundError:
                    continue
                except (OSError, UnicodeDecodeError):
                    return True  # unreadable here; the full lookup will decide
    return False


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    if not _may_have_entry_points(ENTRY_POINT_GROUP):
        return
    from importlib.metadata import entry_points

    wanted = os.environ.get("NEWSLINT_LOAD_PLUGINS")
    allowed = {n.strip() for n in wanted.split(",") if n.strip()} if wanted is not None else None
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        if allowed is not None and entry_point.name not in allowed:
            continue
        if pm.get_plugin(entry_point.name) is not None or pm.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as error:  # a broken plugin must name itself, not crash newslint
            raise PluginError(
                f"plugin {entry_point.name} ({entry_point.value}) failed to import: "
                f"{type(error).__name__}: {error}"
            ) from None
        pm.register(plugin, name=entry_point.name)


def build_registry(pm: pluggy.PluginManager) -> Registry:
    """Ask every plugin for its rules, packs, readers and formatters."""
    from newslint.packs import load_pack

    registry = Registry()

    def collect(hook_name: str, add: Any) -> None:
        hook = getattr(pm.hook, hook_name)
        for impl in hook.get_hookimpls():
            plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
            try:
                impl.function(
                    **{arg: (lambda obj, p=plugin_name: add(obj, p)) for arg in impl.argnames}
                )
            except PluginError:
                raise
            except Exception as error:
                raise PluginError(
                    f"plugin {plugin_name}: {hook_name} raised {type(error).__name__}: {error}"
                ) from None

    def add_reader(reader: Reader, plugin: str) -> None:
        registry.readers.setdefault(reader.name, reader)

    def add_formatter(formatter: Formatter, plugin: str) -> None:
        registry.formatters.setdefault(formatter.name, formatter)

    def add_pack(path: Path, plugin: str) -> None:
        builtin = _is_builtin(plugin)
        for rule in load_pack(Path(path), builtin=builtin):
            registry.add_rule(rule, rule.plugin or plugin)
        registry.packs.append(Path(path))

    collect("newslint_register_readers", add_reader)
    collect("newslint_register_formatters", add_formatter)
    collect("newslint_register_rules", registry.add_rule)
    collect("newslint_register_packs", add_pack)
    return registry


_CACHE: dict[bool, tuple[pluggy.PluginManager, Registry]] = {}


def load_plugins(*, autoload: bool = True) -> tuple[pluggy.PluginManager, Registry]:
    """The process-wide plugin manager and registry, built on first call."""
    autoload = autoload and not os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")
    if autoload not in _CACHE:
        pm = get_plugin_manager(autoload=autoload)
        _CACHE[autoload] = (pm, build_registry(pm))
    return _CACHE[autoload]


_LAST_CONFIGURED: list[int] = []


def configure(pm: pluggy.PluginManager, config: Any) -> None:
    """Call ``newslint_configure`` for a run's configuration (once per configuration object).

    The hook is historic, so pluggy keeps each call for late registrations; remembering the
    last configuration keeps a library loop over ``lint_text`` from growing that history.
    """
    if _LAST_CONFIGURED and _LAST_CONFIGURED[0] == id(config):
        return
    _LAST_CONFIGURED[:] = [id(config)]
    pm.hook.newslint_configure.call_historic(kwargs={"config": config})


def get_registry(*, autoload: bool = True) -> Registry:
    """The process-wide registry (see :func:`load_plugins`)."""
    return load_plugins(autoload=autoload)[1]


def reset() -> None:
    """Forget the loaded plugins (for tests that register their own)."""
    _CACHE.clear()
