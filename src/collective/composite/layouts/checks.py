"""Pairing checks of a layout: its declared slots against its two templates.

The same checks run wherever a layout pair comes from: the ``composite:layout``
directive at start-up, the ``composite-layouts check`` console script, the
layout gallery and the layouts a theme ships. They need only the files: no
Plone site, no request and no component registrations, so a theme's CI can run
them without starting Zope.

Each problem is one human-readable sentence naming the layout, the file and
the slot at fault; an empty list means the pair is fine.
"""

from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from collective.composite.layouts.fuzzy import Fuzzy
from collective.composite.layouts.manifest import is_layout_name
from collective.composite.layouts.registry import referenced_slots
from collective.composite.layouts.registry import Slot
from pathlib import Path
from Products.Five.browser.pagetemplatefile import getEngine
from Products.PageTemplates.engine import MappedExprType
from Products.PageTemplates.engine import Program
from Products.PageTemplates.engine import ZtPageTemplate
from Products.PageTemplates.Expressions import SecureModuleImporter
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.interface import implementer
from zope.traversing.adapters import DefaultTraversable
from zope.traversing.interfaces import ITraversable

import uuid


def pair_problems(
    *,
    name: str,
    slots: Sequence[Slot],
    template: str | Path,
    design_template: str | Path,
    preview: str | Path | None = None,
    widget_types: Collection[str] | None = None,
    engine=None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Check a layout's slots against its real and design templates.

    :param name: the layout's name, as the messages call it.
    :param slots: the declared slots, in display order.
    :param template: path of the real template.
    :param design_template: path of the design template.
    :param preview: path of the preview image, if any.
    :param widget_types: the names of the known widget types, to check each
        slot's ``allowed``; None skips that check (the types are not known yet).
    :param engine: the TALES engine the templates are compiled and rendered
        with; None for Five's trusted engine, the one file-system layouts use.
        Pass Zope's restricted engine for untrusted (through-the-web) sources.
    :param labels: how the messages name a file, by its path as a string;
        files not in it are named by their path.
    :returns: the problems, each naming the layout, the file and the slot; an
        empty list when the pair is fine.
    """
    labels = labels or {}
    # The name goes into arrangements and URLs (the preview's), as a theme
    # layout's folder name does: the same rule for both.
    if not is_layout_name(name):
        return [
            f"Layout {name!r}: a layout's name must be letters, digits, '.', '_' "
            f"or '-', starting with a letter or digit."
        ]
    if not slots:
        return [f"Layout {name!r} declares no slot; add at least one <composite:slot>."]
    problems = slot_problems(name=name, slots=slots)
    declared = [slot.name for slot in slots]
    for attribute, path in (
        ("template", template),
        ("design_template", design_template),
    ):
        problems.extend(
            template_problems(
                name=name,
                attribute=attribute,
                path=path,
                slots=declared,
                engine=engine,
                label=labels.get(str(path)),
            )
        )
    missing = file_problem(preview) if preview else None
    if missing:
        preview = labels.get(str(preview), preview)
        problems.append(f"Layout {name!r}: the preview {preview} {missing}")
    if widget_types is not None:
        problems.extend(
            allowed_problems(name=name, slots=slots, widget_types=widget_types)
        )
    return problems


def layout_pair_problems(
    layout, widget_types: Collection[str] | None = None
) -> list[str]:
    """:func:`pair_problems` of a layout's own files.

    :param layout: what has a layout's ``name``, ``slots``, ``template``,
        ``design_template`` and ``preview``: a registered layout, or the
        ``composite:layout`` directive reading one.
    :param widget_types: as for :func:`pair_problems`.
    :returns: the problems; an empty list when the pair is fine.
    """
    return pair_problems(
        name=layout.name,
        slots=layout.slots,
        template=layout.template,
        design_template=layout.design_template,
        preview=layout.preview,
        widget_types=widget_types,
    )


def pair_error(name: str, problems: Sequence[str]) -> str:
    """The start-up error's text for a layout with problems.

    :param name: the layout's name.
    :param problems: what :func:`pair_problems` found.
    :returns: a heading line and a ``  - `` line per problem.
    """
    return f"Layout {name!r} is not a valid template pair:\n" + "\n".join(
        f"  - {problem}" for problem in problems
    )


def slot_problems(*, name: str, slots: Sequence[Slot]) -> list[str]:
    """Check the declared slots themselves: unique names, sensible maximums.

    :param name: the layout's name.
    :param slots: the declared slots.
    :returns: the problems, each naming the layout and the slot.
    """
    problems = []
    seen: set[str] = set()
    for slot in slots:
        # Templates place a slot with ``slots/NAME``, which stops at any other
        # character, and theme templates may not traverse to names starting
        # with "_".
        if not is_layout_name(slot.name):
            problems.append(
                f"Layout {name!r}: the slot name {slot.name!r} must be letters, "
                f"digits, '.', '_' or '-', starting with a letter or digit."
            )
        if slot.allowed == ():
            problems.append(
                f"Layout {name!r}: the slot {slot.name!r} has an empty allowed, "
                f"so no widget could be added to it; name the widget types it "
                f"takes, or leave allowed out for every type."
            )
        if slot.name in seen:
            problems.append(f"Layout {name!r} declares the slot {slot.name!r} twice.")
        seen.add(slot.name)
        if slot.max is not None and slot.max < 1:
            problems.append(
                f"Layout {name!r}: the slot {slot.name!r} has max={slot.max}; "
                f"it must be at least 1, or left out for no limit."
            )
    return problems


def widget_name_problem(name: str) -> str | None:
    """Check a widget type's name.

    The name goes into arrangements, CSS classes, REST JSON and URLs, and a
    slot's ``allowed`` lists names separated by spaces: the rule of layout
    and slot names.

    :returns: the problem, naming the widget type and the rule, or None.
    """
    if is_layout_name(name):
        return None
    return (
        f"Widget type {name!r}: a widget type's name must be letters, digits, "
        f"'.', '_' or '-', starting with a letter or digit."
    )


def allowed_problems(
    *, name: str, slots: Sequence[Slot], widget_types: Collection[str]
) -> list[str]:
    """Check that each slot's ``allowed`` names only known widget types.

    A typo there would otherwise silently narrow the slot.

    :param name: the layout's name.
    :param slots: the declared slots.
    :param widget_types: the names of the registered widget types.
    :returns: a problem per unknown type, naming the layout, the slot and the
        known types.
    """
    known = ", ".join(sorted(widget_types)) or "none"
    return [
        f"Layout {name!r}: the slot {slot.name!r} allows the widget type "
        f"{type_name!r}, which is not registered (known types: {known})."
        for slot in slots
        for type_name in slot.allowed or ()
        if type_name not in widget_types
    ]


def template_problems(
    *,
    name: str,
    attribute: str,
    path: str | Path,
    slots: Collection[str],
    engine=None,
    label: str | None = None,
) -> list[str]:
    """Check one template of a layout against the layout's slot names.

    The template must exist and compile, every TALES expression included
    (Python ones too, which Zope would otherwise compile on first use); it must
    place each declared slot and no other; rendered with a marker in each slot
    and stand-ins for the page, it must write each slot's marker out, so a slot
    that only a condition or a definition uses is caught.

    :param name: the layout's name.
    :param attribute: which template it is, ``template`` or ``design_template``.
    :param path: the template's path.
    :param slots: the declared slot names.
    :param engine: the TALES engine; None for Five's trusted one.
    :param label: how the messages name the file; its path by default.
    :returns: the problems, each naming the layout, the file and the slot.
    """
    where = f"Layout {name!r}: the {attribute} {label or path}"
    missing = file_problem(path)
    if missing:
        return [f"{where} {missing}"]
    try:
        placed = referenced_slots(str(path))
    except UnicodeDecodeError as error:
        return [f"{where} {not_utf8(error)}"]
    except OSError as error:
        return [f"{where} cannot be read: {error.strerror}."]
    problems = [
        f"{where} does not place the declared slot {slot!r} (add slots/{slot})."
        for slot in slots
        if slot not in placed
    ]
    # "Lead" placed for a declared "lead": say what the typo is.
    declared = {slot.casefold(): slot for slot in slots}
    problems.extend(
        f"{where} places the slot {slot!r}, which the layout does not declare"
        + (
            f" (slot names are case-sensitive: it declares {declared[folded]!r})."
            if (folded := slot.casefold()) in declared
            else "."
        )
        for slot in sorted(placed - set(slots))
    )
    try:
        compiled = compile_template(path, engine)
    except Exception as error:
        return [*problems, f"{where} does not compile: {describe(error)}"]
    token = uuid.uuid4().hex
    markers = {slot: f"composite-slot-{token}-{slot}" for slot in placed | set(slots)}
    try:
        html = render_sample(compiled, markers)
    except Exception as error:
        return [
            *problems,
            f"{where} fails when rendered with sample slots and page: "
            f"{describe(error)}",
        ]
    problems.extend(
        f"{where} uses the slot {slot!r} but never writes its widgets out "
        f'(is its tal:content or tal:replace="structure slots/{slot}" missing, '
        f"or only inside a condition that is false when the slot is filled?)."
        for slot in slots
        if slot in placed and markers[slot] not in html
    )
    return problems


def file_problem(path: str | Path) -> str | None:
    """:returns: the end of a sentence saying why ``path`` is no file a
    directive can name (``does not exist.``), or None when it is a file."""
    if Path(path).is_dir():
        return "is a folder, not a file."
    if not Path(path).is_file():
        return "does not exist."
    return None


def not_utf8(error: UnicodeDecodeError) -> str:
    """:returns: the end of a sentence saying that a template is not UTF-8,
    and where the first byte that is not is."""
    byte = error.object[error.start : error.start + 1].hex()
    return (
        f"is not UTF-8 text (byte 0x{byte} at offset {error.start}); save it as UTF-8."
    )


class _StrictTemplate(ZtPageTemplate):
    """Zope's Chameleon template, but refusing any expression that does not
    compile when the template compiles (Zope defers them to their first use)."""

    strict = True


def compile_template(path: str | Path, engine=None) -> Program:
    """Compile a page template as Zope would, every expression included.

    :param path: the template's path.
    :param engine: the TALES engine; None for Five's trusted one.
    :returns: the compiled program, ready for :func:`render_sample` (which
        renders with the same engine).
    :raises Exception: Chameleon's error for bad TAL or a bad expression.
    """
    engine = engine or getEngine()
    template = _StrictTemplate(
        Path(path).read_text(encoding="utf-8"),
        filename=str(path),
        keep_body=True,
        expression_types={kind: MappedExprType(engine, kind) for kind in engine.types},
        encoding="utf-8",
        extra_builtins={"modules": SecureModuleImporter},
    )
    template.cook_check()
    return Program(template, engine)


def render_sample(program: Program, slots: dict[str, str]) -> str:
    """Render a compiled layout template with stand-ins for the page.

    :param program: a program from :func:`compile_template`.
    :param slots: the HTML of each slot.
    :returns: the rendered HTML.
    :raises Exception: whatever the template raises.
    """
    page = _StandIn()
    namespace = {
        "template": None,
        "options": {},
        "args": (),
        "nothing": None,
        "modules": SecureModuleImporter,
        "view": page,
        "context": page,
        "here": page,
        "container": page,
        "root": page,
        "user": page,
        "request": page,
        "slots": _SampleSlots(slots),
        "fuzzy": _SampleFuzzy(_SamplePage()),
    }
    return program(program.engine.getContext(namespace), {})


def describe(error: Exception) -> str:
    """:returns: Chameleon's or Python's message for ``error``, on one line,
    with the expression and the place in the file when Chameleon names them."""
    lines = [" ".join(line.split()) for line in str(error).splitlines()]
    lines = [line for line in lines if line]
    # Chameleon adds " - Name: value" lines after the message itself.
    first_detail = next(
        (index for index, line in enumerate(lines) if line.startswith("- ")),
        len(lines),
    )
    message = " ".join(lines[:first_detail])
    details = [
        line[2:]
        for line in lines[first_detail:]
        if line.startswith(("- Expression:", "- String:", "- Location:"))
    ]
    return "; ".join([f"{type(error).__name__}: {message}", *details])


@implementer(ITraversable, IUserPreferredLanguages)
class _StandIn:
    """Whatever a template asks of the page, view or request: every name,
    item and call gives another stand-in, true and empty, and text is blank."""

    # Restricted (theme) templates may use the stand-ins like the real objects.
    __allow_access_to_unprotected_subobjects__ = True

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return _StandIn()

    def __getitem__(self, key):
        return _StandIn()

    def __call__(self, *args, **kw):
        return _StandIn()

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        # True, so the branches a real page would show are rendered too.
        return True

    def __str__(self) -> str:
        return ""

    def traverse(self, name, furtherPath):
        return _StandIn()

    def getPreferredLanguages(self) -> list[str]:
        return []


class _SamplePage:
    """The page ``fuzzy`` greeks: a title and a description, no rich text."""

    __allow_access_to_unprotected_subobjects__ = True

    text = None

    def Title(self) -> str:
        return "A sample page"

    def Description(self) -> str:
        return "The page the layout checks render their templates for."


@implementer(ITraversable)
class _SampleSlots(dict):
    """The ``slots`` mapping, traversable without zope.traversing's adapters."""

    __allow_access_to_unprotected_subobjects__ = True

    def traverse(self, name, furtherPath):
        return DefaultTraversable(self).traverse(name, furtherPath)


@implementer(ITraversable)
class _SampleFuzzy(Fuzzy):
    """``fuzzy``, traversable without zope.traversing's adapters."""

    def traverse(self, name, furtherPath):
        return DefaultTraversable(self).traverse(name, furtherPath)
