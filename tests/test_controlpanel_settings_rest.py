"""The settings "Types that may be composite" and "The design lock refuses
other users' saves" over HTTP: ``@controlpanels/composite`` and, with the
lock setting off, ``PATCH @composite`` by another user while the lock is held."""

from collective.composite.arrangement import locking
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


TYPES = "collective.composite.composite_types"
REFUSES = "collective.composite.lock_refuses_saves"
BEHAVIOR = "collective.composite.composite"
DEFAULT = ["Composite Page", "Plone Site"]


def stored(name: str):
    transaction.begin()
    return api.portal.get_registry_record(name)


def behaviors(type_name: str) -> tuple[str, ...]:
    transaction.begin()
    return api.portal.get_tool("portal_types")[type_name].behaviors


@pytest.fixture
def panel(functional_portal, rest_users) -> str:
    return f"{functional_portal.absolute_url()}/@controlpanels/composite"


@pytest.fixture
def manager(rest_client):
    return rest_client("manager")


class TestTypesSetting:
    def test_get_lists_the_composite_types(self, manager, panel):
        data = manager.get(panel).json["data"]
        assert [item["token"] for item in data["composite_types"]] == DEFAULT

    def test_patch_gives_a_type_the_behavior(self, manager, panel):
        response = manager.patch(
            panel, json={"composite_types": [*DEFAULT, "Document"]}
        )
        assert response.status_int == 204, response
        assert stored(TYPES) == [*DEFAULT, "Document"]
        assert BEHAVIOR in behaviors("Document")

    def test_leaving_composite_page_out_is_refused(
        self, manager, panel, functional_app
    ):
        before = last_transaction(functional_app)
        response = manager.patch(panel, json={"composite_types": ["Plone Site"]})
        assert response.status_int == 400, response
        assert "composite_types" in response.text
        assert "Composite Page is always composite" in response.text
        assert last_transaction(functional_app) == before
        assert BEHAVIOR in behaviors("Composite Page")

    def test_an_unknown_type_is_refused(self, manager, panel):
        response = manager.patch(
            panel, json={"composite_types": [*DEFAULT, "No Such Type"]}
        )
        assert response.status_int == 400, response
        assert "composite_types" in response.text
        assert stored(TYPES) == DEFAULT

    @pytest.mark.parametrize("value", [{"a": 1}, [["Document"]], [{"a": 1}], "Folder"])
    def test_a_value_of_another_shape_is_refused(self, manager, panel, value):
        response = manager.patch(panel, json={"composite_types": value})
        assert response.status_int == 400, response
        assert "composite_types" in response.text
        assert stored(TYPES) == DEFAULT


def test_a_body_that_is_not_an_object_is_refused(manager, panel):
    response = manager.patch(panel, json=["history_retention"])
    assert response.status_int == 400, response
    assert stored("collective.composite.history_retention") == 50


class TestLockSetting:
    def test_get_says_the_lock_refuses_saves(self, manager, panel):
        assert manager.get(panel).json["data"]["lock_refuses_saves"] is True

    def test_patch_turns_it_off(self, manager, panel):
        response = manager.patch(panel, json={"lock_refuses_saves": False})
        assert response.status_int == 204, response
        assert stored(REFUSES) is False

    def test_a_word_is_refused(self, manager, panel):
        # plone.restapi alone would read "no" (any word but "true", "on") as
        # false.
        response = manager.patch(panel, json={"lock_refuses_saves": "no"})
        assert response.status_int == 400, response
        assert "lock_refuses_saves" in response.text
        assert stored(REFUSES) is True


@pytest.fixture
def locked_by_manager(functional_page, rest_users):
    """Version "1" of the page; the manager holds its design lock; locks do
    not refuse saves."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "A")]}})
    transaction.begin()
    api.portal.set_registry_record(REFUSES, False)
    with api.env.adopt_user(username="manager"):
        locking.lock(functional_page)
    transaction.commit()
    return functional_page


def patch_layout(client, page, version: str):
    return client.patch(
        f"{page.absolute_url()}/@composite",
        json={"version": version, "layout": "two-columns"},
    )


def test_with_the_setting_off_another_users_save_is_accepted(editor, locked_by_manager):
    response = patch_layout(editor, locked_by_manager, "1")
    assert response.status_int == 200, response
    assert response.json["version"] != "1"


def test_with_the_setting_off_the_holder_then_gets_a_conflict(
    editor, manager, locked_by_manager
):
    patch_layout(editor, locked_by_manager, "1")
    response = patch_layout(manager, locked_by_manager, "1")
    assert response.status_int == 409, response
    assert response.json["error"]["type"] == "StaleVersion"


def test_with_the_setting_off_the_lock_stays_the_holders(editor, locked_by_manager):
    patch_layout(editor, locked_by_manager, "1")
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        assert locking.get_lock(locked_by_manager).mine


class TestUnknownSettings:
    def test_a_setting_the_panel_lacks_is_refused_naming_it(
        self, manager, panel, functional_app
    ):
        # plone.restapi would ignore it: 204, and nothing changed.
        before = last_transaction(functional_app)
        response = manager.patch(
            panel, json={"history_retension": 5, "lock_refuses_saves": False}
        )
        assert response.status_int == 400, response
        assert "history_retension" in response.text
        assert last_transaction(functional_app) == before
        assert stored(REFUSES) is True
