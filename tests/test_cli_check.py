"""``composite-layouts check``: the start-up checks without starting Zope.

The fixture theme ``tests/cli_theme/acme/theme`` is well paired (an include of
a sub-package, its own widget type, a layer override of a shipped layout);
``tests/cli_theme_broken`` holds one deliberate mistake per directive. Both
hold a Diazo theme's ``composite-layouts`` folder too.
"""

from collective.composite.layouts.cli import main
from collective.composite.layouts.offline_check import check
from pathlib import Path
from zope.configuration import xmlconfig
from zope.configuration.exceptions import ConfigurationError

import pytest
import subprocess
import sys
import zipfile


TESTS = Path(__file__).parent
THEME = TESTS / "cli_theme" / "acme" / "theme"
BROKEN = TESTS / "cli_theme_broken"
CLI_MODULE = "collective.composite.layouts.cli"

LAYOUT = """<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:composite="http://namespaces.plone.org/composite"
    i18n_domain="acme.sample">
  <include package="collective.composite" file="meta.zcml" />
  <composite:layout name="{name}" title="T" template="{real}"
      design_template="{design}" {extra}>
    <composite:slot name="main" title="Main" />
    <composite:slot name="aside" title="Aside" />
  </composite:layout>
</configure>
"""


@pytest.fixture(scope="module")
def broken() -> str:
    """Every problem the check finds in the broken fixture, as one text."""
    return "\n".join(check([str(BROKEN)]).problems)


def write_layout(folder: Path, name="sample", extra="", file="configure.zcml"):
    """:returns: a ZCML file registering a layout of the broken fixture's pair."""
    path = folder / file
    path.write_text(
        LAYOUT.format(
            name=name,
            real=BROKEN / "pair.pt",
            design=BROKEN / "pair_design.pt",
            extra=extra,
        )
    )
    return path


def test_the_shipped_layouts_pass(capsys):
    assert main(["check", "collective.composite"]) == 0
    out = capsys.readouterr().out
    assert "checked 4 layouts and 5 widget types" in out
    assert "no problems" in out


def test_the_fixture_theme_folder_passes(capsys):
    assert main(["check", str(THEME)]) == 0
    assert (
        "2 layouts and 1 widget type in 3 ZCML files and 1 theme layout folder"
    ) in capsys.readouterr().out


def test_the_worked_example_of_the_docs_passes():
    report = check([str(TESTS / "layouts_example")])
    assert (report.layouts, report.problems) == (1, [])


def test_a_zcml_file_is_read_with_the_files_it_includes_from_its_package():
    report = check([str(THEME / "configure.zcml")])
    assert (report.layouts, report.widgets, report.files) == (2, 1, 3)
    assert report.problems == []


def test_a_package_is_found_by_its_dotted_name(monkeypatch):
    monkeypatch.syspath_prepend(str(TESTS / "cli_theme"))
    report = check(["acme.theme"])
    assert (report.layouts, report.widgets, report.problems) == (2, 1, [])


def test_a_slot_may_allow_the_widget_types_of_the_checked_files():
    # The fixture's magazine allows `quote`, which the theme itself registers.
    report = check([str(THEME / "layouts")])
    assert "'quote', which is not registered" in "\n".join(report.problems)
    assert check([str(THEME)]).problems == []


