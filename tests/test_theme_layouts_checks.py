"""A through-the-web theme's layout pairs are checked like ZCML ones; broken
pairs are refused with messages naming the layout, the file and the slot."""

from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from collective.composite.layouts.theme_layouts import theme_problems
from page_fixtures import composite_document
from theme_fixtures import activate
from theme_fixtures import feature_files
from theme_fixtures import ttw_theme
from zope.publisher.browser import TestRequest

import pytest


FOLDER = "composite-layouts/feature"
LABEL = "++theme++ttw/composite-layouts/feature"


@pytest.fixture
def page(portal):
    return composite_document(portal, "page", "A page about themes")


def names(page, request=None) -> list[str]:
    """The layouts of ``page`` for ``request`` (the test's by default)."""
    request = page.REQUEST if request is None else request
    return [layout.name for layout in get_layouts(page, request)]


def theme_with(**changes: str) -> None:
    """The ``ttw`` theme with the valid feature pair, some files changed
    (file name -> text), active."""
    files = feature_files()
    files.update({f"{FOLDER}/{name}": text for name, text in changes.items()})
    ttw_theme("ttw", files)
    activate("ttw")


def only_problems() -> list[str]:
    problems = theme_problems("ttw")
    assert list(problems) == ["feature"]
    return problems["feature"]


def test_a_valid_through_the_web_pair_is_a_layout(page):
    theme_with()
    assert names(page)[-1] == "feature"
    assert theme_problems("ttw") == {}


def test_a_slot_the_design_template_lacks_refuses_the_pair(page):
    theme_with(**{"feature_design.pt": "<div tal:content='structure slots/lead'/>"})
    assert "feature" not in names(page)
    assert only_problems() == [
        f"Layout 'feature': the design_template {LABEL}/feature_design.pt "
        f"does not place the declared slot 'more' (add slots/more)."
    ]


def test_a_slot_only_a_condition_uses_refuses_the_pair(page):
    theme_with(
        **{
            "feature.pt": (
                "<div><p tal:condition='slots/more'>more</p>"
                "<p tal:replace='structure slots/lead'/></div>"
            )
        }
    )
    [problem] = only_problems()
    assert f"the template {LABEL}/feature.pt uses the slot 'more'" in problem


def test_a_missing_template_refuses_the_pair(page):
    files = feature_files()
    del files[f"{FOLDER}/feature.pt"]
    ttw_theme("ttw", files)
    activate("ttw")
    assert only_problems() == [
        f"Layout 'feature': the template {LABEL}/feature.pt does not exist."
    ]


def test_an_unknown_slot_key_is_refused_naming_the_slot(page):
    manifest = feature_files()[f"{FOLDER}/manifest.cfg"]
    theme_with(**{"manifest.cfg": manifest.replace("max = 1", "maximum = 1")})
    assert "feature" not in names(page)
    assert only_problems() == [
        f"Layout 'feature': the manifest {LABEL}/manifest.cfg, slot 'lead': "
        f"unknown key 'maximum' (known: title, allowed, max)."
    ]


def test_a_manifest_without_its_section_is_refused(page):
    theme_with(**{"manifest.cfg": "[slot:lead]\n"})
    assert only_problems() == [
        f"Layout 'feature': the manifest {LABEL}/manifest.cfg has no "
        f"[composite-layout] section."
    ]


def test_a_manifest_that_does_not_parse_is_refused(page):
    theme_with(**{"manifest.cfg": "title = no section header\n"})
    [problem] = only_problems()
    assert problem.startswith(
        f"Layout 'feature': the manifest {LABEL}/manifest.cfg cannot be read:"
    )


def test_a_max_that_is_no_number_is_refused(page):
    manifest = feature_files()[f"{FOLDER}/manifest.cfg"]
    theme_with(**{"manifest.cfg": manifest.replace("max = 1", "max = one")})
    assert only_problems() == [
        f"Layout 'feature': the manifest {LABEL}/manifest.cfg, slot 'lead': "
        f"max = one is not a whole number."
    ]


def test_an_unknown_widget_type_in_allowed_is_refused(page):
    manifest = feature_files()[f"{FOLDER}/manifest.cfg"]
    theme_with(**{"manifest.cfg": manifest.replace("allowed = text", "allowed = txt")})
    [problem] = only_problems()
    assert problem.startswith(
        "Layout 'feature': the slot 'lead' allows the widget type 'txt', "
        "which is not registered"
    )


def test_a_layout_folder_without_manifest_is_refused(page):
    files = feature_files()
    del files[f"{FOLDER}/manifest.cfg"]
    ttw_theme("ttw", files)
    activate("ttw")
    assert only_problems() == [f"Layout 'feature': {LABEL} has no manifest.cfg."]


def test_an_edit_is_checked_on_the_next_request(page):
    theme_with()
    assert "feature" in names(page)
    theme = ttw_theme("ttw", {})
    theme.writeFile(f"{FOLDER}/feature.pt", "<div>no slots</div>")
    assert "feature" in names(page), "a request reads the theme once"
    assert "feature" not in names(page, TestRequest())
    theme.writeFile(f"{FOLDER}/feature.pt", feature_files()[f"{FOLDER}/feature.pt"])
    assert "feature" in names(page, TestRequest())


def test_a_registered_name_is_refused_without_override(page):
    ttw_theme("ttw", feature_files("composite-layouts/two-columns"))
    activate("ttw")
    assert get_layout("two-columns", page, page.REQUEST).template.endswith(
        "two_columns.pt"
    )
    assert "override = true" in theme_problems("ttw")["two-columns"][0]


def test_override_replaces_a_registered_layout_in_its_place(page):
    files = feature_files("composite-layouts/two-columns")
    manifest = "composite-layouts/two-columns/manifest.cfg"
    files[manifest] = files[manifest].replace(
        "[composite-layout]", "[composite-layout]\noverride = true"
    )
    ttw_theme("ttw", files)
    activate("ttw")
    layout = get_layout("two-columns", page, page.REQUEST)
    assert layout.title == "Feature"
    assert names(page) == ["one-column", "two-columns", "three-columns", "landing"]
    assert theme_problems("ttw") == {}
