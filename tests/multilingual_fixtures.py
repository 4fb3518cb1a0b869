"""Fixtures of the multilingual layers (plone.app.multilingual, in both
install orders), for tests/test_multilingual.py and
tests/browser/test_multilingual_browser.py.

They are made here, once, because zope.pytestlayer creates the fixtures of a
layer only once per process, in the namespace of the module that asks first:
made in each test module, the second module (in a run of the whole suite)
would not find the fixtures of the layers both share (MULTILINGUAL_FIXTURE).
tests/conftest.py loads this module as a plugin; the tests of both modules
start from the same English page (``english_page``).

Each layer is set up for a test class and torn down after it
(``keep_session=False``): a sandbox layer kept for the session would be the
database and component registry of every later test.
"""

from collective.composite import arrangement
from collective.composite.testing import MULTILINGUAL_ACCEPTANCE_TESTING
from collective.composite.testing import MULTILINGUAL_FUNCTIONAL_TESTING
from collective.composite.testing import MULTILINGUAL_INTEGRATION_TESTING
from collective.composite.testing import MULTILINGUAL_PAM_FIRST_FUNCTIONAL_TESTING
from collective.composite.testing import MULTILINGUAL_PAM_FIRST_INTEGRATION_TESTING
from plone import api
from pytest_plone import fixtures_factory


globals().update(
    fixtures_factory(
        (
            (MULTILINGUAL_INTEGRATION_TESTING, "pam_last"),
            (MULTILINGUAL_FUNCTIONAL_TESTING, "pam_last_functional"),
            (MULTILINGUAL_PAM_FIRST_INTEGRATION_TESTING, "pam_first"),
            (MULTILINGUAL_PAM_FIRST_FUNCTIONAL_TESTING, "pam_first_functional"),
            (MULTILINGUAL_ACCEPTANCE_TESTING, "ml_acceptance"),
        ),
        keep_session=False,
    )
)


def english_page(portal, slots: dict, unplaced: list | None = None):
    """The English Composite Page ``en/page``, titled Home, in two columns.

    :param portal: the multilingual site (as a Manager).
    :param slots: the widgets of its slots, as ``arrangement.save`` takes them.
    :param unplaced: its unplaced widgets, if any.
    :returns: the page (not committed).
    """
    page = api.content.create(
        container=portal["en"], type="Composite Page", id="page", title="Home"
    )
    data = {"layout": "two-columns", "slots": slots}
    if unplaced:
        data["unplaced"] = unplaced
    arrangement.save(page, data, None)
    return page
