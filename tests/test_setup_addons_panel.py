"""Site Setup → Add-ons: the add-on listed with its title and description,
and its *Upgrade* button while upgrade steps are pending, which brings the
site to the profile's version."""

from functional_fixtures import post_form
from plone import api

import pytest
import transaction


PROFILE = "collective.composite:default"
TITLE = "Composite pages"
DESCRIPTION = "Compose pages from widgets in paired real and design layouts."


@pytest.fixture
def manager(rest_client, rest_users):
    return rest_client("manager")


def addons_page(client, portal) -> str:
    response = client.get(
        f"{portal.absolute_url()}/@@prefs_install_products_form",
        headers={"Accept": "text/html"},
    )
    assert response.status_int == 200
    return response.text


def test_the_activated_addon_has_its_title_and_description(manager, functional_portal):
    html = addons_page(manager, functional_portal)
    assert TITLE in html
    assert DESCRIPTION in html


def test_the_hidden_profiles_are_not_offered(manager, functional_portal):
    html = addons_page(manager, functional_portal)
    assert "Composite pages (uninstall)" not in html
    assert "Composite pages (demo content)" not in html
    assert "collective.composite.upgrades" not in html


def test_nothing_to_upgrade_on_an_installed_site(manager, functional_portal):
    assert "Upgrade collective.composite" not in addons_page(manager, functional_portal)


@pytest.fixture
def pending(functional_portal):
    """The site's profile version one step behind, committed."""
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.setLastVersionForProfile(PROFILE, "1005")
    transaction.commit()
    return setup_tool


def test_a_pending_upgrade_offers_the_upgrade_button(
    pending, manager, functional_portal
):
    html = addons_page(manager, functional_portal)
    assert 'value="Upgrade collective.composite"' in html
    latest = pending.getVersionForProfile(PROFILE)
    assert f"<strong>{latest}</strong>" in html


def test_the_upgrade_button_upgrades_the_site(pending, manager, functional_portal):
    url = functional_portal.absolute_url()
    form = {
        "prefs_reinstallProducts:list": "collective.composite",
        "form.submitted": "Upgrade collective.composite",
    }
    response = post_form(manager, f"{url}/upgrade_products", form, url)
    assert response.status_int == 302
    transaction.begin()
    latest = pending.getVersionForProfile(PROFILE)
    assert pending.getLastVersionForProfile(PROFILE) == (latest,)
    assert "Upgrade collective.composite" not in addons_page(manager, functional_portal)
