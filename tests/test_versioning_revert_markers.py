"""Reverting a page to a content version saved before it was composite, as an
Editor, through the published site: Plone's *Revert to this revision*
(``revertversion``) and plone.restapi's ``PATCH @history``.

On a real site a page is composite by its type's behavior (*Types that may be
composite*), which no revert changes: a page versioned before its type was
ticked reverts to that version and stays composite. Tests often make one
Document composite with ``alsoProvides(page, ICompositeEnabled)`` instead,
which is stored on the item; CMFEditions marks every versioned item with
``IVersioned`` the same way, and a revert puts back the interfaces of the
version, so reverting to a version saved before ``alsoProvides`` took the
marker away and failed (500): code of an integrator's may do the same, so
the revert keeps the marker.

The other way round, a real site could: a page of a type unticked since its
composed version was saved was reverted to the composite view it no longer
has, "not found" to everyone; the view is put aside instead, as unticking
does.
"""

from collective.composite import arrangement
from collective.composite.controlpanel.composite_types import TYPES_RECORD
from collective.composite.interfaces import ICompositeEnabled
from plone import api
from zope.interface import alsoProvides

import pytest
import transaction


HTML = {"Accept": "text/html"}


def composed_after_versioned(portal, make_composite) -> object:
    """The Document ``notes``: created and saved as a content version (0,
    the first), made composite by ``make_composite``, given a text widget
    and saved as a content version again (its id on the page as
    ``composed``); committed."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        notes = api.content.create(portal, type="Document", id="notes", title="Notes")
        repository.save(notes, comment="Not composite yet")
        make_composite(notes)
        notes.setLayout("composite-view")
        arrangement.add_widget(notes, "main", "text", {"text": "<p>Kept</p>"})
        repository.save(notes, comment="Composed")
    notes.composed = notes.version_id
    transaction.commit()
    return notes


def by_the_behavior(notes) -> None:
    """Tick Document in the settings, as a site's administrator does."""
    api.portal.set_registry_record(
        TYPES_RECORD, ["Composite Page", "Plone Site", "Document"]
    )


def by_alsoprovides(notes) -> None:
    """Give this one item the marker, as tests (and some code) do."""
    alsoProvides(notes, ICompositeEnabled)


def revert_with_plones_view(client, page, version: int = 0):
    token = client.csrf_token(page.aq_parent.absolute_url())
    return client.get(
        f"{page.absolute_url()}/revertversion?version_id={version}"
        f"&_authenticator={token}",
        headers=HTML,
    )


def revert_with_rest(client, page, version: int = 0):
    return client.patch(f"{page.absolute_url()}/@history", json={"version": version})


@pytest.mark.parametrize("make_composite", [by_the_behavior, by_alsoprovides])
@pytest.mark.parametrize(
    ("revert", "status"), [(revert_with_plones_view, 302), (revert_with_rest, 200)]
)
def test_a_revert_to_a_version_older_than_the_composite_page_keeps_it_composed(
    functional_portal, rest_client, make_composite, revert, status
):
    notes = composed_after_versioned(functional_portal, make_composite)
    editor = rest_client("editor", auth="basic")
    response = revert(editor, notes)
    assert response.status_int == status, response.text[:500]
    transaction.begin()
    assert ICompositeEnabled.providedBy(notes)
    # The version had no arrangement, which a revert leaves as it is.
    assert [w.settings["text"] for w in arrangement.get(notes).widgets] == [
        "<p>Kept</p>"
    ]
    assert notes.getLayout() == "composite-view"
    page = editor.get(notes.absolute_url(), headers=HTML)
    assert page.status_int == 200
    assert "Kept" in page.text


@pytest.mark.parametrize(
    ("revert", "status"), [(revert_with_plones_view, 302), (revert_with_rest, 200)]
)
def test_a_revert_to_a_composed_version_of_a_type_unticked_since_puts_its_view_aside(
    functional_portal, rest_client, revert, status
):
    """A page of a type unticked since its composed version was saved: the
    revert cannot give it the composite view, which it no longer has (it
    answered "not found" to everyone); the view is put aside as unticking
    did, and comes back, with the arrangement, once the type is ticked."""
    notes = composed_after_versioned(functional_portal, by_the_behavior)
    api.portal.set_registry_record(TYPES_RECORD, ["Composite Page", "Plone Site"])
    transaction.commit()
    editor = rest_client("editor", auth="basic")
    response = revert(editor, notes, version=notes.composed)
    assert response.status_int == status, response.text[:500]
    transaction.begin()
    assert editor.get(notes.absolute_url(), headers=HTML).status_int == 200
    assert notes.getLayout() == "document_view"
    by_the_behavior(notes)
    assert notes.getLayout() == "composite-view"
    assert [w.settings["text"] for w in arrangement.get(notes).widgets] == [
        "<p>Kept</p>"
    ]
