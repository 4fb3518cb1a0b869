"""@composite-lock: design mode's lock, who holds it and since when, take over."""

from datetime import datetime
from functional_fixtures import last_transaction
from plone import api
from plone.locking.interfaces import ILockable
from zoneinfo import ZoneInfo

import pytest
import re
import transaction


ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture
def url(functional_page, functional_portal) -> str:
    functional_portal.acl_users.userFolderAddUser("editor2", "secret", ["Editor"], [])
    transaction.commit()
    return f"{functional_page.absolute_url()}/@composite-lock"


def test_an_unlocked_page(rest_client, url):
    response = rest_client("editor").get(url)
    assert response.status_int == 200
    assert response.json["supported"] is True
    assert response.json["locked"] is False
    assert response.json["creator"] is None


def test_opening_design_mode_locks_the_page_for_others_to_see(
    rest_client, url, functional_page
):
    response = rest_client("editor").request("POST", url)
    assert response.status_int == 200
    assert response.json["locked"] is True
    assert response.json["mine"] is True
    transaction.begin()
    assert ILockable(functional_page).locked()
    seen = rest_client("manager").get(url).json
    assert seen["locked"] is True
    assert seen["mine"] is False
    assert seen["creator"] == {"id": "editor", "fullname": "editor"}
    assert ISO_TIME.match(seen["time"])
    assert seen["stealable"] is True


def test_a_locked_page_refuses_another_editor_with_409(
    rest_client, url, functional_app
):
    rest_client("editor").request("POST", url)
    before = last_transaction(functional_app)
    response = rest_client("manager").request("POST", url)
    assert response.status_int == 409
    error = response.json["error"]
    assert error["type"] == "Locked"
    assert error["lock"]["creator"]["id"] == "editor"
    assert "editor is designing this page since" in error["message"]
    assert last_transaction(functional_app) == before


def refused(rest_client, url) -> dict:
    """The error of ``manager`` locking the page that ``editor`` holds."""
    rest_client("editor").request("POST", url)
    response = rest_client("manager").request("POST", url)
    assert response.status_int == 409
    return response.json["error"]


def since(error: dict, zone: str = "UTC") -> datetime:
    """When the lock of ``error`` was taken, in ``zone``."""
    return datetime.fromisoformat(error["lock"]["time"]).astimezone(ZoneInfo(zone))


def test_the_409_message_says_since_when_as_plone_shows_times(rest_client, url):
    error = refused(rest_client, url)
    assert not ISO_TIME.search(error["message"])
    # Plone's English long format: ${b} ${d}, ${Y} ${I}:${M} ${p}
    when = f"{since(error):%b %d, %Y %I:%M %p}"
    assert error["message"] == f"editor is designing this page since {when}."


def test_the_409_message_keeps_the_lock_time_in_iso_for_machines(rest_client, url):
    error = refused(rest_client, url)
    assert ISO_TIME.match(error["lock"]["time"])
    assert error["lock"]["time"].endswith("+00:00")


def test_the_409_message_is_german_with_german_dates(rest_client, url):
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    error = refused(rest_client, url)
    # Plone's German long format: ${d}.${m}.${Y} ${H}:${M}
    when = f"{since(error):%d.%m.%Y %H:%M}"
    assert error["message"] == f"editor gestaltet diese Seite seit {when}."


def test_the_409_message_gives_the_time_in_the_sites_time_zone(rest_client, url):
    api.portal.set_registry_record("plone.portal_timezone", "Pacific/Auckland")
    transaction.commit()
    error = refused(rest_client, url)
    when = f"{since(error, 'Pacific/Auckland'):%b %d, %Y %I:%M %p}"
    assert error["message"] == f"editor is designing this page since {when}."


def test_another_editor_can_take_over(rest_client, url, functional_page):
    rest_client("editor").request("POST", url)
    response = rest_client("manager").request("POST", url, json={"takeover": True})
    assert response.status_int == 200
    assert response.json["mine"] is True
    transaction.begin()
    info = ILockable(functional_page).lock_info()
    assert [i["creator"] for i in info] == ["manager"]
    assert rest_client("editor").request("POST", url).status_int == 409


def test_refreshing_keeps_the_lock(rest_client, url):
    editor = rest_client("editor")
    editor.request("POST", url)
    response = editor.request("POST", url)
    assert response.status_int == 200
    assert response.json["mine"] is True


def test_leaving_unlocks_and_only_the_holder_can(rest_client, url, functional_page):
    rest_client("editor").request("POST", url)
    assert rest_client("manager").request("DELETE", url).status_int == 409
    response = rest_client("editor").request("DELETE", url)
    assert response.status_int == 200
    assert response.json["locked"] is False
    transaction.begin()
    assert not ILockable(functional_page).locked()


@pytest.mark.parametrize(("user", "status"), [(None, 401), ("reader", 403)])
def test_locks_need_the_design_permission(rest_client, url, user, status):
    client = rest_client(user)
    for method in ("GET", "POST", "DELETE"):
        assert client.request(method, url).status_int == status


def test_locking_from_a_browser_session_needs_the_csrf_token(rest_client, url):
    client = rest_client("editor", auth="cookie")
    assert client.request("POST", url).status_int == 403
    token = client.csrf_token(api.portal.get().absolute_url())
    response = client.request("POST", url, headers={"X-CSRF-TOKEN": token})
    assert response.status_int == 200


def test_a_bad_body_is_refused(rest_client, url):
    response = rest_client("editor").request("POST", url, json={"takeover": "yes"})
    assert response.status_int == 400
    assert response.json["error"]["field"] == "takeover"
