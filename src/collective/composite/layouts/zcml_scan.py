"""Reading ``composite:layout`` and ``composite:widget`` directives from ZCML
files, without starting Zope: what ``composite-layouts check`` checks.

The files are read as plain XML (no directive handler runs, no dotted name is
imported), so a theme's CI checks its layouts without a Plone site. Template
paths are resolved as zope.configuration's ``Path`` field does: relative to
the directory of the ZCML file that names them. ``include`` and
``includeOverrides`` are followed into files of the same package.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from xml.parsers import expat

import importlib.util
import sys


COMPOSITE = "http://namespaces.plone.org/composite"
ZOPE = "http://namespaces.zope.org/zope"
INCLUDES = {f"{ZOPE} include", f"{ZOPE} includeOverrides"}
DEFAULT_LAYER = "zope.publisher.interfaces.browser.IDefaultBrowserLayer"
DEFAULT_FOR = "collective.composite.interfaces.ICompositeEnabled"
# Files that mark a checkout's root, whose ``src`` folder (or itself) holds
# its packages.
PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
# Folders a checkout holds that are no part of the package's configuration.
SKIPPED_FOLDERS = {"node_modules", "site-packages", "build", "dist", "__pycache__"}


@dataclass(frozen=True)
class Where:
    """Where a directive is, as zope.configuration names it in its errors.

    :param file: the ZCML file.
    :param start: line and column of the directive's start tag.
    :param end: line and column of its end tag (its start tag when empty).
    """

    file: Path
    start: tuple[int, int]
    end: tuple[int, int]

    def __str__(self) -> str:
        return (
            f'File "{self.file}", line {self.start[0]}.{self.start[1]}'
            f"-{self.end[0]}.{self.end[1]}"
        )


@dataclass
class ScannedDirective:
    """A ``composite:layout``, ``composite:slot`` or ``composite:widget``.

    :param kind: the directive's name: ``layout``, ``slot`` or ``widget``.
    :param attributes: its attributes as written, namespaced ones left out.
    :param where: its place in its file.
    :param basepath: the directory its relative paths are relative to.
    :param package: the dotted name of its package when known or guessed
        (see :func:`package_of`), for relative dotted names
        (``.interfaces.IMyLayer``).
    :param slots: the ``composite:slot`` subdirectives of a layout, in order.
    """

    kind: str
    attributes: dict[str, str]
    where: Where
    basepath: Path
    package: str | None = None
    slots: list["ScannedDirective"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.attributes.get("name", "")

    def path(self, attribute: str) -> Path | None:
        """:returns: the file an attribute names, resolved; None when absent."""
        value = self.attributes.get(attribute)
        if not value:
            return None
        return (self.basepath / Path(value).expanduser()).resolve()

    def dotted(self, attribute: str, default: str) -> str:
        """:returns: an interface attribute as an absolute dotted name when the
        package is known (relative names stay relative otherwise)."""
        value = self.attributes.get(attribute, "").strip() or default
        if value.startswith(".") and self.package:
            parts = self.package.split(".")
            level = len(value) - len(value.lstrip("."))
            parts = parts[: len(parts) - level + 1]
            value = ".".join([*parts, value.lstrip(".")])
        return value


@dataclass
class Scan:
    """What a scan found.

    :param files: the ZCML files read, in order.
    :param layouts: the layout directives, in file order.
    :param widgets: the widget type directives, in file order.
    :param problems: files that could not be read or parsed.
    """

    files: list[Path] = field(default_factory=list)
    layouts: list[ScannedDirective] = field(default_factory=list)
    widgets: list[ScannedDirective] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Visit:
    """A ZCML file to read and the package it belongs to."""

    file: Path
    package_dir: Path
    package: str | None


def scan(targets: Iterable[str]) -> Scan:
    """Read the composite directives of directories, ZCML files and packages.

    :param targets: each a directory (every ``*.zcml`` below it), a ``.zcml``
        file (and the files it includes), or a dotted package name (its
        ``configure.zcml`` and ``overrides.zcml`` and what they include).
    :returns: the directives found, each file read once.
    :raises LookupError: for a target that is neither a file, a directory nor
        an importable package.
    """
    visits = []
    for target in targets:
        visits.extend(_visits(target))
    result = Scan()
    seen: set[Path] = set()
    while visits:
        visit = visits.pop(0)
        if visit.file in seen:
            continue
        seen.add(visit.file)
        result.files.append(visit.file)
        # Included files are read right after the file including them.
        visits[0:0] = _read(visit, result)
    return result


def package_directory(name: str) -> Path:
    """:returns: the directory of an importable package.
    :raises LookupError: when ``name`` is not an importable package."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError) as error:
        raise LookupError(f"{name} is not an importable package ({error}).") from None
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"{name} is neither a file, a directory nor a package.")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def _visits(target: str) -> list[_Visit]:
    path = Path(target).expanduser()
    if path.is_file():
        if path.suffix != ".zcml":
            # A template named by mistake would be read as ZCML and reported
            # as XML that is not well-formed, which misleads.
            raise LookupError(
                f"{target} is not a ZCML file: name the package, the folder or "
                f"the .zcml file that registers its layouts and widget types, "
                f"or a theme's layout folder or Zip file."
            )
        path = path.resolve()
        return [_Visit(path, path.parent, None)]
    if path.is_dir():
        path = path.resolve()
        return [_Visit(file, file.parent, None) for file in _zcml_files(path)]
    if "/" in target or target.endswith(".zcml"):
        raise LookupError(f"{target} does not exist.")
    directory = package_directory(target)
    return [
        _Visit(directory / name, directory, target)
        for name in ("configure.zcml", "overrides.zcml")
        if (directory / name).is_file()
    ]


