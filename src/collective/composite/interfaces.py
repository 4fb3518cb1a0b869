"""Public contracts of collective.composite.

The core (layouts, widget types, the arrangement API and its storage) is described
here; views and services translate HTTP into calls on it.
"""

from collective.composite import _
from zope.interface import Attribute
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema import ASCIILine
from zope.schema import Int
from zope.schema import Text
from zope.schema import TextLine
from zope.schema import Tuple


DESIGN_PERMISSION = "collective.composite: Design composite pages"


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


class IArrangementModifiedEvent(IObjectEvent):
    """The arrangement of ``object`` was saved through the arrangement API."""

    old_version = ASCIILine(title=_("Version before the change"))
    new_version = ASCIILine(title=_("Version after the change"))
