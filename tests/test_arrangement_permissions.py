"""Every write needs the design permission; some widget types need more."""

from AccessControl import Unauthorized
from arrangement_fixtures import WRITES
from collective.composite import arrangement
from collective.composite import exceptions
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture(autouse=True)
def old_and_secret(page, fake_types):
    """A note and a secret (adding one needs "Manage portal") on the page."""
    arrangement.add_widget(page, "main", "note", {"title": "Old"})
    arrangement.add_widget(page, "main", "secret", {"title": "Secret"})


def become(page, role):
    """Give the test user (who created the page, so owns it) just ``role``."""
    portal = page.portal_url.getPortalObject()
    page.manage_delLocalRoles([TEST_USER_ID])
    if role == "Anonymous":
        logout()
    elif role == "Owner":
        setRoles(portal, TEST_USER_ID, ["Member"])
        page.manage_setLocalRoles(TEST_USER_ID, ["Owner"])
    else:
        setRoles(portal, TEST_USER_ID, [role])


def ids(page):
    return [widget.id for widget in arrangement.get(page).widgets]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", ["Anonymous", "Member", "Contributor", "Reader"])
def test_is_refused_without_the_design_permission(page, role, write):
    before = arrangement.get(page)
    become(page, role)
    with pytest.raises(Unauthorized):
        WRITES[write](page, before.widgets[0].id)
    assert arrangement.get(page) == before


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", ["Editor", "Owner", "Site Administrator"])
def test_is_allowed_with_the_design_permission(page, role, write):
    before = arrangement.get(page)
    become(page, role)
    WRITES[write](page, before.widgets[0].id)
    assert arrangement.get(page).version == str(int(before.version) + 1)


class TestTypePermission:
    """Adding a ``secret`` widget, or changing one, also needs "Manage portal"."""

    def test_adding_is_refused(self, page):
        become(page, "Editor")
        with pytest.raises(exceptions.WidgetNotAllowed) as refused:
            arrangement.add_widget(page, "main", "secret", {"title": "S"})
        assert refused.value.field == "type"
        assert len(arrangement.get(page).widgets) == 2

    def test_adding_through_replace_is_refused(self, page):
        data = {"slots": {"main": [{"type": "secret", "settings": {"title": "S"}}]}}
        become(page, "Editor")
        with pytest.raises(exceptions.WidgetNotAllowed) as refused:
            arrangement.save(page, data, None)
        assert refused.value.field == "slots.main.0.type"
        assert len(arrangement.get(page).widgets) == 2

    def test_changing_is_refused(self, page):
        secret = arrangement.get(page).widgets[1]
        become(page, "Editor")
        with pytest.raises(exceptions.WidgetNotAllowed):
            arrangement.update_widget(page, secret.id, {"title": "Changed"})
        data = {"slots": {"main": [{"id": secret.id, **_note(secret, "Changed")}]}}
        with pytest.raises(exceptions.WidgetNotAllowed):
            arrangement.save(page, data, None)
        assert arrangement.get(page).widgets[1] == secret

    def test_moving_keeping_and_removing_are_allowed(self, page):
        old, secret = arrangement.get(page).widgets
        become(page, "Editor")
        arrangement.move_widget(page, secret.id, "main", 0)
        data = {"slots": {"main": [{"id": secret.id, **_note(secret, "Secret")}]}}
        arrangement.save(page, data, None)
        assert ids(page) == [secret.id]
        arrangement.remove_widget(page, secret.id)
        assert ids(page) == []

    def test_is_granted_to_managers(self, page):
        widget = arrangement.add_widget(page, "main", "secret", {"title": "S"})
        assert widget.type == "secret"


def _note(widget, title):
    return {"type": widget.type, "settings": {"title": title}}


class TestShippedHTMLWidget:
    """The shipped ``html`` type needs "collective.composite: Add HTML widgets"."""

    SETTINGS = {"html": "<p>Embed</p>"}

    def test_an_editor_may_not_add_one(self, page):
        become(page, "Editor")
        with pytest.raises(exceptions.WidgetNotAllowed):
            arrangement.add_widget(page, "main", "html", self.SETTINGS)

    @pytest.mark.parametrize("role", ["Site Administrator", "Manager"])
    def test_site_administrators_may(self, page, role):
        become(page, role)
        assert (
            arrangement.add_widget(page, "main", "html", self.SETTINGS).type == "html"
        )
