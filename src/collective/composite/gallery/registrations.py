"""The layouts registered for a request, each with where it was registered.

Layouts are named multi-adapters of (content, request) providing ILayout (see
``layouts.registry``). The gallery shows every one a request's browser layers
select, whatever content interface it is registered for, so it reads the
adapter registrations themselves rather than looking layouts up on one object.
The active theme's layouts (``layouts.theme_layouts``) join them as they join
them on pages.
"""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.layouts.manifest import MANIFEST_NAME
from collective.composite.layouts.theme_layouts import active_theme
from collective.composite.layouts.theme_layouts import check_folder
from collective.composite.layouts.theme_layouts import folder_label
from collective.composite.layouts.theme_layouts import layouts_folder
from collective.composite.layouts.theme_layouts import name_clash
from dataclasses import dataclass
from pathlib import Path
from zope.component import getSiteManager
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import logging
import sys


logger = logging.getLogger("collective.composite")


@dataclass(frozen=True)
class Registration:
    """Where and for what a layout is registered.

    :ivar package: the dotted name of the Python package whose folder holds the
        ZCML file; "" when the file is in no package or unknown.
    :ivar file: the ZCML file, relative to that package's folder (its full
        path outside a package); "" for a layout registered from Python.
    :ivar line: the line of the directive in that file, or None.
    :ivar layer: the dotted name of the browser layer.
    :ivar for_: the dotted name of the content interface.
    :ivar theme: the name of the theme shipping the layout; "" for ZCML.
    """

    package: str
    file: str
    line: int | None
    layer: str
    for_: str
    theme: str = ""


@dataclass(frozen=True)
class ThemeEntries:
    """The active theme's layout folders, as the gallery shows them.

    :ivar layouts: (ILayout, Registration) of each valid folder, in name order.
    :ivar refused: folder name -> the problems refusing it.
    """

    layouts: list
    refused: dict


def registered_layouts(context, request) -> list[tuple[object, Registration]]:
    """Every layout the request's browser layers select, for any content.

    For each layout name and content interface, the registration for the most
    specific layer the request provides wins, as in an adapter lookup; a local
    component registry wins over the global one for the same layer.

    :param context: passed to each registration's factory.
    :param request: the request, whose layers select the layouts.
    :returns: (ILayout, Registration) pairs, in the layouts' display order
        (their rank, then name).
    """
    order = {spec: index for index, spec in enumerate(providedBy(request).__iro__)}
    winners = {}
    for registration in _layout_registrations():
        for_, layer = registration.required
        if layer not in order:
            continue
        key = (registration.name, for_)
        best = winners.get(key)
        if best is None or order[layer] < order[best.required[1]]:
            winners[key] = registration
    packages = _package_folders()
    found = []
    for registration in winners.values():
        try:
            layout = registration.factory(context, request)
        except Exception:
            # One broken factory leaves the rest of the gallery alone.
            logger.exception("The layout %r could not be made", registration.name)
            continue
        if layout is not None:
            found.append((layout, describe(registration, packages)))
    return sorted(
        found,
        key=lambda pair: (getattr(pair[0], "rank", None) or 0, pair[0].name),
    )


def inactive_layouts(request) -> list[tuple[str, Registration]]:
    """The layouts registered for a browser layer the request does not provide.

    Such a layout is never chosen, and nothing else says so: its layer's
    profile (the ``browserlayer.xml`` naming it) is not installed on the site,
    or the layer is misspelt there.

    :param request: the request, whose layers the registrations miss.
    :returns: (layout name, Registration) pairs, by name, then layer.
    """
    provided = set(providedBy(request).__iro__)
    packages = _package_folders()
    found = [
        (registration.name, describe(registration, packages))
        for registration in _layout_registrations()
        if registration.required[1] not in provided
    ]
    return sorted(found, key=lambda pair: (pair[0], pair[1].layer))


def describe(registration, packages: dict[Path, str] | None = None) -> Registration:
    """Where an adapter registration comes from, read from its ``info``.

    :param registration: a zope.interface adapter registration of a layout.
    :param packages: folder to dotted package name (see :func:`_package_folders`).
    :returns: the registration's package, file, line, layer and content interface.
    """
    for_, layer = registration.required
    info = registration.info
    filename = getattr(info, "file", None) or ""
    package, relative = "", filename
    if filename:
        package, relative = _in_package(
            Path(filename), _package_folders() if packages is None else packages
        )
    return Registration(
        package=package,
        file=relative,
        line=getattr(info, "line", None),
        layer=_dotted(layer),
        for_=_dotted(for_),
    )


def _dotted(spec) -> str:
    return getattr(spec, "__identifier__", None) or repr(spec)


def _layout_registrations():
    """:returns: the adapter registrations providing ILayout, the site's own
    registry first and then the registries it falls back on."""
    seen = set()
    pending = [getSiteManager()]
    while pending:
        registry = pending.pop(0)
        if id(registry) in seen:
            continue
        seen.add(id(registry))
        pending.extend(registry.__bases__)
        for registration in registry.registeredAdapters():
            if registration.provided is ILayout and len(registration.required) == 2:
                yield registration


def _package_folders() -> dict[Path, str]:
    """:returns: the folder of every imported package, to its dotted name."""
    folders = {}
    for name, module in list(sys.modules.items()):
        for folder in getattr(module, "__path__", None) or ():
            # The innermost package of a folder wins (a namespace package
            # shares its folders with the packages inside it).
            path = Path(folder)
            if len(name) > len(folders.get(path, "")):
                folders[path] = name
    return folders


def _in_package(path: Path, packages: dict[Path, str]) -> tuple[str, str]:
    """:returns: the package whose folder holds ``path`` and the path relative
    to that folder; ("", the full path) outside every package."""
    for folder in path.parents:
        if folder in packages:
            return packages[folder], path.relative_to(folder).as_posix()
    return "", str(path)


def theme_entries(registered: set[str]) -> ThemeEntries:
    """The layout folders of the active theme, checked as pages use them.

    :param registered: the names of the registered layouts; a valid folder of
        the same name without ``override = true`` is refused, as on pages.
    :returns: the valid layouts with their registrations, and the refusals.
    """
    theme = active_theme()
    folder = layouts_folder(theme)
    entries = ThemeEntries([], {})
    if folder is None:
        return entries
    for name in sorted(folder.listDirectory()):
        if not folder.isDirectory(name):
            continue
        checked = check_folder(theme, folder, name)
        if checked.problems:
            entries.refused[name] = list(checked.problems)
        elif name in registered and not checked.layout.override:
            entries.refused[name] = [name_clash(theme, name)]
        else:
            entries.layouts.append(
                (
                    checked.layout,
                    Registration(
                        package="",
                        file=f"{folder_label(theme, name)}/{MANIFEST_NAME}",
                        line=None,
                        layer=_dotted(IDefaultBrowserLayer),
                        for_=_dotted(ICompositeEnabled),
                        theme=theme,
                    ),
                )
            )
    return entries
