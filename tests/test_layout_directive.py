"""The ``composite:layout`` directive: its handler and every start-up error."""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.layouts.registry import rank_layout
from collective.composite.metaconfigure import check_allowed_types
from collective.composite.metaconfigure import compile_layout
from collective.composite.metaconfigure import LayoutDirective
from zcml_fixtures import layout_directive
from zcml_fixtures import zcml
from zope.component import getGlobalSiteManager
from zope.configuration import xmlconfig
from zope.configuration.exceptions import ConfigurationError
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import pytest


REAL = '<div><div tal:replace="structure slots/main" />{extra}</div>'
DESIGN = (
    '<div><div tal:replace="structure fuzzy/title" />'
    '<div tal:replace="structure slots/main" />{extra}</div>'
)


class IThemeLayer(IDefaultBrowserLayer):
    """A layer a theme would register its layouts for."""


class FakeContext:
    """Records actions as a zope.configuration context would."""

    info = "fake.zcml, line 1"

    def __init__(self):
        self.actions = []

    def action(self, discriminator, callable=None, args=(), kw=None, order=0):
        self.actions.append(
            {
                "discriminator": discriminator,
                "callable": callable,
                "args": args,
                "order": order,
            }
        )


@pytest.fixture
def templates(tmp_path):
    """Writes a real and a design template; ``extra`` markup goes in each."""

    def write(real_extra="", design_extra=""):
        real = tmp_path / "real.pt"
        design = tmp_path / "design.pt"
        real.write_text(REAL.format(extra=real_extra))
        design.write_text(DESIGN.format(extra=design_extra))
        return str(real), str(design)

    return write


def directive(real, design, **kw):
    context = FakeContext()
    handler = LayoutDirective(
        context,
        name="sample",
        title="Sample",
        template=real,
        design_template=design,
        **kw,
    )
    return context, handler


class TestHandler:
    def test_registers_a_named_adapter_for_content_and_layer(self, templates):
        context, handler = directive(*templates())
        handler.slot(context, name="main", title="Main")
        handler()
        action = context.actions[0]
        _method, factory, required, provided, name, _info = action["args"]
        assert (required, provided, name) == (
            (ICompositeEnabled, IDefaultBrowserLayer),
            ILayout,
            "sample",
        )
        assert factory(object(), object()).slot("main").title == "Main"

    def test_discriminator_names_the_layout_content_and_layer(self, templates):
        context, handler = directive(*templates(), for_=Interface, layer=IThemeLayer)
        handler.slot(context, name="main", title="Main")
        handler()
        assert context.actions[0]["discriminator"] == (
            "composite:layout",
            "sample",
            Interface,
            IThemeLayer,
            "",
        )

    def test_compiles_the_templates_in_a_later_action(self, templates):
        context, handler = directive(*templates())
        handler.slot(context, name="main", title="Main")
        handler()
        assert [action["callable"] for action in context.actions[1:]] == [
            rank_layout,
            compile_layout,
            check_allowed_types,
        ]
        assert context.actions[2]["order"] > 0
        assert context.actions[3]["order"] > 0

    def test_slots_keep_their_declared_order_and_constraints(self, templates):
        context, handler = directive(*templates("<i tal:replace='slots/aside' />"))
        handler.slot(context, name="main", title="Main", allowed=["text"], max=2)
        handler.slot(context, name="aside", title="Aside")
        layout = handler.slots
        assert [(s.name, s.allowed, s.max) for s in layout] == [
            ("main", ("text",), 2),
            ("aside", None, None),
        ]

    def test_slot_accepts_only_allowed_types(self, templates):
        context, handler = directive(*templates())
        handler.slot(context, name="main", title="Main", allowed=["text"])
        assert handler.slots[0].accepts("text")
        assert not handler.slots[0].accepts("html")

    def test_missing_slot_names_layout_file_and_slot(self, templates):
        real, design = templates()
        context, handler = directive(real, design)
        handler.slot(context, name="main", title="Main")
        handler.slot(context, name="sidebar", title="Sidebar")
        with pytest.raises(ConfigurationError) as raised:
            handler()
        message = str(raised.value)
        assert "'sample'" in message
        assert f"template {real} does not place the declared slot 'sidebar'" in message
        assert f"{design} does not place the declared slot 'sidebar'" in message
        assert context.actions == []


def configure(
    machine,
    real,
    design,
    slots='<composite:slot name="main" title="M" />',
    attributes="",
    name="sample",
    copies=1,
    execute=False,
):
    layout = layout_directive(real, design, slots, attributes, name)
    xmlconfig.string(zcml(layout * copies), context=machine, execute=execute)


def registered_layouts() -> dict[tuple, ILayout]:
    """The layouts in the global registry, by ``(name, content, layer)``, each
    as its factory makes it (the factory ignores context and request)."""
    return {
        (registration.name, *registration.required): registration.factory(
            object(), object()
        )
        for registration in getGlobalSiteManager().registeredAdapters()
        if registration.provided is ILayout
    }


