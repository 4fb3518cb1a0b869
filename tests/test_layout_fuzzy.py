"""Fuzzy text: deterministic, unreadable, hidden from screen readers, shaped."""

from collective.composite.layouts.fuzzy import Fuzzy
from collective.composite.layouts.fuzzy import MAX_PARAGRAPHS

import re


class Page:
    """Just enough of a content object."""

    def __init__(self, path="plone/page", title="", description="", text=None):
        self.path = path
        self.title = title
        self.description = description
        self.text = text

    def getPhysicalPath(self):
        return ("", *self.path.split("/"))

    def Title(self):
        return self.title

    def Description(self):
        return self.description


class RichText:
    def __init__(self, raw):
        self.raw = raw


def widths(markup):
    return [int(width) for width in re.findall(r"composite-fuzzy-w(\d+)", markup)]


def test_same_page_gives_the_same_bars():
    assert Fuzzy(Page()).paragraphs(3) == Fuzzy(Page()).paragraphs(3)


def test_another_page_gives_other_bars():
    assert Fuzzy(Page()).paragraph() != Fuzzy(Page(path="plone/other")).paragraph()


def test_successive_calls_vary():
    fuzzy = Fuzzy(Page())
    assert fuzzy.line() != fuzzy.line()


def test_a_key_gives_the_same_bars_whatever_the_order():
    first = Fuzzy(Page())
    second = Fuzzy(Page())
    second.line()
    assert first.line(key="nav") == second.line(key="nav")


def test_everything_is_hidden_from_screen_readers():
    fuzzy = Fuzzy(Page(title="Hello"))
    for markup in (fuzzy.title(), fuzzy.paragraphs(2), fuzzy.header(), fuzzy.image()):
        assert markup.startswith("<")
        assert 'aria-hidden="true"' in markup.split(">", 1)[0]


def test_no_readable_text():
    markup = Fuzzy(Page(title="Secret plans", description="Do not read")).header()
    markup += Fuzzy(Page(title="Secret plans", description="Do not read")).title()
    assert re.sub(r"<[^>]*>", "", markup).strip() == ""


def test_title_bars_follow_the_word_lengths():
    assert widths(Fuzzy(Page(title="Our big announcement")).title()) == [3, 3, 12]


def test_long_words_are_capped():
    assert widths(Fuzzy(Page(title="Donaudampfschifffahrt")).title()) == [14]


def test_page_without_title_still_gets_a_title():
    assert 3 <= len(widths(Fuzzy(Page()).title())) <= 6


def test_description_follows_the_description():
    assert widths(Fuzzy(Page(description="Two words")).description()) == [3, 5]


def test_text_follows_the_paragraphs_of_the_rich_text():
    text = RichText("<p>One two three</p><p>Four <b>five</b></p><ul><li>six</li></ul>")
    markup = Fuzzy(Page(text=text)).text()
    assert markup.count('composite-fuzzy-paragraph"') == 3
    assert widths(markup) == [3, 3, 5, 4, 4, 3]


def test_text_is_capped_at_a_few_paragraphs():
    text = RichText("<p>word</p>" * (MAX_PARAGRAPHS + 4))
    markup = Fuzzy(Page(text=text)).text()
    assert markup.count('composite-fuzzy-paragraph"') == MAX_PARAGRAPHS


def test_page_without_text_gets_three_paragraphs():
    assert Fuzzy(Page()).text().count('composite-fuzzy-paragraph"') == 3


def test_paragraphs_count():
    assert Fuzzy(Page()).paragraphs(4).count('composite-fuzzy-paragraph"') == 4


def test_words_count():
    assert len(widths(Fuzzy(Page()).words(7))) == 7


def test_navigation_has_the_tabs_asked_for():
    assert Fuzzy(Page()).navigation(4).count('composite-fuzzy-tab"') == 4


def test_unknown_image_ratio_falls_back():
    assert "composite-fuzzy-image-16x9" in Fuzzy(Page()).image("2x1")


def test_markup_is_inserted_as_html_by_templates():
    markup = Fuzzy(Page()).line()
    assert markup.__html__() == str(markup)
