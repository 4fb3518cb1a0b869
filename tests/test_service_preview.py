"""Preview: the real rendering of an arrangement that is not saved, storing
nothing (``arrangement.preview`` and ``POST @composite-preview``)."""

from AccessControl import Unauthorized
from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from collective.composite.exceptions import SlotFull
from collective.composite.exceptions import UnknownSlot
from functional_fixtures import post_with_csrf_token
from lxml import html as lxml_html
from plone import api

import pytest


WIDGETS = {
    "main": [
        {"id": "a", "type": "text", "settings": {"text": "<p>Alpha</p>"}},
        {"id": "b", "type": "text", "settings": {"text": "<p>Beta</p>"}},
    ],
    "sidebar": [],
}
pytestmark = pytest.mark.arrangement({"layout": "two-columns", "slots": WIDGETS})


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@composite-preview"


def unsaved(**changes) -> dict:
    """The editor's body: Beta moved to the sidebar, plus ``changes``."""
    return {
        "version": "1",
        "layout": "two-columns",
        "slots": {"main": [WIDGETS["main"][0]], "sidebar": [WIDGETS["main"][1]]},
        "unplaced": [],
        **changes,
    }


def post(client, url, data):
    return post_with_csrf_token(client, url, {"arrangement": data})


def slot_ids(html: str, name: str) -> list[str]:
    document = lxml_html.fromstring(html)
    return [
        w.get("data-widget-id")
        for w in document.cssselect(f".composite-slot-{name} [data-widget-id]")
    ]


def test_preview_builds_the_arrangement_without_storing_it(functional_page):
    with api.env.adopt_roles(["Manager"]):
        state = arrangement.preview(
            functional_page,
            {
                "layout": "two-columns",
                "slots": {
                    "sidebar": [
                        {
                            "type": "text",
                            "settings": {"text": "<p>Hi</p><script>x</script>"},
                        }
                    ]
                },
            },
        )
    assert state.layout == "two-columns"
    assert state.version == "0"
    assert state.slots["main"] == ()
    (widget,) = state.slots["sidebar"]
    assert (widget.type, widget.slot, widget.settings["text"]) == (
        "text",
        "sidebar",
        "<p>Hi</p>",
    )
    assert widget.id
    assert find(functional_page) is None


def test_preview_refuses_what_a_save_refuses(functional_page):
    with api.env.adopt_roles(["Manager"]), pytest.raises(UnknownSlot) as error:
        arrangement.preview(functional_page, {"slots": {"nowhere": []}})
    assert error.value.field == "slots.nowhere"
    with api.env.adopt_roles(["Manager"]), pytest.raises(SlotFull):
        arrangement.preview(
            functional_page,
            {
                "layout": "landing",
                "slots": {"hero": [{"type": "text"}, {"type": "text"}]},
            },
        )


def test_preview_needs_the_design_permission(functional_page):
    with api.env.adopt_roles(["Reader"]), pytest.raises(Unauthorized):
        arrangement.preview(functional_page, {"slots": {}})


def test_preview_service_renders_the_posted_arrangement(design_client, url, arranged):
    response = post(design_client, url, unsaved())
    assert response.status_int == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    html = response.json["html"]
    assert html.startswith("<!DOCTYPE html>")
    assert slot_ids(html, "main") == ["a"]
    assert slot_ids(html, "sidebar") == ["b"]
    assert "Nothing is saved yet" in html


def test_preview_is_the_whole_page_themed_with_a_base_at_the_page(
    design_client, url, arranged
):
    preview = lxml_html.fromstring(post(design_client, url, unsaved()).json["html"])
    (base,) = preview.cssselect("head base")
    assert base.get("href") == arranged.absolute_url()
    # The theme's Diazo rules make it the page visitors see, around the preview.
    page = lxml_html.fromstring(
        design_client.get(arranged.absolute_url(), headers={"Accept": "text/html"}).text
    )
    assert preview.get("class") == page.get("class") == "h-100"
    for landmark in ("#portal-top", "#portal-logo", "#portal-footer-wrapper"):
        assert page.cssselect(landmark)
        assert preview.cssselect(landmark), landmark
    assert preview.cssselect("title")[0].text_content().strip()


@pytest.mark.parametrize(
    ("count", "notice"),
    [
        (1, "One widget has no place in this layout and is not shown."),
        (2, "2 widgets have no place in this layout and are not shown."),
    ],
)
def test_preview_says_how_many_widgets_it_does_not_show(
    design_client, url, arranged, count, notice
):
    unplaced = [
        {"id": f"c{number}", "type": "text", "slot": "gone"} for number in range(count)
    ]
    html = post(design_client, url, unsaved(unplaced=unplaced)).json["html"]
    (shown,) = lxml_html.fromstring(html).cssselect(".composite-preview-notice")
    assert notice in " ".join(shown.text_content().split())


def test_design_mode_says_where_to_ask_for_a_preview(design_client, arranged):
    response = design_client.get(
        f"{arranged.absolute_url()}/@@composite-design", headers={"Accept": "text/html"}
    )
    (root,) = lxml_html.fromstring(response.text).cssselect("[data-composite-editor]")
    preview_url = root.get("data-composite-preview-url")
    assert preview_url == f"{arranged.absolute_url()}/++api++/@composite-preview"
    answer = post(design_client, preview_url, unsaved())
    assert answer.status_int == 200
    assert slot_ids(answer.json["html"], "sidebar") == ["b"]
