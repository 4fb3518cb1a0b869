"""``@components.composite``: a page's content GET links to its arrangement, and
``?expand=composite`` inlines it, as plone.restapi's own components do."""

from functional_fixtures import arrange
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


@pytest.fixture
def referring_page(functional_page, target):
    """The page with a text and a reference to ``target`` in ``main``."""
    arrange(
        functional_page,
        {
            "slots": {
                "main": [
                    text_widget("a", "Alpha"),
                    {"id": "t", "type": "content", "settings": {"uid": target.UID()}},
                ]
            }
        },
    )
    return functional_page


def test_the_content_get_links_to_the_arrangement(editor, referring_page):
    response = editor.get(referring_page.absolute_url())
    assert response.status_int == 200
    assert response.json["@components"]["composite"] == {
        "@id": f"{referring_page.absolute_url()}/@composite"
    }


def test_expanding_it_inlines_what_get_composite_answers(editor, referring_page):
    expanded = editor.get(f"{referring_page.absolute_url()}?expand=composite")
    assert expanded.status_int == 200
    composite = editor.get(f"{referring_page.absolute_url()}/@composite").json
    assert expanded.json["@components"]["composite"] == composite
    assert [w["id"] for w in composite["slots"]["main"]] == ["a", "t"]


def test_a_reader_sees_it_too(rest_client, referring_page):
    response = rest_client("reader").get(
        f"{referring_page.absolute_url()}?expand=composite"
    )
    assert response.status_int == 200
    assert response.json["@components"]["composite"]["version"] == "1"


def test_pages_not_composite_have_none(editor, functional_portal, rest_users):
    with api.env.adopt_roles(["Manager"]):
        plain = api.content.create(
            container=functional_portal, type="Document", id="plain", title="Plain"
        )
    transaction.commit()
    response = editor.get(f"{plain.absolute_url()}?expand=composite")
    assert response.status_int == 200
    assert "composite" not in response.json["@components"]
