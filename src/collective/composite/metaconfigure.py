"""Handlers of the ``composite`` ZCML directives (see meta.zcml).

Each handler checks what it is given when the directive is read and registers
components through configuration actions, so the component registry holds all
the state: a test's stacked registry, or zope.testing's cleanup, removes it.
"""

from collections.abc import Iterable
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import IWidgetRenderer
from collective.composite.interfaces import IWidgetType
from collective.composite.layouts.checks import allowed_problems
from collective.composite.layouts.checks import compile_template
from collective.composite.layouts.checks import describe
from collective.composite.layouts.checks import file_problem
from collective.composite.layouts.checks import layout_pair_problems
from collective.composite.layouts.checks import pair_error
from collective.composite.layouts.checks import slot_problems
from collective.composite.layouts.checks import widget_name_problem
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.registry import rank_layout
from collective.composite.layouts.registry import Slot
from collective.composite.metadirectives import ILayoutDirective
from collective.composite.metadirectives import ISlotSubdirective
from collective.composite.metadirectives import IWidgetDirective
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.types import check_schema
from collective.composite.widgets.types import untitled_fields
from collective.composite.widgets.types import WidgetType
from zope.component import getUtilitiesFor
from zope.component.zcml import handler
from zope.configuration.config import GroupingContextDecorator
from zope.configuration.exceptions import ConfigurationError
from zope.pagetemplate.pagetemplatefile import PageTemplateFile
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema import getFieldsInOrder

import logging


logger = logging.getLogger("collective.composite")


# Page templates compile with the engine utility registered by
# Products.PageTemplates' own ZCML, so compiling waits for the registrations;
# so does the check of the slots' allowed widget types, which waits for every
# package's widget types.
COMPILE_ORDER = 1
# Layouts registered with override="true" replace the plain registration of
# their name whichever is read first.
OVERRIDE_ORDER = 1


class LayoutDirective:
    """``<composite:layout>``: checks the template pair, registers the layout.

    Everything the files can tell is checked when the directive is read (see
    :func:`collective.composite.layouts.checks.pair_problems`), so a layout
    whose templates disagree with its ZCML stops the start-up with a message
    naming the layout, the file and each slot at fault; the slots' ``allowed``
    types are checked once every widget type is registered.
    """

    def __init__(
        self,
        _context,
        name,
        title,
        template,
        design_template,
        description=None,
        preview=None,
        for_=None,
        layer=None,
        override=False,
        **unknown,
    ):
        if unknown:
            raise ConfigurationError(
                f"Layout {name!r} has the unknown attribute(s) "
                f"{', '.join(sorted(unknown))}; a <composite:layout> takes "
                f"{', '.join(_attributes(ILayoutDirective))}."
            )
        self._context = _context
        self.name = name
        self.title = title
        self.description = description
        self.template = template
        self.design_template = design_template
        self.preview = preview
        self.for_ = for_ or ICompositeEnabled
        self.layer = layer or IDefaultBrowserLayer
        # Swapped, both are interfaces all the same: the layout would be
        # registered and silently never offered.
        if self.for_.isOrExtends(IBrowserRequest) or self.layer.isOrExtends(
            ICompositeEnabled
        ):
            raise ConfigurationError(
                f"Layout {name!r}: for={self.for_.__identifier__} is a browser "
                f"layer or layer={self.layer.__identifier__} is a content "
                f"interface; are for and layer swapped? for names what the "
                f"pages provide, layer what the requests provide."
            )
        self.override = override
        self.slots: list[Slot] = []

    def slot(self, _context, name, title, allowed=None, max=None, **unknown):
        """``<composite:slot>``: one slot, in display order.

        :raises ConfigurationError: naming the layout and the slot, for an
            attribute the directive does not know, a slot declared twice or a
            maximum below 1.
        """
        if unknown:
            raise ConfigurationError(
                f"Layout {self.name!r}: the slot {name!r} has the unknown "
                f"attribute(s) {', '.join(sorted(unknown))}; a <composite:slot> "
                f"takes {', '.join(_attributes(ISlotSubdirective))}."
            )
        self.slots.append(
            Slot(
                name=name,
                title=title,
                allowed=tuple(allowed) if allowed is not None else None,
                max=max,
            )
        )
        problems = slot_problems(name=self.name, slots=self.slots)
        if problems:
            raise ConfigurationError(problems[0])

    def __call__(self):
        problems = layout_pair_problems(self)
        if problems:
            raise ConfigurationError(pair_error(self.name, problems))
        claim_layout_name(
            self._context, self.name, self.for_, self.layer, self.override
        )
        layout = Layout(
            name=self.name,
            title=self.title,
            description=self.description,
            template=self.template,
            design_template=self.design_template,
            preview=self.preview,
            slots=self.slots,
            for_=self.for_,
            layer=self.layer,
        )
        # An override registers after every plain registration, so it wins
        # whichever package's ZCML is read first.
        order = OVERRIDE_ORDER if self.override else 0
        self._context.action(
            discriminator=(
                "composite:layout",
                self.name,
                self.for_,
                self.layer,
                "override" if self.override else "",
            ),
            callable=handler,
            args=(
                "registerAdapter",
                LayoutFactory(layout),
                (self.for_, self.layer),
                ILayout,
                self.name,
                self._context.info,
            ),
            order=order,
        )
        # Right after the registration, so each layout is ranked against the
        # ones registered before it.
        self._context.action(
            discriminator=None, callable=rank_layout, args=(layout,), order=order
        )
        self._context.action(
            discriminator=None,
            callable=compile_layout,
            args=(layout,),
            order=COMPILE_ORDER,
        )
        self._context.action(
            discriminator=None,
            callable=check_allowed_types,
            args=(layout,),
            order=COMPILE_ORDER,
        )


