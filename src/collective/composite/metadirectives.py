"""Schemas of the ``composite`` ZCML directives (see meta.zcml)."""

from zope.configuration.fields import Bool
from zope.configuration.fields import GlobalInterface
from zope.configuration.fields import GlobalObject
from zope.configuration.fields import MessageID
from zope.configuration.fields import Path
from zope.configuration.fields import Tokens
from zope.interface import Interface
from zope.schema import ASCIILine
from zope.schema import Int
from zope.schema import TextLine
from zope.security.zcml import Permission


class ILayoutDirective(Interface):
    """``<composite:layout>``: a named pair of templates with its slots."""

    # Names are TextLine, not ASCIILine: the handlers' own check refuses
    # non-ASCII names with the rule names follow, zope.schema's with
    # "Invalid value" alone.
    name = TextLine(
        title="Name",
        description=(
            "Stored in arrangements; a layer may re-register the same name, "
            'and override="true" replaces it for the same layer.'
        ),
        required=True,
    )
    title = MessageID(title="Title", required=True)
    description = MessageID(title="Description", required=False)
    template = Path(
        title="Real template",
        description="The page template visitors see, a fragment of the content area.",
        required=True,
    )
    design_template = Path(
        title="Design template",
        description="The simplified whole-page template shown in design mode.",
        required=True,
    )
    preview = Path(title="Preview image", required=False)
    for_ = GlobalInterface(
        title="Content interface",
        description="Defaults to collective.composite.interfaces.ICompositeEnabled.",
        required=False,
    )
    layer = GlobalInterface(
        title="Browser layer",
        description=(
            "Defaults to IDefaultBrowserLayer, so any theme or add-on layer "
            "overrides the layouts registered without one."
        ),
        required=False,
    )
    override = Bool(
        title="Override",
        description=(
            "Replace the layout registered under the same name for the same "
            "content interface and layer, whichever package's ZCML is read "
            "first. Without it, a second registration is refused."
        ),
        required=False,
        default=False,
    )


class ISlotSubdirective(Interface):
    """``<composite:slot>`` inside ``<composite:layout>``: one named region."""

    name = TextLine(title="Name", required=True)
    title = MessageID(title="Title", required=True)
    allowed = Tokens(
        title="Allowed widget types",
        description="Widget type names separated by spaces; all types when omitted.",
        value_type=TextLine(),
        required=False,
    )
    max = Int(title="Maximum number of widgets", required=False)


# Unknown attributes reach the handlers, whose errors name the layout (and the
# slot); zope.configuration's own error names neither.
ILayoutDirective.setTaggedValue("keyword_arguments", True)
ISlotSubdirective.setTaggedValue("keyword_arguments", True)


class IWidgetDirective(Interface):
    """``<composite:widget>``: a kind of widget that slots can hold."""

    name = TextLine(
        title="Name",
        description="Stored in arrangements as the widget's type.",
        required=True,
    )
    title = MessageID(title="Title", required=True)
    description = MessageID(title="Description", required=False)
    icon = ASCIILine(
        title="Icon",
        description="A name from Plone's icon set (the icon resolver).",
        required=False,
    )
    schema = GlobalInterface(
        title="Settings schema",
        description="An interface of JSON-compatible zope.schema fields.",
        required=True,
    )
    template = Path(title="Real template", required=True)
    design_template = Path(
        title="Design template",
        description="The card shown in design mode.",
        required=True,
    )
    permission = Permission(
        title="Add permission",
        description="Needed, besides the design permission, to add such a widget.",
        required=False,
    )
    class_ = GlobalObject(
        title="Renderer class",
        description="A subclass of collective.composite.widgets.renderer."
        "WidgetRenderer; the base class when omitted.",
        required=False,
    )


# As for layouts: the handler's error names the widget type.
IWidgetDirective.setTaggedValue("keyword_arguments", True)
