"""The base renderers of widget types: one widget's view for its templates.

Each type's ``class`` subclasses :class:`WidgetRenderer` (the shipped types do),
or :class:`ItemRenderer` for a widget showing one content item;
``widgets.rendering`` creates one per widget and page.

A renderer may also compose its real-view markup and its design card in
Python (see :meth:`WidgetRenderer.compose` and
:meth:`WidgetRenderer.compose_design`): a page template call costs about
20 µs and a few more for each expression, which is most of what a widget
costs.
"""

from collections.abc import Mapping
from collective.composite.interfaces import IWidgetRenderer
from collective.composite.widgets.pictures import picture_tag
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.interface import implementer


_ICON_TAGS = "collective.composite.icon-tags"


@implementer(IWidgetRenderer)
class WidgetRenderer:
    """Renders one widget with its type's templates (``view`` in TAL is this).

    :param widget_type: the IWidgetType.
    :param widget: the widget instance (``id``, ``type``, ``settings``, ``slot``).
    :param context: the composite-enabled content being rendered.
    :param request: the request.
    :param items: the page's item resolver (``brain(uid)``, ``object(uid)``), which
        looked up every referenced UID of the page in one catalog query.
    """

    # The setting (a UID) that an image uploaded in the settings form fills;
    # "" for no upload field in the form.
    upload_field: str = ""

    # The text setting whose empty value marks the widget decorative (an
    # image's ``alt``), which the settings form offers as a checkbox after
    # its field; "" for none.
    decorative_field: str = ""

    #: The real-view template (its path, as the type's ``template``) whose
    #: markup :meth:`compose` makes; "" for none. Only the class declaring it
    #: composes: a subclass that does not declare it again, or a type
    #: registered with another template, is rendered with its template.
    composes: str = ""

    #: The design template (its path, as the type's ``design_template``)
    #: whose card :meth:`compose_design` makes; "" for none. Only the class
    #: declaring it composes, as with :attr:`composes`.
    composes_design: str = ""

    def __init__(self, widget_type, widget, context, request, items):
        self.widget_type = widget_type
        self.widget = widget
        self.context = context
        self.request = request
        self.items = items

    @classmethod
    def normalize(cls, settings: dict, context) -> dict:
        """Per-type normalisation after schema validation; none by default."""
        return settings

    @classmethod
    def references(cls, settings: Mapping) -> list[str]:
        """UIDs the settings refer to; none by default."""
        return []

    @classmethod
    def links(cls, settings: Mapping) -> list[str]:
        """The URLs of the links and embedded media in the markup the settings
        hold (``href``, ``src``...), for Plone's link integrity; none by
        default. The items of :meth:`references` need not be repeated.

        :param settings: the widget's stored settings.
        :returns: URLs as the markup has them (``../resolveuid/<uid>``, paths,
            absolute URLs).
        """
        return []

    @classmethod
    def searchable_text(cls, settings: Mapping, context) -> str:
        """Words the widget shows, for the page's SearchableText; none by default."""
        return ""

    @classmethod
    def settings_for_readers(cls, settings: Mapping, context) -> Mapping:
        """The settings as the JSON of the page shows them to people who may
        view it but not design it; as stored by default."""
        return settings

    @property
    def settings(self) -> Mapping:
        return self.widget.settings

    def render(self) -> str:
        """:returns: the widget's HTML for visitors: composed when the type
        is registered with this very class and the template it composes,
        else its template rendered."""
        if self._declares("composes", self.widget_type.template):
            html = self.compose()
            if html is not None:
                return html
        return self.widget_type.render(self)

    def compose(self) -> str | None:
        """The widget's real-view HTML made without its template: the markup
        of the template named by :attr:`composes` (same elements,
        attributes, text and escaping; the whitespace between tags may
        differ). It raises what the template would raise, and rendering
        shows the same error card.

        :returns: the HTML, "" when the template shows nothing; None to
            render the template instead (for what it does not handle).
        """
        return None

    def render_design(self) -> str:
        """:returns: the widget's card for design mode: composed when the
        type is registered with this very class and the design template it
        composes, else its design template rendered."""
        if self._declares("composes_design", self.widget_type.design_template):
            html = self.compose_design()
            if html is not None:
                return html
        return self.widget_type.render(self, design=True)

    def compose_design(self) -> str | None:
        """The widget's design card made without its template: the markup of
        the design template named by :attr:`composes_design`, as
        :meth:`compose` makes the real view's.

        :returns: the HTML; None to render the design template instead.
        """
        return None

    def _declares(self, attribute: str, template: str) -> bool:
        """:returns: whether this very class (not a base class) declares, in
        ``attribute``, that it composes ``template``."""
        composes = type(self).__dict__.get(attribute)
        return bool(composes) and composes == template

    def icon_tag(self, name: str = "") -> str:
        """An icon of Plone's icon set, by default the widget type's own.

        :returns: an ``<img>`` or inline ``<svg>`` tag, "" without an icon.
        """
        name = name or self.widget_type.icon
        if not name:
            return ""
        # Design mode shows one icon per card, a handful of names in all, and
        # the resolver reads and parses the icon each time: once per request.
        tags = IAnnotations(self.request).setdefault(_ICON_TAGS, {})
        if name not in tags:
            resolver = getMultiAdapter(
                (self.context, self.request), name="iconresolver"
            )
            tags[name] = resolver.tag(name, tag_alt="")
        return tags[name]

    def image_tag(
        self, brain, scale: str, alt: str | None = None, css_class: str = ""
    ) -> str:
        """A responsive ``<picture>`` of a catalogued item's ``image`` field at
        a named scale, as the image widget shows its image (see
        :func:`~collective.composite.widgets.pictures.picture_tag`): a
        ``srcset`` of the item's scales, lazy loading, built from the
        catalog's metadata alone.

        :param brain: a catalog brain.
        :param scale: a scale name (``preview``, ``large``...).
        :param alt: the alternative text; the item's title when None.
        :param css_class: the ``<img>``'s ``class``.
        :returns: the tag, or "" when the item has no image.
        """
        return picture_tag(
            brain,
            scale,
            self.request,
            alt=brain.Title if alt is None else alt,
            css_class=css_class,
        )


class ItemRenderer(WidgetRenderer):
    """Renders a widget showing one content item, the UID of its ``uid`` setting."""

    @classmethod
    def references(cls, settings: Mapping) -> list[str]:
        return [settings.get("uid")]

    @property
    def brain(self):
        """The catalog brain of the item (the page's items are looked up before
        rendering, and a widget whose item does not resolve is not rendered)."""
        return self.items.brain(self.settings["uid"])
