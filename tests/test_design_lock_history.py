"""@@composite-design: the URLs of the lock, history and export/import
services, the lock banner rendered on the server, the History panel and the
export and import controls."""

from collective.composite.arrangement import locking
from lxml import html as lxml_html
from plone import api
from zoneinfo import ZoneInfo

import pytest
import transaction


HTML = {"Accept": "text/html"}


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-design"


def root_of(rest_client, url, user="editor"):
    response = rest_client(user, auth="basic").get(url, headers=HTML)
    assert response.status_int == 200, response.status
    (root,) = lxml_html.fromstring(response.text).cssselect("[data-composite-editor]")
    return root


def test_the_editor_gets_the_lock_history_and_transfer_urls(rest_client, url):
    root = root_of(rest_client, url)
    assert root.get("data-composite-lock-url").endswith(
        "/plone/page/++api++/@composite-lock"
    )
    assert root.get("data-composite-history-url").endswith(
        "/plone/page/++api++/@composite-history"
    )
    assert root.get("data-composite-export-url").endswith(
        "/plone/page/++api++/@composite-export"
    )
    assert root.get("data-composite-import-url").endswith(
        "/plone/page/++api++/@composite-import"
    )


def test_no_lock_banner_when_nobody_else_designs_the_page(rest_client, url):
    (banner,) = root_of(rest_client, url).cssselect("[data-composite-lock]")
    assert banner.get("hidden") is not None
    assert banner.text_content().strip() == "Take over"


def test_the_lock_banner_says_who_designs_the_page_and_since_when(
    rest_client, url, locked_by_manager
):
    (banner,) = root_of(rest_client, url).cssselect("[data-composite-lock]")
    assert banner.get("hidden") is None
    (message,) = banner.cssselect("[data-composite-lock-message]")
    text = message.text_content()
    assert text.startswith("Mona Manager has been designing this page since ")
    year = str(locking.get_lock(locked_by_manager).time.year)
    assert year in text
    assert "or you take over" in text
    (take_over,) = banner.cssselect("button[data-composite-lock-takeover]")
    assert take_over.get("hidden") is None
    assert take_over.text_content() == "Take over"
    holder = banner.get("data-composite-lock-holder")
    assert holder.startswith("manager@")
    assert holder.endswith("+00:00")


def test_the_lock_banner_gives_the_time_as_plone_shows_times(
    rest_client, url, locked_by_manager
):
    api.portal.set_registry_record("plone.portal_timezone", "Pacific/Auckland")
    transaction.commit()
    (message,) = root_of(rest_client, url).cssselect("[data-composite-lock-message]")
    when = locking.get_lock(locked_by_manager).time
    local = when.astimezone(ZoneInfo("Pacific/Auckland"))
    # Plone's English long format: ${b} ${d}, ${Y} ${I}:${M} ${p}
    assert f"since {local:%b %d, %Y %I:%M %p}. " in message.text_content()


def test_no_lock_banner_for_the_holder_of_the_lock(rest_client, url, locked_by_manager):
    (banner,) = root_of(rest_client, url, "manager").cssselect("[data-composite-lock]")
    assert banner.get("hidden") is not None
    assert banner.get("data-composite-lock-holder") is None


def test_the_history_button_opens_the_history_panel(rest_client, url):
    root = root_of(rest_client, url)
    (button,) = root.cssselect("button[data-composite-action=history]")
    assert button.text_content() == "History"
    assert button.get("aria-expanded") == "false"
    (panel,) = root.cssselect(f"#{button.get('aria-controls')}")
    assert panel.get("data-composite-history") is not None
    assert panel.get("hidden") is not None
    (heading,) = panel.cssselect(f"#{panel.get('aria-labelledby')}")
    assert heading.text_content() == "History"
    headers = [th.text_content() for th in panel.cssselect("thead th")]
    assert headers == ["Revision", "Saved by", "Saved on", "Changes", "Action"]
    assert panel.cssselect("tbody[data-composite-history-list]")


def test_export_is_a_download_link_and_import_a_labelled_file_field(rest_client, url):
    root = root_of(rest_client, url)
    (export,) = root.cssselect("a[data-composite-export]")
    assert export.get("href") == root.get("data-composite-export-url")
    assert export.get("download") is not None
    assert export.text_content() == "Export"
    (field,) = root.cssselect("input[data-composite-import]")
    assert field.get("type") == "file"
    (label,) = root.cssselect(f"label[for={field.get('id')}]")
    assert label.text_content() == "Import a file"
