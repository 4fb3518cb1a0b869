"""Widgets whose type is registered no more (an integrator removed its
add-on's ZCML): design mode still shows their cards, placed or waiting in the
tray, offers only Remove (and moving) and says why Edit and Duplicate are
missing, as the server has no settings form for them and takes no copy."""

from collective.composite.arrangement.storage import find
from functional_fixtures import arrange
from plone import api
from test_design_restrictions import actions
from test_design_restrictions import design_mode

import pytest
import transaction


WHY = (
    "This widget's type (retired) is no longer installed: it can be moved or "
    "removed, not edited or duplicated."
)


@pytest.fixture
def retired(functional_page):
    """One column: ``gone`` (type ``retired``) and ``t`` in ``main``, and
    ``away`` (type ``retired``) in the tray."""
    arrange(
        functional_page,
        {
            "layout": "one-column",
            "slots": {
                "main": [
                    {"id": "gone", "type": "text", "settings": {"text": "<p>Old</p>"}},
                    {"id": "t", "type": "text", "settings": {"text": "<p>Hi</p>"}},
                ]
            },
            "unplaced": [
                {
                    "id": "away",
                    "type": "text",
                    "settings": {"text": "<p>Away</p>"},
                    "slot": "sidebar",
                }
            ],
        },
    )
    with api.env.adopt_roles(["Manager"]):
        widgets = find(functional_page).widgets
        widgets["gone"].type = "retired"
        widgets["away"].type = "retired"
    transaction.commit()
    return functional_page


@pytest.mark.parametrize("user", ["editor", "manager"])
def test_a_card_of_a_retired_type_offers_only_remove_and_says_why(
    rest_client, retired, user
):
    document = design_mode(rest_client, retired, user)
    assert actions(document, "gone") == ["remove"]
    (note,) = document.cssselect("[data-widget-id='gone'] .composite-card__restricted")
    assert note.text_content() == WHY
    (body,) = document.cssselect("[data-widget-id='gone'] .composite-card__body")
    assert "Visitors do not see it; remove it in design mode." in body.text_content()
    assert "edit" not in body.text_content()
    assert actions(document, "t") == ["edit", "duplicate", "remove"]


def test_a_card_of_a_retired_type_in_the_tray_offers_only_remove(rest_client, retired):
    document = design_mode(rest_client, retired, "editor")
    (tray,) = document.cssselect("[data-composite-unplaced]")
    assert [c.get("data-widget-id") for c in tray.cssselect("[data-widget-id]")] == [
        "away"
    ]
    assert actions(document, "away") == ["remove"]
    (note,) = tray.cssselect(".composite-card__restricted")
    assert note.text_content() == WHY
