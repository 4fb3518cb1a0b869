"""Layouts: named pairs of templates (real and design) with their ordered slots.

Layouts are registered with the ``composite:layout`` ZCML directive (see
``collective.composite.metaconfigure``) as named multi-adapters of (content,
request) providing ILayout, so a layout registered for a more specific browser
layer replaces the one of the same name while that layer is active. The
active Diazo theme's layouts (``layouts.theme_layouts``) join them in
:func:`get_layouts` and :func:`get_layout`.
"""

from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from collective.composite import _
from collective.composite.exceptions import UnknownLayout
from collective.composite.exceptions import UnknownSlot
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import ISlot
from collective.composite.layouts.fuzzy import Fuzzy
from dataclasses import dataclass
from pathlib import Path
from Products.CMFPlone.resources import add_bundle_on_request
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.component import getAdapters
from zope.component import getSiteManager
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import re


DESIGN_BUNDLE = "collective.composite.design"

# A slot is placed with the path expression ``slots/NAME`` (or, in Python
# expressions, ``slots['NAME']``); reading these statically lets start-up
# compare each template with the slots its ZCML declares.
_SLOT_PATH = re.compile(r"(?<![\w/.@$-])slots/([\w.-]+)")
_SLOT_ITEM = re.compile(r"(?<![\w.])slots\[\s*['\"]([^'\"]+)['\"]\s*\]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@implementer(ISlot)
@dataclass(frozen=True)
class Slot:
    """A named region of a layout.

    :param allowed: widget type names the slot accepts; None accepts every type.
    :param max: the most widgets the slot holds; None for no limit.
    """

    name: str
    title: str
    allowed: tuple[str, ...] | None = None
    max: int | None = None

    def accepts(self, type_name: str) -> bool:
        """:returns: whether widgets of type ``type_name`` may sit in the slot."""
        return self.allowed is None or type_name in self.allowed


class LayoutTemplate(ViewPageTemplateFile):
    """A layout's page template: ``slots`` and ``fuzzy`` are top-level names."""

    def pt_getContext(self, instance, request, **kw):
        namespace = super().pt_getContext(instance, request, **kw)
        options = namespace["options"]
        namespace["slots"] = options.pop("slots")
        namespace["fuzzy"] = options.pop("fuzzy")
        return namespace


@implementer(ILayout)
class Layout:
    """A registered layout; built once at start-up and shared by every request.

    :param template: absolute path of the real template.
    :param design_template: absolute path of the design template.
    :param slots: the layout's slots, in display order.
    :param for_: the content interface the layout is registered for.
    :param layer: the browser layer the layout is registered for.
    """

    #: The place of the layout's name among the registered layout names, given
    #: by :func:`rank_layout` when the layout is registered; None before.
    rank: int | None = None

    def __init__(
        self,
        name: str,
        title: str,
        template: str,
        design_template: str,
        slots: Sequence[Slot],
        description: str | None = None,
        preview: str | None = None,
        for_: type[Interface] = ICompositeEnabled,
        layer: type[Interface] = IDefaultBrowserLayer,
    ):
        self.name = name
        self.title = title
        self.description = description
        self.template = template
        self.design_template = design_template
        self.preview = preview
        self.slots = tuple(slots)
        self.for_ = for_
        self.layer = layer
        self._templates = {
            False: LayoutTemplate(template),
            True: LayoutTemplate(design_template),
        }

    def __repr__(self) -> str:
        return f"<Layout {self.name!r} for {self.layer.__identifier__}>"

    def __call__(self, *args, **kwargs):
        """Answer 404 when published: a layout is no page, but Zope's
        publisher finds it as one (a view is a named adapter of the page and
        the request, as a layout is) at ``{page}/{name}``, and would show its
        repr there, or in place of the page whose display view is set to its
        name.

        :raises NotFound: always.
        """
        raise NotFound(self.name)

    def slot(self, name: str) -> Slot | None:
        """:returns: the slot called ``name``, or None."""
        for slot in self.slots:
            if slot.name == name:
                return slot
        return None

    @property
    def templates(self) -> tuple[LayoutTemplate, LayoutTemplate]:
        """The real and the design page template (compiled at start-up)."""
        return self._templates[False], self._templates[True]


class LayoutFactory:
    """The adapter factory registered for a layout: every page shares it."""

    def __init__(self, layout: Layout):
        self.layout = layout

    def __call__(self, context, request) -> Layout:
        return self.layout


def referenced_slots(template: str) -> set[str]:
    """The slot names a template places, read from its source.

    :param template: path of a page template.
    :returns: the NAMEs of its ``slots/NAME`` and ``slots['NAME']`` expressions.
    :raises OSError: when the file cannot be read.
    """
    source = _COMMENT.sub("", Path(template).read_text(encoding="utf-8"))
    return set(_SLOT_PATH.findall(source)) | set(_SLOT_ITEM.findall(source))


def get_layouts(context, request) -> list[ILayout]:
    """The layouts available on a page.

    :param context: the content object; layouts registered ``for`` an interface
        it does not provide are left out.
    :param request: the request; for each name, the layout registered for its
        most specific browser layer wins.
    :returns: the layouts, in the order their names were first registered,
        then the active theme's (``layouts.theme_layouts``); a theme layout
        that overrides a registered one takes its place.
    """
    # Imported here: theme_layouts builds on this module.
    from collective.composite.layouts.theme_layouts import shadows
    from collective.composite.layouts.theme_layouts import theme_layouts

    found = dict(getAdapters((context, request), ILayout))
    # A layout registered by hand, not with the directive, has no rank: first.
    ranks = {name: getattr(layout, "rank", None) or 0 for name, layout in found.items()}
    after = max(ranks.values(), default=0) + 1
    for position, layout in enumerate(theme_layouts(context, request)):
        if shadows(layout, found.get(layout.name)):
            ranks.setdefault(layout.name, after + position)
            found[layout.name] = layout
    return sorted(found.values(), key=lambda layout: ranks[layout.name])


def get_layout(name: str, context, request) -> ILayout:
    """Look a layout up by name.

    :param name: the layout's registered name.
    :param context: the content object.
    :param request: the request (its browser layers select overrides).
    :returns: the layout.
    :raises UnknownLayout: when no layout of that name is available here.
    """
    # Imported here: theme_layouts builds on this module.
    from collective.composite.layouts.theme_layouts import shadows
    from collective.composite.layouts.theme_layouts import theme_layout

    layout = queryMultiAdapter((context, request), ILayout, name=name)
    themed = theme_layout(name, context, request)
    if themed is not None and shadows(themed, layout):
        layout = themed
    if layout is None:
        raise UnknownLayout(
            _("There is no layout named '${name}' here.", mapping={"name": name}),
            field="layout",
        )
    return layout


def render_layout(
    layout: ILayout, view, slots: Mapping[str, str], design: bool = False
) -> str:
    """Render a layout's real or design template.

    The template sees the usual ``view``, ``context`` and ``request`` plus
    ``slots`` (slot name to HTML, every slot of the layout present, an empty
    string when not given or blank) and ``fuzzy`` (a
    :class:`collective.composite.layouts.fuzzy.Fuzzy` for the view's context). With
    ``design``, the design CSS bundle is enabled on the request, so render
    before the page's head is rendered to get it.

    :param layout: the layout.
    :param view: the browser view the template is rendered for.
    :param slots: the already rendered HTML of each slot.
    :param design: render the design template instead of the real one.
    :returns: the rendered HTML.
    :raises UnknownSlot: when ``slots`` names a slot the layout lacks.
    """
    declared = {slot.name for slot in layout.slots}
    unknown = sorted(set(slots) - declared)
    if unknown:
        raise UnknownSlot(
            _(
                "The layout '${layout}' has no slot '${slot}'.",
                mapping={"layout": layout.name, "slot": unknown[0]},
            ),
            field=f"slots.{unknown[0]}",
        )
    if design:
        add_bundle_on_request(view.request, DESIGN_BUNDLE)
    return layout._templates[design](
        view,
        # Whitespace-only HTML counts as empty, so templates can test a slot.
        slots={name: (slots.get(name) or "").strip() for name in declared},
        fuzzy=Fuzzy(view.context),
    )


def rank_layout(layout: Layout) -> None:
    """Rank a layout the directive has just registered among the layout names.

    A new name comes after every name registered before; a layer's override
    takes the rank of the layout it replaces, so it keeps that place. The rank
    is kept on the layout, in the component registry with its registration:
    nothing global outlives a test's stacked registry or zope.testing's cleanup.

    :param layout: the layout just registered.
    """
    ranks: dict[str, int] = {}
    for registry in _with_bases(getSiteManager()):
        for registration in registry.registeredAdapters():
            factory = registration.factory
            if (
                registration.provided is ILayout
                and isinstance(factory, LayoutFactory)
                and factory.layout.rank is not None
            ):
                ranks.setdefault(factory.layout.name, factory.layout.rank)
    layout.rank = ranks.get(layout.name, max(ranks.values(), default=-1) + 1)


def _with_bases(registry) -> Iterator:
    """:returns: ``registry`` and the registries it falls back on, each once."""
    seen = set()
    pending = [registry]
    while pending:
        current = pending.pop(0)
        if id(current) not in seen:
            seen.add(id(current))
            yield current
            pending.extend(current.__bases__)
