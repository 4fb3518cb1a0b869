"""The start-up checks that close the holes of issue 13: each broken layout is
refused when the ZCML is read, with a message naming the layout, the slot and
the file; the same checks run on files alone (``layouts.checks``)."""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.layouts.checks import pair_problems
from collective.composite.layouts.registry import Slot
from pathlib import Path
from zcml_fixtures import layout_directive
from zcml_fixtures import zcml
from zope.component import getGlobalSiteManager
from zope.configuration import xmlconfig
from zope.configuration.exceptions import ConfigurationError
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import collective.composite
import pytest
import re


SHIPPED = Path(collective.composite.__file__).parent / "layouts" / "templates"

REAL = '<div><div tal:replace="structure slots/main" />{extra}</div>'
DESIGN = '<div><div tal:replace="structure slots/main" />{extra}</div>'

MAIN_ONLY = '<composite:slot name="main" title="M" />'
MAIN_AND_ASIDE = (
    '<composite:slot name="main" title="M" /><composite:slot name="aside" title="A" />'
)

WIDGET = """
  <composite:widget
      name="{name}"
      title="A widget"
      schema="zope.interface.Interface"
      template="{template}"
      design_template="{template}"
      />
"""


@pytest.fixture
def write(tmp_path):
    """Writes a template into the test's directory; returns its path."""

    def write(filename: str, text: str) -> str:
        path = tmp_path / filename
        path.write_text(text)
        return str(path)

    return write


@pytest.fixture
def pair(write):
    """Writes a real and a design template; ``extra`` markup goes in each."""

    def pair(real_extra="", design_extra=""):
        return (
            write("real.pt", REAL.format(extra=real_extra)),
            write("design.pt", DESIGN.format(extra=design_extra)),
        )

    return pair


def layout_zcml(real, design, slots=MAIN_AND_ASIDE, attributes="", name="sample"):
    return layout_directive(real, design, slots, attributes, name)


def refused(machine, body: str, execute: bool = False) -> str:
    """:returns: the message of the error that configuring ``body`` raises."""
    with pytest.raises(ConfigurationError) as raised:
        xmlconfig.string(zcml(body), context=machine, execute=execute)
    return str(raised.value)


def registered(name: str = "sample"):
    """:returns: the layout registered under ``name`` for the default layer."""
    return getGlobalSiteManager().adapters.lookup(
        (ICompositeEnabled, IDefaultBrowserLayer), ILayout, name
    )(object(), object())


class TestSlotNeverWrittenOut:
    """Hole 1: a slot that a template mentions but never writes out."""

    def test_slot_only_in_a_condition_is_refused(self, machine, pair):
        real, design = pair(
            real_extra='<div tal:condition="slots/aside" class="aside"></div>',
            design_extra='<i tal:replace="structure slots/aside" />',
        )
        message = refused(machine, layout_zcml(real, design))
        assert "'sample'" in message
        assert f"template {real} uses the slot 'aside'" in message
        assert "never writes its widgets out" in message
        assert design not in message

    def test_slot_only_in_a_definition_is_refused(self, machine, pair):
        real, design = pair(
            real_extra='<i tal:replace="structure slots/aside" />',
            design_extra='<div tal:define="aside slots/aside"></div>',
        )
        message = refused(machine, layout_zcml(real, design))
        assert f"design_template {design} uses the slot 'aside'" in message

    def test_slot_written_inside_its_own_condition_passes(self, machine, pair):
        """The shipped two-column pattern: the sidebar only when it has widgets."""
        aside = (
            '<aside tal:define="aside slots/aside" tal:condition="aside" '
            'tal:content="structure aside"></aside>'
        )
        real, design = pair(real_extra=aside, design_extra=aside)
        xmlconfig.string(
            zcml(layout_zcml(real, design)), context=machine, execute=False
        )

    def test_slot_written_through_interpolation_passes(self, machine, pair):
        real, design = pair(
            real_extra="<div>${structure: slots/aside}</div>",
            design_extra='<i tal:replace="structure slots/aside" />',
        )
        xmlconfig.string(
            zcml(layout_zcml(real, design)), context=machine, execute=False
        )


