"""No injected script runs: XSS vectors in every text setting, widget title and
the page title, in the real view, design mode and its preview."""

from browsing import login
from design_pages import make_page
from design_pages import open_design
from xss_vectors import arrangement_data
from xss_vectors import page_title

import pytest


@pytest.fixture
def dialogs(page) -> list[str]:
    """Messages of every dialog (alert, confirm, prompt) the page opens."""
    opened = []

    def dismiss(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


@pytest.fixture
def xss_page(acceptance_portal):
    return make_page(
        acceptance_portal, arrangement_data(), id_="xss", title=page_title()
    )


def ran(page) -> bool:
    return page.evaluate("() => window.__xss !== undefined")


def test_no_injected_script_runs_in_the_real_view(
    page, site_manager, xss_page, dialogs
):
    login(page, *site_manager)
    page.goto("xss/@@composite-view")
    page.wait_for_load_state("networkidle")
    assert page.locator(".composite-card, [data-composite-widget], main").count() > 0
    assert "__xss" in page.content()  # the vectors are there, harmless
    assert not ran(page)
    assert dialogs == []


def test_no_injected_script_runs_for_visitors(page, xss_page, dialogs):
    page.goto("xss/@@composite-view")
    page.wait_for_load_state("networkidle")
    assert "__xss" in page.content()  # the vectors are there, harmless
    assert not ran(page)
    assert dialogs == []


def test_no_injected_script_runs_in_design_mode(page, site_manager, xss_page, dialogs):
    login(page, *site_manager)
    open_design(page, "xss")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-composite-widget-id], .composite-card").count() > 0
    assert "__xss" in page.content()  # the vectors are there, harmless
    assert not ran(page)
    assert dialogs == []