def test_problems_exit_1_on_standard_error_with_a_count(capsys):
    assert main(["check", str(BROKEN)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "composite-layouts: 11 problem(s) in 8 layouts" in captured.err


# What the check says of each mistake of the broken fixture, in parts.
MISTAKES = {
    "a-slot-a-template-does-not-place-names-layout-file-slot-and-line": [
        "Layout 'missing-slot' is not a valid template pair:\n"
        f"  - Layout 'missing-slot': the design_template "
        f"{BROKEN / 'pair_design_without_aside.pt'} does not place the declared "
        "slot 'aside' (add slots/aside).\n"
        f'    File "{BROKEN / "configure.zcml"}", line 10.2-24.2'
    ],
    "an-unknown-widget-type-in-allowed-names-the-known-types": [
        "Layout 'typo-type': the slot 'main' allows the widget type 'txt', which "
        "is not registered (known types: content, html, image, listing, quote, "
        "text)."
    ],
    "an-unknown-slot-attribute-names-the-slot": [
        "Layout 'unknown-attribute': the slot 'main' has the unknown ",
        "attribute(s) maximum; a <composite:slot> takes",
    ],
    "a-max-that-is-not-a-number-is-refused": [
        "Layout 'not-a-number': the slot 'main' has max='two'"
    ],
    "a-python-expression-that-does-not-compile-is-refused": [
        "pair_design_python_error.pt does not compile"
    ],
    "a-slot-used-only-in-a-condition-is-refused": [
        "pair_aside_in_condition_only.pt uses the slot 'aside' but never writes "
        "its widgets out"
    ],
    "a-missing-template-file-is-refused": [
        f"the design_template {BROKEN / 'no_such_design.pt'} does not exist"
    ],
    "a-missing-widget-template-is-refused": [
        f"Widget type 'quote': the design_template {BROKEN / 'no_such_card.pt'} "
        "does not exist."
    ],
    "a-shipped-name-again-for-the-same-layer-is-a-conflict": [
        "composite:layout 'one-column' is registered twice for ",
        'add override="true" to exactly one of them',
    ],
}


@pytest.mark.parametrize("said", MISTAKES.values(), ids=MISTAKES)
def test_a_mistake_of_the_broken_fixture_is_found_and_said(broken, said):
    assert [part for part in said if part not in broken] == []


def test_an_override_of_a_shipped_name_is_no_conflict(tmp_path):
    write_layout(tmp_path, name="one-column", extra='override="true"')
    assert check([str(tmp_path)]).problems == []


def test_two_overrides_of_one_name_conflict(tmp_path):
    write_layout(tmp_path, name="one-column", extra='override="true"')
    write_layout(tmp_path, name="one-column", extra='override="true"', file="b.zcml")
    (problem,) = check([str(tmp_path)]).problems
    assert 'Only one registration may say override="true".' in problem


def test_a_theme_layout_folder_alone_is_checked(capsys):
    assert main(["check", str(TESTS / "theme_layouts_fixture")]) == 0
    assert "1 theme layout folder: no problems" in capsys.readouterr().out


def test_a_theme_layout_manifest_mistake_is_refused(broken):
    assert "Layout 'typo' of the theme 'diazo' is not a valid template pair" in broken
    assert "slot 'main': unknown key 'maximum'" in broken


def test_a_theme_layout_named_like_a_registered_one_needs_override(broken):
    assert (
        "Layout 'one-column' of the theme 'diazo' is refused: a layout of that "
        "name is registered in ZCML; add override = true"
    ) in broken


def test_theme_templates_are_checked_as_untrusted_code(tmp_path):
    folder = tmp_path / "composite-layouts" / "risky"
    folder.mkdir(parents=True)
    (folder / "manifest.cfg").write_text(
        "[composite-layout]\ntitle = Risky\n[slot:main]\ntitle = Main\n"
    )
    slot = '<div tal:content="structure slots/main"></div>'
    (folder / "template.pt").write_text(slot)
    (folder / "design_template.pt").write_text(
        f"<div>{slot}<p tal:content=\"python: __import__('os').getcwd()\"></p></div>"
    )
    (problem,) = check([str(tmp_path)]).problems
    assert "design_template.pt does not compile" in problem


def theme_zip(tmp_path, leave_out: str = "") -> str:
    """:returns: the fixture theme as the theming control panel exports it,
    a Zip file of its folder, without the file ``leave_out``."""
    theme = TESTS / "theme_layouts_fixture"
    archive = tmp_path / "fixture-theme.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(theme.rglob("*")):
            if path.is_file() and path.name != leave_out:
                zipped.write(path, path.relative_to(theme).as_posix())
    return str(archive)


def test_a_themes_zip_file_is_checked(capsys, tmp_path):
    assert main(["check", theme_zip(tmp_path)]) == 0
    assert "1 theme layout folder: no problems" in capsys.readouterr().out


def test_a_themes_zip_file_missing_half_a_pair_names_the_file_in_it(capsys, tmp_path):
    archive = theme_zip(tmp_path, leave_out="feature_design.pt")
    assert main(["check", archive]) == 1
    assert (
        f"the design_template {archive}/fixture-theme/composite-layouts/feature/"
        "feature_design.pt does not exist."
    ) in capsys.readouterr().err


def test_a_zip_target_that_is_no_zip_file_exits_1(capsys, tmp_path):
    (tmp_path / "theme.zip").write_text("not a zip")
    assert main(["check", str(tmp_path / "theme.zip")]) == 1
    assert "theme.zip is not a Zip file" in capsys.readouterr().err


def test_a_file_that_is_not_xml_is_reported(tmp_path):
    (tmp_path / "configure.zcml").write_text("<configure>")
    (problem,) = check([str(tmp_path)]).problems
    assert "configure.zcml is not well-formed XML" in problem


def test_a_directive_without_its_namespace_says_which_to_declare(tmp_path):
    (tmp_path / "configure.zcml").write_text(
        '<configure xmlns="http://namespaces.zope.org/zope">\n'
        '  <composite:layout name="x" title="X" template="a.pt" design_template="b.pt">'
        '<composite:slot name="main" title="Main" /></composite:layout>\n'
        "</configure>"
    )
    (problem,) = check([str(tmp_path)]).problems
    assert "is not well-formed XML: unbound prefix. Declare the prefix" in problem
    assert 'xmlns:composite="http://namespaces.plone.org/composite"' in problem
    assert "line 2.2" in problem


def test_a_target_that_does_not_exist_exits_1(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    assert "nowhere does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["layout.pt", "rules.xml", "configure"])
def test_a_file_that_is_not_zcml_exits_1_saying_so(capsys, tmp_path, name):
    (tmp_path / name).write_text('<div tal:replace="slots/main" />')
    assert main(["check", str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert f"{name} is not a ZCML file" in err
    assert "not well-formed" not in err


def test_a_folder_without_zcml_exits_1(capsys, tmp_path):
    assert main(["check", str(tmp_path)]) == 1
    assert "no ZCML file and no theme layout folder found in" in (
        capsys.readouterr().err
    )


def test_a_package_that_does_not_exist_exits_1(capsys):
    assert main(["check", "no_such_package_anywhere"]) == 1
    assert "no_such_package_anywhere" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("design", "extra"),
    [
        ("pair_design_without_aside.pt", ""),
        ("pair_design_python_error.pt", ""),
        ("pair_design.pt", 'colour="red"'),
    ],
    ids=["missing-slot", "python-error", "unknown-attribute"],
)
def test_the_messages_are_those_of_start_up(tmp_path, registry, design, extra):
    zcml = tmp_path / "configure.zcml"
    zcml.write_text(
        LAYOUT.format(
            name="sample", real=BROKEN / "pair.pt", design=BROKEN / design, extra=extra
        )
    )
    with pytest.raises(ConfigurationError) as start_up:
        xmlconfig.file(str(zcml))
    (problem,) = check([str(zcml)]).problems
    message = problem.split("\n    File ")[0]
    assert message in str(start_up.value)


def test_a_conflict_is_worded_as_at_start_up(tmp_path, registry):
    write_layout(tmp_path, file="a.zcml")
    write_layout(tmp_path, file="b.zcml")
    both = tmp_path / "configure.zcml"
    both.write_text(
        '<configure xmlns="http://namespaces.zope.org/zope">'
        '<include file="a.zcml" /><include file="b.zcml" /></configure>'
    )
    with pytest.raises(ConfigurationError) as start_up:
        xmlconfig.file(str(both))
    (problem,) = check([str(both)]).problems
    wording = problem.split(": first at")[0]
    assert wording.startswith("composite:layout 'sample' is registered twice for ")
    assert wording in str(start_up.value)


def test_the_installed_console_script_runs():
    script = Path(sys.executable).parent / "composite-layouts"
    result = subprocess.run(
        [str(script), "check", str(THEME)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "no problems" in result.stdout


def test_the_module_runs_with_python_m():
    result = subprocess.run(
        [sys.executable, "-m", CLI_MODULE, "check", str(BROKEN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Layout 'missing-slot' is not a valid template pair" in result.stderr


def test_a_widget_type_name_with_a_space_is_worded_as_at_start_up(tmp_path, registry):
    zcml = tmp_path / "configure.zcml"
    zcml.write_text(
        '<configure xmlns="http://namespaces.zope.org/zope"'
        ' xmlns:composite="http://namespaces.plone.org/composite">'
        '<include package="collective.composite" file="meta.zcml" />'
        '<composite:widget name="my quote" title="Q" schema="zope.interface.Interface"'
        f' template="{BROKEN / "pair.pt"}" design_template="{BROKEN / "pair.pt"}" />'
        "</configure>"
    )
    with pytest.raises(ConfigurationError) as start_up:
        xmlconfig.file(str(zcml))
    (problem,) = check([str(zcml)]).problems
    message = problem.split("\n    File ")[0]
    assert message.startswith("Widget type 'my quote': a widget type's name must")
    assert message in str(start_up.value)


def checkout(tmp_path: Path, packages: dict[str, str]) -> Path:
    """A checkout with ``pyproject.toml`` and a ``src`` folder holding a
    package per dotted name, each registering the sample layout for ``layer``.

    :returns: the ``src`` folder.
    """
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'acme'\n")
    src = tmp_path / "src"
    for dotted, layer in packages.items():
        folder = src.joinpath(*dotted.split("."))
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
        write_layout(folder, extra=f'layer="{layer}"')
    return src


def test_a_relative_layer_is_the_absolute_one_of_its_package(tmp_path):
    src = checkout(tmp_path, {"acme.site": ".interfaces.ISiteLayer"})
    write_layout(
        src / "acme" / "site",
        extra='layer="acme.site.interfaces.ISiteLayer"',
        file="b.zcml",
    )
    (problem,) = check([str(src)]).problems
    assert "registered twice for " in problem
    assert "the layer acme.site.interfaces.ISiteLayer" in problem


def test_one_relative_layer_in_two_packages_is_two_layers(tmp_path):
    layer = ".interfaces.ILayer"
    src = checkout(tmp_path, {"acme.one": layer, "acme.two": layer})
    assert check([str(src)]).problems == []


def test_a_relative_layer_of_a_file_named_alone_is_its_packages(tmp_path):
    src = checkout(tmp_path, {"acme.site": ".interfaces.ISiteLayer"})
    other = write_layout(
        src / "acme" / "site",
        extra='layer="acme.site.interfaces.ISiteLayer"',
        file="b.zcml",
    )
    problems = check(
        [str(src / "acme" / "site" / "configure.zcml"), str(other)]
    ).problems
    assert ["registered twice for " in problem for problem in problems] == [True]
