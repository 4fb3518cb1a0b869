"""Layouts a Diazo theme ships: ``composite-layouts/NAME/`` in its files.

A theme (plone.resource, on the file system or edited through the web in the
theming editor) may hold a folder ``composite-layouts`` with one folder per
layout: a ``manifest.cfg`` (see :mod:`collective.composite.layouts.manifest`),
the real and the design template and an optional preview image. While the
theme is the active one, its layouts join the registered ones everywhere
layouts are listed, looked up and rendered.

- **Checked when they change**: each folder is checked (its manifest, then
  the same pairing checks as the ZCML directive's at start-up) the first time
  it is used after its files changed; the result is kept, keyed by a digest of
  the files, so pages pay a read of the files, not a check. A folder that fails
  is left out, and the reasons are logged once (and shown to the Manager who
  activates the theme, see :mod:`collective.composite.layouts.theme_plugin`).
- **Never trusted**: the templates are compiled and rendered with Zope's
  untrusted engine (:mod:`collective.composite.layouts.restricted`), as
  through-the-web templates are, and the checks use it too.
- **Names**: a theme layout whose name is also a registered layout's is refused
  unless its manifest says ``override = true``; with it, the theme's pair
  replaces that layout (keeping its place) while the theme is active.
"""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import IWidgetType
from collective.composite.layouts.checks import pair_problems
from collective.composite.layouts.manifest import is_layout_name
from collective.composite.layouts.manifest import LayoutManifest
from collective.composite.layouts.manifest import MANIFEST_NAME
from collective.composite.layouts.manifest import ManifestError
from collective.composite.layouts.manifest import read_manifest
from collective.composite.layouts.registry import _with_bases
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.restricted import RestrictedLayoutTemplate
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from plone.app.theming.interfaces import THEME_RESOURCE_NAME
from plone.app.theming.utils import theming_policy
from plone.resource.utils import queryResourceDirectory
from Products.PageTemplates.Expressions import getEngine
from zope.annotation.interfaces import IAnnotations
from zope.component import getSiteManager
from zope.component import getUtilitiesFor
from zope.component.hooks import getSite
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import logging
import tempfile


LAYOUTS_FOLDER = "composite-layouts"
# The request annotation holding what a request has read of the theme.
_MEMO_KEY = "collective.composite.theme_layouts"

logger = logging.getLogger(__name__)


class ThemeLayout(Layout):
    """A layout of the active theme's files, with restricted templates.

    Built from what :func:`check_folder` read, never from paths: the files of a
    through-the-web theme live in the ZODB. ``template``, ``design_template``
    and ``preview`` name the files by their ``++theme++`` path.

    :param manifest: the folder's manifest.
    :param theme: the theme's name.
    :param sources: the text of the ``template`` and the ``design_template``.
    :param preview: the preview image's bytes, if the manifest names one.
    """

    def __init__(
        self,
        manifest: LayoutManifest,
        theme: str,
        sources: dict[str, str],
        preview: bytes | None = None,
    ):
        # Not Layout.__init__: it compiles trusted templates from paths.
        folder = folder_label(theme, manifest.name)
        self.name = manifest.name
        self.title = manifest.title
        self.description = manifest.description
        self.template = f"{folder}/{manifest.template}"
        self.design_template = f"{folder}/{manifest.design_template}"
        self.preview = f"{folder}/{manifest.preview}" if preview else None
        self.slots = manifest.slots
        self.for_ = ICompositeEnabled
        self.layer = IDefaultBrowserLayer
        self.theme = theme
        self.override = manifest.override
        self._preview = preview
        self._templates = {
            False: RestrictedLayoutTemplate(sources["template"], self.template),
            True: RestrictedLayoutTemplate(
                sources["design_template"], self.design_template
            ),
        }

    def __repr__(self) -> str:
        return f"<ThemeLayout {self.name!r} of the theme {self.theme!r}>"

    def read_preview(self) -> bytes:
        """:returns: the preview image's bytes (b"" without one)."""
        return self._preview or b""


@dataclass(frozen=True)
class CheckedFolder:
    """The outcome of checking one layout folder, for one digest of its files."""

    digest: str
    layout: ThemeLayout | None
    problems: tuple[str, ...] = ()


# (site, theme, folder) -> the last check of that folder. Keyed by the digest
# of the files and of the widget type names, so an edit re-checks the folder.
_CHECKS: dict[tuple, CheckedFolder] = {}


