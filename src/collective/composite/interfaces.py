"""Public contracts of collective.composite.

The core (layouts, widget types, the arrangement API and its storage) is described
here; views and services translate HTTP into calls on it.
"""

from collective.composite import _
from zope.component.hooks import getSite
from zope.interface import Attribute
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema import ASCIILine
from zope.schema import Bool
from zope.schema import Choice
from zope.schema import Int
from zope.schema import List
from zope.schema import Text
from zope.schema import TextLine
from zope.schema import Tuple
from zope.schema import ValidationError


DESIGN_PERMISSION = "collective.composite: Design composite pages"
SETTINGS_PREFIX = "collective.composite"
COMPOSITE_PAGE_TYPE = "Composite Page"
# The largest number a setting takes: the largest integer JavaScript (Volto,
# the editor) keeps exactly, as the JSON reader's; past it the form showed,
# and saved back, another number.
MAX_SETTING_NUMBER = 2**53 - 1
# The smallest limit of request bodies a site may set (64 KiB). Design mode's
# own requests must fit: taking over the design lock (19 bytes), a widget's
# settings dialog and a save of a page of a few dozen widgets (a few KiB of
# JSON; the demo's front page, eight widgets, is 1.5 KiB). A smaller limit
# refused them all, and no save could succeed; a stored one reads as this
# floor (docs/integrators.md, "Why the payload limit has a floor").
MIN_PAYLOAD_BYTES = 64 * 1024
# The most revisions a page's history keeps. The history is for undoing recent
# changes to the arrangement (content versions keep older states): listing it,
# showing or restoring its oldest revision (undoing every newer one) and
# cutting it back all read the kept chain, one record a revision; a thousand
# (under 1 KB each) keep those reads and a page of @composite-history small.
# A stored larger value reads as this (docs/history.md, "How many revisions").
MAX_HISTORY_RETENTION = 1000
# The Dexterity types of the site (the site root's included), by id.
COMPOSABLE_TYPES_VOCABULARY = "collective.composite.ComposableTypes"


class ICompositeLayer(IDefaultBrowserLayer):
    """Browser layer, active on sites where the add-on is installed."""


class ICompositeEnabled(Interface):
    """Marker: content whose page is composed from widgets (see the behavior)."""


class ISlot(Interface):
    """A named region of a layout."""

    name = ASCIILine(title=_("Name"))
    title = TextLine(title=_("Title"))
    allowed = Tuple(
        title=_("Allowed widget types"),
        description=_("Widget type names; None allows every type."),
        value_type=ASCIILine(),
        required=False,
    )
    max = Int(
        title=_("Maximum number of widgets"),
        description=_("None means no limit."),
        required=False,
        min=1,
    )


class ILayout(Interface):
    """A named pair of templates (real and design) with its ordered slots.

    Registered with the ``composite:layout`` ZCML directive as a named
    multi-adapter of (context, request), so a browser layer can override it.
    """

    name = ASCIILine(title=_("Name"))
    title = TextLine(title=_("Title"))
    description = Text(title=_("Description"), required=False)
    template = ASCIILine(title=_("Real template (absolute path)"))
    design_template = ASCIILine(title=_("Design template (absolute path)"))
    preview = ASCIILine(title=_("Preview image (absolute path)"), required=False)
    slots = Attribute("Tuple of ISlot, in the order the ZCML declares them.")

    def slot(name):
        """:returns: the ISlot called ``name``, or None."""


class IWidgetType(Interface):
    """A kind of widget; registered with the ``composite:widget`` ZCML directive
    as a named utility."""

    name = ASCIILine(title=_("Name"))
    title = TextLine(title=_("Title"))
    description = Text(title=_("Description"), required=False)
    icon = ASCIILine(title=_("Icon name"), required=False)
    schema = Attribute("zope.interface schema of the widget's settings.")
    template = ASCIILine(title=_("Real template (absolute path)"))
    design_template = ASCIILine(title=_("Design card template (absolute path)"))
    permission = ASCIILine(
        title=_("Permission needed to add a widget of this type"), required=False
    )
    renderer = Attribute("Renderer class, see IWidgetRenderer.")

    def clean(settings, context):
        """Validate and normalise a widget's settings.

        Checks the settings against ``schema`` (unknown setting, missing required
        setting, wrong type, failed constraint), then lets the renderer class
        normalise them (e.g. rich text through Plone's HTML filter).

        :param settings: a mapping of setting name to value, as JSON gives it.
        :param context: the composite-enabled content the widget sits on.
        :returns: a new plain dict of JSON-compatible values.
        :raises collective.composite.exceptions.InvalidSettings: naming the setting.
        """

    def references(settings):
        """:returns: the UIDs of the content items ``settings`` refer to."""


