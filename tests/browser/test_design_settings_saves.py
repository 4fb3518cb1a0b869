"""Design mode in Chromium: saves that change only widget settings (``PATCH
@composite`` with ``{"version", "widgets"}``, answered ``Prefer:
return=minimal``) by two Editors at once, and by one editor who then moves a
widget.

Jane opens design mode first and so holds the design lock (the default
setting: it refuses other users' saves); Ben opens it after her, on the same
version. Jane changes a text and saves; Ben, whose page is now stale, changes
a text too, takes the page over and saves: his save meets Jane's version and
he re-applies his change on it. (Where Ben opens it first, Jane takes it
over, and the lock refuses Ben's next save until he takes it back.) What is
stored afterwards is read back through ``GET @composite`` and in the real
view, as a visitor sees it.
"""

from datetime import datetime
from datetime import timedelta
from design_pages import apply_choices
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import clash
from design_pages import clashes
from design_pages import design_as
from design_pages import edit_text
from design_pages import lock_banner
from design_pages import move_with_keys
from design_pages import open_design
from design_pages import real_ids
from design_pages import reapply
from design_pages import save
from design_pages import status
from design_pages import take_over
from design_pages import take_over_and_save_into_conflict
from design_pages import wait_for_editor
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest


# What design mode says when the lock refuses a save (lock.saveBlocked).
LOCKED_OUT = "Someone else is designing this page: take over before saving."
# The place of every widget on the two-column page, as it was made.
PLACES = {"main": ["alpha", "beta"], "sidebar": ["gamma"], "unplaced": []}


@pytest.fixture
def both_designing(page, second_page, jane, ben, composite) -> tuple[Page, Page]:
    """Jane's design mode (she holds the lock), then Ben's, told she does.

    :returns: Jane's page and Ben's page.
    """
    design_as(page, jane)
    design_as(second_page, ben)
    expect(lock_banner(second_page)).to_contain_text(
        "Jane Doe has been designing this page since"
    )
    return page, second_page


@pytest.fixture
def ben_saves(both_designing) -> list[dict]:
    """The bodies of the saves Ben's design mode sends, as :func:`saves_of`
    gives them, from the moment both design the page."""
    return saves_of(both_designing[1])


def saves_of(page: Page) -> list[dict]:
    """The bodies of the page's ``PATCH @composite`` requests from now on, in
    order (the list fills as the page sends them)."""
    bodies = []

    def keep(request) -> None:
        if request.method == "PATCH" and request.url.endswith("/@composite"):
            bodies.append(request.post_data_json)

    page.on("request", keep)
    return bodies


def stored_over_rest(page: Page) -> dict:
    """The arrangement ``GET @composite`` gives: ``places`` (slot name, and
    ``unplaced``, -> widget ids), ``texts`` (widget id -> its stored text) and
    the ``version``."""
    response = page.request.get(
        "page/@composite", headers={"Accept": "application/json"}
    )
    assert response.ok, response.text()
    data = response.json()
    widgets = [w for ws in data["slots"].values() for w in ws] + data["unplaced"]
    places = {name: [w["id"] for w in ws] for name, ws in data["slots"].items()}
    places["unplaced"] = [w["id"] for w in data["unplaced"]]
    return {
        "places": places,
        "texts": {w["id"]: w["settings"]["text"] for w in widgets},
        "version": data["version"],
    }


def visitor_sees(visitor: Page, places: dict[str, list[str]], *words: str) -> None:
    """An anonymous visitor's real view of the page shows the widgets in
    ``places`` (as :func:`stored_over_rest` gives them), with ``words``."""
    visitor.goto("page")
    assert real_ids(visitor, "main") == places["main"]
    assert real_ids(visitor, "sidebar") == places["sidebar"]
    for text in words:
        expect(visitor.get_by_text(text, exact=True)).to_be_visible()