def _attributes(schema) -> list[str]:
    """:returns: the ZCML attribute names of a directive's schema, in order
    (``for_`` is written ``for``)."""
    return [name.rstrip("_") for name, _field in getFieldsInOrder(schema)]


def claim_layout_name(context, name: str, for_, layer, override: bool) -> None:
    """Refuse a second plain (or a second overriding) registration of a layout
    name for the same content interface and layer.

    ZCML's own conflict resolution lets a file that includes another win
    silently, so whether a duplicate was refused would depend on the order the
    packages' ZCML is read in; every ``composite:layout`` read by one
    configuration machine is recorded on it instead, and the second refused
    whichever it is.

    :param context: the directive's configuration context.
    :raises ConfigurationError: naming both places and the way out.
    """
    machine = context
    while isinstance(machine, GroupingContextDecorator):
        machine = machine.context
    claims = machine.__dict__.setdefault("_composite_layout_claims", {})
    key = (name, for_, layer, override)
    info = getattr(context, "info", "")
    if key not in claims:
        claims[key] = info
        return
    if override:
        advice = 'Only one registration may say override="true".'
    else:
        advice = (
            "To replace a layout of the same name, content interface and "
            'layer, add override="true" to exactly one of them (an '
            "overrides.zcml does not replace a layout), or register yours for "
            "your own browser layer."
        )
    raise ConfigurationError(
        f"composite:layout {name!r} is registered twice for "
        f"{for_.__identifier__} and the layer {layer.__identifier__}: "
        f"first at {claims[key]}, again at {info}. {advice}"
    )


def compile_layout(layout: Layout) -> None:
    """Compile a layout's templates at start-up, refusing broken ones.

    :param layout: the layout just registered.
    :raises ConfigurationError: naming the file and the compiler's message.
    """
    _refuse_broken_templates(f"Layout {layout.name!r}", layout.templates)


def check_allowed_types(layout: Layout) -> None:
    """Refuse a layout whose slots allow a widget type nobody registered.

    Runs as an action after the registrations, so it sees the widget types of
    every package.

    :param layout: the layout just registered.
    :raises ConfigurationError: naming the layout, the slot and the known types.
    """
    names = [name for name, _type in getUtilitiesFor(IWidgetType)]
    problems = allowed_problems(
        name=layout.name, slots=layout.slots, widget_types=names
    )
    if problems:
        raise ConfigurationError("\n".join(problems))


