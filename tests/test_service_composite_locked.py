"""The design lock over HTTP: while someone else holds it, PATCH @composite,
import and restore answer 409 ``Locked`` (who, since when, how to take over)
and change nothing; the holder's writes, and writes after a take-over, work."""

from collective.composite import arrangement
from collective.composite.arrangement import locking
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api
from plone.locking.interfaces import ILockable
from plone.locking.interfaces import INonStealableLock
from zope.interface import alsoProvides

import pytest
import transaction


@pytest.fixture
def one_widget_page(functional_page, rest_users):
    """Version "1": ``a`` in main; the Manager's full name is Maria Manager."""
    api.user.get(username="manager").setMemberProperties({"fullname": "Maria Manager"})
    arrange(functional_page, {"slots": {"main": [text_widget("a", "A")]}})
    return functional_page


def lock_as(page, user: str) -> None:
    """``user`` takes the page's design lock, committed."""
    transaction.begin()
    with api.env.adopt_user(username=user):
        locking.lock(page)
    transaction.commit()


def patch(client, page, version="1"):
    return client.patch(
        f"{page.absolute_url()}/@composite",
        json={"version": version, "layout": "two-columns"},
    )


def stored_layout(page) -> str:
    transaction.begin()
    return arrangement.get(page).layout


def test_a_patch_while_someone_else_holds_the_lock_is_409_and_changes_nothing(
    editor, one_widget_page, functional_app
):
    lock_as(one_widget_page, "manager")
    before = last_transaction(functional_app)
    response = patch(editor, one_widget_page)
    assert response.status_int == 409
    assert response.json["error"]["type"] == "Locked"
    assert last_transaction(functional_app) == before
    assert stored_layout(one_widget_page) == "one-column"


def test_the_409_says_who_since_when_and_how_to_take_over(editor, one_widget_page):
    lock_as(one_widget_page, "manager")
    error = patch(editor, one_widget_page).json["error"]
    assert error["lock"]["creator"] == {"id": "manager", "fullname": "Maria Manager"}
    assert error["lock"]["@id"] == f"{one_widget_page.absolute_url()}/@composite-lock"
    assert error["lock"]["stealable"] is True
    assert error["message"].startswith("Maria Manager is designing this page since ")
    assert 'POST @composite-lock with {"takeover": true}' in error["message"]


def test_the_409_says_when_the_lock_cannot_be_taken_over(editor, one_widget_page):
    lock_as(one_widget_page, "manager")
    transaction.begin()
    alsoProvides(one_widget_page, INonStealableLock)
    transaction.commit()
    error = patch(editor, one_widget_page).json["error"]
    assert error["lock"]["stealable"] is False
    assert "This lock cannot be taken over" in error["message"]


def test_the_holder_of_the_lock_patches(editor, one_widget_page):
    lock_as(one_widget_page, "editor")
    assert patch(editor, one_widget_page).status_int == 200
    assert stored_layout(one_widget_page) == "two-columns"


def test_the_holder_patches_from_another_session(rest_client, one_widget_page):
    # Design mode in one tab (the login cookie), a script with a token.
    cookie = rest_client("editor", auth="cookie")
    token = cookie.csrf_token(api.portal.get().absolute_url())
    response = cookie.request(
        "POST",
        f"{one_widget_page.absolute_url()}/@composite-lock",
        headers={"X-CSRF-TOKEN": token},
    )
    assert response.status_int == 200
    assert (
        patch(rest_client("editor", auth="bearer"), one_widget_page).status_int == 200
    )


def test_a_script_takes_the_lock_over_and_then_patches(editor, one_widget_page):
    lock_as(one_widget_page, "manager")
    response = editor.request(
        "POST",
        f"{one_widget_page.absolute_url()}/@composite-lock",
        json={"takeover": True},
    )
    assert response.status_int == 200
    assert patch(editor, one_widget_page).status_int == 200
    assert stored_layout(one_widget_page) == "two-columns"


def test_the_old_holder_is_refused_after_a_take_over(rest_client, one_widget_page):
    lock_as(one_widget_page, "manager")
    editor = rest_client("editor")
    editor.request(
        "POST",
        f"{one_widget_page.absolute_url()}/@composite-lock",
        json={"takeover": True},
    )
    response = patch(rest_client("manager"), one_widget_page)
    assert response.status_int == 409
    assert response.json["error"]["lock"]["creator"]["id"] == "editor"
    assert stored_layout(one_widget_page) == "one-column"


def test_the_edit_forms_lock_refuses_a_patch(editor, one_widget_page):
    # The classic edit form takes plone.locking's ordinary lock: the same one.
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        ILockable(one_widget_page).lock()
    transaction.commit()
    assert patch(editor, one_widget_page).status_int == 409


def test_the_lock_is_checked_before_the_version(editor, one_widget_page):
    lock_as(one_widget_page, "manager")
    response = patch(editor, one_widget_page, version="0")
    assert response.json["error"]["type"] == "Locked"


def test_an_import_while_someone_else_holds_the_lock_is_409(editor, one_widget_page):
    exported = editor.get(f"{one_widget_page.absolute_url()}/@composite-export").json
    exported["layout"] = "two-columns"
    lock_as(one_widget_page, "manager")
    response = editor.request(
        "POST",
        f"{one_widget_page.absolute_url()}/@composite-import",
        json={"version": "1", "arrangement": exported},
    )
    assert response.status_int == 409
    assert response.json["error"]["type"] == "Locked"
    assert stored_layout(one_widget_page) == "one-column"


def test_a_restore_while_someone_else_holds_the_lock_is_409(editor, one_widget_page):
    arrange(one_widget_page, {"slots": {"main": [text_widget("b", "B")]}})
    lock_as(one_widget_page, "manager")
    response = editor.request(
        "POST",
        f"{one_widget_page.absolute_url()}/@composite-history/1/restore",
        json={"version": "2"},
    )
    assert response.status_int == 409
    assert response.json["error"]["type"] == "Locked"
    transaction.begin()
    assert [w.id for w in arrangement.get(one_widget_page).widgets] == ["b"]


def test_the_409_of_a_write_is_german(editor, one_widget_page):
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    lock_as(one_widget_page, "manager")
    message = patch(editor, one_widget_page).json["error"]["message"]
    assert message.startswith("Maria Manager gestaltet diese Seite seit ")
    assert "nicht gespeichert" in message
