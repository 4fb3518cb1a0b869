"""Design mode in Chromium: after a conflict, the widgets another editor added
show their real design cards, not only their titles."""

from collective.composite import arrangement
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import save
from design_pages import saved_by_someone_else
from design_pages import stored
from design_pages import two_column_page
from playwright.sync_api import expect


def test_after_a_conflict_a_widget_someone_else_added_shows_its_real_card(
    page, site_manager, acceptance_portal
):
    composite = two_column_page(acceptance_portal)
    design_as(page, site_manager)
    card(page, "Beta").get_by_role("button", name="Remove Beta").click()
    # Someone else adds a text widget and saves first (here: through the API).
    added = saved_by_someone_else(
        composite,
        lambda page: arrangement.add_widget(
            page,
            "main",
            "text",
            {"text": "<h2>Evening news from them</h2><p>Read at six.</p>"},
        ),
    )
    cards = page.locator("[data-composite-canvas]")
    requests = []

    def ask_for_cards(request) -> None:
        if request.url.endswith("/@composite-cards"):
            requests.append(request.post_data_json)

    page.on("request", ask_for_cards)
    button(page, "Save").click()
    status = page.locator("[data-composite-status]")
    expect(status).to_have_attribute("data-kind", "conflict")

    theirs = card(page, "Evening news from them")
    expect(theirs).to_be_visible()
    expect(theirs.locator(".composite-card__excerpt")).to_have_text("Read at six.")
    expect(cards.locator(f'[data-widget-id="{added.id}"]')).to_have_attribute(
        "aria-label", "Text: Evening news from them"
    )
    assert len(requests) == 1
    assert requests[0]["ids"] == [added.id]

    status.get_by_role("button", name="Re-apply my changes").click()
    expect(theirs.locator(".composite-card__excerpt")).to_be_visible()
    save(page)
    assert stored(composite)["main"] == ["alpha", added.id]
