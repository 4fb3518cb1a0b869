"""Design mode's "Other languages" on a multilingual site (English and German,
plone.app.multilingual), as an Editor: the title of each translation is marked
with its language, as the language's name is, so that a screen reader reads
the German title in German on the English page (WCAG 3.1.2).

The layer is set up for the class and torn down after it (see
tests/multilingual_fixtures.py).
"""

from browsing import login
from design_pages import add_user
from design_pages import open_design
from multilingual_fixtures import english_page
from playwright.sync_api import expect
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.testing.layer import Layer

import pytest
import re
import transaction


EDITOR, PASSWORD = "language-editor", "a password nobody guesses"


@pytest.fixture
def portal_url(ml_acceptance: Layer) -> str:
    """The multilingual site's URL: the ``page`` fixture's pages open it."""
    assert ml_acceptance["host"] == "localhost"
    return f"http://{ml_acceptance['host']}:{ml_acceptance['port']}/plone"


@pytest.fixture
def translated(ml_acceptance: Layer):
    """The English page ``en/page`` with a text, translated into German as
    *Startseite*; committed."""
    portal = ml_acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        welcome = {"id": "welcome", "type": "text", "settings": {"text": "<p>Hi</p>"}}
        page = english_page(portal, {"main": [welcome]})
        german = ITranslationManager(page).add_translation("de")
        german.setTitle("Startseite")
        german.reindexObject()
    transaction.commit()
    add_user(portal, EDITOR, PASSWORD, ["Editor"])
    return german


class TestOtherLanguages:
    def test_a_translation_s_title_is_marked_with_its_language(self, page, translated):
        login(page, EDITOR, PASSWORD)
        open_design(page, "en/page")
        languages = page.get_by_role("navigation", name="Other languages")
        deutsch = languages.get_by_role("link", name="Deutsch", exact=True)
        expect(deutsch).to_have_attribute("lang", "de")
        expect(languages.get_by_text("Startseite", exact=True)).to_have_attribute(
            "lang", "de"
        )
        deutsch.click()
        expect(page).to_have_url(re.compile(r"/de/page/"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Startseite")
