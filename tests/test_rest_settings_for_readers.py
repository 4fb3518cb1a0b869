"""Who may view a page but not design it reads its widgets' settings as
visitors' pages show them (``settings_for_readers``): the markup of ``html``
and ``text`` widgets filtered as the real view filters it, in ``GET
@composite``, ``?expand=composite`` and ``GET @composite-export``. Designers
read them as stored, to change and send back."""

from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgets.html import HTMLRenderer
from functional_fixtures import arrange
from plone import api

import pytest
import transaction


ENTERED = "<p>Hi</p><script>track()</script>"
FILTERED = "<p>Hi</p>"


@pytest.fixture
def published(functional_page, rest_users):
    """The page, published, with one ``html`` widget holding ``ENTERED``."""
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "html", "settings": {"html": ENTERED}}]}},
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    transaction.commit()
    return functional_page


def html_of(data: dict) -> str:
    (widget,) = data["slots"]["main"]
    return widget["settings"].get("html")


def composite(client, page) -> dict:
    response = client.get(f"{page.absolute_url()}/@composite")
    assert response.status_int == 200, response.text
    return response.json


@pytest.mark.parametrize("user", [None, "reader", "member"])
def test_who_may_not_design_reads_html_filtered(rest_client, published, user):
    assert html_of(composite(rest_client(user), published)) == FILTERED


def test_a_designer_reads_html_as_stored(rest_client, published):
    assert html_of(composite(rest_client("manager"), published)) == ENTERED


def test_the_expanded_component_is_filtered_for_readers(rest_client, published):
    response = rest_client().get(f"{published.absolute_url()}?expand=composite")
    assert html_of(response.json["@components"]["composite"]) == FILTERED


def test_the_export_is_filtered_for_readers_only(rest_client, published):
    url = f"{published.absolute_url()}/@composite-export"
    assert html_of(rest_client().get(url).json) == FILTERED
    assert html_of(rest_client("manager").get(url).json) == ENTERED


def test_text_is_filtered_again_for_readers_when_the_filter_was_tightened(
    rest_client, functional_page, rest_users
):
    arrange(
        functional_page,
        {
            "slots": {
                "main": [{"type": "text", "settings": {"text": "<p><em>Hi</em></p>"}}]
            }
        },
    )
    valid = api.portal.get_registry_record("plone.valid_tags")
    api.portal.set_registry_record(
        "plone.valid_tags", [tag for tag in valid if tag != "em"]
    )
    transaction.commit()
    (read,) = composite(rest_client("reader"), functional_page)["slots"]["main"]
    (stored,) = composite(rest_client("editor"), functional_page)["slots"]["main"]
    assert "<em>" not in read["settings"]["text"]
    assert "Hi" in read["settings"]["text"]
    assert stored["settings"]["text"] == "<p><em>Hi</em></p>"


def test_a_failing_settings_for_readers_shows_readers_no_settings(
    rest_client, published, monkeypatch
):
    def failing(settings, context):
        raise RuntimeError("broken")

    monkeypatch.setattr(HTMLRenderer, "settings_for_readers", failing)
    data = composite(rest_client(), published)
    (widget,) = data["slots"]["main"]
    assert widget["settings"] == {}
    assert widget["type"] == "html"


def test_a_widget_of_a_type_gone_shows_readers_no_settings(
    rest_client, published, monkeypatch
):
    def gone(name):
        raise UnknownWidgetType(name)

    monkeypatch.setattr("collective.composite.serializers.get_widget_type", gone)
    (widget,) = composite(rest_client(), published)["slots"]["main"]
    assert widget["settings"] == {}
