"""A layout whose template fails at render time (hole 2 of issue 13) breaks
neither design mode nor the pages that do not use it."""

from collective.composite import arrangement
from collective.composite.layouts.broken import BROKEN
from design_markup import design_document
from lxml import html as lxml_html
from page_fixtures import add
from page_fixtures import render
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.i18n import translate


def switcher_button(html: str, name: str):
    document = lxml_html.fromstring(html)
    (button,) = document.cssselect(f'[data-composite-switch-layout="{name}"]')
    return button


class TestDesignMode:
    def test_other_pages_design_mode_still_works(
        self, page, http_request, broken_layout
    ):
        arrangement.set_layout(page, "two-columns")
        html = render(page, http_request, view="composite-design")
        assert "composite-design-two-columns" in html

    def test_its_switcher_tile_says_it_is_broken(
        self, page, http_request, broken_layout
    ):
        html = render(page, http_request, view="composite-design")
        button = switcher_button(html, "broken")
        assert button.get("disabled") is not None
        broken = button.cssselect(".composite-layouts__broken")
        assert broken[0].text_content() == "This layout is broken."

    def test_managers_see_the_reason(self, page, http_request, broken_layout):
        html = render(page, http_request, view="composite-design")
        reason = switcher_button(html, "broken").cssselect(
            ".composite-layouts__broken-reason"
        )
        assert "no_such_attribute" in reason[0].text_content()

    def test_site_administrators_do_not(
        self, portal, page, http_request, broken_layout
    ):
        setRoles(portal, TEST_USER_ID, ["Site Administrator"])
        html = render(page, http_request, view="composite-design")
        button = switcher_button(html, "broken")
        assert button.cssselect(".composite-layouts__broken")
        assert not button.cssselect(".composite-layouts__broken-reason")
        assert "no_such_attribute" not in html

    def test_a_page_using_it_can_still_be_designed(
        self, page, http_request, broken_layout
    ):
        widget = add(page, "text", {"text": "<p>Kept</p>"})
        arrangement.set_layout(page, "broken")
        html = render(page, http_request, view="composite-design")
        document = design_document(html)
        (canvas,) = document.cssselect("[data-composite-canvas]")
        assert canvas.cssselect(".composite-design-broken .composite-layout-broken")
        (slot,) = canvas.cssselect('[data-composite-slot="main"]')
        assert [card.get("data-widget-id") for card in slot] == [widget.id]


class TestRealView:
    def test_pages_not_using_it_render(self, page, http_request, broken_layout):
        arrangement.set_layout(page, "three-columns")
        assert "composite-layout-three-columns" in render(page, http_request)


def test_the_notice_is_translated(portal):
    assert translate(BROKEN, target_language="de") == "Dieses Layout ist defekt."
