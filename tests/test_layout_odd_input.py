"""Odd input an integrator or theme developer may give: a template that is
not UTF-8, a folder where a file goes, names templates and URLs cannot carry,
an empty ``allowed``. Each is refused with a message naming the layout and the
problem, at start-up and by ``composite-layouts``, never with a traceback."""

from collective.composite.layouts.cli import main
from collective.composite.layouts.offline_check import check
from zcml_fixtures import layout_directive
from zcml_fixtures import zcml
from zope.configuration import xmlconfig
from zope.configuration.exceptions import ConfigurationError

import pytest


PAIR = '<div><div tal:replace="structure slots/main" /></div>'
MAIN = '<composite:slot name="main" title="Main" {extra}/>'
WIDGET = """
  <composite:widget
      name="w"
      title="W"
      schema="zope.interface.Interface"
      template="{template}"
      design_template="{template}"
      />
"""


@pytest.fixture
def files(tmp_path):
    """A well paired real and design template, a Latin-1 one and a folder."""
    (tmp_path / "real.pt").write_text(PAIR)
    (tmp_path / "design.pt").write_text(PAIR)
    (tmp_path / "latin.pt").write_bytes(
        PAIR.replace("<div>", "<div>Caf\xe9", 1).encode("latin-1")
    )
    (tmp_path / "folder.pt").mkdir()
    return tmp_path


def refused(machine, body: str) -> str:
    """:returns: the message of the error configuring ``body`` raises."""
    with pytest.raises(ConfigurationError) as raised:
        xmlconfig.string(zcml(body), context=machine, execute=True)
    return str(raised.value)


def layout(files, real="real.pt", slot_extra="", slot_name="main", name="odd"):
    slots = MAIN.format(extra=slot_extra).replace('"main"', f'"{slot_name}"')
    return layout_directive(
        str(files / real), str(files / "design.pt"), slots, name=name
    )


def test_a_template_not_in_utf8_is_refused_naming_it(machine, registry, files):
    message = refused(machine, layout(files, real="latin.pt"))
    assert f"{files / 'latin.pt'} is not UTF-8 text (byte 0xe9" in message


def test_a_folder_given_as_template_is_said_to_be_a_folder(machine, registry, files):
    message = refused(machine, layout(files, real="folder.pt"))
    assert f"{files / 'folder.pt'} is a folder, not a file." in message


def test_a_folder_given_as_widget_template_is_said_to_be_a_folder(
    machine, registry, files
):
    message = refused(machine, WIDGET.format(template=files / "folder.pt"))
    assert "Widget type 'w': the template" in message
    assert "is a folder, not a file." in message


@pytest.mark.parametrize(
    "slot_name", ["ma in", "main/x", "_main", "haupt\u00fcbersicht"]
)
def test_a_slot_name_templates_cannot_place_is_refused(
    machine, registry, files, slot_name
):
    message = refused(machine, layout(files, slot_name=slot_name))
    assert f"the slot name {slot_name!r} must be letters, digits" in message


@pytest.mark.parametrize("name", ["", "my layout", "a/b", "..", "h\u00e9ros"])
def test_a_layout_name_urls_cannot_carry_is_refused(machine, registry, files, name):
    message = refused(machine, layout(files, name=name))
    assert f"Layout {name!r}: a layout's name must be letters, digits" in message


def test_a_non_ascii_allowed_type_is_refused_as_unknown(machine, registry, files):
    message = refused(machine, layout(files, slot_extra='allowed="t\u00e9xt"'))
    assert "allows the widget type 't\u00e9xt', which is not registered" in message


def test_an_empty_allowed_is_refused(machine, registry, files):
    message = refused(machine, layout(files, slot_extra='allowed=""'))
    assert "the slot 'main' has an empty allowed" in message


def test_check_reports_a_template_not_in_utf8(files, capsys):
    (files / "configure.zcml").write_text(zcml(layout(files, real="latin.pt")))
    assert main(["check", str(files / "configure.zcml")]) == 1
    assert "latin.pt is not UTF-8 text" in capsys.readouterr().err


def test_check_reports_a_theme_template_not_in_utf8(files):
    folder = files / "theme" / "composite-layouts" / "odd"
    folder.mkdir(parents=True)
    (folder / "manifest.cfg").write_text(
        "[composite-layout]\ntitle = Odd\n[slot:main]\n"
    )
    (folder / "template.pt").write_bytes((files / "latin.pt").read_bytes())
    (folder / "design_template.pt").write_text(PAIR)
    problems = "\n".join(check([str(files / "theme")]).problems)
    assert "composite-layouts/odd/template.pt is not UTF-8 text" in problems


def test_scaffold_of_a_template_not_in_utf8_exits_1(files, capsys):
    assert main(["scaffold", str(files / "latin.pt"), "-o", "-"]) == 1
    assert "latin.pt is not UTF-8 text (byte 0xe9" in capsys.readouterr().err


CONFIGURE = """<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:composite="http://namespaces.plone.org/composite"
    i18n_domain="acme.sample">
  {body}
</configure>
"""
LAYOUT = """<composite:{kind} name="odd" title="T" template="real.pt"
    design_template="design.pt" {extra}>{slots}</composite:{kind}>"""
SLOTS = '<composite:slot name="main" title="Main" />'


def checked(files, body: str) -> str:
    """:returns: what ``composite-layouts check`` says of ``body`` in a file
    beside the templates of ``files``; asserts it exits with status 1."""
    (files / "bad.pt").write_text('<p tal:content="python: 1 +">x</p>')
    path = files / "configure.zcml"
    path.write_text(CONFIGURE.format(body=body))
    report = check([str(path)])
    assert report.problems
    return "\n".join(report.problems)


def test_check_refuses_a_misspelt_directive_as_zope_does(files):
    said = checked(files, LAYOUT.format(kind="layuot", extra="", slots=SLOTS))
    assert "Unknown directive composite:layuot" in said


def test_check_refuses_a_slot_outside_a_layout(files):
    said = checked(files, SLOTS)
    assert "A composite:slot goes directly inside a composite:layout." in said


def test_check_refuses_an_override_that_is_no_yes_or_no(files):
    said = checked(
        files, LAYOUT.format(kind="layout", extra='override="maybe"', slots=SLOTS)
    )
    assert "override='maybe' is not a yes or no" in said


def test_check_refuses_a_widget_template_that_does_not_compile(files):
    said = checked(
        files,
        '<composite:widget name="w" title="W" schema="zope.interface.Interface"'
        ' template="bad.pt" design_template="design.pt" />',
    )
    assert "Widget type 'w': the template" in said
    assert "bad.pt does not compile: " in said


def test_an_unknown_widget_attribute_names_the_widget_type(machine, registry, files):
    body = WIDGET.format(template=files / "real.pt").replace("/>", 'maximum="2" />')
    message = refused(machine, body)
    assert "Widget type 'w' has the unknown attribute(s) maximum" in message


@pytest.mark.parametrize(
    "attributes",
    [
        'for="collective.composite.interfaces.ICompositeLayer"',
        'layer="collective.composite.interfaces.ICompositeEnabled"',
    ],
)
def test_for_and_layer_swapped_are_refused(machine, registry, files, attributes):
    body = layout_directive(
        str(files / "real.pt"),
        str(files / "design.pt"),
        MAIN.format(extra=""),
        attributes=attributes,
    )
    assert "are for and layer swapped?" in refused(machine, body)
