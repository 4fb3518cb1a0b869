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
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.registry import rank_layout
from collective.composite.layouts.registry import referenced_slots
from collective.composite.layouts.registry import Slot
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.types import check_schema
from collective.composite.widgets.types import WidgetType
from pathlib import Path
from zope.component.zcml import handler
from zope.configuration.exceptions import ConfigurationError
from zope.pagetemplate.pagetemplatefile import PageTemplateFile
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


# Page templates compile with the engine utility registered by
# Products.PageTemplates' own ZCML, so compiling waits for the registrations.
COMPILE_ORDER = 1


class LayoutDirective:
    """``<composite:layout>``: checks the template pair, registers the layout.

    Everything is checked when the directive is read, so a layout whose
    templates disagree with its ZCML stops the start-up with a message naming
    the layout, the file and each slot at fault.
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
    ):
        self._context = _context
        self.name = name
        self.title = title
        self.description = description
        self.template = template
        self.design_template = design_template
        self.preview = preview
        self.for_ = for_ or ICompositeEnabled
        self.layer = layer or IDefaultBrowserLayer
        self.slots: list[Slot] = []

    def slot(self, _context, name, title, allowed=None, max=None):
        """``<composite:slot>``: one slot, in display order."""
        if any(slot.name == name for slot in self.slots):
            raise ConfigurationError(
                f"Layout {self.name!r} declares the slot {name!r} twice."
            )
        if max is not None and max < 1:
            raise ConfigurationError(
                f"Layout {self.name!r}: the slot {name!r} has max={max}; "
                f"it must be at least 1, or left out for no limit."
            )
        self.slots.append(
            Slot(
                name=name,
                title=title,
                allowed=tuple(allowed) if allowed is not None else None,
                max=max,
            )
        )

    def __call__(self):
        problems = self._problems()
        if problems:
            raise ConfigurationError(
                f"Layout {self.name!r} is not a valid template pair:\n"
                + "\n".join(f"  - {problem}" for problem in problems)
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
        self._context.action(
            discriminator=("composite:layout", self.name, self.for_, self.layer),
            callable=handler,
            args=(
                "registerAdapter",
                LayoutFactory(layout),
                (self.for_, self.layer),
                ILayout,
                self.name,
                self._context.info,
            ),
        )
        # Right after the registration, so each layout is ranked against the
        # ones registered before it.
        self._context.action(discriminator=None, callable=rank_layout, args=(layout,))
        self._context.action(
            discriminator=None,
            callable=compile_layout,
            args=(layout,),
            order=COMPILE_ORDER,
        )

    def _problems(self) -> list[str]:
        if not self.slots:
            return ["it declares no slot; add at least one <composite:slot>."]
        problems = []
        declared = [slot.name for slot in self.slots]
        for attribute, path in (
            ("template", self.template),
            ("design_template", self.design_template),
        ):
            if not Path(path).is_file():
                problems.append(f"the {attribute} {path} does not exist.")
                continue
            placed = referenced_slots(path)
            problems.extend(
                f"the {attribute} {path} does not place the declared slot "
                f"{name!r} (add slots/{name})."
                for name in declared
                if name not in placed
            )
            problems.extend(
                f"the {attribute} {path} places the slot {name!r}, "
                f"which the ZCML does not declare."
                for name in sorted(placed - set(declared))
            )
        if self.preview and not Path(self.preview).is_file():
            problems.append(f"the preview {self.preview} does not exist.")
        return problems


def compile_layout(layout: Layout) -> None:
    """Compile a layout's templates at start-up, refusing broken ones.

    :param layout: the layout just registered.
    :raises ConfigurationError: naming the file and the compiler's message.
    """
    _refuse_broken_templates(f"Layout {layout.name!r}", layout.templates)


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
):
    """``<composite:widget>``: register a widget type as a named utility.

    :raises ConfigurationError: for a template file that does not exist, a
        settings schema that is not made of JSON-compatible fields, or a class
        that is not a widget renderer.
    """
    for attribute, path in (
        ("template", template),
        ("design_template", design_template),
    ):
        if not Path(path).is_file():
            raise ConfigurationError(
                f"Widget type {name!r}: the {attribute} {path} does not exist."
            )
    try:
        check_schema(schema)
    except ValueError as error:
        raise ConfigurationError(
            f"Widget type {name!r}: bad settings schema: {error}."
        ) from error
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
