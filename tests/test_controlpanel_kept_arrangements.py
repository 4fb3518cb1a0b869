"""Ticking a type whose items hold an arrangement a site import kept aside
(see collective.composite.exportimport.put_aside), as a Site Administrator
does in *Site Setup → Composite pages*, when one of them cannot be saved in
this site (a widget type it lacks).

Such an item used to get *Composite page* back all the same, empty, its
arrangement still kept aside and only a line in the log saying why: nobody
was told. The save now says, in a warning, which pages and why; they keep
their type's usual view and the arrangement kept, and ticking the type again
(once the cause is fixed) gives them both.
"""

from arrangement_fixtures import fake_components
from collective.composite import arrangement
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.exportimport.put_aside import imported_aside
from collective.composite.exportimport.put_aside import VIEW_MEMBER
from collective.composite.serializers import EXPORT_FORMAT
from functional_fixtures import PASSWORD
from plone import api
from rest_client import RESTClient

import lxml.html
import pytest
import transaction


HTML = {"Accept": "text/html"}
DEFAULT = ["Composite Page", "Plone Site"]
# A widget of the type "note", which only fake_components registers.
NOTE = {"id": "n1", "type": "note", "settings": {"title": "Kept note"}}


@pytest.fixture
def imported_notes(functional_portal):
    """The Document ``notes``, imported with a site while Document is not
    composite here: its arrangement (one note widget) and its composite view
    kept aside, as the import keeps them; committed."""
    with api.env.adopt_roles(["Manager"]):
        notes = api.content.create(
            functional_portal, type="Document", id="notes", title="Notes"
        )
    document = {"format": EXPORT_FORMAT, "layout": "one-column"}
    document["slots"] = {"main": [NOTE]}
    imported_aside(notes, {MEMBER: document, VIEW_MEMBER: True, "layout": None})
    transaction.commit()
    return notes


@pytest.fixture
def site_administrator(functional_portal, functional_app) -> RESTClient:
    functional_portal.acl_users.userFolderAddUser(
        "siteadmin", PASSWORD, ["Site Administrator"], []
    )
    transaction.commit()
    return RESTClient(functional_app, "siteadmin", PASSWORD, auth="basic")


def save_types(client: RESTClient, portal, names: list[str]) -> list[str]:
    """Tick ``names`` (only) in the settings' form and save it.

    :returns: the texts of the status messages the page after the save shows.
    """
    url = f"{portal.absolute_url()}/@@composite-controlpanel"
    form = client.get(url, headers=HTML).forms["form"]
    for box in form.fields["form.widgets.composite_types:list"]:
        box.checked = box._value in names
    saved = form.submit("form.buttons.save", headers={**client.headers, **HTML})
    assert saved.status_int == 302, saved.text[:500]
    after = client.get(saved.headers["Location"], headers=HTML)
    document = lxml.html.fromstring(after.text)
    transaction.begin()
    return [
        " ".join(found.text_content().split())
        for found in document.cssselect(".statusmessage")
    ]


def test_the_save_says_which_kept_arrangement_it_could_not_give_back_and_why(
    functional_portal, imported_notes, site_administrator
):
    shown = save_types(site_administrator, functional_portal, [*DEFAULT, "Document"])
    [warning] = [text for text in shown if "Notes" in text]
    assert "/plone/notes" in warning
    assert "note" in warning  # the widget type this site lacks


def test_a_page_whose_kept_arrangement_is_refused_keeps_its_usual_view(
    functional_portal, imported_notes, site_administrator
):
    save_types(site_administrator, functional_portal, [*DEFAULT, "Document"])
    assert imported_notes.getLayout() == "document_view"
    assert not arrangement.get(imported_notes).widgets


def test_ticking_the_type_again_once_the_cause_is_fixed_gives_both_back(
    functional_portal, imported_notes, site_administrator
):
    save_types(site_administrator, functional_portal, [*DEFAULT, "Document"])
    with fake_components():
        save_types(site_administrator, functional_portal, DEFAULT)
        shown = save_types(
            site_administrator, functional_portal, [*DEFAULT, "Document"]
        )
        assert not [text for text in shown if "Notes" in text]
        assert imported_notes.getLayout() == "composite-view"
        assert [
            w.settings["title"] for w in arrangement.get(imported_notes).widgets
        ] == ["Kept note"]