def package_of(directory: Path) -> str | None:
    """The package a ZCML file in ``directory`` likely configures, when no
    ``include`` or target said: its relative dotted names
    (``.interfaces.IMyLayer``) then compare with absolute ones and with other
    packages' relative ones. A guess, used for nothing else.

    That package is the nearest folder up from ``directory`` with an
    ``__init__.py``, as ``include package="..."`` needs one. Its name is its
    path below the deepest folder holding it of the ``sys.path`` entries (a
    package installed, or checked out in development mode) and the ``src``
    folder of the checkout holding it (or the checkout itself).

    :param directory: an absolute, resolved directory.
    :returns: the dotted name, or None when no such package is found.
    """
    folder = next(
        (
            candidate
            for candidate in (directory, *directory.parents)
            if (candidate / "__init__.py").is_file()
        ),
        None,
    )
    if folder is None:
        return None
    roots = [Path(entry).resolve() for entry in sys.path if entry]
    for ancestor in folder.parents:
        if any((ancestor / name).is_file() for name in PROJECT_FILES):
            src = ancestor / "src"
            roots.append(src if src in folder.parents else ancestor)
            break
    names = [folder.relative_to(root).parts for root in roots if root in folder.parents]
    names = [parts for parts in names if all(p.isidentifier() for p in parts)]
    return ".".join(min(names, key=len)) if names else None


def _zcml_files(directory: Path) -> list[Path]:
    """:returns: the ``*.zcml`` files below ``directory``, outside hidden,
    build and dependency folders."""
    found = []
    for file in sorted(directory.rglob("*.zcml")):
        folders = file.relative_to(directory).parts[:-1]
        if not any(skipped_folder(part) for part in folders):
            found.append(file)
    return found


def skipped_folder(name: str) -> bool:
    """:returns: whether a folder of that name is left out of a folder's scan:
    hidden, build, dependency and packaging folders."""
    return name.startswith(".") or name in SKIPPED_FOLDERS or name.endswith(".egg-info")


def _read(visit: _Visit, result: Scan) -> list[_Visit]:
    """Parse one file into ``result``.

    :returns: the files it includes from its own package, to read next.
    """
    reader = _Reader(visit)
    try:
        reader.parse(visit.file.read_bytes())
    except OSError as error:
        result.problems.append(f"{visit.file} cannot be read: {error.strerror}.")
        return []
    except expat.ExpatError as error:
        hint = ""
        if expat.ErrorString(error.code) == expat.errors.XML_ERROR_UNBOUND_PREFIX:
            # The usual cause: a directive copied without its namespace.
            hint = (
                " Declare the prefix on the configure element; for this "
                f'add-on\'s directives, xmlns:composite="{COMPOSITE}".'
            )
        result.problems.append(
            f"{visit.file} is not well-formed XML: {expat.ErrorString(error.code)}."
            f'{hint}\n    File "{visit.file}", line {error.lineno}.{error.offset}'
        )
        return []
    result.problems.extend(reader.problems)
    result.layouts.extend(d for d in reader.directives if d.kind == "layout")
    result.widgets.extend(d for d in reader.directives if d.kind == "widget")
    return reader.includes


# Stands on the stack of open elements for a composite element refused.
_REFUSED = object()


