"""The ``listing`` widget: results of a Collection or of a stored query."""

from collective.composite import _
from collective.composite.exceptions import InvalidSettings
from collective.composite.layouts.fuzzy import Fuzzy
from collective.composite.widgets.card_words import card_words
from collective.composite.widgets.listingmarkup import listing_markup
from collective.composite.widgets.listingquery import catalog_query
from collective.composite.widgets.listingquery import search
from collective.composite.widgets.markup import shown_text
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.uid import is_uid
from DateTime import DateTime
from DateTime.interfaces import DateTimeError
from functools import cached_property
from pathlib import Path
from plone.app.contenttypes.behaviors.collection import ICollection
from plone.app.z3cform.widgets.querystring import QueryStringFieldWidget
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.base.i18nl10n import ulocalized_time
from plone.registry.interfaces import IRegistry
from plone.supermodel import model
from Products.CMFCore.utils import getToolByName
from zope import schema
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import re


QUERY_FIELD = "plone.app.querystring.field"
_DAYS = re.compile(r"-?[0-9]{1,6}")
# Titles a listing's design card shows: enough to recognise it, one cheap query.
CARD_LINES = 3
# The request's item URLs, by path (see :meth:`ListingRenderer.url`).
_URLS_KEY = "collective.composite.listing-urls"
# The real view's template, which :meth:`ListingRenderer.compose` reproduces.
TEMPLATE = str(Path(__file__).parent / "templates" / "listing.pt")

DISPLAYS = SimpleVocabulary(
    [
        SimpleTerm("titles", title=_("Titles")),
        SimpleTerm("summaries", title=_("Titles, descriptions and dates")),
        SimpleTerm("cards", title=_("Cards with lead images")),
    ]
)


class IListingWidget(model.Schema):
    """Settings of a ``listing`` widget: a collection, or else a query."""

    title = schema.TextLine(title=_("Heading"), required=False)

    directives.widget(
        "collection",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"maximumSelectionSize": 1, "selectableTypes": ["Collection"]},
    )
    collection = schema.TextLine(
        title=_("Collection"),
        description=_("List the results of this collection, or define a query."),
        required=False,
        constraint=is_uid,
    )

    directives.widget("query", QueryStringFieldWidget)
    query = schema.List(
        title=_("Query"),
        description=_("Used when no collection is chosen."),
        value_type=schema.Dict(value_type=schema.Field(), key_type=schema.TextLine()),
        required=False,
    )

    sort_on = schema.TextLine(title=_("Sort on"), required=False)

    sort_reversed = schema.Bool(title=_("Reversed order"), default=False)

    limit = schema.Int(title=_("Number of items"), min=1, max=100, default=5)

    display = schema.Choice(
        title=_("Display"), vocabulary=DISPLAYS, default="summaries"
    )


def _check_criterion(criterion, catalog) -> None:
    """A querystring criterion: ``i`` (index) and ``o`` (operation), optional
    ``v``, with an index and operation the site's query builder offers, and
    the value the operation reads."""
    if not (
        isinstance(criterion.get("i"), str)
        and isinstance(criterion.get("o"), str)
        and set(criterion) <= {"i", "o", "v"}
    ):
        raise InvalidSettings(
            _(
                "Each criterion of a listing's query is an object with the keys "
                '"i" (index), "o" (operation) and optionally "v" (value).'
            ),
            field="query",
        )
    registry = getUtility(IRegistry)
    operations = registry.get(f"{QUERY_FIELD}.{criterion['i']}.operations")
    if operations is None:
        raise InvalidSettings(
            _(
                "The query builder has no criterion '${index}'.",
                mapping={"index": criterion["i"]},
            ),
            field="query",
        )
    if criterion["o"] not in operations:
        raise InvalidSettings(
            _(
                "The criterion '${index}' has no operation '${operation}'; use one "
                "of: ${operations}.",
                mapping={
                    "index": criterion["i"],
                    "operation": criterion["o"],
                    "operations": ", ".join(operations),
                },
            ),
            field="query",
        )
    widget = registry.get(f"{criterion['o']}.widget")
    # A full-text index (SearchableText, Title...) parses its query as text.
    index = catalog._catalog.indexes.get(criterion["i"])
    # A path operation's value is a path or a UID, which its function splits.
    text_only = (
        getattr(index, "meta_type", "") == "ZCTextIndex" or widget in _PATH_WIDGETS
    )
    value = criterion.get("v")
    # "Show inactive" looks each of the user's roles up in its value.
    if registry.get(f"{criterion['o']}.operation") == _SHOW_INACTIVE:
        text_only = not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
    if not _value_fits(widget, value, text_only):
        needed = _("a text as its value") if text_only else _VALUES.get(widget)
        raise InvalidSettings(
            _(
                "The criterion '${index}' with the operation '${operation}' needs "
                "${value}.",
                mapping={
                    "index": criterion["i"],
                    "operation": criterion["o"],
                    "value": needed or _("a text or a number as its value"),
                },
            ),
            field="query",
        )


