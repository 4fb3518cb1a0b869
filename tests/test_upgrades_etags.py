"""Upgrade step 1010: composite pages get the ETag components of a new
install (``roles`` and ``copy`` added) where the site still has those the
add-on set up before; components chosen in Site Setup are kept."""

from collective.composite.setuphandlers import ETAGS
from collective.composite.setuphandlers import ETAGS_RECORD
from collective.composite.upgrades.v1010 import OLD_ETAGS
from page_fixtures import as_manager
from plone import api

import pytest


PROFILE = "collective.composite:default"


@pytest.fixture
def before_1010(portal, setup_tool):
    """A site as release 1009 left it, with the ETag components given."""
    as_manager(portal)

    def with_etags(etags: tuple) -> None:
        api.portal.set_registry_record(ETAGS_RECORD, etags)
        setup_tool.setLastVersionForProfile(PROFILE, "1009")

    return with_etags


def test_1009_has_a_step_to_1010(before_1010, setup_tool):
    before_1010(OLD_ETAGS)
    steps = setup_tool.listUpgrades(PROFILE)
    assert ("1009", "1010") in [(step["ssource"], step["sdest"]) for step in steps]


def test_upgrading_to_1010_adds_roles_to_the_old_components(before_1010, setup_tool):
    before_1010(OLD_ETAGS)
    setup_tool.upgradeProfile(PROFILE, "1010")
    etags = api.portal.get_registry_record(ETAGS_RECORD)
    assert etags == ETAGS
    assert {"roles", "copy"} <= set(etags)
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1010",)


def test_upgrading_to_1010_keeps_components_chosen_in_site_setup(
    before_1010, setup_tool
):
    chosen = ("userid", "catalogCounter", "composite")
    before_1010(chosen)
    setup_tool.upgradeProfile(PROFILE, "1010")
    assert api.portal.get_registry_record(ETAGS_RECORD) == chosen