class IWidgetRenderer(Interface):
    """Renders one widget instance for one request (real view or design card).

    The class is given as ``class`` to the ``composite:widget`` directive; it is
    instantiated per widget and render, never stored.
    """

    widget_type = Attribute("The IWidgetType.")
    widget = Attribute("The widget instance (id, type, settings, slot).")
    settings = Attribute("The widget's settings, a mapping.")
    context = Attribute("The composite-enabled content being rendered.")
    request = Attribute("The request.")

    def normalize(settings, context):
        """Per-type normalisation after schema validation (called on the class).

        :returns: a dict of JSON-compatible values.
        :raises collective.composite.exceptions.InvalidSettings: naming the setting.
        """

    def references(settings):
        """UIDs of the content the settings refer to (called on the class).

        They are resolved for the whole page in one catalog query.
        """

    def searchable_text(settings, context):
        """Words the widget shows, for the page's SearchableText (called on the
        class); the titles and descriptions of referenced items are added
        apart. The words must depend on the settings alone (and site-wide
        configuration): a save reindexes the page only when they change."""

    def settings_for_readers(settings, context):
        """The settings as the page's JSON (``GET @composite``, its export)
        shows them to people who may view the page but not design it (called
        on the class): markup filtered as the real view filters it, say.
        Designers get them as stored, to change and send back."""

    def render():
        """:returns: the widget's HTML for visitors."""

    def render_design():
        """:returns: the widget's card HTML for design mode."""


class IArrangementModifiedEvent(IObjectEvent):
    """The arrangement of ``object`` was saved through the arrangement API."""

    old_version = ASCIILine(title=_("Version before the change"))
    new_version = ASCIILine(title=_("Version after the change"))


class IShownItemModifiedEvent(IObjectEvent):
    """Items that widgets of ``object`` (a composite page) show were edited,
    moved, renamed, deleted or went through a workflow transition.

    Notified once per page and transaction, when the transaction commits, with
    the catalog already holding the items as they are then.
    """

    uids = Attribute("The UIDs of the changed items the page shows, a frozenset.")


class CompositePageStaysComposite(ValidationError):
    __doc__ = _("Composite Page is always composite: keep it in the list.")


def keeps_composite_page(value) -> bool:
    """The constraint of ``composite_types``: the Composite Page type stays
    composite (while the site has it).

    :param value: the list of type ids about to be stored.
    :returns: True.
    :raises CompositePageStaysComposite: when the list leaves it out.
    """
    types_tool = getattr(getSite(), "portal_types", None)
    if types_tool is not None and COMPOSITE_PAGE_TYPE not in types_tool.objectIds():
        return True
    if COMPOSITE_PAGE_TYPE not in value:
        raise CompositePageStaysComposite(value)
    return True


class ICompositeSettings(Interface):
    """The add-on's site settings: registry records named ``SETTINGS_PREFIX``
    and the field's name (``collective.composite.history_retention``), edited
    in Site Setup (``@@composite-controlpanel``) and through
    ``@controlpanels/composite``."""

    max_payload_bytes = Int(
        title=_("Largest request body of the @composite service, in bytes"),
        description=_(
            "Larger bodies are refused with 413 by every service that takes "
            "JSON, design mode's saves included. At least 64 KiB: design "
            "mode's own requests need that much."
        ),
        min=MIN_PAYLOAD_BYTES,
        max=MAX_SETTING_NUMBER,
        default=1048576,
    )
    history_retention = Int(
        title=_("Revisions of an arrangement kept in its history"),
        description=_(
            "Older revisions are dropped when a save records a new one. At "
            "most 1000: the history is for undoing recent changes, the page's "
            "content versions keep older ones."
        ),
        min=1,
        max=MAX_HISTORY_RETENTION,
        default=50,
    )
    image_upload_folder = TextLine(
        title=_("Folder for images uploaded in design mode"),
        description=_(
            "The path of a folder from the site root, such as /images. "
            "Empty: the folder of the page being designed."
        ),
        required=False,
        default="",
    )
    composite_types = List(
        title=_("Types that may be composite"),
        description=_(
            "Items of these types can be designed in design mode and shown "
            "with the Composite page view (in their Display menu). Composite "
            "Page always is. An item of a type taken out of the list keeps its "
            "arrangement and shows its type's usual view until the type is "
            "ticked again."
        ),
        value_type=Choice(vocabulary=COMPOSABLE_TYPES_VOCABULARY),
        constraint=keeps_composite_page,
        default=[COMPOSITE_PAGE_TYPE, "Plone Site"],
    )
    lock_refuses_saves = Bool(
        title=_("The design lock refuses other users' saves"),
        description=_(
            "Ticked: while someone designs a page, nobody else can save its "
            "arrangement until they take the lock over. Not ticked: another "
            "user's save is accepted, and the designer's editor shows it as a "
            "change made meanwhile, to merge, when they save."
        ),
        required=False,
        default=True,
    )
