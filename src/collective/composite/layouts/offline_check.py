"""The pairing checks of start-up, run on ZCML files without starting Zope.

``composite-layouts check`` reads the layouts and widget types of the given
packages, folders or files (:mod:`collective.composite.layouts.zcml_scan`),
checks each layout with the same :func:`~collective.composite.layouts.checks.
pair_problems` as the ``composite:layout`` directive, and adds what the
directives' schemas and zope.configuration would refuse at start-up: unknown
or missing attributes, a ``max`` that is not a number, a missing widget
template, two registrations of one name for the same ``for`` and ``layer``
(unless one says ``override="true"``).
The widget types a slot may allow are the shipped ones and those of the
scanned files. The layout folders of Diazo themes below the given folders are
checked too (:mod:`collective.composite.layouts.theme_folder_check`).
"""

from collections import defaultdict
from collections.abc import Iterable
from collective.composite.layouts.checks import allowed_problems
from collective.composite.layouts.checks import compile_template
from collective.composite.layouts.checks import describe
from collective.composite.layouts.checks import file_problem
from collective.composite.layouts.checks import pair_error
from collective.composite.layouts.checks import pair_problems
from collective.composite.layouts.checks import widget_name_problem
from collective.composite.layouts.registry import Slot
from collective.composite.layouts.theme_folder_check import folder_problems
from collective.composite.layouts.theme_folder_check import layout_folders
from collective.composite.layouts.zcml_scan import DEFAULT_FOR
from collective.composite.layouts.zcml_scan import DEFAULT_LAYER
from collective.composite.layouts.zcml_scan import Scan
from collective.composite.layouts.zcml_scan import scan
from collective.composite.layouts.zcml_scan import ScannedDirective
from collective.composite.metadirectives import ILayoutDirective
from collective.composite.metadirectives import ISlotSubdirective
from collective.composite.metadirectives import IWidgetDirective
from dataclasses import dataclass
from dataclasses import field
from zope.configuration.fields import Bool
from zope.schema import getFieldsInOrder
from zope.schema import ValidationError


# The package whose ZCML holds the shipped layouts and widget types.
SHIPPED_PACKAGE = "collective.composite"
SCHEMAS = {
    "layout": ILayoutDirective,
    "slot": ISlotSubdirective,
    "widget": IWidgetDirective,
}


@dataclass
class Report:
    """The outcome of a check.

    :param problems: one message per fault, each naming the ZCML file and line.
    :param files: the ZCML files read (the shipped ones left out).
    :param layouts: how many layouts were checked.
    :param widgets: how many widget types were checked.
    :param theme_layouts: how many layout folders of themes were checked.
    """

    problems: list[str] = field(default_factory=list)
    files: int = 0
    layouts: int = 0
    widgets: int = 0
    theme_layouts: int = 0

    @property
    def summary(self) -> str:
        """:returns: one line saying what was checked."""
        themes = (
            f" and {_count(self.theme_layouts, 'theme layout folder')}"
            if self.theme_layouts
            else ""
        )
        return (
            f"{_count(self.layouts, 'layout')} and "
            f"{_count(self.widgets, 'widget type')} in "
            f"{_count(self.files, 'ZCML file')}{themes}"
        )


def check(targets: Iterable[str]) -> Report:
    """Run every check of start-up on the composite directives of ``targets``.

    :param targets: packages, folders or ZCML files (see
        :func:`collective.composite.layouts.zcml_scan.scan`).
    :returns: the report; no problems means Zope would start with them.
    :raises LookupError: for a target that does not exist.
    """
    found = scan(targets)
    shipped = scan([SHIPPED_PACKAGE])
    own_files = set(found.files)
    # Shipped layouts are checked by the add-on's own tests: only checked here
    # when asked for, but they count for the names and types they take.
    others = _Others(
        layouts=[d for d in shipped.layouts if d.where.file not in own_files],
        widgets=[d for d in shipped.widgets if d.where.file not in own_files],
    )
    widget_types = {d.name for d in [*found.widgets, *others.widgets] if d.name}
    report = Report(
        problems=list(found.problems),
        files=len(found.files),
        layouts=len(found.layouts),
        widgets=len(found.widgets),
    )
    for directive in found.layouts:
        report.problems.extend(_layout_problems(directive, widget_types))
    for directive in found.widgets:
        report.problems.extend(_widget_problems(directive))
    report.problems.extend(_conflicts(found, others))
    registered = {d.name for d in [*found.layouts, *others.layouts]}
    folders = layout_folders(targets)
    report.theme_layouts = len(folders)
    for folder in folders:
        report.problems.extend(folder_problems(folder, widget_types, registered))
    return report


@dataclass
class _Others:
    """Directives that are not checked but may conflict with checked ones."""

    layouts: list[ScannedDirective]
    widgets: list[ScannedDirective]


def _layout_problems(directive: ScannedDirective, widget_types: set[str]) -> list[str]:
    """:returns: the start-up error of one layout, or nothing when it is fine."""
    name = directive.name or "(no name)"
    problems = _attribute_problems(directive, f"Layout {name!r}")
    slots = []
    for slot in directive.slots:
        slot_problems = _attribute_problems(
            slot, f"Layout {name!r}: the slot {slot.name or '(no name)'!r}"
        )
        maximum, max_problem = _maximum(name, slot)
        problems.extend(slot_problems)
        if max_problem and not slot_problems:
            problems.append(max_problem)
        if not slot_problems and not max_problem:
            allowed = slot.attributes.get("allowed")
            slots.append(
                Slot(
                    name=slot.name,
                    title=slot.attributes.get("title", ""),
                    allowed=tuple(allowed.split()) if allowed is not None else None,
                    max=maximum,
                )
            )
    if problems:
        return [_located(problem, directive) for problem in problems]
    problems = pair_problems(
        name=name,
        slots=slots,
        template=directive.path("template"),
        design_template=directive.path("design_template"),
        preview=directive.path("preview"),
    )
    if problems:
        return [_located(pair_error(name, problems), directive)]
    # Checked once every widget type is registered, in a message of its own.
    return [
        _located(problem, directive)
        for problem in allowed_problems(
            name=name, slots=slots, widget_types=widget_types
        )
    ]


