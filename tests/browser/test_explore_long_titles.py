"""Cards and dialogs with long titles, found in an exploratory session in a
window as narrow as a phone: a title of one long word (a file name, a URL, a
word of a language written without spaces) wraps inside its card, and in the
settings dialog's heading, which it never pushes, nor the button that closes
the dialog, out of the window. Titles in
Arabic, Hebrew and emoji stay inside their cards too."""

from browsing import close_settled
from collections.abc import Iterator
from design_pages import as_visitor
from design_pages import design_as
from design_pages import real_ids
from design_pages import save
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import re


LONG_WORD = "Supercalifragilisticexpialidocious" * 4
TITLES = {
    "long": LONG_WORD,
    "arabic": "مرحبا بكم في موقعنا الجديد " * 3,
    "hebrew": "שלום עולם " * 6,
    "emoji": "🎉🎉 Emoji party 👩‍👩‍👧‍👦 " * 5,
}
# A window as narrow as a phone (without a phone's zooming out of a page
# wider than its screen, which would hide what runs out of the window).
NARROW = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def narrow(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page in a browser context of a narrow window."""
    context = browser.new_context(base_url=f"{portal_url}/", **NARROW)
    yield context.new_page()
    close_settled(context)


@pytest.fixture
def composite(acceptance_portal):
    """A page whose widgets have the titles of ``TITLES``."""
    return two_columns(
        acceptance_portal,
        main=[text(id_, words) for id_, words in TITLES.items()],
    )


def card_starting(page: Page, words: str):
    """The card whose title starts with ``words`` (a long title is cut short
    in its accessible name)."""
    name = re.compile("^Text: " + re.escape(words.strip()[:12]))
    return page.get_by_role("group", name=name)


def fits(locator) -> bool:
    """Whether nothing in the element runs out of it sideways."""
    return locator.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_long_titles_stay_inside_their_cards_and_dialogs(narrow, jane, composite):
    design_as(narrow, jane)
    for words in TITLES.values():
        assert fits(card_starting(narrow, words)), words
    long_card = card_starting(narrow, LONG_WORD)
    long_card.get_by_role("button", name=re.compile("^Edit ")).click()
    dialog = narrow.get_by_role("dialog")
    close = dialog.get_by_role("button", name="Close without applying")
    expect(close).to_be_visible()
    width = narrow.viewport_size["width"]
    for part in (dialog.get_by_role("heading").first, close):
        box = part.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
    close.click()
    expect(dialog).to_have_count(0)
    long_card.get_by_role("button", name=re.compile("^Duplicate ")).click()
    save(narrow)
    main = stored(composite)["main"]
    # The copy comes right after its original.
    assert len(main) == len(TITLES) + 1
    assert main[0] == "long"
    assert main[2:] == list(TITLES)[1:]
    as_visitor(narrow)
    assert real_ids(narrow, "main") == main