class TestExpressionsCompile:
    """Hole 2: every expression compiles at start-up, Python ones included."""

    def test_python_syntax_error_in_the_design_template(self, machine, pair):
        real, design = pair(design_extra='<b tal:condition="python: 1 +* 2">x</b>')
        message = refused(machine, layout_zcml(real, design, slots=MAIN_ONLY))
        assert "'sample'" in message
        assert f"design_template {design} does not compile" in message
        assert "1 +* 2" in message

    def test_python_syntax_error_in_an_interpolation(self, machine, pair):
        real, design = pair(real_extra="<b>${python: [}</b>")
        message = refused(machine, layout_zcml(real, design, slots=MAIN_ONLY))
        assert f"template {real} does not compile" in message

    def test_a_template_failing_with_sample_content_is_refused(self, machine, pair):
        real, design = pair(real_extra='<b tal:content="python: 1 / 0">x</b>')
        message = refused(machine, layout_zcml(real, design, slots=MAIN_ONLY))
        assert f"template {real} fails when rendered" in message
        assert "ZeroDivisionError" in message

    def test_page_view_and_request_have_stand_ins(self, machine, pair):
        real, design = pair(
            real_extra=(
                '<h1 tal:content="context/Title">t</h1>'
                '<a tal:attributes="href python: context.absolute_url()">x</a>'
                "<p tal:condition=\"python: request.get('x')\">"
                "${view/some_method}</p>"
            )
        )
        xmlconfig.string(
            zcml(layout_zcml(real, design, slots=MAIN_ONLY)),
            context=machine,
            execute=False,
        )


class TestOverride:
    """Hole 3: re-registering a name for the same layer is explicit and does
    not depend on which ZCML is read first."""

    def test_two_plain_registrations_conflict(self, machine, pair):
        real, design = pair()
        body = layout_zcml(real, design, slots=MAIN_ONLY) * 2
        message = refused(machine, body)
        assert "composite:layout 'sample' is registered twice" in message
        assert 'override="true"' in message

    def test_an_including_file_does_not_win_silently(self, machine, pair, write):
        """ZCML's conflict resolution would let the including file win."""
        real, design = pair()
        included = write(
            "shipped.zcml", zcml(layout_zcml(real, design, slots=MAIN_ONLY))
        )
        body = f'<include file="{included}" />' + layout_zcml(
            real, design, slots=MAIN_ONLY
        )
        assert "registered twice" in refused(machine, body)

    @pytest.mark.parametrize("override_first", [True, False])
    def test_the_override_wins_in_either_order(
        self, machine, pair, write, registry, override_first
    ):
        real, design = pair()
        other = write("other.pt", REAL.format(extra=""))
        plain = layout_zcml(real, design, slots=MAIN_ONLY)
        override = layout_zcml(
            other, design, slots=MAIN_ONLY, attributes='override="true"'
        )
        body = override + plain if override_first else plain + override
        xmlconfig.string(zcml(body), context=machine, execute=True)
        assert registered().template == other

    def test_two_overrides_conflict(self, machine, pair):
        real, design = pair()
        body = layout_zcml(real, design, slots=MAIN_ONLY, attributes='override="true"')
        message = refused(machine, body * 2)
        assert "Only one registration may say override" in message


class TestAllowedWidgetTypes:
    """Hole 4: ``allowed`` may name only registered widget types."""

    def test_unknown_type_is_refused_naming_the_known_ones(
        self, machine, pair, write, registry
    ):
        real, design = pair()
        widget = WIDGET.format(name="text", template=write("w.pt", "<p>w</p>"))
        slots = '<composite:slot name="main" title="M" allowed="text txt" />'
        message = refused(
            machine, layout_zcml(real, design, slots=slots) + widget, execute=True
        )
        assert (
            "Layout 'sample': the slot 'main' allows the widget type 'txt'" in message
        )
        assert re.search(r"known types: [^)]*\btext\b", message)

    def test_types_registered_after_the_layout_are_known(
        self, machine, pair, write, registry
    ):
        real, design = pair()
        widget = WIDGET.format(name="text", template=write("w.pt", "<p>w</p>"))
        slots = '<composite:slot name="main" title="M" allowed="text" />'
        body = layout_zcml(real, design, slots=slots) + widget
        xmlconfig.string(zcml(body), context=machine, execute=True)
        assert registered().slot("main").allowed == ("text",)