def _widget_problems(directive: ScannedDirective) -> list[str]:
    """:returns: the start-up error of one widget type, or nothing."""
    owner = f"Widget type {directive.name or '(no name)'!r}"
    problems = _attribute_problems(directive, owner)
    # A missing name is already a missing required attribute.
    bad_name = "name" in directive.attributes and widget_name_problem(directive.name)
    if bad_name:
        problems.append(bad_name)
    for attribute in ("template", "design_template"):
        path = directive.path(attribute)
        missing = file_problem(path) if path is not None else None
        if missing:
            problems.append(f"{owner}: the {attribute} {path} {missing}")
        elif path is not None:
            try:
                compile_template(path)
            except Exception as error:
                problems.append(
                    f"{owner}: the {attribute} {path} does not compile: "
                    f"{describe(error)}"
                )
    return [_located(problem, directive) for problem in problems]


def _attribute_problems(directive: ScannedDirective, owner: str) -> list[str]:
    """What a directive's schema refuses: unknown and missing attributes.

    :param directive: a layout, slot or widget directive.
    :param owner: what the messages call it (the layout, the slot...).
    :returns: a problem per unknown attribute and per missing required one.
    """
    schema = SCHEMAS[directive.kind]
    # zope.configuration reads `for` into `for_`, `class` into `class_`.
    known = {name.rstrip("_"): field for name, field in getFieldsInOrder(schema)}
    unknown = sorted(set(directive.attributes) - set(known))
    problems = []
    if unknown:
        problems.append(
            f"{owner} has the unknown attribute(s) {', '.join(unknown)}; a "
            f"<composite:{directive.kind}> takes {', '.join(known)}."
        )
    problems.extend(
        f"{owner}: the required attribute {name}= is missing."
        for name, schema_field in known.items()
        if schema_field.required and not directive.attributes.get(name, "").strip()
    )
    # Read as zope.configuration reads them; dotted names cannot be, as they
    # would be imported.
    for name, schema_field in known.items():
        value = directive.attributes.get(name)
        if value is None or not isinstance(schema_field, Bool):
            continue
        try:
            schema_field.fromUnicode(value)
        except ValidationError:
            problems.append(
                f"{owner}: {name}={value!r} is not a yes or no (true, false, "
                f"yes, no, 1, 0)."
            )
    return problems


def _maximum(layout: str, slot: ScannedDirective) -> tuple[int | None, str | None]:
    """:returns: a slot's ``max`` as a number, or the problem with it."""
    value = slot.attributes.get("max")
    if value is None:
        return None, None
    try:
        return int(value.strip()), None
    except ValueError:
        return None, (
            f"Layout {layout!r}: the slot {slot.name!r} has max={value!r}; it must "
            f"be a whole number of at least 1, or left out for no limit."
        )


def _conflicts(found: Scan, others: _Others) -> list[str]:
    """Registrations start-up refuses as conflicting.

    Two layouts of one name for the same ``for`` and ``layer`` conflict unless
    exactly one says ``override="true"``; two widget types of one name always.

    :returns: a problem per second registration, naming both places.
    """
    groups = defaultdict(list)
    for directive in [*others.layouts, *found.layouts]:
        key = (
            "layout",
            directive.name,
            directive.dotted("for", DEFAULT_FOR),
            directive.dotted("layer", DEFAULT_LAYER),
            _overrides(directive),
        )
        groups[key].append(directive)
    for directive in [*others.widgets, *found.widgets]:
        groups[("widget", directive.name)].append(directive)
    checked = {id(d) for d in [*found.layouts, *found.widgets]}
    problems = []
    for key, directives in groups.items():
        first = directives[0]
        for again in directives[1:]:
            if id(again) not in checked and id(first) not in checked:
                continue
            if key[0] == "widget":
                problems.append(
                    f"composite:widget {key[1]!r} is registered twice: first at "
                    f"{first.where}, again at {again.where}."
                )
                continue
            _kind, name, for_, layer, override = key
            advice = (
                'Only one registration may say override="true".'
                if override
                else "To replace a layout of the same name, content interface "
                'and layer, add override="true" to exactly one of them, or '
                "register yours for your own browser layer."
            )
            problems.append(
                f"composite:layout {name!r} is registered twice for {for_} and "
                f"the layer {layer}: first at {first.where}, again at "
                f"{again.where}. {advice}"
            )
    return problems


def _overrides(directive: ScannedDirective) -> bool:
    """:returns: whether a layout says ``override="true"`` (a ZCML Bool)."""
    try:
        return Bool().fromUnicode(directive.attributes.get("override", "false"))
    except ValidationError:
        # Reported with the directive's other attribute problems.
        return False


def _located(problem: str, directive: ScannedDirective) -> str:
    """:returns: a problem followed by the place of its directive, as
    zope.configuration shows it under its errors."""
    return f"{problem}\n    {directive.where}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
