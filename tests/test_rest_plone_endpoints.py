"""plone.restapi's own endpoints on a composite page, as docs/rest.md tells
("plone.restapi's other endpoints on composite pages"): one lock for
``@lock`` and ``@composite-lock``, arrangements in search results filtered for
readers, the *Design* action for who may design."""

from functional_fixtures import arrange
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


HTML = {
    "id": "h",
    "type": "html",
    "settings": {"html": "<p>Hi</p><script>x()</script>"},
}


@pytest.fixture
def page(functional_page, rest_users):
    """The page, published, with an ``html`` widget that has a script."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "A"), HTML]}})
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, "publish")
    transaction.commit()
    return functional_page


def test_a_lock_taken_with_lock_refuses_others_arrangement_changes(page, rest_client):
    manager = rest_client("manager", auth="basic")
    assert (
        manager.request("POST", f"{page.absolute_url()}/@lock", json={}).status_int
        == 200
    )
    response = rest_client("editor", auth="basic").patch(
        f"{page.absolute_url()}/@composite",
        json={"version": "1", "layout": "one-column"},
    )
    assert response.status_int == 409
    assert response.json["error"]["type"] == "Locked"


def test_a_design_lock_refuses_others_content_patch(page, rest_client):
    editor = rest_client("editor", auth="basic")
    taken = editor.request("POST", f"{page.absolute_url()}/@composite-lock", json={})
    assert taken.status_int == 200
    response = rest_client("manager", auth="basic").patch(
        page.absolute_url(), json={"title": "Changed"}
    )
    assert response.status_int == 403
    assert page.Title() == "Page"


@pytest.mark.parametrize(
    ("user", "html"), [("reader", "<p>Hi</p>"), ("editor", HTML["settings"]["html"])]
)
def test_search_results_expand_the_arrangement_as_get_composite(
    page, rest_client, functional_portal, user, html
):
    url = f"{functional_portal.absolute_url()}/@search?UID={page.UID()}"
    response = rest_client(user, auth="basic").get(
        f"{url}&fullobjects=1&expand=composite"
    )
    (item,) = response.json["items"]
    widgets = item["@components"]["composite"]["slots"]["main"]
    assert widgets[1]["settings"]["html"] == html


@pytest.mark.parametrize(("user", "offered"), [("editor", True), ("reader", False)])
def test_actions_offer_design_to_who_may_design(page, rest_client, user, offered):
    response = rest_client(user, auth="basic").get(f"{page.absolute_url()}/@actions")
    ids = [action["id"] for action in response.json["object"]]
    assert ("composite-design" in ids) is offered
