"""A theme's templates never run untrusted Python: they are checked and
rendered with Zope's restricted engine, as through-the-web templates are."""

from AccessControl import Unauthorized
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from collective.composite.layouts.registry import render_layout
from collective.composite.layouts.theme_layouts import theme_problems
from page_fixtures import as_visitor
from page_fixtures import composite_document
from plone import api
from Products.Five import BrowserView
from theme_fixtures import activate
from theme_fixtures import feature_files
from theme_fixtures import ttw_theme

import pytest


FOLDER = "composite-layouts/feature"


@pytest.fixture
def page(portal):
    return composite_document(portal, "page", "A page about themes")


def theme_with_template(source: str) -> None:
    """The ``ttw`` theme, active, whose feature pair's real template is
    ``source`` (placing both slots after whatever it does)."""
    files = feature_files()
    files[f"{FOLDER}/feature.pt"] = (
        f"<div>{source}<p tal:replace='structure slots/lead'/>"
        f"<p tal:replace='structure slots/more'/></div>"
    )
    ttw_theme("ttw", files)
    activate("ttw")


# Python a template tries, touching the file ``{marker}``, and what the theme's
# problem says of it.
UNTRUSTED = {
    "an-underscore-name-does-not-compile": (
        "__import__('pathlib').Path('{marker}').touch()",
        ["feature.pt does not compile", '"__import__" is an invalid variable name'],
    ),
    "importing-a-module-fails-when-rendered": (
        "modules['pathlib'].Path('{marker}').touch()",
        [
            "fails when rendered with sample slots and page",
            "import of 'pathlib' is unauthorized",
        ],
    ),
}


@pytest.mark.parametrize(("python", "said"), UNTRUSTED.values(), ids=UNTRUSTED)
def test_untrusted_python_is_refused_and_never_run(page, tmp_path, python, said):
    marker = tmp_path / "ran"
    theme_with_template(f'<i tal:define="x python: {python.format(marker=marker)}"/>')
    [problem] = theme_problems("ttw")["feature"]
    assert [part for part in said if part not in problem] == []
    assert "feature" not in [layout.name for layout in get_layouts(page, page.REQUEST)]
    assert not marker.exists()


def test_what_the_visitor_may_not_do_the_template_may_not_either(page, portal):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Document", id="victim")
    theme_with_template(
        '<i tal:define="x python: context.portal_url.getPortalObject()'
        ".manage_delObjects(['victim'])\"/>"
    )
    layout = get_layout("feature", page, page.REQUEST)
    as_visitor(portal)
    with pytest.raises(Unauthorized):
        render_layout(layout, BrowserView(page, page.REQUEST), {})
    assert "victim" in portal
