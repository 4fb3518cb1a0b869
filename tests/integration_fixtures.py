"""Fixtures of the INTEGRATION_TESTING layer: the composite page most tests
start from, and the test components. Nothing is committed; the layer aborts
after each test.

tests/conftest.py loads this module as a plugin, so every test may ask for its
fixtures. Under tests/browser, ``page`` is Playwright's page instead.
"""

from arrangement_fixtures import fake_components
from page_fixtures import as_manager
from plone import api

import pytest


@pytest.fixture
def page(portal):
    """A Composite Page ``/plone/page`` titled "Our library"; the test user is
    logged in as Manager."""
    as_manager(portal)
    return api.content.create(
        container=portal, type="Composite Page", id="page", title="Our library"
    )


@pytest.fixture
def fake_types():
    """The widget types ``note``, ``memo``, ``secret`` (adding one needs "Manage
    portal") and the ``picky`` layout, registered for the test (see
    :func:`arrangement_fixtures.fake_components`)."""
    with fake_components():
        yield


@pytest.fixture
def document_fti(portal):
    """Document's type information, its properties the add-on's setup and
    settings change put back after the test."""
    fti = portal.portal_types["Document"]
    kept = {
        name: getattr(fti, name)
        for name in ("behaviors", "view_methods", "default_view", "immediate_view")
    }
    yield fti
    fti.manage_changeProperties(**kept)
