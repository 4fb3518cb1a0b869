"""The reason an error card gives: our own errors' messages in the reader's
language, their numbers written as the language writes them; any other
error's own text to designers only, never to visitors."""

from collective.composite import _
from collective.composite.exceptions import InvalidSettings
from collective.composite.interfaces import IWidgetType
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.types import WidgetType
from functional_fixtures import arrange
from plone import api
from test_design_restrictions import design_mode
from zope.component import getGlobalSiteManager
from zope.interface import Interface

import pytest
import transaction


class GaugeRenderer(WidgetRenderer):
    """Fails with an error of ours, a number in its message."""

    def render(self):
        raise InvalidSettings(_("At most ${max} items.", mapping={"max": 1000}))

    render_design = render


class WeatherRenderer(WidgetRenderer):
    """Fails with an error of another kind, its text in English."""

    def render(self):
        raise RuntimeError("the weather service on port 8080 is down")

    render_design = render


@pytest.fixture
def failing_types(tmp_path):
    """The widget types ``gauge`` and ``weather``, which fail to render."""
    template = tmp_path / "failing.pt"
    template.write_text("<p>never</p>")
    registry = getGlobalSiteManager()
    made = [
        WidgetType(name, name.title(), Interface, str(template), str(template), cls)
        for name, cls in (("gauge", GaugeRenderer), ("weather", WeatherRenderer))
    ]
    for widget_type in made:
        registry.registerUtility(widget_type, IWidgetType, widget_type.name)
    yield
    for widget_type in made:
        registry.unregisterUtility(widget_type, IWidgetType, widget_type.name)


@pytest.fixture
def failing_page(functional_page, target, failing_types):
    """A public page with three widgets that fail: an image widget showing a
    page (no image), ``gauge`` and ``weather``."""
    arrange(
        functional_page,
        {
            "layout": "one-column",
            "slots": {
                "main": [
                    {"id": "i", "type": "image", "settings": {"uid": target.UID()}},
                    {"id": "g", "type": "gauge", "settings": {}},
                    {"id": "w", "type": "weather", "settings": {}},
                    {"id": "t", "type": "text", "settings": {"text": "<p>Hi</p>"}},
                ]
            },
        },
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, "publish")
    transaction.commit()
    return functional_page


def reason_of(document, widget_id: str) -> str:
    (card,) = document.cssselect(
        f"[data-widget-id='{widget_id}'] .composite-card--error"
    )
    return " ".join(card.text_content().split())


def test_our_own_reason_is_said_in_the_editors_language(
    rest_client, failing_page, target, speaking
):
    speaking("de")
    said = reason_of(design_mode(rest_client, failing_page, "editor"), "i")
    assert f"Das Element {target.absolute_url()} hat kein Bild." in said
    assert "NoImage" not in said


@pytest.mark.parametrize(("language", "written"), [("en", "1,000"), ("de", "1.000")])
def test_the_numbers_of_our_own_reason_are_written_for_the_reader(
    rest_client, failing_page, speaking, language, written
):
    speaking(language)
    said = reason_of(design_mode(rest_client, failing_page, "editor"), "g")
    assert f" {written} " in said
    assert "InvalidSettings" not in said


def test_designers_see_another_errors_own_text(rest_client, failing_page):
    said = reason_of(design_mode(rest_client, failing_page, "editor"), "w")
    assert "RuntimeError: the weather service on port 8080 is down" in said


def test_visitors_see_no_reason_at_all(rest_client, failing_page):
    response = rest_client().get(
        f"{failing_page.absolute_url()}/@@composite-view",
        headers={"Accept": "text/html"},
    )
    assert response.status_int == 200
    assert "<p>Hi</p>" in response.text
    for hidden in ("composite-card--error", "weather", "8080", "no image", "1,000"):
        assert hidden not in response.text
