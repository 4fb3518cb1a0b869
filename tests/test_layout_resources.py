"""The layouts' CSS: served as a Plone resource, registered as bundles."""

from plone.base.interfaces import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


def bundles():
    return getUtility(IRegistry).collectionOfInterface(
        IBundleRegistry, prefix="plone.bundles", check=False
    )


@pytest.mark.parametrize(
    ("name", "content_type", "start"),
    [
        ("layouts.css", "text/css", b"/* collective.composite"),
        ("design.css", "text/css", b"/* collective.composite"),
        ("landing.svg", "image/svg+xml", b"<svg"),
    ],
)
def test_static_files_are_served(portal, http_request, name, content_type, start):
    resource = portal.restrictedTraverse(
        f"++plone++collective.composite.layouts/{name}"
    )
    body = resource(http_request, http_request.response).read()
    assert resource.getContentType() == content_type
    assert body.startswith(start)


def test_layouts_css_is_on_every_page(portal):
    bundle = bundles()["collective.composite.layouts"]
    assert bundle.enabled
    assert bundle.csscompilation == "++plone++collective.composite.layouts/layouts.css"


def test_design_css_waits_for_design_mode(portal):
    bundle = bundles()["collective.composite.design"]
    assert not bundle.enabled
    assert bundle.csscompilation == "++plone++collective.composite.layouts/design.css"


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled):
        pass

    @pytest.mark.parametrize(
        "name", ["collective.composite.layouts", "collective.composite.design"]
    )
    def test_bundles_removed(self, portal, name):
        assert name not in bundles()
