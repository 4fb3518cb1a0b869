"""@composite-history sent the other method: a 405 that says which one,
not a 404 saying that a revision the page keeps is not kept."""

from functional_fixtures import arrange
from functional_fixtures import text_widget

import pytest


@pytest.fixture
def url(functional_page) -> str:
    """The history of a page with one revision."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "one")]}})
    return f"{functional_page.absolute_url()}/@composite-history"


def test_getting_a_restore_url_says_to_post(editor, url):
    response = editor.get(f"{url}/1/restore")
    assert (response.status_int, response.headers["Allow"]) == (405, "POST")
    assert response.json["error"]["type"] == "MethodNotAllowed"
    assert "POST" in response.json["error"]["message"]


@pytest.mark.parametrize("path", ["", "/1"])
def test_posting_to_the_history_or_a_revision_says_to_get(editor, url, path):
    response = editor.request("POST", f"{url}{path}", json={"version": "1"})
    assert (response.status_int, response.headers["Allow"]) == (405, "GET")
    assert response.json["error"]["type"] == "MethodNotAllowed"


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/9/restore"), ("POST", "/9"), ("POST", "/x")]
)
def test_a_revision_not_kept_is_still_not_found(editor, url, method, path):
    response = editor.request(method, f"{url}{path}", json={"version": "1"})
    assert response.status_int == 404
    assert response.json["error"]["type"] == "UnknownRevision"
