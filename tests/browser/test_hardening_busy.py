"""A save that loses every retry to ZODB conflicts (issue 12): design mode says
the site was too busy, keeps the changes, and saving again works."""

from collective.composite import arrangement
from design_pages import add_user
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import save
from design_pages import stored
from playwright.sync_api import expect
from ZODB.POSException import ConflictError
from ZPublisher.HTTPRequest import HTTPRequest

import pytest


EDITOR = ("busy-editor", "a password nobody guesses")
BUSY = "The site was too busy to save your changes. They are kept; try again."


@pytest.fixture
def designer(page, acceptance_portal, composite):
    add_user(acceptance_portal, *EDITOR, ["Editor"])
    design_as(page, EDITOR)
    return page


def test_a_save_losing_every_retry_says_try_again_and_keeps_the_changes(
    designer, composite, monkeypatch
):
    def conflict(*args, **kwargs):
        raise ConflictError("database conflict error")

    monkeypatch.setattr(arrangement, "save", conflict)
    monkeypatch.setattr(HTTPRequest, "delay_retry", lambda self: None)
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    button(designer, "Save").click()
    expect(designer.get_by_role("paragraph").filter(has_text=BUSY)).to_be_visible()
    expect(designer.get_by_role("status")).to_have_text(BUSY)
    expect(button(designer, "Save")).to_be_enabled()
    expect(card(designer, "Beta")).to_have_count(0)
    assert stored(composite)["main"] == ["alpha", "beta"]

    monkeypatch.undo()
    save(designer)
    assert stored(composite)["main"] == ["alpha"]