def test_settings_saved_by_both_on_different_widgets_are_both_kept(
    both_designing, ben_saves, visitor: Page
):
    jane_page, ben_page = both_designing
    jane_saves = saves_of(jane_page)
    edit_text(jane_page, "Alpha", "Alpha by Jane")
    save(jane_page)
    assert list(jane_saves[0]) == ["version", "widgets"]
    assert jane_saves[0]["widgets"] == {
        "alpha": {"settings": {"text": "<p>Alpha by Jane</p>"}}
    }

    edit_text(ben_page, "Beta", "Beta by Ben")
    take_over_and_save_into_conflict(ben_page)
    # Ben sent only his widget, on the version he opened: refused, not merged
    # by the server; Jane's text stands.
    assert list(ben_saves[0]["widgets"]) == ["beta"]
    assert stored_over_rest(ben_page)["texts"]["beta"] == "<p>Beta</p>"
    expect(card(ben_page, "Alpha by Jane")).to_be_visible()
    expect(card(ben_page, "Beta by Ben")).to_have_count(0)

    reapply(ben_page)
    expect(status(ben_page)).to_have_text(
        "Your change was re-applied on top of Jane Doe's version. Check, then save."
    )
    expect(clashes(ben_page)).to_have_count(0)
    expect(card(ben_page, "Beta by Ben")).to_be_visible()
    save(ben_page)
    # Again only Ben's widget, now on Jane's version.
    assert ben_saves[1]["widgets"] == {
        "beta": {"settings": {"text": "<p>Beta by Ben</p>"}}
    }
    assert ben_saves[1]["version"] != ben_saves[0]["version"]

    after = stored_over_rest(ben_page)
    assert after["places"] == PLACES
    assert after["texts"] == {
        "alpha": "<p>Alpha by Jane</p>",
        "beta": "<p>Beta by Ben</p>",
        "gamma": "<p>Gamma</p>",
    }
    visitor_sees(visitor, PLACES, "Alpha by Jane", "Beta by Ben", "Gamma")


@pytest.mark.parametrize(
    ("keep", "kept"), [("mine", "Alpha by Ben"), ("theirs", "Alpha by Jane")]
)
def test_settings_saved_by_both_on_one_widget_ask_which_to_keep(
    both_designing, ben_saves, visitor: Page, keep: str, kept: str
):
    jane_page, ben_page = both_designing
    edit_text(jane_page, "Alpha", "Alpha by Jane")
    save(jane_page)
    edit_text(ben_page, "Alpha", "Alpha by Ben")
    take_over_and_save_into_conflict(ben_page)
    # Ben's stale save overwrote nothing.
    assert stored_over_rest(ben_page)["texts"]["alpha"] == "<p>Alpha by Jane</p>"

    reapply(ben_page)
    expect(status(ben_page)).to_have_text(
        "Some of your changes clash with Jane Doe's version, on: Alpha. "
        "Choose for each what to keep."
    )
    alpha = clash(ben_page, "Alpha")
    expect(alpha).to_contain_text("You both changed its settings.")
    expect(button(ben_page, "Save")).to_be_disabled()
    choices = {
        "mine": "Keep mine: Alpha by Ben with your settings",
        "theirs": "Keep theirs: Alpha by Jane with their settings",
    }
    alpha.get_by_role("radio", name=choices[keep]).check()
    apply_choices(ben_page)
    expect(clashes(ben_page)).to_have_count(0)
    expect(card(ben_page, kept)).to_be_visible()
    if keep == "mine":
        save(ben_page)
        assert ben_saves[1]["widgets"] == {
            "alpha": {"settings": {"text": "<p>Alpha by Ben</p>"}}
        }
    else:
        # Jane's version as it is: nothing of Ben's is left to save.
        expect(button(ben_page, "Save")).to_be_disabled()
        assert len(ben_saves) == 1

    after = stored_over_rest(ben_page)
    assert after["places"] == PLACES
    assert after["texts"] == {
        "alpha": f"<p>{kept}</p>",
        "beta": "<p>Beta</p>",
        "gamma": "<p>Gamma</p>",
    }
    visitor_sees(visitor, PLACES, kept, "Beta", "Gamma")


def test_a_move_re_applied_on_a_settings_save_keeps_the_new_settings(
    both_designing, ben_saves, visitor: Page
):
    jane_page, ben_page = both_designing
    edit_text(jane_page, "Alpha", "Alpha by Jane")
    save(jane_page)
    # Ben moves the widget Jane changed: his save sends the whole arrangement,
    # Alpha with the settings he has.
    move_with_keys(ben_page, "Alpha", "ArrowRight")
    take_over_and_save_into_conflict(ben_page)
    reapply(ben_page)
    expect(status(ben_page)).to_have_text(
        "Your change was re-applied on top of Jane Doe's version. Check, then save."
    )
    save(ben_page)
    assert "widgets" not in ben_saves[1]

    after = stored_over_rest(ben_page)
    assert after["places"]["main"] == ["beta"]
    assert sorted(after["places"]["sidebar"]) == ["alpha", "gamma"]
    assert after["texts"]["alpha"] == "<p>Alpha by Jane</p>"
    visitor_sees(visitor, after["places"], "Alpha by Jane")


