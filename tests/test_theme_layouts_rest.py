"""Over HTTP, a theme's layout is one more layout while its theme is active:
listed by @composite-layouts with its preview, and pages may be arranged in it;
the theming control panel shows why it refuses a broken one."""

from functional_fixtures import post_form
from plone import api
from theme_fixtures import activate
from theme_fixtures import feature_files
from theme_fixtures import file_system_theme
from theme_fixtures import ttw_theme

import html
import pytest
import transaction


@pytest.fixture
def themed(functional_page):
    with file_system_theme():
        activate("fixture-theme")
        transaction.commit()
        yield functional_page


def test_composite_layouts_lists_the_theme_layout_last(editor, themed):
    data = editor.get(f"{themed.absolute_url()}/@composite-layouts").json
    feature = data["layouts"][-1]
    assert feature == {
        "name": "feature",
        "title": "Feature",
        "description": "A lead story above two columns.",
        "preview": f"{themed.absolute_url()}/@@composite-layout-preview/feature",
        "slots": [
            {"name": "lead", "title": "Lead story", "allowed": ["text"], "max": 1},
            {"name": "more", "title": "More stories", "allowed": None, "max": None},
        ],
    }


def test_the_theme_layout_preview_is_served(editor, themed):
    response = editor.get(
        f"{themed.absolute_url()}/@@composite-layout-preview/feature",
        headers={"Accept": "image/*"},
    )
    assert response.status_int == 200
    assert response.content_type == "image/svg+xml"


def test_a_page_is_arranged_in_the_theme_layout(editor, themed):
    url = f"{themed.absolute_url()}/@composite"
    response = editor.patch(url, json={"version": "0", "layout": "feature"})
    assert response.status_int == 200
    assert sorted(response.json["slots"]) == ["lead", "more"]


def test_the_theme_layout_is_unknown_once_theming_is_off(editor, themed):
    activate("fixture-theme", enabled=False)
    transaction.commit()
    url = f"{themed.absolute_url()}/@composite"
    response = editor.patch(url, json={"version": "0", "layout": "feature"})
    assert response.status_int == 400
    assert "'feature'" in response.json["error"]["message"]


def test_the_theming_control_panel_shows_a_refused_layout(rest_client):
    files = feature_files()
    files["composite-layouts/feature/feature_design.pt"] = "<div>no slots</div>"
    ttw_theme("ttw", files)
    transaction.commit()
    client = rest_client("manager", auth="basic")
    site = api.portal.get().absolute_url()
    form = {"form.button.Enable": "Activate", "themeName": "ttw"}
    response = post_form(client, f"{site}/@@theming-controlpanel", form, site)
    assert response.status_int == 200
    text = html.unescape(response.text)
    assert "The theme's layout 'feature' is refused" in text
    assert "does not place the declared slot 'lead'" in text
    transaction.begin()
    record = "plone.app.theming.interfaces.IThemeSettings.currentTheme"
    assert api.portal.get_registry_record(record) == "ttw", "activated all the same"
