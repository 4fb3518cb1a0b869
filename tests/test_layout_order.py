"""The order of the layouts: kept in the component registry, nowhere else.

The ``composite:layout`` directive ranks each layout as it registers it, so the
order goes with the registry: popping a stacked registry, as test layers do, or
zope.testing's cleanup, which resets the global one, leaves nothing behind for
the next configuration.
"""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.layouts.registry import get_layouts
from plone.testing import zca
from zcml_fixtures import zcml
from zope.configuration import xmlconfig
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.browser import TestRequest
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import collective.composite
import pytest


LAYOUT = """
  <composite:layout name="{name}" title="{title}" template="{real}"
      design_template="{design}" {attributes}>
    <composite:slot name="main" title="Main" />
  </composite:layout>
"""


class IThemeLayer(IDefaultBrowserLayer):
    """A theme's layer, for overrides."""


@implementer(ICompositeEnabled)
class Page:
    """Composite-enabled content, as far as the layout lookup is concerned."""


@pytest.fixture
def configure(tmp_path):
    """Configures layouts by name, each in a stacked registry popped afterwards."""
    real = tmp_path / "real.pt"
    design = tmp_path / "design.pt"
    real.write_text('<div tal:replace="structure slots/main" />')
    design.write_text('<div tal:replace="structure slots/main" />')
    pushed = 0

    def configure(*names, title="Sample", attributes=""):
        nonlocal pushed
        zca.pushGlobalRegistry()
        pushed += 1
        body = "".join(
            LAYOUT.format(
                name=name, title=title, real=real, design=design, attributes=attributes
            )
            for name in names
        )
        machine = xmlconfig.file("meta.zcml", collective.composite)
        xmlconfig.string(zcml(body), context=machine)

    yield configure
    for _ in range(pushed):
        zca.popGlobalRegistry()


def names(request=None) -> list[str]:
    return [layout.name for layout in get_layouts(Page(), request or TestRequest())]


def test_layouts_come_in_the_order_they_were_registered(configure):
    configure("zeta", "alpha", "mid")
    assert names()[-3:] == ["zeta", "alpha", "mid"]


def test_a_popped_registry_takes_its_order_with_it(configure):
    configure("zeta", "alpha")
    zca.popGlobalRegistry()
    zca.pushGlobalRegistry()
    configure("alpha", "zeta")
    assert names()[-2:] == ["alpha", "zeta"]


def test_an_override_keeps_the_place_of_the_layout_it_replaces(configure):
    configure("zeta", "alpha")
    configure("zeta", title="Theme zeta", attributes=f'layer="{__name__}.IThemeLayer"')
    request = TestRequest()
    alsoProvides(request, IThemeLayer)
    layouts = get_layouts(Page(), request)
    assert [layout.name for layout in layouts][-2:] == ["zeta", "alpha"]
    assert layouts[-2].title == "Theme zeta"
