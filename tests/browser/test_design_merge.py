"""Design mode in Chromium: two Editors change the same page at once, and the
second one's "Re-apply my changes" merges instead of undoing the first one's
work; where both changed the same widget, the second one chooses per widget.

Bert opens design mode first; Anna opens it after him, takes the page over,
changes it and saves. Bert, still on the version he opened, changes it too,
takes the page back and saves: his save is refused as stale, and he re-applies.
"""

from accessibility import serious_violations
from collective.composite import arrangement
from design_pages import apply_choices
from design_pages import button
from design_pages import card
from design_pages import clash
from design_pages import clashes
from design_pages import design_as
from design_pages import edit_text
from design_pages import editor_named
from design_pages import live
from design_pages import lock_banner
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import reapply
from design_pages import save
from design_pages import screenshot
from design_pages import status
from design_pages import stored
from design_pages import take_over
from design_pages import take_over_and_save_into_conflict
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import transaction


@pytest.fixture
def anna(acceptance_portal) -> tuple[str, str]:
    """An Editor, Anna Adams (the toolbar shows the full name, which the login
    helper looks for)."""
    return editor_named(acceptance_portal, "Anna", "Anna Adams")


@pytest.fixture
def bert(acceptance_portal) -> tuple[str, str]:
    """An Editor, Bert Brown."""
    return editor_named(
        acceptance_portal, "Bert", "Bert Brown", "another password nobody guesses"
    )


@pytest.fixture
def composite(acceptance_portal):
    """Two columns: Alpha, Beta and Delta in the main slot, Gamma in the sidebar."""
    return two_columns(
        acceptance_portal,
        main=[text("alpha", "Alpha"), text("beta", "Beta"), text("delta", "Delta")],
        sidebar=[text("gamma", "Gamma")],
    )


@pytest.fixture
def editors(page, second_page, anna, bert, composite) -> tuple[Page, Page]:
    """Bert's and then Anna's design mode; Anna has taken the page over.

    :returns: Anna's page and Bert's page.
    """
    design_as(second_page, bert)
    design_as(page, anna)
    expect(lock_banner(page)).to_contain_text("Bert Brown has been designing this page")
    take_over(page)
    return page, second_page


def save_into_conflict(page: Page) -> None:
    """Take the page back (design mode notices at its next check that someone
    took it over), save, and find the save refused as stale."""
    page.evaluate(
        "() => document.querySelector('[data-composite-editor]')"
        ".compositeEditor.lock.take(false)"
    )
    expect(lock_banner(page)).to_contain_text("Anna Adams")
    take_over_and_save_into_conflict(page)


def widget_texts(composite) -> dict[str, str]:
    """The stored text of each widget, by id."""
    transaction.begin()
    return {w.id: w.settings["text"] for w in arrangement.get(composite).widgets}


def test_reapplying_keeps_what_the_other_editor_changed_on_other_widgets(
    editors, composite
):
    anna_page, bert_page = editors
    edit_text(anna_page, "Alpha", "Alpha by Anna")
    card(anna_page, "Gamma").get_by_role("button", name="Remove Gamma").click()
    move_with_keys(anna_page, "Beta", "ArrowRight")
    save(anna_page)
    # Bert moves only Delta, to the top of the main slot.
    move_with_keys(bert_page, "Delta", "ArrowUp", "ArrowUp")
    save_into_conflict(bert_page)

    reapply(bert_page)
    expect(status(bert_page)).to_have_text(
        "Your change was re-applied on top of Anna Adams's version. Check, then save."
    )
    expect(clashes(bert_page)).to_have_count(0)
    save(bert_page)

    after = stored(composite)
    assert after["main"] == ["delta", "alpha"]
    assert after["sidebar"] == ["beta"]
    assert after["unplaced"] == []
    assert widget_texts(composite)["alpha"] == "<p>Alpha by Anna</p>"
    bert_page.goto("page")
    assert real_ids(bert_page, "main") == ["delta", "alpha"]
    assert real_ids(bert_page, "sidebar") == ["beta"]
    expect(bert_page.locator(".composite-slot-main")).to_contain_text("Alpha by Anna")


