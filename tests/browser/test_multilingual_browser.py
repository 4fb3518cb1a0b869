"""An editor translates a composite page into German through pam's "Translate"
menu: the German page starts with the English arrangement, its widgets show
the German translations of the items, and design mode's "Other languages"
leads back to the English page's design mode.

The site is multilingual (English and German, plone.app.multilingual). Its
layer is set up for the class and torn down after it (``keep_session=False``),
so that the other browser tests keep their monolingual site.
"""

from accessibility import serious_violations
from browsing import login
from collective.composite.multilingual.languages import DESIGN_VIEW
from design_pages import add_user
from design_pages import open_design
from multilingual_fixtures import english_page
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.testing.layer import Layer

import pytest
import re
import transaction


# ml_acceptance (MULTILINGUAL_ACCEPTANCE_TESTING): tests/multilingual_fixtures.py.

# Adding the German page takes Contributor (Add portal content); designing it
# takes Editor. Neither is Manager.
EDITOR, PASSWORD = "translating-editor", "a password nobody guesses"
GERMAN_TITLE = "Startseite"


@pytest.fixture
def portal_url(ml_acceptance: Layer) -> str:
    """The multilingual site's URL: the ``page`` fixture's pages open it."""
    assert ml_acceptance["host"] == "localhost"
    return f"http://{ml_acceptance['host']}:{ml_acceptance['port']}/plone"


@pytest.fixture
def site(ml_acceptance: Layer):
    """An English page in two columns: a text, and a content widget showing
    "Our team", which has a German translation "Unser Team"; committed."""
    portal = ml_acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        team = api.content.create(
            container=portal["en"], type="Document", id="team", title="Our team"
        )
        team_de = ITranslationManager(team).add_translation("de")
        team_de.setTitle("Unser Team")
        team_de.reindexObject()
        english_page(
            portal,
            {
                "main": [
                    {
                        "id": "welcome",
                        "type": "text",
                        "settings": {"text": "<p>Welcome</p>"},
                    },
                ],
                "sidebar": [
                    {
                        "id": "people",
                        "type": "content",
                        "settings": {"uid": team.UID(), "display": "title"},
                    },
                ],
            },
        )
    transaction.commit()
    add_user(portal, EDITOR, PASSWORD, ["Editor", "Contributor"])
    return {"portal": portal, "team": team, "team-de": team_de}


@pytest.fixture
def german(page: Page, site) -> Page:
    """The editor translated the English page into German with the toolbar's
    Translate menu and its form, and opened the German page's design mode."""
    login(page, EDITOR, PASSWORD)
    page.goto("en/page")
    page.get_by_role("link", name="Translate", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Create (Deutsch|German)")).click()
    # The form, for a German page, speaks German.
    page.get_by_label("Titel", exact=True).fill(GERMAN_TITLE)
    page.get_by_role("button", name="Sichern", exact=True).click()
    expect(page).to_have_url(re.compile(r"/de/startseite(/[^/]*)?$"))
    open_design(page, "de/startseite")
    return page


class TestTranslatingACompositePage:
    # Plone speaks the content's language: the German page's design mode
    # speaks German.

    def test_the_german_design_mode_shows_the_copied_widgets(self, german: Page):
        canvas = german.locator("[data-composite-canvas]")
        main = canvas.get_by_role("region", name="Hauptbereich", exact=True)
        sidebar = canvas.get_by_role("region", name="Seitenleiste", exact=True)
        expect(main.get_by_role("group", name="Text: Welcome")).to_be_visible()
        expect(
            sidebar.get_by_role("group", name="Inhaltsobjekt: Unser Team")
        ).to_be_visible()

    def test_the_stored_widget_shows_the_german_item(self, german: Page, site):
        response = german.request.get(
            "de/startseite/@composite", headers={"Accept": "application/json"}
        )
        assert response.ok, response.text()
        (people,) = response.json()["slots"]["sidebar"]
        assert people["settings"]["uid"] == site["team-de"].UID()
        assert people["references"][site["team-de"].UID()]["title"] == "Unser Team"

    def test_visitors_of_the_german_page_see_the_german_item(
        self, german: Page, second_page: Page
    ):
        second_page.goto("de/startseite")
        content = second_page.get_by_role("main")
        expect(content.get_by_role("link", name="Unser Team")).to_be_visible()
        expect(content.get_by_role("link", name="Our team")).to_have_count(0)

    def test_other_languages_leads_to_the_english_design_mode(self, german: Page):
        languages = german.get_by_role("navigation", name="Andere Sprachen")
        english = languages.get_by_role("link", name="English", exact=True)
        expect(english).to_have_attribute("hreflang", "en")
        english.click()
        expect(german).to_have_url(re.compile(f"/en/page/{DESIGN_VIEW}$"))
        expect(
            german.get_by_role("navigation", name="Other languages").get_by_role(
                "link", name="Deutsch", exact=True
            )
        ).to_be_visible()

    def test_other_languages_has_no_serious_accessibility_violations(
        self, german: Page
    ):
        include = "[data-composite-languages]"
        assert serious_violations(german, include=include) == []
