"""The design lock tells design mode whether it refuses other users' saves
(the setting ``collective.composite.lock_refuses_saves``): ``refuses_saves``
in every answer of ``@composite-lock``, and an advisory banner, without Take
over, in the design view of a second designer when the setting is off."""

from lxml import html as lxml_html
from plone import api

import pytest
import transaction


RECORD = "collective.composite.lock_refuses_saves"
HTML = {"Accept": "text/html"}


@pytest.fixture
def advisory(functional_portal) -> None:
    """The setting off: the lock refuses nobody's saves, committed."""
    api.portal.set_registry_record(RECORD, False)
    transaction.commit()


def lock_url(page) -> str:
    return f"{page.absolute_url()}/@composite-lock"


def banner_of(rest_client, page):
    response = rest_client("editor", auth="basic").get(
        f"{page.absolute_url()}/@@composite-design", headers=HTML
    )
    assert response.status_int == 200, response.status
    (banner,) = lxml_html.fromstring(response.text).cssselect("[data-composite-lock]")
    return banner


def test_the_lock_says_it_refuses_saves_by_default(editor, locked_by_manager):
    data = editor.get(lock_url(locked_by_manager)).json
    assert data["refuses_saves"] is True


def test_the_lock_says_it_refuses_no_saves_with_the_setting_off(
    editor, locked_by_manager, advisory
):
    data = editor.get(lock_url(locked_by_manager)).json
    assert data["locked"] is True
    assert data["refuses_saves"] is False


def test_a_free_lock_says_what_it_would_refuse(editor, functional_page, advisory):
    data = editor.get(lock_url(functional_page)).json
    assert data["locked"] is False
    assert data["refuses_saves"] is False


def test_the_409_to_taking_the_lock_says_it_refuses_no_saves(
    editor, locked_by_manager, advisory
):
    response = editor.request("POST", lock_url(locked_by_manager))
    assert response.status_int == 409
    assert response.json["error"]["lock"]["refuses_saves"] is False


def test_the_design_view_shows_an_advisory_banner_without_take_over(
    rest_client, locked_by_manager, advisory
):
    banner = banner_of(rest_client, locked_by_manager)
    assert banner.get("hidden") is None
    assert banner.get("data-composite-lock-shared") == ""
    (message,) = banner.cssselect("[data-composite-lock-message]")
    text = message.text_content()
    assert text.startswith("Mona Manager has also been designing this page since ")
    assert text.endswith("You can both save: saves by either of you are merged.")
    (take_over,) = banner.cssselect("button[data-composite-lock-takeover]")
    assert take_over.get("hidden") is not None


def test_the_design_views_banner_is_not_advisory_by_default(
    rest_client, locked_by_manager
):
    banner = banner_of(rest_client, locked_by_manager)
    assert banner.get("data-composite-lock-shared") is None
    assert "or you take over" in banner.text_content()
