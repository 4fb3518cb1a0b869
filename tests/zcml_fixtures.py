"""Helpers of the ZCML directive tests: a configuration machine, a throw-away
component registry and the ``<configure>`` element around directives.

tests/conftest.py loads the module as a plugin, so every test may ask for its
fixtures.
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
