"""Fixtures of the multilingual layers (plone.app.multilingual, in both
install orders), for tests/test_multilingual.py and
tests/browser/test_multilingual_browser.py.

They are made here, once, because zope.pytestlayer creates the fixtures of a
layer only once per process, in the namespace of the module that asks first:
made in each test module, the second module (in a run of the whole suite)
would not find the fixtures of the layers both share (MULTILINGUAL_FIXTURE).
tests/conftest.py loads this module as a plugin.

Each layer is set up for a test class and torn down after it
(``keep_session=False``): a sandbox layer kept for the session would be the
database and component registry of every later test.
"""

from collective.composite.testing import MULTILINGUAL_ACCEPTANCE_TESTING
from collective.composite.testing import MULTILINGUAL_FUNCTIONAL_TESTING
from collective.composite.testing import MULTILINGUAL_INTEGRATION_TESTING
from collective.composite.testing import MULTILINGUAL_PAM_FIRST_FUNCTIONAL_TESTING
from collective.composite.testing import MULTILINGUAL_PAM_FIRST_INTEGRATION_TESTING
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
