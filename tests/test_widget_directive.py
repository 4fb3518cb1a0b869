"""The ``composite:widget`` directive: registration and start-up errors."""

from collective.composite.interfaces import IWidgetType
from collective.composite.widgets.renderer import WidgetRenderer
from zcml_fixtures import zcml
from zope import schema
from zope.component import getUtility
from zope.configuration import xmlconfig
from zope.configuration.exceptions import ConfigurationError
from zope.interface import Interface

import pytest


class ISampleSettings(Interface):
    heading = schema.TextLine(title="Heading")


class IObjectSettings(Interface):
    when = schema.Datetime(title="When")


class IUntitledSettings(Interface):
    heading = schema.TextLine(title="Heading")
    note = schema.TextLine()


class IMethodSettings(Interface):
    heading = schema.TextLine(title="Heading")

    def compute():
        """Not a setting."""


class SampleRenderer(WidgetRenderer):
    """A renderer subclass, as integrators write them."""


class NotARenderer:
    """Does not implement IWidgetRenderer."""


WIDGET = """
  <composite:widget
      name="{name}"
      title="Sample"
      schema="{schema}"
      template="{real}"
      design_template="{design}"
      {attributes}
      />
"""

HERE = __name__


@pytest.fixture
def templates(tmp_path):
    real = tmp_path / "real.pt"
    design = tmp_path / "card.pt"
    real.write_text('<p tal:content="view/settings/heading">heading</p>')
    design.write_text('<div class="card" tal:content="view/widget/id">id</div>')
    return str(real), str(design)


def configure(machine, real, design, schema=f"{HERE}.ISampleSettings", **kw):
    attributes = " ".join(f'{key}="{value}"' for key, value in kw.items())
    widget = WIDGET.format(
        name=kw.pop("name", "sample"),
        schema=schema,
        real=real,
        design=design,
        attributes=attributes,
    )
    xmlconfig.string(zcml(widget), context=machine, execute=True)


class TestRegistration:
    def test_registers_a_named_utility(self, machine, templates, registry):
        configure(machine, *templates)
        widget_type = getUtility(IWidgetType, name="sample")
        assert (widget_type.name, widget_type.schema) == ("sample", ISampleSettings)

    def test_keeps_the_template_paths(self, machine, templates, registry):
        configure(machine, *templates)
        widget_type = getUtility(IWidgetType, name="sample")
        assert (widget_type.template, widget_type.design_template) == templates

    def test_renderer_defaults_to_the_base_class(self, machine, templates, registry):
        configure(machine, *templates)
        assert getUtility(IWidgetType, name="sample").renderer is WidgetRenderer

    def test_class_sets_the_renderer(self, machine, templates, registry):
        configure(machine, *templates, **{"class": f"{HERE}.SampleRenderer"})
        assert getUtility(IWidgetType, name="sample").renderer is SampleRenderer

    def test_no_permission_means_none(self, machine, templates, registry):
        configure(machine, *templates)
        assert getUtility(IWidgetType, name="sample").permission is None

    def test_public_permission_means_none(self, machine, templates, registry):
        configure(machine, *templates, permission="zope.Public")
        assert getUtility(IWidgetType, name="sample").permission is None

    def test_icon_and_description(self, machine, templates, registry):
        configure(machine, *templates, icon="star", description="Shiny")
        widget_type = getUtility(IWidgetType, name="sample")
        assert (widget_type.icon, widget_type.description) == ("star", "Shiny")

    def test_same_name_twice_conflicts(self, machine, templates, registry):
        widget = WIDGET.format(
            name="sample",
            schema=f"{HERE}.ISampleSettings",
            real=templates[0],
            design=templates[1],
            attributes="",
        )
        with pytest.raises(ConfigurationError, match="composite:widget"):
            xmlconfig.string(zcml(widget * 2), context=machine, execute=True)


class TestStartUpErrors:
    def test_missing_template_names_the_file(self, machine, templates, tmp_path):
        missing = str(tmp_path / "nope.pt")
        with pytest.raises(ConfigurationError, match=r"template .*nope\.pt"):
            configure(machine, missing, templates[1])

    def test_missing_design_template_names_the_attribute(
        self, machine, templates, tmp_path
    ):
        missing = str(tmp_path / "gone.pt")
        with pytest.raises(ConfigurationError, match=r"design_template .*gone\.pt"):
            configure(machine, templates[0], missing)

    def test_schema_that_is_not_an_interface(self, machine, templates):
        with pytest.raises(ConfigurationError):
            configure(machine, *templates, schema=f"{HERE}.SampleRenderer")

    def test_schema_with_a_non_json_field_names_it(self, machine, templates):
        with pytest.raises(ConfigurationError, match=r"IObjectSettings\.when"):
            configure(machine, *templates, schema=f"{HERE}.IObjectSettings")

    def test_schema_with_a_method_names_it(self, machine, templates):
        with pytest.raises(ConfigurationError, match=r"IMethodSettings\.compute"):
            configure(machine, *templates, schema=f"{HERE}.IMethodSettings")

    def test_schema_with_a_field_without_title_is_registered_with_a_warning(
        self, machine, templates, registry, caplog
    ):
        configure(machine, *templates, schema=f"{HERE}.IUntitledSettings")
        assert getUtility(IWidgetType, name="sample").schema is IUntitledSettings
        (warning,) = [r for r in caplog.records if "has no title" in r.getMessage()]
        assert warning.levelname == "WARNING"
        assert "Widget type 'sample'" in warning.getMessage()
        assert "IUntitledSettings.note" in warning.getMessage()
        assert "<string>" in warning.getMessage()  # where it is registered

    def test_class_that_is_not_a_renderer(self, machine, templates):
        with pytest.raises(ConfigurationError, match="IWidgetRenderer"):
            configure(machine, *templates, **{"class": f"{HERE}.NotARenderer"})

    def test_unknown_permission(self, machine, templates, registry):
        with pytest.raises(ConfigurationError, match="no.such.Permission"):
            configure(machine, *templates, permission="no.such.Permission")

    def test_template_that_does_not_compile(self, machine, templates, registry):
        real, design = templates
        with open(real, "w") as broken:
            broken.write('<p tal:bogus="x">x</p>')
        with pytest.raises(ConfigurationError, match="does not compile"):
            configure(machine, real, design)


@pytest.mark.parametrize(
    "name", ["my quote", "quote/big", "", "-quote", "quote:big", "citação"]
)
def test_a_name_outside_the_layout_name_rule_is_refused(machine, templates, name):
    widget = WIDGET.format(
        name=name,
        schema=f"{HERE}.ISampleSettings",
        real=templates[0],
        design=templates[1],
        attributes="",
    )
    with pytest.raises(ConfigurationError) as refused:
        xmlconfig.string(zcml(widget), context=machine, execute=True)
    assert f"Widget type {name!r}: a widget type's name must be letters" in str(
        refused.value
    )