def widget(
    _context,
    name,
    title,
    schema,
    template,
    design_template,
    description="",
    icon="",
    permission=None,
    class_=None,
    **unknown,
):
    """``<composite:widget>``: register a widget type as a named utility.

    :raises ConfigurationError: for a name other than letters, digits, '.',
        '_' or '-', an attribute the directive does not know, a template file
        that does not exist, a settings schema that is not made of
        JSON-compatible fields, or a class that is not a widget renderer.
    """
    bad_name = widget_name_problem(name)
    if bad_name:
        raise ConfigurationError(bad_name)
    if unknown:
        raise ConfigurationError(
            f"Widget type {name!r} has the unknown attribute(s) "
            f"{', '.join(sorted(unknown))}; a <composite:widget> takes "
            f"{', '.join(_attributes(IWidgetDirective))}."
        )
    for attribute, path in (
        ("template", template),
        ("design_template", design_template),
    ):
        missing = file_problem(path)
        if missing:
            raise ConfigurationError(
                f"Widget type {name!r}: the {attribute} {path} {missing}"
            )
        try:
            # Every expression, Python ones too: Zope compiles those only
            # when a page first shows the template.
            compile_template(path)
        except Exception as error:
            raise ConfigurationError(
                f"Widget type {name!r}: the {attribute} {path} does not "
                f"compile: {describe(error)}"
            ) from error
    try:
        check_schema(schema)
    except ValueError as error:
        raise ConfigurationError(
            f"Widget type {name!r}: bad settings schema: {error}."
        ) from error
    for field_name in untitled_fields(schema):
        # A warning, not an error: a site whose schema lacks a title keeps
        # starting after an upgrade, and the log says what to fix and where.
        logger.warning(
            "Widget type %r: the settings field %s.%s has no title, so the "
            "settings form shows it without a label; give it a title (%s)",
            name,
            schema.__identifier__,
            field_name,
            str(_context.info).strip(),
        )
    renderer = class_ or WidgetRenderer
    if not (isinstance(renderer, type) and IWidgetRenderer.implementedBy(renderer)):
        raise ConfigurationError(
            f"Widget type {name!r}: the class {renderer!r} does not implement "
            f"IWidgetRenderer (subclass collective.composite.widgets.renderer."
            f"WidgetRenderer)."
        )
    widget_type = WidgetType(
        name=name,
        title=title,
        description=description,
        icon=icon,
        schema=schema,
        template=template,
        design_template=design_template,
        renderer=renderer,
        permission_id=None if permission == "zope.Public" else permission,
    )
    _context.action(
        discriminator=("composite:widget", name),
        callable=handler,
        args=(
            "registerUtility",
            widget_type,
            IWidgetType,
            name,
            _context.info,
        ),
    )
    _context.action(
        discriminator=None,
        callable=compile_widget_type,
        args=(widget_type,),
        order=COMPILE_ORDER,
    )


def compile_widget_type(widget_type: WidgetType) -> None:
    """Compile a widget type's templates at start-up, refusing broken ones.

    :param widget_type: the widget type just registered.
    :raises ConfigurationError: naming the file and the compiler's message.
    """
    _refuse_broken_templates(f"Widget type {widget_type.name!r}", widget_type.templates)


def _refuse_broken_templates(owner: str, templates: Iterable[PageTemplateFile]) -> None:
    """Compile ``templates`` now rather than on the first request.

    :param owner: what the templates belong to, as the message names it.
    :raises ConfigurationError: naming each file that does not compile and the
        compiler's message.
    """
    errors = {}
    for template in templates:
        # Compile only: the macro expansion check renders, which needs a view.
        problems = template.pt_errors({}, check_macro_expansion=False)
        if problems:
            errors[template.filename] = problems
    if errors:
        raise ConfigurationError(
            f"{owner} has a template that does not compile:\n"
            + "\n".join(
                f"  - {filename}: {' '.join(problems)}"
                for filename, problems in errors.items()
            )
        )
