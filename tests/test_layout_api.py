"""Looking layouts up: get_layouts, get_layout, the vocabulary, layer overrides."""

from collective.composite.exceptions import UnknownLayout
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from pathlib import Path
from plone import api
from plone.testing import zca
from shipped_layouts import SHIPPED
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.configuration import xmlconfig
from zope.interface import alsoProvides
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.interfaces import IVocabularyFactory

import collective.composite
import pytest


HERE = Path(__file__).parent


class IThemeLayer(IDefaultBrowserLayer):
    """A theme's layer: extends the layer the shipped layouts are registered for."""


THEME_ZCML = f"""
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:composite="http://namespaces.plone.org/composite"
    i18n_domain="my.theme">
  <composite:layout
      name="two-columns"
      title="Theme columns"
      template="{HERE}/layouts_example/magazine.pt"
      design_template="{HERE}/layouts_example/magazine_design.pt"
      layer="{__name__}.IThemeLayer">
    <composite:slot name="lead" title="Lead" max="1" />
    <composite:slot name="stories" title="Stories" />
    <composite:slot name="aside" title="Aside" />
  </composite:layout>
</configure>
"""


@pytest.fixture
def plain(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(portal, type="Document", id="plain", title="P")


@pytest.fixture
def theme(portal, page):
    """Registers a ``two-columns`` of its own for IThemeLayer, as a theme would."""
    zca.pushGlobalRegistry()
    machine = xmlconfig.file("meta.zcml", collective.composite)
    xmlconfig.string(THEME_ZCML, context=machine)
    yield
    zca.popGlobalRegistry()
    setSite(portal)


class TestGetLayouts:
    def test_lists_the_shipped_layouts_in_order(self, page, http_request):
        names = [layout.name for layout in get_layouts(page, http_request)]
        assert names == list(SHIPPED)

    def test_leaves_out_content_that_is_not_composite(self, plain, http_request):
        assert get_layouts(plain, http_request) == []


class TestGetLayout:
    def test_finds_a_layout_by_name(self, page, http_request):
        layout = get_layout("two-columns", page, http_request)
        assert [slot.name for slot in layout.slots] == ["main", "sidebar"]

    def test_unknown_name_raises(self, page, http_request):
        with pytest.raises(UnknownLayout, match="'nope'") as raised:
            get_layout("nope", page, http_request)
        assert raised.value.field == "layout"

    def test_not_available_on_content_that_is_not_composite(self, plain, http_request):
        with pytest.raises(UnknownLayout):
            get_layout("one-column", plain, http_request)

    def test_landing_hero_holds_one_widget(self, page, http_request):
        layout = get_layout("landing", page, http_request)
        assert layout.slot("hero").max == 1
        assert [slot.name for slot in layout.slots] == SHIPPED["landing"]

    def test_shipped_layouts_have_a_preview_image(self, page, http_request):
        layouts = get_layouts(page, http_request)
        assert {layout.name for layout in layouts} >= set(SHIPPED)
        for layout in layouts:
            assert Path(layout.preview).read_text().startswith("<svg")


class TestLayerOverride:
    def test_theme_layer_replaces_the_shipped_layout(self, page, http_request, theme):
        alsoProvides(http_request, IThemeLayer)
        layout = get_layout("two-columns", page, http_request)
        assert layout.title == "Theme columns"

    def test_override_keeps_the_place_of_the_shipped_one(
        self, page, http_request, theme
    ):
        alsoProvides(http_request, IThemeLayer)
        layouts = get_layouts(page, http_request)
        assert [layout.name for layout in layouts] == list(SHIPPED)
        assert layouts[1].title == "Theme columns"

    def test_shipped_layout_stays_without_the_theme_layer(
        self, page, http_request, theme
    ):
        layout = get_layout("two-columns", page, http_request)
        assert layout.title == "Two columns"


class TestVocabulary:
    def test_lists_names_and_titles(self, page):
        factory = getUtility(IVocabularyFactory, name="collective.composite.Layouts")
        terms = [(term.token, term.title) for term in factory(page)]
        assert terms == [
            ("one-column", "One column"),
            ("two-columns", "Two columns"),
            ("three-columns", "Three columns"),
            ("landing", "Landing page"),
        ]

    def test_empty_for_content_that_is_not_composite(self, plain):
        factory = getUtility(IVocabularyFactory, name="collective.composite.Layouts")
        assert len(factory(plain)) == 0
