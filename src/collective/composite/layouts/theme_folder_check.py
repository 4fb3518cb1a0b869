"""The checks of a theme's layout folders, on the files of a checkout.

A Diazo theme ships layouts in ``composite-layouts/NAME/`` folders (see
:mod:`collective.composite.layouts.theme_layouts`); Plone checks them when the
theme is activated or its files change. ``composite-layouts check`` runs the
same checks on the folders it finds below the folders and packages it is
given, without a site: the manifest (:mod:`~collective.composite.layouts.
manifest`), the pairing checks with the untrusted engine, and the name clash
with a layout registered in ZCML when the manifest does not say
``override = true``.
"""

from collections.abc import Collection
from collections.abc import Iterable
from collective.composite.layouts.checks import pair_problems
from collective.composite.layouts.manifest import MANIFEST_NAME
from collective.composite.layouts.manifest import ManifestError
from collective.composite.layouts.manifest import read_manifest
from collective.composite.layouts.theme_layouts import LAYOUTS_FOLDER
from collective.composite.layouts.theme_layouts import name_clash
from collective.composite.layouts.theme_layouts import refusal
from collective.composite.layouts.zcml_scan import package_directory
from collective.composite.layouts.zcml_scan import skipped_folder
from pathlib import Path
from Products.PageTemplates.Expressions import getEngine


def layout_folders(targets: Iterable[str]) -> list[Path]:
    """The theme layout folders below the folders and packages checked.

    :param targets: as for :func:`collective.composite.layouts.zcml_scan.scan`;
        ZCML files hold no theme folders.
    :returns: each ``composite-layouts/NAME`` folder, once, in path order.
    """
    found: set[Path] = set()
    for target in targets:
        path = Path(target).expanduser()
        if path.is_file():
            continue
        if not path.is_dir():
            try:
                path = package_directory(target)
            except LookupError:
                continue
        for layouts in path.resolve().rglob(LAYOUTS_FOLDER):
            folders = layouts.relative_to(path.resolve()).parts[:-1]
            if layouts.is_dir() and not any(skipped_folder(part) for part in folders):
                found.update(child for child in layouts.iterdir() if child.is_dir())
    return sorted(found)


def folder_problems(
    folder: Path, widget_types: Collection[str], registered: Collection[str]
) -> list[str]:
    """Check one theme layout folder as its theme's activation does.

    :param folder: a ``composite-layouts/NAME`` folder.
    :param widget_types: the names of the known widget types.
    :param registered: the names of the layouts registered in ZCML.
    :returns: the refusal's message, or nothing when the folder is fine.
    """
    theme, name = folder.parent.parent.name, folder.name
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        return [
            refusal(theme, name, [f"Layout {name!r}: {folder} has no {MANIFEST_NAME}."])
        ]
    try:
        manifest = read_manifest(
            name, manifest_path.read_text(encoding="utf-8-sig"), str(manifest_path)
        )
    except (ManifestError, UnicodeDecodeError) as error:
        problems = getattr(error, "problems", None) or [
            f"Layout {name!r}: {manifest_path} is not UTF-8 text."
        ]
        return [refusal(theme, name, problems)]
    problems = pair_problems(
        name=name,
        slots=manifest.slots,
        template=folder / manifest.template,
        design_template=folder / manifest.design_template,
        preview=folder / manifest.preview if manifest.preview else None,
        widget_types=widget_types,
        # Theme files are not trusted code: checked as Plone runs them.
        engine=getEngine(),
    )
    if problems:
        return [refusal(theme, name, problems)]
    if name in registered and not manifest.override:
        return [name_clash(theme, name)]
    return []
