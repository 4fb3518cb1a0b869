"""The manifest of a layout pair a theme ships: ``manifest.cfg`` in its folder.

A theme's ``composite-layouts/NAME/`` folder holds one layout: the two
templates, an optional preview image, and a ``manifest.cfg`` in plone.resource's
manifest syntax (ConfigParser, the way plone.app.mosaic describes the content
layouts of ``contentlayout/manifest.cfg``)::

    [composite-layout]
    title = Magazine
    description = A lead story above two columns.
    template = magazine.pt
    design_template = magazine_design.pt
    preview = magazine.svg

    [slot:lead]
    title = Lead story
    allowed = text image
    max = 1

    [slot:more]
    title = More stories

The folder's name is the layout's name; the slots are the ``[slot:NAME]``
sections, in their order. Reading is strict: an unknown section or key is a
problem naming the layout, the file and the slot, as a misspelt ZCML attribute
stops the start-up.
"""

from collections.abc import Mapping
from collective.composite.layouts.registry import Slot
from configparser import ConfigParser
from configparser import Error as ConfigError
from dataclasses import dataclass
from plone.resource.manifest import ManifestFormat

import re


MANIFEST_NAME = "manifest.cfg"
SLOT_SECTION = "slot:"

#: The ``[composite-layout]`` section: its keys and their defaults.
MANIFEST_FORMAT = ManifestFormat(
    "composite-layout",
    keys=(
        "title",
        "description",
        "template",
        "design_template",
        "preview",
        "override",
    ),
    defaults={"template": "template.pt", "design_template": "design_template.pt"},
)
SLOT_KEYS = ("title", "allowed", "max")

# The names templates can place (``slots/NAME``) and URLs can carry.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_FILE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_. -]*\Z")


def is_layout_name(name: str) -> bool:
    """:returns: whether ``name`` may name a theme's layout (and its folder)."""
    return bool(_NAME.match(name))


class ManifestError(ValueError):
    """A manifest that cannot describe a layout.

    :param problems: one sentence each, naming the layout, the file and the slot.
    """

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LayoutManifest:
    """What a layout folder's manifest says; file names are the folder's own."""

    name: str
    title: str
    description: str | None
    template: str
    design_template: str
    preview: str | None
    override: bool
    slots: tuple[Slot, ...]


def read_manifest(name: str, text: str, label: str) -> LayoutManifest:
    """Read a layout folder's manifest.

    :param name: the folder's name, which is the layout's name.
    :param text: the manifest's text.
    :param label: where the manifest is, as messages name it.
    :returns: the manifest.
    :raises ManifestError: naming every problem found.
    """
    where = f"Layout {name!r}: the manifest {label}"
    if not is_layout_name(name):
        raise ManifestError(
            [
                f"Layout {name!r} ({label}): a layout folder's name must be "
                f"letters, digits, '.', '_' or '-', starting with a letter or digit."
            ]
        )
    parser = ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=label)
    except ConfigError as error:
        raise ManifestError([f"{where} cannot be read: {error}"]) from error
    layout_section = MANIFEST_FORMAT.resourceType
    if not parser.has_section(layout_section):
        raise ManifestError([f"{where} has no [{layout_section}] section."])
    problems = _unknown(where, parser, layout_section, MANIFEST_FORMAT.keys)
    values = {
        key: parser.get(layout_section, key, fallback=None)
        or MANIFEST_FORMAT.defaults.get(key)
        for key in MANIFEST_FORMAT.keys
    }
    if not values["title"]:
        problems.append(f"{where} gives no title (add title = ...).")
    for key in ("template", "design_template", "preview"):
        if values[key] and not _FILE.match(values[key]):
            problems.append(
                f"{where}: {key} = {values[key]} must name a file of the "
                f"layout's own folder."
            )
    override = False
    try:
        override = parser.getboolean(layout_section, "override", fallback=False)
    except ValueError:
        problems.append(f"{where}: override must be true or false.")
    slots = []
    for section in parser.sections():
        if section == layout_section:
            continue
        if not section.startswith(SLOT_SECTION):
            problems.append(
                f"{where} has the unknown section [{section}] (sections are "
                f"[{layout_section}] and [{SLOT_SECTION}NAME])."
            )
            continue
        slot, slot_problems = _slot(where, section, parser[section])
        problems.extend(slot_problems)
        if slot is not None:
            slots.append(slot)
    if not slots and not problems:
        problems.append(f"{where} declares no slot; add a [{SLOT_SECTION}NAME].")
    if problems:
        raise ManifestError(problems)
    return LayoutManifest(
        name=name,
        title=values["title"],
        description=values["description"],
        template=values["template"],
        design_template=values["design_template"],
        preview=values["preview"],
        override=override,
        slots=tuple(slots),
    )


def _slot(where: str, section: str, values: Mapping) -> tuple[Slot | None, list[str]]:
    """:returns: the slot of a ``[slot:NAME]`` section, and its problems."""
    name = section[len(SLOT_SECTION) :]
    if not _NAME.match(name):
        return None, [
            f"{where}: the slot name {name!r} must be letters, digits, '.', '_' or '-'."
        ]
    where = f"{where}, slot {name!r}"
    problems = [
        f"{where}: unknown key {key!r} (known: {', '.join(SLOT_KEYS)})."
        for key in values
        if key not in SLOT_KEYS
    ]
    limit = None
    if values.get("max"):
        try:
            limit = int(values["max"])
        except ValueError:
            problems.append(f"{where}: max = {values['max']} is not a whole number.")
    allowed = values.get("allowed")
    slot = Slot(
        name=name,
        title=values.get("title") or name,
        allowed=tuple(allowed.split()) if allowed is not None else None,
        max=limit,
    )
    return slot, problems


def _unknown(where: str, parser: ConfigParser, section: str, known) -> list[str]:
    return [
        f"{where}: unknown key {key!r} in [{section}] (known: {', '.join(known)})."
        for key in parser[section]
        if key not in known
    ]