class TestNits:
    """Hole 5: the start-up messages name what they are about."""

    def test_unknown_slot_attribute_names_the_slot_and_the_layout(self, machine, pair):
        real, design = pair()
        slots = '<composite:slot name="main" title="M" maximum="2" />'
        message = refused(machine, layout_zcml(real, design, slots=slots))
        assert "Layout 'sample': the slot 'main'" in message
        assert "unknown attribute(s) maximum" in message
        assert "max" in message.split("takes", 1)[1]

    def test_unknown_layout_attribute_names_the_layout(self, machine, pair):
        real, design = pair()
        message = refused(
            machine, layout_zcml(real, design, slots=MAIN_ONLY, attributes='colour="x"')
        )
        assert "Layout 'sample' has the unknown attribute(s) colour" in message
        assert "for, layer, override" in message


class TestPairProblems:
    """The checks on files alone, as the console script and theme layouts use
    them: no ZCML, no registry."""

    @pytest.mark.parametrize(
        ("name", "slots"),
        [
            ("one_column", ["main"]),
            ("two_columns", ["main", "sidebar"]),
            ("three_columns", ["left", "main", "right"]),
            (
                "landing",
                ["hero", "feature-1", "feature-2", "feature-3", "main", "footer"],
            ),
        ],
    )
    def test_the_shipped_layouts_pass(self, name, slots):
        assert (
            pair_problems(
                name=name,
                slots=[Slot(slot, slot) for slot in slots],
                template=SHIPPED / f"{name}.pt",
                design_template=SHIPPED / f"{name}_design.pt",
                widget_types=(),
            )
            == []
        )

    def test_each_problem_names_the_layout_and_the_file(self, pair):
        real, design = pair(real_extra='<b tal:condition="slots/aside" />')
        problems = pair_problems(
            name="sample",
            slots=[Slot("main", "M"), Slot("aside", "A")],
            template=real,
            design_template=design,
        )
        assert len(problems) == 2
        assert all(problem.startswith("Layout 'sample': the ") for problem in problems)
        assert f"template {real} uses the slot 'aside'" in problems[0]
        assert (
            f"design_template {design} does not place the declared slot"
            in (problems[1])
        )

    def test_translated_text_renders_where_plone_is_configured(self, portal, pair):
        """With Plone's translation domains and negotiator registered, the
        stand-in request still renders i18n:translate."""
        i18n = '<p i18n:domain="plone" i18n:translate="">Home</p>'
        real, design = pair(real_extra=i18n, design_extra=i18n)
        problems = pair_problems(
            name="s", slots=[Slot("main", "M")], template=real, design_template=design
        )
        assert problems == []

    def test_allowed_types_are_checked_only_when_known(self, pair):
        real, design = pair()
        slots = [Slot("main", "M", allowed=("txt",))]
        kw = {"name": "s", "slots": slots, "template": real, "design_template": design}
        assert pair_problems(**kw) == []
        assert pair_problems(**kw, widget_types=["text"]) == [
            "Layout 's': the slot 'main' allows the widget type 'txt', which is "
            "not registered (known types: text)."
        ]

    def test_declared_slot_problems(self, pair):
        real, design = pair()
        problems = pair_problems(
            name="s",
            slots=[Slot("main", "M", max=0), Slot("main", "M")],
            template=real,
            design_template=design,
        )
        assert "Layout 's': the slot 'main' has max=0" in problems[0]
        assert "Layout 's' declares the slot 'main' twice." in problems

    def test_missing_files(self, tmp_path):
        problems = pair_problems(
            name="s",
            slots=[Slot("main", "M")],
            template=tmp_path / "a.pt",
            design_template=tmp_path / "b.pt",
            preview=tmp_path / "c.svg",
        )
        assert problems == [
            f"Layout 's': the template {tmp_path / 'a.pt'} does not exist.",
            f"Layout 's': the design_template {tmp_path / 'b.pt'} does not exist.",
            f"Layout 's': the preview {tmp_path / 'c.svg'} does not exist.",
        ]

    def test_no_slot(self, pair):
        assert pair_problems(name="s", slots=[], template="x", design_template="y") == [
            "Layout 's' declares no slot; add at least one <composite:slot>."
        ]


class TestWidgetTemplatesCompile:
    """Hole 2 for widget types: their expressions compile at start-up too."""

    def test_python_syntax_error_in_a_widget_template(self, machine, write):
        template = write("w.pt", '<p tal:content="python: [">w</p>')
        widget = WIDGET.format(name="text", template=template)
        message = refused(machine, widget)
        assert f"Widget type 'text': the template {template} does not compile" in (
            message
        )