def folder_label(theme: str, name: str) -> str:
    """:returns: the ``++theme++`` path of a layout folder, as messages name it."""
    return f"++theme++{theme}/{LAYOUTS_FOLDER}/{name}"


def active_theme() -> str | None:
    """:returns: the name of the enabled theme, or None when theming is off."""
    settings = theming_policy().getSettings()
    if settings is None or not settings.enabled:
        return None
    # Not policy.getCurrentTheme(): without a name it reads every theme.
    return settings.currentTheme or None


def layouts_folder(theme: str | None):
    """:returns: the theme's ``composite-layouts`` resource directory, or None."""
    if not theme:
        return None
    directory = queryResourceDirectory(THEME_RESOURCE_NAME, theme)
    if directory is None or not directory.isDirectory(LAYOUTS_FOLDER):
        return None
    return directory[LAYOUTS_FOLDER]


def theme_layouts(context, request=None) -> list[ThemeLayout]:
    """The valid layouts of the active theme, by folder name.

    :param context: the page; none for pages that are not composite-enabled.
    :param request: the request, which keeps what it read of each theme until
        it ends, so a page reads the theme's files once; None to read them.
    """
    if not ICompositeEnabled.providedBy(context):
        return []
    memo = _memo(request, active_theme())
    if memo["folder"] is None:
        return []
    layouts = []
    for name in sorted(memo["folder"].listDirectory()):
        if memo["folder"].isDirectory(name):
            layout = _checked_once(memo, name).layout
            if layout is not None:
                layouts.append(layout)
    return layouts


def theme_layout(name: str, context, request=None) -> ThemeLayout | None:
    """:returns: the active theme's valid layout ``name``, or None (see
    :func:`theme_layouts` for the parameters)."""
    # Only names a folder may have: "../x" must not reach the file system.
    if not ICompositeEnabled.providedBy(context) or not is_layout_name(name):
        return None
    memo = _memo(request, active_theme())
    if memo["folder"] is None or not memo["folder"].isDirectory(name):
        return None
    return _checked_once(memo, name).layout


def _memo(request, theme: str | None) -> dict:
    """:returns: what this request has read of ``theme`` so far: its
    ``folder`` and the ``checked`` folders (a new memo without a request)."""
    annotations = IAnnotations(request, None) if request is not None else None
    themes = {} if annotations is None else annotations.setdefault(_MEMO_KEY, {})
    if theme not in themes:
        themes[theme] = {"theme": theme, "folder": layouts_folder(theme), "checked": {}}
    return themes[theme]


def _checked_once(memo: dict, name: str) -> CheckedFolder:
    checked = memo["checked"]
    if name not in checked:
        checked[name] = check_folder(memo["theme"], memo["folder"], name)
    return checked[name]


def shadows(layout: ThemeLayout, registered: ILayout | None) -> bool:
    """Whether a theme layout replaces the registered layout of its name.

    :returns: True when nothing of that name is registered or the manifest
        says ``override = true``; else the theme's layout is refused (logged
        once).
    """
    if registered is None or layout.override:
        return True
    if not getattr(layout, "_clash_logged", False):
        layout._clash_logged = True
        logger.warning(name_clash(layout.theme, layout.name))
    return False


def name_clash(theme: str, name: str) -> str:
    """:returns: the message refusing a theme layout named like a registered one."""
    return (
        f"Layout {name!r} of the theme {theme!r} is refused: a layout of that "
        f"name is registered in ZCML; add override = true to the "
        f"[composite-layout] section of {folder_label(theme, name)}/"
        f"{MANIFEST_NAME} to replace it while the theme is active, or rename "
        f"the folder."
    )


def theme_problems(theme: str) -> dict[str, list[str]]:
    """Check every layout folder of a theme, as its activation does.

    :param theme: the theme's name.
    :returns: folder name -> its problems, for the folders refused (name clashes
        with registered layouts included); empty when every folder is fine.
    """
    folder = layouts_folder(theme)
    if folder is None:
        return {}
    registered = registered_layout_names()
    problems = {}
    for name in sorted(folder.listDirectory()):
        if not folder.isDirectory(name):
            continue
        checked = check_folder(theme, folder, name)
        if checked.problems:
            problems[name] = list(checked.problems)
        elif name in registered and not checked.layout.override:
            problems[name] = [name_clash(theme, name)]
    return problems