# The value each kind of query builder widget (an operation's ``widget`` in the
# registry) gives, as plone.app.querystring's operations read it; an operation
# without a widget takes no value, the other widgets one text or number.
_VALUES = {
    "MultipleSelectionWidget": _("a text, a number or a list of them as its value"),
    "DateWidget": _("a date as its value"),
    "DateRangeWidget": _("a list of two dates as its value"),
    "RelativeDateWidget": _("a number of days as its value"),
}


# The query builder widgets of the path operations (absolute, navigation and
# relative path): plone.app.querystring reads their value as text, a number
# fails when the listing renders.
_PATH_WIDGETS = frozenset({"ReferenceWidget", "RelativePathWidget"})
_SHOW_INACTIVE = "plone.app.querystring.queryparser._showInactive"


def _value_fits(widget: str | None, value, text_only: bool = False) -> bool:
    """:returns: whether ``value`` is what an operation with ``widget`` reads;
    ``text_only`` for an index whose value must be text."""
    if not widget:
        return True
    if text_only:
        return isinstance(value, str)
    if widget == "MultipleSelectionWidget":
        values = value if isinstance(value, list) else [value]
        return all(_is_plain(v) for v in values)
    if widget == "DateWidget":
        # The catalog's date index reads it with DateTime when the listing
        # renders: a text it cannot read would fail there, every time.
        return _is_date(value)
    if widget == "DateRangeWidget":
        # Either end may be left empty (the operation then leaves it open).
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(v == "" or _is_date(v) for v in value)
        )
    if widget == "RelativeDateWidget":
        # A number of days the operation adds to today's date (and DateTime
        # can still count), as a number or as text.
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return isinstance(value, str) and bool(_DAYS.fullmatch(value.strip()))
    return _is_plain(value)


def _is_date(value) -> bool:
    """:returns: whether ``value`` is a text DateTime reads as a date."""
    if not isinstance(value, str):
        return False
    try:
        DateTime(value)
    except (DateTimeError, ValueError, OverflowError):
        return False
    return True


def _words(text: str) -> str:
    """:returns: ``text`` as a screen reader tells it from another: its
    words, whatever their case and the spaces between them."""
    return " ".join(text.split()).casefold()


