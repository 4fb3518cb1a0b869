"""@@composite-design gives the editor the way back after a save refused as
logged out: Plone's login form with ``came_from`` pointing at design mode of
this page (never taken from the request: no open redirect), and the id of the
user, which keys the unsaved changes kept meanwhile."""

from design_markup import design_document
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest


HTML = {"Accept": "text/html"}
pytestmark = pytest.mark.arrangement(
    {"layout": "two-columns", "slots": {"main": [], "sidebar": []}, "unplaced": []}
)


def editor_root(rest_client, url: str, user: str = "editor"):
    response = rest_client(user, auth="basic").get(url, headers=HTML)
    assert response.status_int == 200, response.status
    (root,) = design_document(response.text).cssselect("[data-composite-editor]")
    return root


def test_the_login_link_comes_back_to_design_mode_of_the_page(
    rest_client, functional_page, functional_portal
):
    page_url = functional_page.absolute_url()
    root = editor_root(rest_client, f"{page_url}/@@composite-design")
    login = urlsplit(root.get("data-composite-login-url"))
    assert f"{login.scheme}://{login.netloc}{login.path}" == (
        f"{functional_portal.absolute_url()}/login"
    )
    assert parse_qs(login.query) == {"came_from": [f"{page_url}/@@composite-design"]}
    assert root.get("data-composite-user") == "editor"


def test_a_came_from_of_the_request_is_not_where_the_login_link_leads(
    rest_client, functional_page
):
    page_url = functional_page.absolute_url()
    root = editor_root(
        rest_client, f"{page_url}/@@composite-design?came_from=https://evil.example/"
    )
    login = urlsplit(root.get("data-composite-login-url"))
    assert parse_qs(login.query) == {"came_from": [f"{page_url}/@@composite-design"]}
