"""Reverting a page after the add-on was uninstalled (its package still in
the environment), as an Editor, through the published site: Plone's *Revert
to this revision* and plone.restapi's ``PATCH @history``.

The uninstall gave every composite page its type's usual view and took the
add-on's CMFEditions modifier away, but the page's composed versions still
hold *Composite page* as their view: a revert to one brought that view back,
which no longer exists without the add-on's browser layer, and the page
answered "not found" to everyone. The page is shown with its type's usual
view instead, and reinstalling the add-on shows it composed again.
"""

from plone import api
from plone.base.utils import get_installer
from test_versioning_revert_markers import by_the_behavior
from test_versioning_revert_markers import composed_after_versioned
from test_versioning_revert_markers import revert_with_plones_view
from test_versioning_revert_markers import revert_with_rest

import pytest
import transaction


HTML = {"Accept": "text/html"}


def uninstalled(portal) -> None:
    """Uninstall the add-on, as a Site Administrator does, and commit."""
    with api.env.adopt_roles(["Manager"]):
        get_installer(portal).uninstall_product("collective.composite")
    transaction.commit()


@pytest.mark.parametrize(
    ("revert", "status"), [(revert_with_plones_view, 302), (revert_with_rest, 200)]
)
def test_a_revert_after_the_uninstall_shows_the_page_with_its_usual_view(
    functional_portal, rest_client, revert, status
):
    notes = composed_after_versioned(functional_portal, by_the_behavior)
    uninstalled(functional_portal)
    editor = rest_client("editor", auth="basic")
    response = revert(editor, notes, version=notes.composed)
    assert response.status_int == status, response.text[:500]
    transaction.begin()
    page = rest_client().get(notes.absolute_url(), headers=HTML)
    assert page.status_int == 200, page.text[:500]
    assert "Notes" in page.text


def test_a_page_reverted_after_the_uninstall_is_composed_once_reinstalled(
    functional_portal, rest_client
):
    notes = composed_after_versioned(functional_portal, by_the_behavior)
    uninstalled(functional_portal)
    editor = rest_client("editor", auth="basic")
    response = revert_with_rest(editor, notes, version=notes.composed)
    assert response.status_int == 200, response.text[:500]
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        get_installer(functional_portal).install_product("collective.composite")
        by_the_behavior(notes)
    transaction.commit()
    page = rest_client().get(notes.absolute_url(), headers=HTML)
    assert page.status_int == 200, page.text[:500]
    assert "Kept" in page.text
