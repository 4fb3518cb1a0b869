"""GET @composite-layouts over HTTP, and the layout previews it links to."""

from plone import api
from shipped_layouts import SHIPPED

import pytest
import transaction


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@composite-layouts"


def by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


def test_lists_the_shipped_layouts_in_order(rest_client, url):
    data = rest_client("editor").get(url).json
    assert data["@id"] == url
    assert [layout["name"] for layout in data["layouts"]] == list(SHIPPED)


def test_layout_gives_its_slots_with_constraints(rest_client, url):
    landing = by_name(rest_client("editor").get(url).json["layouts"])["landing"]
    assert landing["title"] == "Landing page"
    assert landing["description"]
    assert landing["slots"][0] == {
        "name": "hero",
        "title": "Hero",
        "allowed": None,
        "max": 1,
    }
    assert [slot["name"] for slot in landing["slots"]] == SHIPPED["landing"]


def test_preview_url_serves_the_preview_image(rest_client, url, functional_page):
    client = rest_client("editor")
    layout = by_name(client.get(url).json["layouts"])["two-columns"]
    assert layout["preview"] == (
        f"{functional_page.absolute_url()}/@@composite-layout-preview/two-columns"
    )
    response = client.get(layout["preview"], headers={"Accept": "image/*"})
    assert response.status_int == 200
    assert response.content_type == "image/svg+xml"
    assert b"<svg" in response.body


def test_preview_of_an_unknown_layout_is_not_found(rest_client, functional_page):
    preview = f"{functional_page.absolute_url()}/@@composite-layout-preview/nope"
    response = rest_client("editor").get(preview, headers={"Accept": "image/*"})
    assert response.status_int == 404


def test_editor_may_add_the_shipped_types_but_html(rest_client, url):
    types = by_name(rest_client("editor").get(url).json["widget_types"])
    assert sorted(types) == ["content", "image", "listing", "text"]


def test_manager_may_add_html_widgets_too(rest_client, url):
    types = by_name(rest_client("manager").get(url).json["widget_types"])
    assert sorted(types) == ["content", "html", "image", "listing", "text"]


def test_reader_may_add_no_widget_type(rest_client, url):
    data = rest_client("reader").get(url).json
    assert data["widget_types"] == []
    assert len(data["layouts"]) == 4


def test_widget_type_gives_its_description_and_icon(rest_client, url):
    text = by_name(rest_client("editor").get(url).json["widget_types"])["text"]
    assert text["title"] == "Text"
    assert text["description"] == "Formatted text written right here."
    assert text["icon"] == "text-paragraph"


def test_settings_schema_is_json_schema(rest_client, url):
    content = by_name(rest_client("editor").get(url).json["widget_types"])["content"]
    schema = content["schema"]
    assert schema["type"] == "object"
    # JSON objects are unordered (plone.restapi sorts keys): the fieldsets
    # give the order.
    assert sorted(schema["properties"]) == ["display", "uid"]
    assert schema["required"] == ["uid", "display"]
    assert schema["properties"]["uid"]["type"] == "string"
    assert schema["properties"]["display"]["choices"][0] == [
        "title",
        "Title as a link",
    ]
    assert schema["fieldsets"][0]["fields"] == ["uid", "display"]


def test_choice_settings_list_terms_without_a_content_sources_link(rest_client, url):
    content = by_name(rest_client("editor").get(url).json["widget_types"])["content"]
    display = content["schema"]["properties"]["display"]
    assert display["enum"] == ["title", "summary", "full"]
    # @sources/display would look the field up on the page, which has none.
    assert "vocabulary" not in display


def test_anonymous_gets_401_on_a_private_page(rest_client, url):
    assert rest_client().get(url).status_int == 401


def test_member_without_view_gets_403(rest_client, url):
    assert rest_client("member").get(url).status_int == 403


def test_anonymous_reads_a_published_page_without_widget_types(
    rest_client, url, functional_page
):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    transaction.commit()
    response = rest_client().get(url)
    assert response.status_int == 200
    assert response.json["widget_types"] == []