def _is_plain(value) -> bool:
    """:returns: whether ``value`` is a text or a number (not a boolean)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


class ListingRenderer(WidgetRenderer):
    """Runs the collection's or the widget's query (one query per listing).

    In the real view, the listing is composed in Python (:meth:`compose`) to
    the markup of its shipped template, ``listing.pt``: a page template call
    and its expressions cost several times the listing's remembered search.
    So is its design card (:meth:`compose_design`, ``listing_card.pt``). A
    listing type registered again with another template renders that one.
    """

    composes = TEMPLATE
    composes_design = str(Path(__file__).parent / "templates" / "listing_card.pt")

    @classmethod
    def normalize(cls, settings: dict, context) -> dict:
        if not settings.get("collection") and not settings.get("query"):
            raise InvalidSettings(
                _("A listing needs a collection or a query."), field="collection"
            )
        catalog = getToolByName(context, "portal_catalog")
        for criterion in settings.get("query") or ():
            _check_criterion(criterion, catalog)
        sort_on = settings.get("sort_on")
        if sort_on and sort_on not in catalog.indexes():
            raise InvalidSettings(
                _(
                    "Cannot sort on '${index}': the catalog has no such index.",
                    mapping={"index": sort_on},
                ),
                field="sort_on",
            )
        return settings

    @classmethod
    def references(cls, settings) -> list[str]:
        return [settings.get("collection")]

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return settings.get("title") or ""

    @property
    def display(self) -> str:
        return self.settings.get("display", "summaries")

    @property
    def collection(self):
        """The collection's brain, or None for a listing of its own query."""
        uid = self.settings.get("collection")
        return self.items.brain(uid) if uid else None

    def url(self, brain) -> str:
        """The item's URL, as ``brain.getURL()`` makes it, made once per
        request (the brain acquires the request for each, and quotes each
        step of the path; listings of a page often show the same items).

        :param brain: a catalog brain.
        """
        urls = self._urls
        if urls is None:
            return brain.getURL()
        path = brain.getPath()
        url = urls.get(path)
        if url is None:
            url = urls[path] = self.request.physicalPathToURL(path)
        return url

    @cached_property
    def _urls(self) -> dict[str, str] | None:
        """The request's item URLs by path; None for a request that does
        not make URLs of paths (not Zope's), or keeps nothing."""
        if not hasattr(self.request, "physicalPathToURL"):
            return None
        annotations = IAnnotations(self.request, None)
        return (
            annotations.setdefault(_URLS_KEY, {}) if annotations is not None else None
        )

    def more_label(self, collection) -> str:
        """The accessible name of the listing's "More…" link, translated:
        "More: <the listing's heading> (<the collection's title>)", without
        the collection's title when the heading already says it; "More: <the
        collection's title>" for a listing without a heading (the
        collection's id for one without a title either).

        A page often holds several listings; a screen reader's list of links
        would otherwise read "More…, More…" (WCAG 2.4.4), and two listings of
        one heading (two "News" of different sections) would give links of one
        name to different places: the collection's title, where the link goes,
        tells them apart. The name starts with the visible word, so speech
        input ("click More") finds the link (WCAG 2.5.3).

        :param collection: the collection's brain, which the link goes to
            (already at hand: no lookup is made).
        :returns: the translated name.
        """
        title = collection.Title
        named = title if isinstance(title, str) and title.strip() else ""
        named = named or collection.getId
        heading = self.settings.get("title")
        if not (isinstance(heading, str) and heading.strip()):
            message = _("More: ${listing}", mapping={"listing": named})
        elif _words(heading) == _words(named):
            message = _("More: ${listing}", mapping={"listing": heading})
        else:
            message = _(
                "More: ${listing} (${collection})",
                mapping={"listing": heading, "collection": named},
            )
        return translate(message, context=self.request)

    def date(self, brain) -> str:
        """The item's date, localized as Plone's listings show it."""
        return ulocalized_time(
            brain.Date,
            context=self.context,
            domain="plonelocales",
            request=self.request,
        )

    def first_lines(self, count: int = CARD_LINES) -> list[dict]:
        """The lines of the design card: the titles of the first results (one
        catalog query, at most ``count`` results), then fuzzy bars for the
        lines no result fills, as many lines as the listing shows, at most
        ``count``.

        :returns: dicts with ``title`` (a result's title, or "") and ``fuzzy``
            (the bars standing for an unknown title, or "").
        """
        lines = min(self.settings.get("limit", 5), count)
        titles = [brain.Title or brain.getId for brain in self.results(lines)]
        fuzzy = Fuzzy(self.context)
        return [{"title": title, "fuzzy": ""} for title in titles] + [
            {"title": "", "fuzzy": fuzzy.line(key=(self.widget.id, index))}
            for index in range(len(titles), lines)
        ]

    def results(self, limit: int | None = None) -> list:
        """:param limit: the most results wanted; the widget's ``limit`` when None.
        :returns: catalog brains, at most ``limit`` of them."""
        if limit is None:
            limit = self.settings.get("limit", 5)
        sort_on = self.settings.get("sort_on") or None
        collection = self.collection
        if collection is not None:
            item = self.items.object(collection.UID)
            collection = ICollection(item)
            query = catalog_query(
                self.items.catalog,
                item,
                collection.query,
                sort_on=sort_on or collection.sort_on,
                sort_order="reverse" if collection.sort_reversed else "ascending",
                limit=limit,
            )
        else:
            query = catalog_query(
                self.items.catalog,
                self.context,
                self.settings.get("query") or [],
                sort_on=sort_on,
                sort_order="reverse" if self.settings.get("sort_reversed") else None,
                limit=limit,
            )
        if query is None:
            return []
        return search(self.items.catalog, self.request, query)[:limit]

    def compose(self) -> str | None:
        """The listing's HTML, the markup ``listing.pt`` makes (whitespace
        between tags aside), without a page template call (see
        :func:`~collective.composite.widgets.listingmarkup.listing_markup`).

        :returns: the HTML, or None for settings the template shows in its
            own way (a heading that is not text, an unknown display).
        """
        return listing_markup(self)

    def compose_design(self) -> str | None:
        """The markup of ``templates/listing_card.pt``: the heading and the
        first lines (see :meth:`first_lines`)."""
        heading = self.settings.get("title")
        lines = "".join(
            f"<li>{shown_text(line['title'])}</li>"
            if line["title"]
            else f'<li aria-hidden="true">{line["fuzzy"]}</li>'
            for line in self.first_lines()
        )
        return card_words(self.request).card(
            self.widget_type,
            (
                f'<strong class="composite-card__title">{shown_text(heading)}</strong>'
                if heading
                else ""
            )
            + f'<ul class="composite-card__items">{lines}</ul>',
        )
