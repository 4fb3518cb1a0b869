"""Helpers for the browser tests: ``from browsing import login``."""

from pathlib import Path
from playwright.sync_api import expect
from playwright.sync_api import Page


RESULTS = Path(__file__).resolve().parent.parent.parent / "test-results"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-results/NAME.png.

    :param page: the page to capture.
    :param name: the file name without extension.
    :returns: the path of the written file.
    """
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def login(page: Page, user: str, password: str) -> None:
    """Log in through the site's login form and wait until the toolbar shows the user.

    :param page: a page from the ``page`` fixture.
    :param user: the login name.
    :param password: the password.
    :raises AssertionError: when the login form does not accept the credentials.
    """
    page.goto("login")
    page.locator("#__ac_name").fill(user)
    page.locator("#__ac_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # The personal tools menu, with the user's name, appears only once logged in.
    expect(page.locator("#personaltools-menulink")).to_contain_text(user)
