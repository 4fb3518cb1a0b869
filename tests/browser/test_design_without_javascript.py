"""Design mode in a browser that runs no JavaScript: the editor cannot work,
so the page says so and leads back, instead of showing empty slots."""

from browsing import login
from design_pages import make_page
from design_pages import open_design
from design_pages import text
from playwright.sync_api import expect

import pytest


NOTICE = "Design mode needs JavaScript"


@pytest.fixture
def arranged(acceptance_portal):
    return make_page(acceptance_portal, {"slots": {"main": [text("w1", "Hello")]}})


def test_without_javascript_design_mode_says_it_needs_it_and_leads_back(
    arranged, no_script_page, jane
):
    login(no_script_page, *jane)
    no_script_page.goto("page/@@composite-design")
    # Playwright's text and role engines skip what is inside <noscript>.
    notice = no_script_page.locator(".composite-editor__noscript")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(NOTICE)
    notice.locator("a", has_text="Back to the page").click()
    expect(no_script_page.get_by_text("Hello")).to_be_visible()
    assert no_script_page.url.rstrip("/").endswith("/page")


def test_with_javascript_the_notice_is_not_shown(arranged, page, jane):
    login(page, *jane)
    open_design(page)
    expect(page.locator(".composite-editor__noscript")).to_be_hidden()
