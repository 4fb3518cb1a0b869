"""The ``@@composite-controlpanel`` form and its plone.restapi counterpart."""

from collective.composite import _
from collective.composite import form_fields
from collective.composite.controlpanel.bounds import form_message
from collective.composite.controlpanel.deserializer import ICompositeControlpanel
from collective.composite.interfaces import ICompositeLayer
from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.error import ComputedErrorViewMessage
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall


# The configlet of profiles/default/controlpanel.xml.
CONFIGLET_ID = "collective.composite"
CONFIGLET_CATEGORY = "Products"


class CompositeSettingsForm(RegistryEditForm):
    """Edit the registry records of :class:`ICompositeSettings`, named
    ``collective.composite.<field>`` as release 1002 named them."""

    schema = ICompositeSettings
    schema_prefix = SETTINGS_PREFIX
    label = _("Composite pages")
    description = _("Settings of composite pages and their design mode.")

    def updateFields(self) -> None:
        """Offer the types as a list of checkboxes (one label each) rather than
        a multiple select."""
        super().updateFields()
        self.fields["composite_types"].widgetFactory = CheckBoxFieldWidget

    def updateWidgets(self, prefix: str | None = None) -> None:
        """Refuse, before they are read, fields holding what their widget
        never sends (a record, a number sent twice)."""
        form_fields.check_no_records(self)
        super().updateWidgets(prefix)
        form_fields.check_widget_values(self)


CompositeSettingsView = layout.wrap_form(CompositeSettingsForm, ControlPanelFormWrapper)

# The form's error under a number out of its range gives the bound.
TooSmallMessage = ComputedErrorViewMessage(
    form_message, error=TooSmall, form=CompositeSettingsForm
)
TooBigMessage = ComputedErrorViewMessage(
    form_message, error=TooBig, form=CompositeSettingsForm
)


@adapter(Interface, ICompositeLayer)
@implementer(ICompositeControlpanel)
class CompositeControlpanel(RegistryConfigletPanel):
    """``@controlpanels/composite``: the same records through plone.restapi."""

    schema = ICompositeSettings
    schema_prefix = SETTINGS_PREFIX
    configlet_id = CONFIGLET_ID
    configlet_category_id = CONFIGLET_CATEGORY
