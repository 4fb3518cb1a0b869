"""Text and HTML widgets are filtered on every view through a memo keyed by the
HTML and the site's HTML filtering settings: a changed setting applies at once,
unchanged widgets are not filtered again."""

from page_fixtures import add
from page_fixtures import render
from page_fixtures import store_settings
from plone import api
from Products.PortalTransforms.TransformEngine import TransformTool

import pytest
import uuid


@pytest.fixture
def filterings(monkeypatch):
    """The HTML given to the safe_html transform, in order."""
    seen = []
    original = TransformTool.convert

    def counting(self, name, orig, *args, **kw):
        if name == "safe_html":
            seen.append(orig)
        return original(self, name, orig, *args, **kw)

    monkeypatch.setattr(TransformTool, "convert", counting)
    return seen


def unique(html: str) -> str:
    """``html`` with a marker no other test uses (the memo is per process)."""
    return html.replace("</p>", f" {uuid.uuid4().hex}</p>", 1)


def test_a_changed_filter_setting_changes_the_output(page, http_request):
    add(page, "text", {"text": unique("<p>Some <em>stress</em></p>")})
    assert "<em>stress</em>" in render(page, http_request)
    valid = api.portal.get_registry_record("plone.valid_tags")
    api.portal.set_registry_record(
        "plone.valid_tags", [tag for tag in valid if tag != "em"]
    )
    html = render(page, http_request)
    assert "<em>" not in html
    assert "stress" in html


def test_disabling_the_filter_shows_stored_markup_as_it_is(page, http_request):
    widget = add(page, "html", {"html": "<p>ok</p>"})
    stored = unique("<p>ok</p><script>kept()</script>")
    store_settings(page, widget.id, {"html": stored})
    assert "kept()" not in render(page, http_request)
    api.portal.set_registry_record("plone.disable_filtering", True)
    assert "kept()" in render(page, http_request)


def test_an_unchanged_text_is_not_filtered_again(page, http_request, filterings):
    text = unique("<p>Once</p>")
    add(page, "text", {"text": text})
    filterings.clear()  # saving filters it
    render(page, http_request)
    render(page, http_request)
    assert filterings.count(text) <= 1


def test_a_changed_text_is_filtered(page, http_request, filterings):
    widget = add(page, "text", {"text": unique("<p>Before</p>")})
    render(page, http_request)
    changed = unique("<p>After</p>")
    store_settings(page, widget.id, {"text": changed})
    filterings.clear()
    assert "After" in render(page, http_request)
    assert filterings == [changed]
