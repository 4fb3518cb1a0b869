"""A design lock nobody refreshes expires (plone.locking's timeout): from then
on it refuses nobody, another editor takes it without a takeover, and its
former holder, coming back, is told who holds the page now."""

from collective.composite import arrangement
from collective.composite.arrangement import locking
from functional_fixtures import arrange
from functional_fixtures import text_widget
from plone import api

import pytest
import time
import transaction


@pytest.fixture
def expired(functional_page, rest_users):
    """Version "1"; ``manager`` took the design lock and left it to expire."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "A")]}})
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        locking.lock(functional_page)
    for lock in functional_page.wl_lockValues():
        lock._modifiedtime = time.time() - lock.getTimeout() - 60
    transaction.commit()
    return functional_page


def lock_url(page) -> str:
    return f"{page.absolute_url()}/@composite-lock"


def test_an_expired_lock_is_shown_as_no_lock(editor, expired):
    answer = editor.get(lock_url(expired)).json
    assert (answer["locked"], answer["creator"]) == (False, None)


def test_an_expired_lock_refuses_no_save(editor, expired):
    response = editor.patch(
        f"{expired.absolute_url()}/@composite",
        json={"version": "1", "layout": "two-columns"},
    )
    assert response.status_int == 200, response.text
    transaction.begin()
    assert arrangement.get(expired).layout == "two-columns"


def test_another_editor_takes_an_expired_lock_without_a_takeover(
    editor, rest_client, expired
):
    taken = editor.request("POST", lock_url(expired))
    assert taken.status_int == 200, taken.text
    assert taken.json["mine"] is True
    back = rest_client("manager").request("POST", lock_url(expired))
    assert back.status_int == 409
    assert back.json["error"]["lock"]["creator"]["id"] == "editor"
