"""An Editor's session ends while design mode holds unsaved changes: Save says
she is logged out and offers to log in again in the same tab. Her changes are
kept over the login form (leaving by that link asks nothing) and are back in
design mode once she is logged in again, to be saved; another user logging in
in that tab does not get them. Changes kept over an hour ago are not
re-applied by themselves: design mode says when they were kept and offers
them."""

from design_pages import as_visitor
from design_pages import button
from design_pages import card_ids
from design_pages import expect_saved
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import status
from design_pages import stored
from design_pages import wait_for_editor
from playwright.sync_api import expect
from playwright.sync_api import Page


def logged_out_with_changes(designer: Page) -> list:
    """Jane moves Alpha to the sidebar, her session ends (she logs out in
    another tab), Save is refused, and she follows "Log in again" in the same
    tab.

    :returns: the dialogs the browser showed meanwhile (a "leave the page?" one).
    """
    move_with_keys(designer, "Alpha", "ArrowRight")
    other_tab = designer.context.new_page()
    other_tab.goto("logout")
    other_tab.close()
    button(designer, "Save").click()
    expect(status(designer)).to_have_attribute("data-kind", "error")
    expect(status(designer)).to_contain_text("You are logged out")
    dialogs = []

    def refuse(dialog) -> None:
        # Dismissing a "leave the page?" prompt keeps the page: the login
        # form would not show.
        dialogs.append(dialog.type)
        dialog.dismiss()

    designer.on("dialog", refuse)
    status(designer).get_by_role("link", name="Log in again").click()
    expect(designer.get_by_label("Login Name")).to_be_visible()
    return dialogs


def log_in(page: Page, credentials: tuple[str, str]) -> None:
    """Log in by the login form shown, by its fields' accessible names."""
    page.get_by_label("Login Name").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    page.get_by_role("button", name="Log in").click()


def test_logging_in_again_in_the_same_tab_brings_the_changes_back(
    designer, jane, composite
):
    dialogs = logged_out_with_changes(designer)
    log_in(designer, jane)
    # Back in design mode, on the stored arrangement, with her change on it.
    wait_for_editor(designer)
    assert designer.url.endswith("/page/@@composite-design")
    expect(status(designer)).to_contain_text(
        "You are logged in again, and your unsaved changes are back"
    )
    assert card_ids(designer, "Sidebar") == ["alpha", "gamma"]
    assert stored(composite)["sidebar"] == ["gamma"]
    assert dialogs == []

    button(designer, "Save").click()
    expect_saved(designer)
    answer = designer.request.get(
        "page/++api++/@composite", headers={"Accept": "application/json"}
    )
    assert answer.ok
    slots = answer.json()["slots"]
    assert [widget["id"] for widget in slots["sidebar"]] == ["alpha", "gamma"]
    assert [widget["id"] for widget in slots["main"]] == ["beta"]
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == ["alpha", "gamma"]
    assert real_ids(designer, "main") == ["beta"]


def test_another_user_logging_in_in_that_tab_does_not_get_the_changes(
    ben, designer, composite
):
    # Ben (an Editor too) exists before Jane's browser talks to the site.
    logged_out_with_changes(designer)
    log_in(designer, ben)
    wait_for_editor(designer)
    assert designer.url.endswith("/page/@@composite-design")
    # Ben sees the stored arrangement, nothing of Jane's unsaved change.
    assert card_ids(designer, "Main") == ["alpha", "beta"]
    assert card_ids(designer, "Sidebar") == ["gamma"]
    expect(status(designer)).not_to_contain_text("logged in again")
    assert not designer.evaluate(
        "() => document.querySelector('[data-composite-editor]')"
        ".compositeEditor.state.dirty"
    )
    assert stored(composite)["sidebar"] == ["gamma"]


def kept_two_hours_ago(page: Page) -> None:
    """Age the changes kept in this tab's sessionStorage by two hours, as if
    the login form had stayed open that long (a test set-up: the tab's clock
    is not changed)."""
    page.evaluate(
        """() => {
          const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
          for (const key of Object.keys(sessionStorage)) {
            if (!key.startsWith('collective.composite:pending:')) continue;
            const kept = JSON.parse(sessionStorage.getItem(key));
            sessionStorage.setItem(key, JSON.stringify({...kept, keptAt: twoHoursAgo}));
          }
        }"""
    )


def test_changes_kept_over_an_hour_ago_are_offered_not_re_applied(
    designer, jane, composite
):
    logged_out_with_changes(designer)
    kept_two_hours_ago(designer)
    log_in(designer, jane)
    wait_for_editor(designer)
    expect(status(designer)).to_contain_text(
        "more than an hour ago, so they were not re-applied by themselves"
    )
    # The stored arrangement, her change only offered.
    assert card_ids(designer, "Sidebar") == ["gamma"]
    assert stored(composite)["sidebar"] == ["gamma"]

    button(designer, "Re-apply my changes").click()
    assert card_ids(designer, "Sidebar") == ["alpha", "gamma"]
    button(designer, "Save").click()
    expect_saved(designer)
    assert stored(composite)["sidebar"] == ["alpha", "gamma"]
    assert stored(composite)["main"] == ["beta"]


def test_changes_kept_over_an_hour_ago_can_be_discarded(designer, jane, composite):
    logged_out_with_changes(designer)
    kept_two_hours_ago(designer)
    log_in(designer, jane)
    wait_for_editor(designer)
    button(designer, "Discard my changes").click()
    expect(status(designer)).to_contain_text("Your kept changes are discarded.")
    assert card_ids(designer, "Sidebar") == ["gamma"]
    # Nothing is offered again once design mode is opened anew.
    designer.reload()
    wait_for_editor(designer)
    expect(status(designer)).not_to_contain_text("kept")
    assert stored(composite)["sidebar"] == ["gamma"]
