"""@@composite-widget-settings says the bound a setting out of its bounds
missed ("At most 100.", "At least 2 items."), in the reader's language with
its numbers written as the language writes them, for the shipped types and
for an integrator's type alike; the API's refusal says it too."""

from collective.composite.interfaces import IWidgetType
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.types import WidgetType
from functional_fixtures import refusal
from lxml import html as lxml_html
from test_design_settings import applying
from test_design_settings import post
from test_design_settings import result_of
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.schema import Int
from zope.schema import List
from zope.schema import TextLine

import pytest


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


class ITallySettings(Interface):
    count = Int(title="Count", min=10, max=20000, required=False)
    code = TextLine(title="Code", min_length=3, max_length=5, required=False)
    tags = List(
        title="Tags",
        value_type=TextLine(),
        min_length=2,
        max_length=3,
        required=False,
    )


@pytest.fixture
def tally_type(tmp_path):
    """An integrator's widget type ``tally``, bounded settings only."""
    template = tmp_path / "tally.pt"
    template.write_text("<p>Tally</p>")
    widget_type = WidgetType(
        name="tally",
        title="Tally",
        schema=ITallySettings,
        template=str(template),
        design_template=str(template),
        renderer=WidgetRenderer,
    )
    registry = getGlobalSiteManager()
    registry.registerUtility(widget_type, IWidgetType, "tally")
    yield widget_type
    registry.unregisterUtility(widget_type, IWidgetType, "tally")


def error_at(response, field: str) -> str:
    """The error the form shows at ``field``."""
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    (element,) = document.cssselect(
        f"#formfield-form-widgets-{field} .invalid-feedback"
    )
    return element.text_content().strip()


LISTING = {"form.widgets.query": "[]", "form.widgets.display:list": "titles"}


@pytest.mark.parametrize(
    ("limit", "said"), [("500", "At most 100."), ("0", "At least 1.")]
)
def test_a_listings_number_of_items_out_of_bounds_says_the_bound(
    rest_client, url, limit, said
):
    fields = applying("listing", {**LISTING, "form.widgets.limit": limit})
    assert error_at(post(rest_client, url, fields), "limit") == said


def test_an_embed_too_long_says_how_long_it_may_be(rest_client, url):
    fields = applying("html", {"form.widgets.html": "x" * 100_001})
    response = post(rest_client, url, fields, user="manager")
    assert error_at(response, "html") == "At most 100,000 characters."


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "Höchstens 100.000 Zeichen."),
        ("fr", "Au plus 100\xa0000 caractères."),
    ],
)
def test_the_bound_is_said_in_the_readers_language(
    rest_client, url, speaking, language, said
):
    speaking(language)
    fields = applying("html", {"form.widgets.html": "x" * 100_001})
    response = post(rest_client, url, fields, user="manager")
    assert error_at(response, "html") == said


@pytest.mark.parametrize(
    ("widgets", "field", "said"),
    [
        ({"form.widgets.count": "9"}, "count", "At least 10."),
        ({"form.widgets.count": "20001"}, "count", "At most 20,000."),
        ({"form.widgets.code": "ab"}, "code", "At least 3 characters."),
        ({"form.widgets.code": "abcdef"}, "code", "At most 5 characters."),
        ({"form.widgets.tags": "a"}, "tags", "At least 2 items."),
        ({"form.widgets.tags": "a\nb\nc\nd"}, "tags", "At most 3 items."),
    ],
)
def test_an_integrators_bounded_settings_say_their_bounds(
    rest_client, url, tally_type, widgets, field, said
):
    response = post(rest_client, url, applying("tally", widgets))
    assert error_at(response, field) == said


def test_the_apis_refusal_says_the_bound(editor, functional_page):
    widget = {"id": "a", "type": "listing", "settings": {"query": [], "limit": 500}}
    url = f"{functional_page.absolute_url()}/@composite"
    version = editor.get(url).json["version"]
    response = editor.patch(url, json={"version": version, "slots": {"main": [widget]}})
    assert refusal(response) == (
        400,
        "InvalidSettings",
        "slots.main.0.settings.limit",
    )
    assert response.json["error"]["message"].endswith(": At most 100.")
