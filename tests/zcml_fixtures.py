"""Helpers of the ZCML directive tests: a configuration machine, a throw-away
component registry and the ``<configure>`` element around directives.

Also a layout registered without ZCML whose templates fail at render time
(``broken_layout``), for the tests of its isolation with and without a browser.

tests/conftest.py loads the module as a plugin, so every test may ask for its
fixtures.
"""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.registry import Slot
from plone.testing import zca
from zope.component import getGlobalSiteManager
from zope.configuration import xmlconfig
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import collective.composite
import pytest


# Passes the start-up checks (their stand-in page has every attribute), fails
# on a real page: the kind of template the run-time isolation is for.
FAILING = (
    '<div tal:content="python: context.no_such_attribute">x</div>'
    '<div tal:content="structure slots/main">x</div>'
)

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


LAYOUT = """
  <composite:layout
      name="{name}"
      title="Sample"
      template="{real}"
      design_template="{design}"
      {attributes}>
    {slots}
  </composite:layout>
"""


def layout_directive(
    real: str, design: str, slots: str, attributes: str = "", name: str = "sample"
) -> str:
    """A ``composite:layout`` directive titled Sample.

    :param real: the path of the real template.
    :param design: the path of the design template.
    :param slots: the ``composite:slot`` directives inside it.
    :param attributes: more attributes of the directive, as ZCML text.
    :param name: the layout's name.
    :returns: the directive's ZCML (for ``zcml``).
    """
    return LAYOUT.format(
        name=name, real=real, design=design, attributes=attributes, slots=slots
    )


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


@pytest.fixture
def broken_layout(tmp_path):
    """The layout ``broken`` (one slot, ``main``), both of its templates
    failing on a real page, registered for the test."""
    for name in ("broken.pt", "broken_design.pt"):
        (tmp_path / name).write_text(FAILING)
    layout = Layout(
        name="broken",
        title="Broken",
        template=str(tmp_path / "broken.pt"),
        design_template=str(tmp_path / "broken_design.pt"),
        slots=[Slot("main", "Main")],
    )
    layout.rank = 1000
    factory = LayoutFactory(layout)
    required = (ICompositeEnabled, IDefaultBrowserLayer)
    registry = getGlobalSiteManager()
    registry.registerAdapter(factory, required, ILayout, "broken")
    yield layout
    registry.unregisterAdapter(factory, required, ILayout, "broken")