def test_a_settings_save_kept_over_a_reload_keeps_the_other_editors_move(
    both_designing, ben_saves
):
    jane_page, ben_page = both_designing
    move_with_keys(jane_page, "Beta", "ArrowRight")
    save(jane_page)
    edit_text(ben_page, "Alpha", "Alpha by Ben")
    take_over_and_save_into_conflict(ben_page)
    status(ben_page).get_by_role("button", name="Reload the page").click()
    wait_for_editor(ben_page)
    expect(status(ben_page)).to_contain_text("You have changes kept from before")
    reapply(ben_page)
    expect(card(ben_page, "Alpha by Ben")).to_be_visible()
    save(ben_page)
    # Only Ben's widget, on Jane's version: her move is not sent back.
    assert ben_saves[-1]["widgets"] == {
        "alpha": {"settings": {"text": "<p>Alpha by Ben</p>"}}
    }

    after = stored_over_rest(ben_page)
    assert after["places"]["main"] == ["alpha"]
    assert sorted(after["places"]["sidebar"]) == ["beta", "gamma"]
    assert after["texts"]["alpha"] == "<p>Alpha by Ben</p>"


def test_a_settings_save_after_losing_the_lock_is_refused_then_merged(
    page, second_page, jane, ben, composite
):
    # Ben designs first and changes Beta; his design mode does not check the
    # lock until the test lets its clock run again.
    ben_page, jane_page = page, second_page
    ben_page.clock.install()
    design_as(ben_page, ben)
    edit_text(ben_page, "Beta", "Beta by Ben")
    ben_page.clock.pause_at(datetime.now() + timedelta(seconds=1))
    ben_saves = saves_of(ben_page)
    design_as(jane_page, jane)
    take_over(jane_page)
    edit_text(jane_page, "Alpha", "Alpha by Jane")
    save(jane_page)

    # The lock refuses Ben's one-widget save before its version is looked at.
    button(ben_page, "Save").click()
    expect(ben_page.get_by_role("status")).to_have_text(LOCKED_OUT)
    expect(lock_banner(ben_page)).to_contain_text("Jane Doe took over this page at")
    assert list(ben_saves[0]["widgets"]) == ["beta"]
    assert stored_over_rest(ben_page)["texts"]["beta"] == "<p>Beta</p>"
    ben_page.clock.resume()
    take_over_and_save_into_conflict(ben_page)
    reapply(ben_page)
    save(ben_page)

    after = stored_over_rest(ben_page)
    assert after["places"] == PLACES
    assert after["texts"] == {
        "alpha": "<p>Alpha by Jane</p>",
        "beta": "<p>Beta by Ben</p>",
        "gamma": "<p>Gamma</p>",
    }


def test_a_settings_save_then_a_move_then_a_reload_keeps_both(page, jane, composite):
    design_as(page, jane)
    saves = saves_of(page)
    edit_text(page, "Alpha", "Alpha by Jane")
    save(page)
    move_with_keys(page, "Beta", "ArrowRight")
    save(page)
    # The first save sent the one widget, the second the whole arrangement.
    assert list(saves[0]) == ["version", "widgets"]
    assert {"layout", "slots", "unplaced"} <= set(saves[1])
    assert "widgets" not in saves[1]
    assert saves[1]["version"] != saves[0]["version"]
    moved = stored_over_rest(page)
    assert moved["places"]["main"] == ["alpha"]
    assert sorted(moved["places"]["sidebar"]) == ["beta", "gamma"]
    assert moved["texts"]["alpha"] == "<p>Alpha by Jane</p>"

    open_design(page)
    expect(card(page, "Alpha by Jane")).to_be_visible()
    assert card_ids(page, "Main") == ["alpha"]
    assert card_ids(page, "Sidebar") == moved["places"]["sidebar"]
    # After the reload, a settings change goes as one widget again, on the
    # version the move saved.
    edit_text(page, "Gamma", "Gamma by Jane")
    save(page)
    assert saves[2]["widgets"] == {
        "gamma": {"settings": {"text": "<p>Gamma by Jane</p>"}}
    }
    after = stored_over_rest(page)
    assert saves[2]["version"] == moved["version"]
    assert after["places"] == moved["places"]
    assert after["texts"] == {
        "alpha": "<p>Alpha by Jane</p>",
        "beta": "<p>Beta</p>",
        "gamma": "<p>Gamma by Jane</p>",
    }
