"""Two editors, each with only the Editor role, in two browsers: the design
lock refuses the save of the one who lost it, and their design mode says so
at its next check of the lock (every ten seconds: the test moves that
browser's clock on instead of waiting), without pressing Save."""

from datetime import datetime
from datetime import timedelta
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import open_design
from design_pages import save
from design_pages import stored
from playwright.sync_api import expect
from playwright.sync_api import Page


# How often design mode asks who holds the lock (CHECK_MS in lock.js).
CHECK = "00:10"
SAVE_REFUSED = "Someone else is designing this page: take over before saving."


def banner(page: Page, text: str):
    """The lock's banner, saying ``text`` (the live region says it too)."""
    return page.get_by_role("paragraph").filter(has_text=text)


def announced(page: Page):
    """The editor's live region, the page's only ``status``."""
    return page.get_by_role("status")


def remove(page: Page, title: str) -> None:
    card(page, title).get_by_role("button", name=f"Remove {title}").click()


def jane_designs(page: Page, jane) -> None:
    """Jane opens design mode (so holds the lock) and removes Beta, unsaved;
    her browser's clock is under the test's control from the start."""
    page.clock.install()
    design_as(page, jane)
    remove(page, "Beta")
    # Save is enabled only once the lock is hers.
    expect(button(page, "Save")).to_be_enabled()


def ben_takes_over(page: Page, ben) -> None:
    """Ben opens design mode, sees Jane's lock and takes it over."""
    page.clock.install()
    design_as(page, ben)
    expect(banner(page, "Jane Doe has been designing this page since")).to_be_visible()
    page.get_by_role("button", name="Take over").click()
    expect(button(page, "Take over")).to_be_hidden()
    expect(announced(page)).to_have_text(
        "You are designing this page now: saving is possible."
    )


def test_the_old_holders_save_after_a_takeover_is_refused(
    page, second_page, jane, ben, composite
):
    jane_designs(page, jane)
    # Jane's design mode does not check the lock until the test says so.
    page.clock.pause_at(datetime.now() + timedelta(seconds=1))
    ben_takes_over(second_page, ben)
    remove(second_page, "Gamma")
    save(second_page)
    assert stored(composite)["sidebar"] == []

    button(page, "Save").click()
    expect(announced(page)).to_have_text(SAVE_REFUSED)
    expect(banner(page, "Ben Baker took over this page at")).to_be_visible()
    expect(button(page, "Save")).to_be_disabled()
    # Ben's save stands; nothing of Jane's reached the page.
    assert stored(composite) == {
        "layout": "two-columns",
        "main": ["alpha", "beta"],
        "sidebar": [],
        "unplaced": [],
    }
    second_page.goto("page")
    expect(second_page.get_by_text("Beta")).to_be_visible()
    expect(second_page.get_by_text("Gamma")).to_have_count(0)


def test_the_old_holders_design_mode_shows_the_lost_lock_without_saving(
    page, second_page, jane, ben, composite
):
    jane_designs(page, jane)
    ben_takes_over(second_page, ben)
    expect(button(page, "Save")).to_be_enabled()

    page.clock.fast_forward(CHECK)
    expect(banner(page, "Ben Baker took over this page at")).to_be_visible()
    expect(announced(page)).to_contain_text(
        "it is no longer yours to save. Your changes stay here; take over again "
        "to save them."
    )
    expect(button(page, "Save")).to_be_disabled()
    # Jane's change is still on her screen, and not on the server.
    expect(card(page, "Beta")).to_have_count(0)
    assert stored(composite)["main"] == ["alpha", "beta"]


def test_taking_the_lock_back_lets_the_old_holder_save_again(
    page, second_page, jane, ben, composite
):
    jane_designs(page, jane)
    ben_takes_over(second_page, ben)
    page.clock.fast_forward(CHECK)
    page.get_by_role("button", name="Take over").click()
    expect(announced(page)).to_have_text(
        "You are designing this page now: saving is possible."
    )
    save(page)
    assert stored(composite)["main"] == ["alpha"]
    # Ben's design mode learns it in turn.
    second_page.clock.fast_forward(CHECK)
    expect(banner(second_page, "Jane Doe took over this page at")).to_be_visible()


def test_the_holder_saves_from_a_second_tab(page, jane, composite):
    design_as(page, jane)
    second = page.context.new_page()
    open_design(second)
    remove(second, "Gamma")
    expect(banner(second, "has been designing this page since")).to_have_count(0)
    save(second)
    assert stored(composite)["sidebar"] == []
