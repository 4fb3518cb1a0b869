"""Each widget's words and references are remembered with its stored settings:
a save works out those of the widgets it changed, not the page's others."""

from arrangement_fixtures import fake_components
from collective.composite import arrangement
from collective.composite.arrangement.reading import Widget
from collective.composite.catalog import indexers
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.widgets import text
from page_fixtures import add
from zope.interface import providedBy

import pytest


@pytest.fixture
def words(page, monkeypatch) -> list[str]:
    """The texts whose words the text widgets' renderer works out, once the
    page holds three text widgets and is indexed."""
    for body in ("Silent atrium", "Loud foyer", "Quiet stair"):
        add(page, "text", {"text": f"<p>{body}</p>"})
    indexers.page_text(page)
    calls = []
    original = text.html_to_text

    def counted(html, context):
        calls.append(html)
        return original(html, context)

    monkeypatch.setattr(text, "html_to_text", counted)
    return calls


def test_a_change_works_out_the_words_of_the_changed_widget_only(page, words):
    second = arrangement.get(page).slots["main"][1].id
    arrangement.update_widget(page, second, {"text": "<p>Busy hall</p>"})
    page_text = indexers.page_text(page)
    assert words == ["<p>Busy hall</p>"]
    assert "Busy hall" in page_text
    assert "foyer" not in page_text
    assert "Silent atrium" in page_text


def test_a_move_works_out_no_words(page, words):
    first = arrangement.get(page).slots["main"][0].id
    arrangement.move_widget(page, first, "main", 2)
    assert "atrium" in indexers.page_text(page)
    assert words == []


def test_the_words_are_the_same_as_worked_out_afresh(page, words):
    remembered = indexers.page_text(page)
    for widget in arrangement.get(page).widgets:
        arrangement.settings_memo(widget.settings).clear()
    assert indexers.page_text(page) == remembered
    assert len(words) == 3


def test_a_renderer_of_its_own_is_asked_every_time(page, monkeypatch):
    with fake_components():
        add(page, "note", {"title": "Odd lantern"})
        asked = []
        renderer = indexers.get_widget_type("note").renderer

        def counted(settings, context):
            asked.append(settings["title"])
            return settings["title"]

        monkeypatch.setattr(renderer, "searchable_text", staticmethod(counted))
        assert "Odd lantern" in indexers.page_text(page)
        assert "Odd lantern" in indexers.page_text(page)
    assert asked == ["Odd lantern", "Odd lantern"]


def test_settings_given_by_a_caller_have_no_memo():
    widget = Widget("w", "text", {"text": "<p>x</p>"}, "main")
    assert arrangement.settings_memo(widget.settings) is None


def test_settings_read_twice_share_their_memo_until_changed(page):
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    widget = arrangement.get(page).widgets[0]
    memo = arrangement.settings_memo(widget.settings)
    assert arrangement.settings_memo(arrangement.get(page).widgets[0].settings) is memo
    arrangement.update_widget(page, widget.id, {"text": "<p>Loud foyer</p>"})
    changed = arrangement.get(page).widgets[0].settings
    assert arrangement.settings_memo(changed) is not memo


def test_the_type_own_text_is_looked_up_with_one_specification(page):
    """``providedBy(page) - ICompositeEnabled`` is made once: a new
    specification on every lookup would be a new entry of the component
    registry's lookup cache each time."""
    first = indexers.provided_without(providedBy(page), ICompositeEnabled)
    assert indexers.provided_without(providedBy(page), ICompositeEnabled) is first
    assert not first.isOrExtends(ICompositeEnabled)