def _misplaced(kind: str, parent: ScannedDirective | None) -> str | None:
    """:returns: why Zope would refuse a composite element of ``kind`` inside
    ``parent`` (None: not inside another composite element), or None."""
    if kind not in ("layout", "slot", "widget"):
        return (
            f"Unknown directive composite:{kind}; the composite directives are "
            f"composite:layout (with its composite:slot) and composite:widget."
        )
    if kind == "slot" and (parent is None or parent.kind != "layout"):
        return "A composite:slot goes directly inside a composite:layout."
    if kind != "slot" and parent is not None:
        return f"A composite:{kind} goes outside other composite directives."
    return None


class _Reader:
    """An expat parser collecting the composite directives of one file."""

    def __init__(self, visit: _Visit):
        self.visit = visit
        self.directives: list[ScannedDirective] = []
        self.includes: list[_Visit] = []
        # Composite elements Zope would refuse as directives, each located.
        self.problems: list[str] = []
        self._open: list[ScannedDirective | object | None] = []
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end

    def parse(self, data: bytes) -> None:
        self._parser.Parse(data, True)

    def _position(self) -> tuple[int, int]:
        return (self._parser.CurrentLineNumber, self._parser.CurrentColumnNumber)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        plain = {name: value for name, value in attributes.items() if " " not in name}
        if tag in INCLUDES:
            self.includes.extend(self._included(plain))
        directive = None
        if tag.startswith(f"{COMPOSITE} "):
            position = self._position()
            directive = ScannedDirective(
                kind=tag.split(" ", 1)[1],
                attributes=plain,
                where=Where(self.visit.file, position, position),
                basepath=self.visit.file.parent,
                package=self.visit.package or package_of(self.visit.file.parent),
            )
            parent = self._open[-1] if self._open else None
            misplaced = (
                None if parent is _REFUSED else _misplaced(directive.kind, parent)
            )
            if parent is _REFUSED or misplaced:
                if misplaced:
                    self.problems.append(f"{misplaced}\n    {directive.where}")
                # What is inside a refused element is not read on its own.
                directive = _REFUSED
            elif directive.kind == "slot":
                parent.slots.append(directive)
            else:
                self.directives.append(directive)
        self._open.append(directive)

    def _end(self, tag: str) -> None:
        directive = self._open.pop()
        if isinstance(directive, ScannedDirective):
            directive.where = Where(
                directive.where.file, directive.where.start, self._position()
            )

    def _included(self, attributes: dict[str, str]) -> list[_Visit]:
        """:returns: the files an ``include`` reads that belong to this package."""
        visit = self.visit
        package_dir, package = visit.package_dir, visit.package
        basepath = visit.file.parent
        if "package" in attributes:
            found = self._package(attributes["package"].strip())
            if found is None:
                return []
            package_dir, package = found
            basepath = package_dir
        if "files" in attributes:
            files = sorted(basepath.glob(attributes["files"]))
        else:
            files = [basepath / attributes.get("file", "configure.zcml")]
        return [
            _Visit(file.resolve(), package_dir, package)
            for file in files
            if file.is_file()
        ]

    def _package(self, name: str) -> tuple[Path, str | None] | None:
        """The directory of an included package of the same distribution.

        :param name: the ``package`` attribute: relative (``.browser``) or
            absolute (``my.theme.browser``).
        :returns: its directory and dotted name, or None for another package.
        """
        visit = self.visit
        if name.startswith("."):
            level = len(name) - len(name.lstrip("."))
            directory = visit.package_dir
            for _ in range(level - 1):
                directory = directory.parent
            rest = [part for part in name.lstrip(".").split(".") if part]
            dotted = None
            if visit.package:
                parts = visit.package.split(".")
                dotted = ".".join([*parts[: len(parts) - level + 1], *rest])
            return directory.joinpath(*rest), dotted
        parts = name.split(".")
        if visit.package:
            # The package's dotted name is known: follow its sub-packages only.
            own = visit.package.split(".")
            if parts[: len(own)] == own:
                return visit.package_dir.joinpath(*parts[len(own) :]), name
            return None
        # Only the folder is known: a name whose start is the folder's path
        # (``my.theme.browser`` in ``.../my/theme``) is one of its sub-packages.
        folders = visit.package_dir.parts
        for length in range(len(parts), 0, -1):
            if tuple(parts[:length]) == folders[-length:]:
                return visit.package_dir.joinpath(*parts[length:]), name
        return None
