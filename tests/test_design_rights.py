"""Designing follows the workflow: who may design a page (the design
permission) may change its arrangement only while they may change the page
(Modify portal content), as Plone's edit form has it. In the simple
publication workflow an Editor may not while the page awaits review."""

from collective.composite import arrangement
from collective.composite.arrangement import locking
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


@pytest.fixture
def pending(functional_page, rest_users):
    """The page, one text widget on it, submitted for review."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "Before")]}})
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="submit")
    transaction.commit()
    return functional_page


def texts(page) -> list[str]:
    transaction.begin()
    return [w.settings["text"] for w in arrangement.get(page).slots["main"]]


def test_an_editors_save_of_a_page_awaiting_review_names_modify_portal_content(
    pending, editor, functional_app
):
    before = last_transaction(functional_app)
    response = editor.patch(
        f"{pending.absolute_url()}/@composite",
        json={"version": "1", "slots": {"main": [text_widget("a", "After")]}},
    )
    assert response.status_int == 403
    assert response.json["error"]["permission"] == "Modify portal content"
    assert "'Modify portal content'" in response.json["error"]["message"]
    assert last_transaction(functional_app) == before
    assert texts(pending) == ["<p>Before</p>"]


def test_an_editor_still_reads_a_page_awaiting_review_as_designers_do(pending, editor):
    response = editor.get(f"{pending.absolute_url()}/@composite-history")
    assert response.status_int == 200
    assert [item["number"] for item in response.json["items"]] == [1]


def test_a_manager_designs_a_page_awaiting_review(pending, rest_client):
    response = rest_client("manager").patch(
        f"{pending.absolute_url()}/@composite",
        json={"version": "1", "slots": {"main": [text_widget("a", "After")]}},
    )
    assert response.status_int == 200
    assert texts(pending) == ["<p>After</p>"]


def test_design_mode_refuses_an_editor_a_page_awaiting_review(pending, editor):
    response = editor.get(
        f"{pending.absolute_url()}/@@composite-design",
        headers={"Accept": "text/html"},
    )
    assert response.status_int == 403


def test_an_editor_is_offered_design_on_a_private_page_only(
    functional_page, rest_users
):
    assert design_offered(functional_page, "editor")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="submit")
    assert not design_offered(functional_page, "editor")
    assert design_offered(functional_page, "manager")


def design_offered(page, user: str) -> bool:
    """:returns: whether ``user`` is shown the page's *Design* action."""
    with api.env.adopt_user(username=user):
        actions = api.portal.get_tool("portal_actions").listFilteredActionsFor(page)
    return "composite-design" in [action["id"] for action in actions["object"]]


def test_an_empty_page_awaiting_review_does_not_invite_an_editor(
    functional_page, rest_users, editor
):
    url = f"{functional_page.absolute_url()}/@@composite-view"
    html = {"Accept": "text/html"}
    assert "Design this page" in editor.get(url, headers=html).text
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="submit")
    transaction.commit()
    assert "Design this page" not in editor.get(url, headers=html).text


def test_the_design_permission_alone_is_not_enough(functional_page, functional_portal):
    design = "collective.composite: Design composite pages"
    with api.env.adopt_roles(["Manager"]):
        roles = ["Editor", "Manager", "Owner", "Reviewer", "Site Administrator"]
        functional_portal.manage_permission(design, roles, acquire=True)
    with api.env.adopt_roles(["Reviewer"]):
        assert api.user.has_permission(design, obj=functional_page)
        assert not arrangement.may_design(functional_page)  # no Modify when private
    with api.env.adopt_roles(["Editor"]):
        assert arrangement.may_design(functional_page)


def test_an_editor_releases_the_lock_taken_before_the_page_was_submitted(
    functional_page, rest_users, editor
):
    with api.env.adopt_user(username="editor"):
        locking.lock(functional_page)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="submit")
    transaction.commit()
    response = editor.request(
        "DELETE", f"{functional_page.absolute_url()}/@composite-lock"
    )
    assert response.status_int == 200
    assert response.json["locked"] is False


def test_an_editor_may_not_take_the_lock_of_a_page_awaiting_review(pending, editor):
    response = editor.request(
        "POST", f"{pending.absolute_url()}/@composite-lock", json={}
    )
    assert response.status_int == 403
    assert response.json["error"]["permission"] == "Modify portal content"


def test_an_editor_may_add_no_widget_type_to_a_page_awaiting_review(pending, editor):
    url = f"{pending.absolute_url()}/@composite-layouts"
    assert editor.get(url).json["widget_types"] == []