class TestStartUpErrors:
    def test_a_valid_pair_configures(self, machine, templates, registry):
        configure(machine, *templates(), execute=True)
        layouts = registered_layouts()
        assert list(layouts) == [("sample", ICompositeEnabled, IDefaultBrowserLayer)]
        [layout] = layouts.values()
        assert [(slot.name, slot.title) for slot in layout.slots] == [("main", "M")]

    def test_undeclared_slot_in_template_names_it(self, machine, templates):
        real, design = templates(real_extra='<i tal:replace="structure slots/extra"/>')
        with pytest.raises(ConfigurationError) as raised:
            configure(machine, real, design)
        message = str(raised.value)
        assert f"template {real} places the slot 'extra'" in message
        assert "does not declare" in message

    def test_a_slot_placed_in_another_case_names_the_declared_one(
        self, machine, templates
    ):
        real, design = templates(real_extra='<i tal:replace="structure slots/Aside"/>')
        slots = (
            '<composite:slot name="main" title="M" />'
            '<composite:slot name="aside" title="A" />'
        )
        with pytest.raises(ConfigurationError) as raised:
            configure(machine, real, design, slots=slots)
        assert (
            f"template {real} places the slot 'Aside', which the layout does not "
            "declare (slot names are case-sensitive: it declares 'aside')."
        ) in str(raised.value)

    def test_python_expression_slot_counts_as_placed(self, machine, templates):
        real, design = templates(real_extra="<i tal:replace=\"python: slots['x']\"/>")
        with pytest.raises(ConfigurationError, match="places the slot 'x'"):
            configure(machine, real, design)

    def test_slot_missing_from_design_template_names_the_file(self, machine, templates):
        real, design = templates(real_extra='<i tal:replace="structure slots/aside"/>')
        slots = (
            '<composite:slot name="main" title="M" />'
            '<composite:slot name="aside" title="A" />'
        )
        with pytest.raises(ConfigurationError) as raised:
            configure(machine, real, design, slots=slots)
        message = str(raised.value)
        assert (
            f"design_template {design} does not place the declared slot 'aside'"
            in message
        )
        assert f"template {real} does not" not in message

    def test_slot_in_a_comment_does_not_count(self, machine, templates):
        real, design = templates(
            design_extra="<!-- slots/aside -->",
            real_extra='<i tal:replace="structure slots/aside"/>',
        )
        slots = (
            '<composite:slot name="main" title="M" />'
            '<composite:slot name="aside" title="A" />'
        )
        with pytest.raises(ConfigurationError, match="declared slot 'aside'"):
            configure(machine, real, design, slots=slots)

    def test_missing_template_file(self, machine, templates, tmp_path):
        _real, design = templates()
        missing = tmp_path / "nowhere.pt"
        with pytest.raises(
            ConfigurationError, match=f"template {missing} does not exist"
        ):
            configure(machine, str(missing), design)

    def test_missing_design_template_file(self, machine, templates, tmp_path):
        real, _design = templates()
        missing = tmp_path / "nowhere.pt"
        with pytest.raises(
            ConfigurationError, match=f"design_template {missing} does not exist"
        ):
            configure(machine, real, str(missing))

    def test_missing_preview_file(self, machine, templates):
        with pytest.raises(
            ConfigurationError, match="preview .*nope.svg does not exist"
        ):
            configure(machine, *templates(), attributes='preview="nope.svg"')

    def test_layout_without_slots(self, machine, templates):
        with pytest.raises(ConfigurationError, match="declares no slot"):
            configure(machine, *templates(), slots="")

    def test_max_zero(self, machine, templates):
        slots = '<composite:slot name="main" title="M" max="0" />'
        with pytest.raises(ConfigurationError, match="'main' has max=0"):
            configure(machine, *templates(), slots=slots)

    def test_max_not_a_number(self, machine, templates):
        slots = '<composite:slot name="main" title="M" max="many" />'
        with pytest.raises(ConfigurationError, match="max"):
            configure(machine, *templates(), slots=slots)

    def test_duplicate_slot(self, machine, templates):
        slots = '<composite:slot name="main" title="M" />' * 2
        with pytest.raises(ConfigurationError, match="declares the slot 'main' twice"):
            configure(machine, *templates(), slots=slots)

    def test_unknown_layout_attribute(self, machine, templates):
        with pytest.raises(ConfigurationError, match="colour"):
            configure(machine, *templates(), attributes='colour="blue"')

    def test_unknown_slot_attribute(self, machine, templates):
        slots = '<composite:slot name="main" title="M" minimum="1" />'
        with pytest.raises(ConfigurationError, match="minimum"):
            configure(machine, *templates(), slots=slots)

    def test_missing_required_attribute(self, machine, templates):
        real, _design = templates()
        config = zcml(
            f'<composite:layout name="x" title="X" template="{real}">'
            '<composite:slot name="main" title="M" /></composite:layout>'
        )
        with pytest.raises(ConfigurationError, match="design_template"):
            xmlconfig.string(config, context=machine, execute=False)

    def test_unknown_layer(self, machine, templates):
        with pytest.raises(ConfigurationError, match="(?s)Invalid value.*no.such"):
            configure(machine, *templates(), attributes='layer="no.such.Layer"')

    def test_same_name_and_layer_twice_conflicts(self, machine, templates, registry):
        with pytest.raises(ConfigurationError, match="composite:layout"):
            configure(machine, *templates(), copies=2, execute=True)

    def test_same_name_for_another_layer_does_not_conflict(
        self, machine, templates, registry
    ):
        real, design = templates()
        configure(machine, real, design)
        configure(
            machine,
            real,
            design,
            attributes=f'layer="{IThemeLayer.__module__}.IThemeLayer"',
            execute=True,
        )
        assert set(registered_layouts()) == {
            ("sample", ICompositeEnabled, IDefaultBrowserLayer),
            ("sample", ICompositeEnabled, IThemeLayer),
        }

    def test_template_that_does_not_compile(self, machine, templates, registry):
        real, design = templates(real_extra='<i tal:bogus="x" />')
        with pytest.raises(ConfigurationError) as raised:
            configure(machine, real, design, execute=True)
        assert "'sample'" in str(raised.value)
        assert real in str(raised.value)