def registered_layout_names() -> set[str]:
    """:returns: the names of the layouts registered in ZCML, for any layer."""
    names = set()
    for registry in _with_bases(getSiteManager()):
        for registration in registry.registeredAdapters():
            if registration.provided is ILayout and isinstance(
                registration.factory, LayoutFactory
            ):
                names.add(registration.name)
    return names


def check_folder(theme: str, folder, name: str) -> CheckedFolder:
    """Check a layout folder, or return the check of the same files.

    :param theme: the theme's name.
    :param folder: the theme's ``composite-layouts`` resource directory.
    :param name: the layout folder's name.
    :returns: the layout, or the problems that refuse it.
    """
    files = read_folder(folder[name])
    widget_types = sorted(type_name for type_name, _ in getUtilitiesFor(IWidgetType))
    digest = sha256(repr(widget_types).encode())
    for filename in sorted(files):
        digest.update(f"\0{filename}\0{len(files[filename])}\0".encode())
        digest.update(files[filename])
    key = (_site_key(), theme, name)
    cached = _CHECKS.get(key)
    if cached is not None and cached.digest == digest.hexdigest():
        return cached
    checked = _check(theme, name, files, widget_types, digest.hexdigest())
    if checked.problems:
        logger.warning(refusal(theme, name, checked.problems))
    _CHECKS[key] = checked
    return checked


def refusal(theme: str, name: str, problems) -> str:
    """:returns: the message refusing a theme's layout, one problem a line."""
    return f"Layout {name!r} of the theme {theme!r} is not a valid template pair:\n" + (
        "\n".join(f"  - {problem}" for problem in problems)
    )


def read_folder(directory) -> dict[str, bytes]:
    """:returns: file name -> bytes, of the files directly in ``directory``."""
    return {
        filename: directory.readFile(filename)
        for filename in directory.listDirectory()
        if directory.isFile(filename)
    }


def _check(theme, name, files, widget_types, digest) -> CheckedFolder:
    label = folder_label(theme, name)
    manifest_bytes = files.get(MANIFEST_NAME)
    if manifest_bytes is None:
        return CheckedFolder(
            digest, None, (f"Layout {name!r}: {label} has no {MANIFEST_NAME}.",)
        )
    try:
        manifest = read_manifest(
            name, _text(manifest_bytes), f"{label}/{MANIFEST_NAME}"
        )
    except (ManifestError, UnicodeDecodeError) as error:
        problems = getattr(error, "problems", None) or [
            f"Layout {name!r}: {label}/{MANIFEST_NAME} is not UTF-8 text."
        ]
        return CheckedFolder(digest, None, tuple(problems))
    problems = _pair_problems(manifest, files, label, widget_types)
    if problems:
        return CheckedFolder(digest, None, tuple(problems))
    # The checks read both templates as UTF-8 text.
    sources = {
        attribute: _text(files[getattr(manifest, attribute)])
        for attribute in ("template", "design_template")
    }
    preview = files[manifest.preview] if manifest.preview else None
    return CheckedFolder(digest, ThemeLayout(manifest, theme, sources, preview))


def _pair_problems(manifest, files, label, widget_types) -> list[str]:
    """The pairing checks of the ZCML directive, with the untrusted engine.

    They read files: the folder's are copied to a temporary folder first (a
    through-the-web theme's live in the ZODB), and the messages name them by
    their ``++theme++`` path.
    """
    with tempfile.TemporaryDirectory(prefix="composite-theme-layout-") as tmp:
        labels = {}
        paths = {}
        for attribute in ("template", "design_template", "preview"):
            filename = getattr(manifest, attribute)
            if not filename:
                continue
            paths[attribute] = path = Path(tmp, filename)
            labels[str(path)] = f"{label}/{filename}"
            if filename in files:
                path.write_bytes(files[filename])
        return pair_problems(
            name=manifest.name,
            slots=manifest.slots,
            template=paths["template"],
            design_template=paths["design_template"],
            preview=paths.get("preview"),
            widget_types=widget_types,
            engine=getEngine(),
            labels=labels,
        )


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _site_key() -> str:
    site = getSite()
    path = getattr(site, "getPhysicalPath", None)
    return "/".join(path()) if path else ""
