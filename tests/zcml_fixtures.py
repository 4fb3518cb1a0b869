"""Helpers of the ZCML directive tests: a configuration machine, a throw-away
component registry and the ``<configure>`` element around directives.

Use the fixtures with ``pytest_plugins = ["zcml_fixtures"]``. The tests import
:func:`zcml` before pytest loads the module as a plugin, too late for pytest to
rewrite its asserts; it has none: PYTEST_DONT_REWRITE.
"""

from plone.testing import zca
from zope.configuration import xmlconfig

import collective.composite
import pytest


CONFIGURE = """
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:composite="http://namespaces.plone.org/composite"
    i18n_domain="collective.composite">
  {body}
</configure>
"""


def zcml(body: str) -> str:
    """:returns: a ZCML file holding the directives ``body``."""
    return CONFIGURE.format(body=body)


@pytest.fixture
def machine():
    """A configuration machine knowing the composite directives."""
    return xmlconfig.file("meta.zcml", collective.composite)


@pytest.fixture
def registry():
    """A throw-away global component registry for configurations that execute."""
    zca.pushGlobalRegistry()
    yield
    zca.popGlobalRegistry()
