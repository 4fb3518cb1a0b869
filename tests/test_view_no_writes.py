"""Viewing a composite page writes nothing: no commit, and Plone's write-on-read
protection (plone.protect) never fires."""

from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import make_image
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser

import pytest
import transaction


ANY = "plone.app.querystring.operation.selection.any"


@pytest.fixture
def site(functional_portal):
    """A never-arranged page, an arranged page using every widget type, and a
    composite site root; committed."""
    portal = functional_portal
    as_manager(portal)
    api.content.create(container=portal, type="Composite Page", id="blank")
    page = api.content.create(container=portal, type="Composite Page", id="full")
    doc = api.content.create(container=portal, type="Document", id="doc", title="D")
    doc.text = RichTextValue("<p>Body <a href='resolveuid/x'>link</a></p>")
    picture = make_image(portal)
    add(page, "content", {"uid": doc.UID(), "display": "full"})
    add(page, "content", {"uid": "e" * 32})  # a missing item
    add(page, "text", {"text": "<p>Words</p>"})
    add(page, "image", {"uid": picture.UID(), "scale": "preview"})
    add(page, "image", {"uid": doc.UID()})  # an error card for designers
    add(
        page,
        "listing",
        {
            "query": [{"i": "portal_type", "o": ANY, "v": "Document"}],
            "display": "cards",
        },
    )
    add(page, "html", {"html": "<p>Embed</p>"})
    portal.setLayout("composite-view")
    api.content.create(container=portal, type="Document", id="plain")
    transaction.commit()
    # Plone itself writes portlet settings on the first view of a new site.
    for manager in (False, True):
        browser(functional_portal.aq_parent, manager).open(
            f"{portal.absolute_url()}/plain"
        )
    return portal


def last_transaction(portal):
    return portal._p_jar.db().lastTransaction()


def browser(app, manager: bool) -> Browser:
    browser = Browser(app)
    browser.handleErrors = False
    if manager:
        browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )
    return browser


@pytest.mark.parametrize("manager", [False, True], ids=["visitor", "designer"])
@pytest.mark.parametrize("path", ["blank", "full", ""])
def test_viewing_commits_nothing(site, functional_app, manager, path):
    before = last_transaction(site)
    client = browser(functional_app, manager)
    client.open(f"{site.absolute_url()}/{path}")
    assert client.headers["status"].startswith("200")
    assert "confirm-action" not in client.url
    assert last_transaction(site) == before


def test_the_arranged_page_did_render(site, functional_app):
    client = browser(functional_app, manager=True)
    client.open(f"{site.absolute_url()}/full")
    assert "<p>Words</p>" in client.contents
    assert "Body" in client.contents
    assert "composite-card--error" in client.contents
    assert "composite-card--missing" in client.contents