def test_both_changing_a_text_asks_which_to_keep(editors, composite):
    anna_page, bert_page = editors
    edit_text(anna_page, "Alpha", "Alpha by Anna")
    save(anna_page)
    edit_text(bert_page, "Alpha", "Alpha by Bert")
    move_with_keys(bert_page, "Delta", "ArrowUp", "ArrowUp")
    save_into_conflict(bert_page)
    expect(card(bert_page, "Alpha by Anna")).to_be_visible()

    reapply(bert_page)
    panel = clashes(bert_page)
    expect(status(bert_page)).to_have_text(
        "Some of your changes clash with Anna Adams's version, on: Alpha. "
        "Choose for each what to keep."
    )
    expect(live(bert_page)).to_contain_text(
        "clash with Anna Adams's version, on: Alpha"
    )
    alpha = clash(bert_page, "Alpha")
    expect(alpha).to_contain_text("You both changed its settings.")
    expect(button(bert_page, "Save")).to_be_disabled()
    screenshot(panel, "clash-panel")
    assert serious_violations(bert_page, include="[data-composite-clashes]") == []
    alpha.get_by_role(
        "radio", name="Keep theirs: Alpha by Anna with their settings"
    ).check()
    expect(
        alpha.get_by_role("radio", name="Keep mine: Alpha by Bert with your settings")
    ).not_to_be_checked()
    apply_choices(bert_page)
    expect(panel).to_have_count(0)
    expect(status(bert_page)).to_contain_text(
        "Of the clashing widgets, your version is kept for 0 and theirs for 1."
    )
    save(bert_page)

    # Anna's text, and Bert's move of Delta, which clashed with nothing.
    assert widget_texts(composite)["alpha"] == "<p>Alpha by Anna</p>"
    assert stored(composite)["main"] == ["delta", "alpha", "beta"]
    bert_page.goto("page")
    expect(bert_page.locator(".composite-slot-main")).to_contain_text("Alpha by Anna")


def test_both_moving_a_widget_to_different_places_asks_where(editors, composite):
    anna_page, bert_page = editors
    move_with_keys(anna_page, "Beta", "ArrowRight")
    save(anna_page)
    # Bert moves Beta to the top of the main slot instead.
    move_with_keys(bert_page, "Beta", "ArrowUp")
    save_into_conflict(bert_page)

    reapply(bert_page)
    beta = clash(bert_page, "Beta")
    expect(beta).to_contain_text("You moved it to Main; they moved it to Sidebar.")
    expect(
        beta.get_by_role(
            "radio", name="Keep theirs: Beta in Sidebar, where they put it"
        )
    ).to_be_visible()
    beta.get_by_role("radio", name="Keep mine: Beta in Main, where you put it").check()
    apply_choices(bert_page)
    save(bert_page)

    after = stored(composite)
    assert after["main"] == ["beta", "alpha", "delta"]
    assert after["sidebar"] == ["gamma"]
    bert_page.goto("page")
    assert real_ids(bert_page, "main") == ["beta", "alpha", "delta"]


def test_a_widget_removed_by_one_and_changed_by_the_other_is_asked_about(
    editors, composite
):
    anna_page, bert_page = editors
    card(anna_page, "Gamma").get_by_role("button", name="Remove Gamma").click()
    save(anna_page)
    edit_text(bert_page, "Gamma", "Gamma by Bert")
    save_into_conflict(bert_page)
    expect(card(bert_page, "Gamma by Bert")).to_have_count(0)

    reapply(bert_page)
    gamma = clash(bert_page, "Gamma")
    expect(gamma).to_contain_text("You changed it; they removed it.")
    expect(
        gamma.get_by_role("radio", name="Keep theirs: leave Gamma removed")
    ).to_be_visible()
    # Applying without a choice is refused, and says for which widget.
    apply_choices(bert_page)
    expect(status(bert_page)).to_have_text("Choose what to keep for: Gamma.")
    expect(button(bert_page, "Save")).to_be_disabled()
    gamma.get_by_role(
        "radio", name="Keep mine: bring Gamma by Bert back with your changes"
    ).check()
    apply_choices(bert_page)
    expect(card(bert_page, "Gamma by Bert")).to_be_visible()
    save(bert_page)

    assert stored(composite)["sidebar"] == ["gamma"]
    assert widget_texts(composite)["gamma"] == "<p>Gamma by Bert</p>"
    bert_page.goto("page")
    expect(bert_page.locator(".composite-slot-sidebar")).to_contain_text(
        "Gamma by Bert"
    )
