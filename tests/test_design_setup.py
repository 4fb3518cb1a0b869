"""What the profiles install for design mode: the "Design" toolbar action and
the editor bundle, loaded only in design mode; both go on uninstall."""

from page_fixtures import composite_document
from plone import api
from plone.base.interfaces import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


BUNDLE = "collective.composite.editor"


def object_actions(context) -> dict[str, dict]:
    actions = api.portal.get_tool("portal_actions").listActionInfos(
        object=context, categories=("object",)
    )
    return {action["id"]: action for action in actions}


@pytest.fixture
def pages(portal):
    with api.env.adopt_roles(["Manager"]):
        plain = api.content.create(container=portal, type="Document", id="plain")
    return plain, composite_document(portal, "comp")


def test_design_action_is_offered_on_composite_pages(pages):
    _plain, composite = pages
    with api.env.adopt_roles(["Editor"]):
        action = object_actions(composite)["composite-design"]
    assert action["title"] == "Design"
    assert action["url"] == f"{composite.absolute_url()}/@@composite-design"
    assert action["available"]
    assert action["allowed"]


def test_design_action_is_not_offered_on_other_content(pages):
    plain, _composite = pages
    with api.env.adopt_roles(["Manager"]):
        assert "composite-design" not in object_actions(plain)


def test_design_action_needs_the_design_permission(pages):
    _plain, composite = pages
    with api.env.adopt_roles(["Reader"]):
        assert "composite-design" not in object_actions(composite)


def test_design_action_icon_exists(portal, http_request):
    action = api.portal.get_tool("portal_actions").object["composite-design"]
    icon = action.getProperty("icon_expr").removeprefix("string:")
    resolver = portal.restrictedTraverse("@@iconresolver")
    assert "svg" in resolver.tag(icon)


def test_editor_bundle_is_registered_but_off(portal):
    bundles = getUtility(IRegistry).collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles"
    )
    bundle = bundles[BUNDLE]
    assert bundle.enabled is False
    assert bundle.jscompilation == f"++plone++{BUNDLE}/editor.js"
    assert bundle.csscompilation == f"++plone++{BUNDLE}/editor.css"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("editor.js", "application/x-javascript"), ("editor.css", "text/css")],
)
def test_editor_bundle_files_are_served(portal, http_request, name, content_type):
    resource = portal.restrictedTraverse(f"++plone++{BUNDLE}/{name}")
    body = resource(http_request, http_request.response).read()
    assert resource.getContentType() == content_type
    assert b"composite" in body


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled):
        pass

    def test_design_action_removed(self, portal):
        assert "composite-design" not in api.portal.get_tool("portal_actions").object

    def test_editor_bundle_removed(self, portal):
        bundles = getUtility(IRegistry).collectionOfInterface(
            IBundleRegistry, prefix="plone.bundles"
        )
        assert BUNDLE not in bundles
