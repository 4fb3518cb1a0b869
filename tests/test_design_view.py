"""@@composite-design: who may open it, and the markup the editor works on."""

from collective.composite.services.testing import arrange
from collective.composite.services.testing import last_transaction
from collective.composite.storage import find
from lxml import html as lxml_html

import json
import pytest
import transaction


pytest_plugins = ["collective.composite.services.testing"]

HTML = {"Accept": "text/html"}


@pytest.fixture
def url(composite_page) -> str:
    return f"{composite_page.absolute_url()}/@@composite-design"


@pytest.fixture
def arranged(composite_page):
    arrange(
        composite_page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [
                    {"id": "a", "type": "text", "settings": {"text": "<p>Welcome</p>"}},
                    {"id": "b", "type": "text", "settings": {"text": "<p>Second</p>"}},
                ],
                "sidebar": [],
            },
            "unplaced": [
                {"id": "c", "type": "text", "settings": {}, "slot": "footer"},
            ],
        },
    )
    return composite_page


def page(rest_client, url, user="editor"):
    response = rest_client(user, auth="basic").get(url, headers=HTML)
    assert response.status_int == 200, response.status
    return lxml_html.fromstring(response.text)


def root_of(document):
    (root,) = document.cssselect("[data-composite-editor]")
    return root


def test_anonymous_users_are_sent_to_log_in(rest_client, url):
    response = rest_client().get(url, headers=HTML)
    assert response.status_int == 302
    assert "login" in response.headers["Location"]


def test_users_without_the_design_permission_get_403(rest_client, url):
    response = rest_client("reader", auth="basic").get(url, headers=HTML)
    assert response.status_int == 403


def test_editors_get_the_editor_root(rest_client, url):
    root = root_of(page(rest_client, url))
    assert root.get("data-composite-save-url").endswith("/page/++api++/@composite")
    assert root.get("data-composite-preview-url").endswith("/page/@@composite-preview")
    assert root.get("data-composite-csrf-token")


def test_dump(rest_client, url, arranged):
    response = rest_client("editor", auth="basic").get(url, headers=HTML)
    open("/tmp/g/design.html", "w").write(response.text)
