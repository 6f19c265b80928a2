"""The one registry of extractors, shared by the CLI, the pytest plugin and the API.

Built-in adapters and third-party plugins register through the same pluggy
hook, ``harness_register_extractors(register)``; plugins are found by the
entry-point group ``harness``. Code that is not registered is named by a
``package.module:callable`` spec.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import pluggy

from ..core import ExtractorError, ExtractorNotInstalledError, UnknownExtractorError
from .guard import untouched

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..core import Extraction, Fixture
    from .fieldmap import FieldMap

__all__ = [
    "ALL_FIELDS",
    "Extractor",
    "ExtractorInfo",
    "LoadedExtractor",
    "hookimpl",
    "registry",
    "resolve",
]

hookspec = pluggy.HookspecMarker("harness")
hookimpl = pluggy.HookimplMarker("harness")

ALL_FIELDS = frozenset({"title", "authors", "published", "modified", "body", "language", "free_access"})


@runtime_checkable
class Extractor(Protocol):
    """Anything that turns a page into an extraction.

    Called as ``extract(html, url)``; returns a mapping in the shape of
    ``schemas/extraction.schema.json`` (or an :class:`~harness.model.Extraction`).
    Optional attributes: ``fields`` (the fields it can produce at all, so the
    others are not graded) and ``fetches = True`` for a scraper that fetches
    the page by itself: it is then called as ``extract(url)`` inside a replay
    of the fixture's cassette.
    """

    def __call__(self, html: str, url: str, /) -> Mapping[str, Any] | Extraction: ...


@dataclass(frozen=True)
class ExtractorInfo:
    """A registered extractor: its name and how to load it (lazily)."""

    name: str
    load: Callable[[], Callable[..., Any]]
    fields: frozenset[str] = ALL_FIELDS
    #: The distribution whose version is reported ("jusText" for justext).
    distribution: str | None = None
    #: The news-harness extra that installs it: ``pip install 'news-harness[<pip_extra>]'``.
    pip_extra: str | None = None
    description: str = ""
    #: Modules that must be importable for it to count as installed.
    requires: tuple[str, ...] = ()
    #: For an extractor that takes an argument in its spec, ``<name>:<argument>``
    #: (``fundus:us.APNews``): loads it with that argument.
    load_with: Callable[[str], Callable[..., Any]] | None = field(default=None, compare=False)
    #: A service called over HTTP (Zyte API): run only when named, never among "every built-in",
    #: since it needs its recorded calls or a key and the network.
    remote: bool = False

    @property
    def install_hint(self) -> str:
        """The command that installs it."""
        return f"pip install 'news-harness[{self.pip_extra or self.name}]'"

    def installed(self) -> bool:
        """Whether the modules it needs can be imported (without importing them)."""
        return all(importlib.util.find_spec(module) is not None for module in self.requires)

    def version(self) -> str | None:
        """The installed version of its distribution, if any."""
        if not self.distribution:
            return None
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return None


@dataclass(frozen=True)
class LoadedExtractor:
    """An extractor ready to run."""

    name: str
    func: Callable[..., Any]
    fields: frozenset[str] = ALL_FIELDS
    version: str | None = None
    fetches: bool = False
    info: ExtractorInfo | None = field(default=None, compare=False)
    #: Called with the recorded :class:`~harness.core.Page` (final URL, status, headers, text,
    #: the cassette's interactions) instead of ``(html, url)``: framework adapters need all of it.
    takes_page: bool = False
    #: For a remote extractor (a service it calls over HTTP): the endpoint's URL. Its calls are
    #: recorded per page with ``--record-extractor-calls`` and replayed offline afterwards.
    endpoint: str | None = None
    #: Values a remote extractor sends (an API key) that must never be written into its recorded calls.
    credentials: tuple[str, ...] = field(default=(), repr=False)
    #: For saved predictions: returns the stored output for a fixture instead of running anything.
    lookup: Callable[[Fixture], Any] | None = field(default=None, compare=False)


class _Spec:
    @hookspec
    def harness_register_extractors(self, register: Callable[[ExtractorInfo], None]) -> None:
        """Register extractors by calling ``register(ExtractorInfo(...))`` for each."""


@dataclass
class Registry:
    """Registered extractors by name, and the plugins that failed to load."""

    extractors: dict[str, ExtractorInfo] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self.extractors)

    def installed(self, *, remote: bool = True) -> list[ExtractorInfo]:
        """The registered extractors whose packages are installed, by name (without remote ones unless ``remote``)."""
        return [
            info for name, info in sorted(self.extractors.items()) if info.installed() and (remote or not info.remote)
        ]


@cache
def registry() -> Registry:
    """The extractor registry: built-ins plus every plugin of entry-point group ``harness``."""
    from . import builtin

    manager = pluggy.PluginManager("harness")
    manager.add_hookspecs(_Spec)
    manager.register(builtin, name="builtin")
    result = Registry()
    try:
        # Plugin modules run their code here, in the process that grades: under the guard.
        with untouched("entry points of group 'harness'"):
            manager.load_setuptools_entrypoints("harness")
    except ExtractorError as error:  # it patched the harness: undone, and its extractors are not loaded
        result.problems.append(str(error))
        for name, plugin in list(manager.list_name_plugin()):
            if name != "builtin":
                manager.unregister(plugin)
    except Exception as error:  # a broken third-party plugin must not stop the harness
        result.problems.append(f"an entry point of group 'harness' failed to load: {error!r}")

    def register(info: ExtractorInfo) -> None:
        if info.name in result.extractors:
            result.problems.append(f"extractor {info.name!r} is registered twice; the first one is kept")
            return
        result.extractors[info.name] = info

    try:
        with untouched("entry points of group 'harness'"):
            manager.hook.harness_register_extractors(register=register)
    except ExtractorError as error:
        result.problems.append(str(error))
        own = {info.name for info in builtin.BUILTINS.values()}
        result.extractors = {name: info for name, info in result.extractors.items() if name in own}
    return result


def _fields_of(func: object) -> frozenset[str]:
    fields = getattr(func, "fields", None)
    return frozenset(fields) & ALL_FIELDS if fields else ALL_FIELDS


def resolve(spec: str, *, source: str = "--extractor", fields: FieldMap | None = None) -> LoadedExtractor:
    """Load an extractor by registered name, ``<name>:<argument>`` for one that takes an argument
    (:attr:`ExtractorInfo.load_with`), or ``package.module:callable`` spec.

    A spec may also name a framework's page parser: ``web-poet:package.module:PageClass``
    (see :mod:`harness.extractors.frameworks`); ``fields`` says where the harness's
    fields sit in the items such a parser returns (default: known by the item's class).

    Raises:
        UnknownExtractorError: no such name, with the nearest one.
        ExtractorNotInstalledError: a built-in whose package is missing, with the extra to install.
        ExtractorError: a spec that cannot be imported or is not callable.
    """
    reg = registry()
    info = reg.extractors.get(spec)
    base, _, argument = spec.partition(":")
    taking = reg.extractors.get(base)
    if info is None and argument and taking is not None and taking.load_with is not None:
        info = taking  # "<name>:<argument>" for an extractor that takes one, not a module:callable
    else:
        argument = ""
    if info is not None:
        if not info.installed():
            msg = f"Extractor {spec!r} is not installed: {info.install_hint}"
            raise ExtractorNotInstalledError(msg)
        with untouched(spec):
            func = info.load_with(argument) if argument and info.load_with else info.load()
        return LoadedExtractor(
            name=spec if argument else info.name,
            func=func,
            fields=info.fields,
            version=info.version(),
            fetches=bool(getattr(func, "fetches", False)),
            endpoint=getattr(func, "endpoint", None),
            credentials=tuple(getattr(func, "credentials", ())),
            info=info,
        )
    kind, _, target = spec.partition(":")
    from .frameworks import FRAMEWORKS  # here: the frameworks' adapters build on this module

    if kind in FRAMEWORKS:
        return FRAMEWORKS[kind](target, spec=spec, source=source, fields=fields)
    if ":" not in spec:
        close = difflib.get_close_matches(spec, reg.names(), n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        msg = (
            f"Unknown extractor {spec!r} (from {source}). {hint}"
            f"Registered: {', '.join(reg.names())}. "
            "Give a registered name or a 'package.module:callable' spec; 'harness list' shows them all."
        )
        raise UnknownExtractorError(msg)
    return _load_spec(spec, source)


def _load_spec(spec: str, source: str) -> LoadedExtractor:
    target, module_name = import_target(spec, spec=spec, source=source)
    version = None
    top = module_name.split(".")[0]
    with contextlib.suppress(importlib.metadata.PackageNotFoundError, ValueError):
        version = importlib.metadata.version(top)
    return LoadedExtractor(
        name=spec,
        func=target,
        fields=_fields_of(target),
        version=version,
        fetches=bool(getattr(target, "fetches", False)),
    )


def import_target(target_spec: str, *, spec: str, source: str) -> tuple[Any, str]:
    """The callable a ``package.module:attribute`` spec names, and its module's name; imported
    under the guard that refuses a module which patches the harness.

    Raises:
        ExtractorError: the module cannot be imported, lacks the attribute, or it is not callable.
    """
    module_name, _, attribute = target_spec.partition(":")
    try:
        with untouched(spec):
            module = importlib.import_module(module_name)
    except ExtractorError:
        raise
    except ImportError as error:
        msg = f"Cannot import module {module_name!r} of extractor spec {spec!r} (from {source}): {error}"
        raise ExtractorError(msg) from None
    except Exception as error:
        msg = f"Importing {module_name!r} for extractor spec {spec!r} raised {error!r}"
        raise ExtractorError(msg) from None
    target: Any = module
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            msg = f"Module {module_name!r} has no attribute {attribute!r} (extractor spec {spec!r} from {source})"
            raise ExtractorError(msg) from None
    if not callable(target):
        msg = f"Extractor spec {spec!r} names a {type(target).__name__}, not a callable taking (html, url)"
        raise ExtractorError(msg)
    return target, module_name
