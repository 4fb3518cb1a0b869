"""HTTP caching of the real view with plone.app.caching, through the publisher."""

from collective.composite import arrangement
from collective.composite.caching import arrangement_etag
from collective.composite.caching import CompositePurgePaths
from collective.composite.interfaces import ICompositeEnabled
from functional_fixtures import PASSWORD
from OFS.CopySupport import _cb_encode
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from rest_client import PublisherApp
from z3c.caching.interfaces import IPurgeEvent
from zope.component import getGlobalSiteManager
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction
import webtest


@pytest.fixture
def cached_page(functional_app, functional_portal):
    """A page showing a text and a Document, with caching enabled."""
    setup = functional_portal.portal_setup
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:default")
    setup.runAllImportStepsFromProfile("profile-plone.app.caching:with-caching-proxy")
    setup.runAllImportStepsFromProfile("profile-collective.composite:default")
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", True
    )
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    target = api.content.create(
        container=functional_portal, type="Document", id="target", title="Target"
    )
    page = api.content.create(
        container=functional_portal, type="Composite Page", id="page", title="Page"
    )
    arrangement.add_widget(page, "main", "text", {"text": "<p>Hello</p>"})
    arrangement.add_widget(page, "main", "content", {"uid": target.UID()})
    transaction.commit()
    return page


@pytest.fixture
def get(functional_app):
    client = webtest.TestApp(PublisherApp(functional_app), lint=False)

    def get(obj, headers=None, user=None):
        """GET the real view of ``obj``; from now on as ``user`` (one of
        rest_users) when given, else as before (at first, anonymous)."""
        if user is not None:
            client.set_authorization(("Basic", (user, PASSWORD)))
        return client.get(
            f"/{obj.virtual_url_path()}/@@composite-view",
            headers={"Host": "nohost", **(headers or {})},
            expect_errors=True,
        )

    return get


def test_real_view_etag_ends_with_the_composite_component(
    cached_page, get, functional_portal
):
    response = get(cached_page)
    assert response.status_int == 200
    assert "Hello" in response.text
    component = arrangement_etag(cached_page, functional_portal.REQUEST)
    assert response.headers["ETag"].endswith(f'|{component}"')


def test_unchanged_page_answers_304_to_if_none_match(cached_page, get):
    etag = get(cached_page).headers["ETag"]
    response = get(cached_page, {"If-None-Match": etag})
    assert response.status_int == 304
    assert response.body == b""


def add_a_widget(portal) -> None:
    arrangement.add_widget(portal["page"], "main", "text", {"text": "<p>More</p>"})


def rename_the_target(portal) -> None:
    target = portal["target"]
    target.title = "Renamed target"
    target.setModificationDate(target.modified() + 1)
    target.reindexObject()


# A change of what the page shows, and the text it shows after it.
CHANGES = {
    "saving-the-arrangement": (add_a_widget, "More"),
    "changing-a-referenced-item": (rename_the_target, "Renamed target"),
}


@pytest.mark.parametrize(("change", "shown"), CHANGES.values(), ids=CHANGES)
def test_a_change_of_what_the_page_shows_changes_the_etag(
    cached_page, get, functional_portal, change, shown
):
    etag = get(cached_page).headers["ETag"]
    change(functional_portal)
    transaction.commit()
    response = get(cached_page, {"If-None-Match": etag})
    assert response.status_int == 200
    assert response.headers["ETag"] != etag
    assert shown in response.text


@pytest.fixture
def page_editors(cached_page, rest_users):
    """The group page-editors, Editors of the page (given on its Sharing)."""
    api.group.create(groupname="page-editors")
    api.group.grant_roles(groupname="page-editors", roles=["Editor"], obj=cached_page)
    transaction.commit()


def join_the_page_editors(portal) -> None:
    api.group.add_user(groupname="page-editors", username="member")


def get_a_local_role(portal) -> None:
    # In code, without reindexing the page's security (Sharing does).
    api.user.grant_roles(username="member", roles=["Editor"], obj=portal["page"])


def get_a_site_wide_role(portal) -> None:
    # As Site Setup's Users and Groups gives it.
    api.user.grant_roles(username="member", roles=["Editor"])


# A change of the member's roles on the page, after which they may edit and
# design it, and nothing in the catalog changed (which catalogCounter sees).
ROLE_CHANGES = {
    "joining-a-group-with-a-local-role": join_the_page_editors,
    "getting-a-local-role": get_a_local_role,
    "getting-a-site-wide-role": get_a_site_wide_role,
}


@pytest.mark.parametrize("change", ROLE_CHANGES.values(), ids=ROLE_CHANGES)
def test_a_change_of_the_users_roles_on_the_page_changes_the_etag(
    cached_page, page_editors, get, functional_portal, change
):
    before = get(cached_page, user="member")
    assert "@@composite-design" not in before.text
    change(functional_portal)
    transaction.commit()
    response = get(cached_page, {"If-None-Match": before.headers["ETag"]})
    assert response.status_int == 200
    assert "@@composite-design" in response.text


def test_copying_something_changes_the_etag(
    cached_page, get, functional_portal, rest_users
):
    """The Actions menu offers to paste what the user copied (Plone's
    clipboard cookie), on a page as in a folder."""
    before = get(cached_page, user="manager")
    assert "object_paste" not in before.text
    copied = _cb_encode((0, [functional_portal["target"].getPhysicalPath()]))
    cookie = f'__cp="{copied.decode().strip()}"'
    headers = {"If-None-Match": before.headers["ETag"], "Cookie": cookie}
    response = get(cached_page, headers)
    assert response.status_int == 200
    assert "object_paste" in response.text


def test_composite_component_changes_with_a_referenced_item_alone(
    cached_page, functional_portal
):
    # Each request looks the items up afresh (in its own item resolver).
    request = functional_portal.REQUEST
    before = arrangement_etag(cached_page, request.clone())
    target = functional_portal["target"]
    target.setModificationDate(target.modified() + 1)
    # Only the item's catalog entry changes, not the page's.
    target.reindexObject(idxs=["modified"])
    assert arrangement_etag(cached_page, request.clone()) != before


def test_purge_paths_cover_the_composite_views(cached_page):
    paths = CompositePurgePaths(cached_page).getRelativePaths()
    assert "/plone/page/@@composite-view" in paths
    assert "/plone/page/@composite" in paths


@pytest.fixture
def purged(cached_page):
    """Purging on for Composite Page; the pages a Purge event is sent for."""
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True
    )
    api.portal.set_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes",
        ("Composite Page",),
    )
    sent = []

    def record(obj, event):
        sent.append(obj.getId())

    registry = getGlobalSiteManager()
    registry.registerHandler(record, (ICompositeEnabled, IPurgeEvent))
    transaction.commit()
    yield sent
    registry.unregisterHandler(record, (ICompositeEnabled, IPurgeEvent))


def test_saving_the_arrangement_purges_the_page(cached_page, purged):
    arrangement.add_widget(cached_page, "main", "text", {"text": "<p>More</p>"})
    assert purged == ["page"]


def test_changing_an_item_the_page_shows_purges_the_page_at_commit(
    cached_page, purged, functional_portal
):
    target = functional_portal["target"]
    target.title = "Renamed target"
    notify(ObjectModifiedEvent(target))
    assert purged == []
    transaction.commit()
    assert purged == ["page"]


def test_changing_an_item_no_page_shows_purges_nothing(
    cached_page, purged, functional_portal
):
    other = api.content.create(container=functional_portal, type="Document", id="o")
    transaction.commit()
    other.title = "Other"
    notify(ObjectModifiedEvent(other))
    transaction.commit()
    assert purged == []
