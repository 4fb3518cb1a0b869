"""Reverting a composite page to a content version follows the arrangement's
rules: refused while someone else holds the lock, and notifying the same event
as every save, whether through the Python API or Plone's *Revert to this
revision*."""

from arrangement_fixtures import modified_events
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.arrangement import versioning
from collective.composite.browser.revert import CompositeRevertVersion
from collective.composite.exceptions import LockedByOther
from collective.composite.interfaces import ICompositeLayer
from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


@pytest.fixture(autouse=True)
def saved_a_then_b(page, fake_types):
    """The note A on the page, saved as content version ``page.saved``, then
    changed to B; ``jane`` is an Editor."""
    note = arrangement.add_widget(page, "main", "note", {"title": "A"})
    api.portal.get_tool("portal_repository").save(page)
    page.saved = page.version_id
    arrangement.update_widget(page, note.id, {"title": "B"})
    api.user.create(email="jane@example.org", username="jane", roles=["Editor"])


def titles(page) -> list[str]:
    return [widget.settings["title"] for widget in arrangement.get(page).widgets]


def lock_as_jane(page) -> None:
    with api.env.adopt_user(username="jane"):
        locking.lock(page)


def revert_view(page, request):
    alsoProvides(request, ICompositeLayer)
    request.form["version_id"] = str(page.saved)
    return getMultiAdapter((page, request), name="revertversion")


def test_a_revert_notifies_the_event_of_a_save(page):
    with modified_events() as received:
        versioning.revert(page, page.saved)
    assert titles(page) == ["A"]
    assert [(event.old_version, event.new_version) for event in received] == [
        ("2", "3")
    ]
    assert received[0].object is page


def test_a_revert_is_refused_while_someone_else_holds_the_lock(page):
    lock_as_jane(page)
    with modified_events() as received, pytest.raises(LockedByOther) as refused:
        versioning.revert(page, page.saved)
    assert refused.value.info.creator == "jane"
    assert titles(page) == ["B"]
    assert arrangement.get(page).version == "2"
    assert received == []


def test_the_holder_of_the_lock_reverts(page):
    locking.lock(page)
    versioning.revert(page, page.saved)
    assert titles(page) == ["A"]


def test_plones_revert_of_a_composite_page_is_the_add_ons(page, http_request):
    assert isinstance(revert_view(page, http_request), CompositeRevertVersion)


def test_plones_revert_brings_the_arrangement_back_with_the_event(page, http_request):
    with modified_events() as received:
        revert_view(page, http_request)()
    assert titles(page) == ["A"]
    assert len(received) == 1


def test_plones_revert_says_who_holds_the_lock_and_changes_nothing(page, http_request):
    api.user.get(username="jane").setMemberProperties({"fullname": "Jane Doe"})
    lock_as_jane(page)
    with modified_events() as received:
        revert_view(page, http_request)()
    messages = IStatusMessage(http_request).show()
    assert [message.type for message in messages] == ["error"]
    assert "Jane Doe has held the lock of this page since" in messages[0].message
    assert "it was not reverted" in messages[0].message
    assert http_request.response.getHeader("Location").endswith("/page/@@historyview")
    assert titles(page) == ["B"]
    assert received == []


@pytest.mark.parametrize("version_id", ["abc", "1.5", "-1", " 1", "9" * 5000, ["1"]])
def test_plones_revert_refuses_what_is_no_version_number_naming_it(
    page, http_request, version_id
):
    view = revert_view(page, http_request)
    http_request.form["version_id"] = version_id
    with pytest.raises(BadRequest, match="^version_id: "):
        view()
    assert titles(page) == ["B"]


def test_plones_revert_refuses_a_version_the_page_lacks_saying_so(page, http_request):
    view = revert_view(page, http_request)
    http_request.form["version_id"] = "99"
    with pytest.raises(BadRequest, match="^version_id: "):
        view()
    (message,) = IStatusMessage(http_request).show()
    assert (message.type, message.message) == (
        "error",
        "version_id: This page has no version of that number.",
    )
    assert titles(page) == ["B"]
