"""Composite pages behind a proxy: Zope's VirtualHostMonster maps the site to
``https://www.example.org/cms`` (a ``_vh_`` path prefix), as nginx in front of
a production site does. Every URL the add-on gives must be a public one."""

from design_markup import design_document
from functional_fixtures import post_with_csrf_token
from lxml import html as lxml_html
from plone import api
from plone.cachepurging.interfaces import IPurger
from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
from zope.component import getGlobalSiteManager
from zope.interface import implementer

import pytest
import transaction


PUBLIC = "https://www.example.org/cms"
# What nginx sends to Zope for https://www.example.org/cms/...
VIRTUAL_HOST = (
    "/VirtualHostBase/https/www.example.org:443/plone/VirtualHostRoot/_vh_cms"
)
TEXT = '<p><a href="../target">Target</a></p>'
pytestmark = pytest.mark.arrangement(
    {
        "layout": "two-columns",
        "slots": {"main": [{"id": "a", "type": "text", "settings": {"text": TEXT}}]},
    }
)


@pytest.fixture
def behind_proxy(functional_app, arranged) -> str:
    """The Zope root's VirtualHostMonster, committed.

    :returns: the URL the proxy asks Zope for, for the arranged page.
    """
    if "virtual_hosting" not in functional_app.objectIds():
        manage_addVirtualHostMonster(functional_app, "virtual_hosting")
        transaction.commit()
    return f"http://nohost{VIRTUAL_HOST}/{arranged.getId()}"


def test_design_mode_calls_the_services_at_their_public_urls(behind_proxy, editor):
    response = editor.get(
        f"{behind_proxy}/@@composite-design", headers={"Accept": "text/html"}
    )
    (root,) = design_document(response.text).cssselect("[data-composite-editor]")
    urls = {name: value for name, value in root.items() if name.endswith("-url")}
    assert urls["data-composite-save-url"] == f"{PUBLIC}/page/++api++/@composite"
    assert all(url.startswith(f"{PUBLIC}/") for url in urls.values()), urls


def test_rest_answers_give_public_urls(behind_proxy, editor):
    data = editor.get(f"{behind_proxy}/++api++/@composite").json
    assert data["@id"] == f"{PUBLIC}/page/@composite"
    assert data["layouts"]["@id"] == f"{PUBLIC}/page/@composite-layouts"


def test_a_texts_relative_links_lead_where_the_editor_meant(behind_proxy, editor):
    response = editor.get(
        f"{behind_proxy}/@@composite-view", headers={"Accept": "text/html"}
    )
    (link,) = lxml_html.fromstring(response.text).cssselect(".composite-text a")
    assert link.get("href") == f"{PUBLIC}/target"


def test_the_previews_text_links_lead_where_the_editor_meant(
    behind_proxy, design_client
):
    unsaved = {
        "layout": "two-columns",
        "slots": {"sidebar": [{"id": "a", "type": "text", "settings": {"text": TEXT}}]},
    }
    response = post_with_csrf_token(
        design_client,
        f"{behind_proxy}/++api++/@composite-preview",
        {"arrangement": unsaved},
    )
    document = lxml_html.fromstring(response.json["html"])
    (link,) = document.cssselect(".composite-text a")
    assert link.get("href") == f"{PUBLIC}/target"


def test_a_browser_session_saves_through_the_proxy_with_its_token(
    behind_proxy, rest_client
):
    browser = rest_client("editor", auth="cookie")
    token = browser.csrf_token(f"http://nohost{VIRTUAL_HOST}")
    public = {"Origin": "https://www.example.org", "Referer": f"{PUBLIC}/page"}
    response = browser.patch(
        f"{behind_proxy}/++api++/@composite",
        json={"version": "1", "layout": "one-column"},
        headers={**public, "X-CSRF-TOKEN": token},
    )
    assert response.status_int == 200, response.text


def test_a_cross_site_request_through_the_proxy_is_refused(behind_proxy, rest_client):
    browser = rest_client("editor", auth="cookie")
    response = browser.patch(
        f"{behind_proxy}/++api++/@composite",
        json={"version": "1", "layout": "one-column"},
        headers={"Origin": "https://evil.example", "Referer": "https://evil.example/"},
    )
    assert response.status_int == 403
    assert response.json["error"]["type"] == "InvalidCSRFToken"


@implementer(IPurger)
class RecordingPurger:
    """A caching proxy's purger that keeps the URLs it is asked to purge."""

    def __init__(self):
        self.urls: list[str] = []

    def purgeAsync(self, url, httpVerb="PURGE"):
        self.urls.append(url)

    def purgeSync(self, url, httpVerb="PURGE"):
        self.urls.append(url)
        return 200, "", ""

    def stopThreads(self, wait=False):
        return True


@pytest.fixture
def purger(functional_portal):
    """Purging from a caching proxy at http://cache:6081 on, virtual hosting
    included; the purger keeping the URLs."""
    setup = functional_portal.portal_setup
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:default")
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:with-caching-proxy")
    setup.runAllImportStepsFromProfile("profile-collective.composite:default")
    for name, value in {
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled": True,
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies": (
            "http://cache:6081",
        ),
        "plone.cachepurging.interfaces.ICachePurgingSettings.virtualHosting": True,
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes": (
            "Document",
        ),
    }.items():
        api.portal.set_registry_record(name, value)
    transaction.commit()
    purger = RecordingPurger()
    registry = getGlobalSiteManager()
    registry.registerUtility(purger, IPurger)
    yield purger
    registry.unregisterUtility(purger, IPurger)


def test_saving_behind_the_proxy_purges_its_public_paths(behind_proxy, editor, purger):
    response = editor.patch(
        f"{behind_proxy}/++api++/@composite", json={"version": "1", "slots": {}}
    )
    assert response.status_int == 200, response.text
    assert (
        "http://cache:6081/VirtualHostBase/https/www.example.org/plone"
        "/VirtualHostRoot/_vh_cms/page/@@composite-view"
    ) in purger.urls


def test_saving_the_site_root_behind_the_proxy_purges_its_views(
    behind_proxy, editor, purger
):
    api.portal.set_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes",
        ("Plone Site",),
    )
    transaction.commit()
    url = f"http://nohost{VIRTUAL_HOST}/++api++/@composite"
    response = editor.patch(url, json={"version": "0", "layout": "one-column"})
    assert response.status_int == 200, response.text
    root = f"http://cache:6081{VIRTUAL_HOST}".replace(":443", "")
    assert f"{root}/@@composite-view" in purger.urls
    assert f"{root}/++api++/@composite" in purger.urls
    # Plone's own paths of the site root (//view) are Plone's business.
    assert not [url for url in purger.urls if "_vh_cms//" in url and "composite" in url]
