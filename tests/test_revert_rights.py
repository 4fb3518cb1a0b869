"""Reverting a composite page to a content version brings its arrangement
back, so it needs what designing the page needs, whoever asks (Plone's
*Revert to this revision*, published to whoever may view the page, and
plone.restapi's ``PATCH @history``, to whoever may revert content): who may
not design the page is refused, changes nothing and learns nothing of who
holds its design lock."""

from collective.composite import arrangement
from collective.composite.arrangement import locking
from functional_fixtures import PASSWORD
from functional_fixtures import stored_notes
from lxml import html as lxml_html
from plone import api
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME

import pytest
import transaction


HTML = {"Accept": "text/html"}


@pytest.fixture
def reviewer(functional_portal, rest_users):
    """A Reviewer, who may revert content (CMFEditions' permission) but not
    design pages."""
    functional_portal.acl_users.userFolderAddUser(
        "reviewer", PASSWORD, ["Reviewer"], []
    )
    transaction.commit()
    return "reviewer"


@pytest.fixture
def locked_notes_page(versioned_notes_page, rest_users):
    """:func:`versioned_notes_page` (viewable by anyone), its design lock held
    by ``manager``, Mona Manager."""
    api.user.get(username="manager").setMemberProperties({"fullname": "Mona Manager"})
    with api.env.adopt_user(username="manager"):
        locking.lock(versioned_notes_page)
    transaction.commit()
    return versioned_notes_page


def revert_view(client, page):
    """Plone's *Revert to this revision*, with the user's CSRF token."""
    signed_in = "Authorization" in client.headers
    token = client.csrf_token(page.aq_parent.absolute_url()) if signed_in else ""
    return client.get(
        f"{page.absolute_url()}/revertversion?version_id={page.saved}"
        f"&_authenticator={token}",
        headers=HTML,
    )


def test_a_visitor_reverting_is_sent_to_log_in_without_the_lock_holder(
    rest_client, locked_notes_page
):
    response = revert_view(rest_client(), locked_notes_page)
    assert response.status_int == 302
    assert "login" in response.headers["Location"]
    # Plone keeps status messages in a cookie until the next page shows them.
    assert "statusmessages" not in str(response.headers.getall("Set-Cookie"))
    assert stored_notes(locked_notes_page) == (["A later", "B"], "3")


def test_a_reader_reverting_is_refused_without_the_lock_holder(
    rest_client, locked_notes_page
):
    response = revert_view(rest_client("reader"), locked_notes_page)
    # Plone sends who lacks a permission to its "insufficient privileges" page.
    assert response.status_int == 302
    assert "require_login" in response.headers["Location"]
    assert "Mona Manager" not in response.text
    assert "statusmessages" not in str(response.headers.getall("Set-Cookie"))
    assert stored_notes(locked_notes_page) == (["A later", "B"], "3")


def test_a_reviewer_may_not_bring_an_arrangement_back_with_plones_revert(
    rest_client, reviewer, versioned_notes_page
):
    response = revert_view(rest_client(reviewer), versioned_notes_page)
    assert response.status_int == 302
    assert "require_login" in response.headers["Location"]
    assert stored_notes(versioned_notes_page) == (["A later", "B"], "3")


@pytest.mark.parametrize(
    "page_fixture",
    [
        pytest.param("versioned_notes_page", id="unlocked"),
        pytest.param("locked_notes_page", id="locked-by-another"),
    ],
)
def test_a_reviewer_reverting_through_rest_is_refused_without_the_lock_holder(
    rest_client, reviewer, request, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    response = rest_client(reviewer).patch(
        f"{page.absolute_url()}/@history", json={"version": page.saved}
    )
    assert response.status_int == 403, response.text
    error = response.json["error"]
    assert error["permission"] == "collective.composite: Design composite pages"
    assert "Mona Manager" not in response.text
    assert "lock" not in error
    assert stored_notes(page) == (["A later", "B"], "3")


def test_a_designer_still_reverts_with_plones_revert(rest_client, versioned_notes_page):
    response = revert_view(rest_client("editor", auth="basic"), versioned_notes_page)
    assert response.status_int == 302, response.text
    assert stored_notes(versioned_notes_page) == (["A", "B"], "4")


@pytest.fixture
def html_version_page(functional_notes_page):
    """:func:`functional_notes_page` saved as content version ``page.saved``
    with an HTML widget a Manager added, which was removed afterwards."""
    page = functional_notes_page
    embed = arrangement.add_widget(page, "main", "html", {"html": "<p>Map</p>"})
    api.portal.get_tool("portal_repository").save(page)
    page.saved = page.version_id
    arrangement.remove_widget(page, embed.id)
    transaction.commit()
    return page


def html_widgets(page) -> list[str]:
    transaction.begin()
    login(page.aq_parent, TEST_USER_NAME)
    return [w.type for w in arrangement.get(page).widgets if w.type == "html"]


def test_an_editor_may_not_bring_an_html_widget_back_with_plones_revert(
    rest_client, html_version_page
):
    response = revert_view(rest_client("editor", auth="basic"), html_version_page)
    assert response.status_int == 400
    messages = [
        " ".join(message.text_content().split())
        for message in lxml_html.fromstring(response.body).cssselect(".statusmessage")
    ]
    assert messages == [
        "statusmessage_mtype_error Error: "
        "version_id: You may not add 'html' widgets here."
    ]
    assert "Location" not in response.headers
    assert html_widgets(html_version_page) == []


def test_an_editor_may_not_bring_an_html_widget_back_through_rest(
    rest_client, html_version_page
):
    response = rest_client("editor").patch(
        f"{html_version_page.absolute_url()}/@history",
        json={"version": html_version_page.saved},
    )
    assert response.status_int == 400, response.text
    assert response.json["error"]["field"] == "version"
    assert html_widgets(html_version_page) == []


def test_a_manager_brings_an_html_widget_back(rest_client, html_version_page):
    response = rest_client("manager").patch(
        f"{html_version_page.absolute_url()}/@history",
        json={"version": html_version_page.saved},
    )
    assert response.status_int == 200, response.text
    assert html_widgets(html_version_page) == ["html"]
