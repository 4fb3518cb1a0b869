"""Multilingual sites (plone.app.multilingual, pam): composite pages are
translatable whichever was installed first, a translation starts as a copy of
its source's arrangement with the items it shows switched to their
translations, and design mode links the page's other languages.

Every test of :class:`Cases` runs in both install orders (the classes at the
end); each class sets its layers up and tears them down, so that the layers
of the rest of the suite stay as they were.
"""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.multilingual.copying import translated_uids
from collective.composite.multilingual.translatable import make_translatable
from lxml import html as lxml_html
from multilingual_fixtures import english_page
from page_fixtures import add
from page_fixtures import as_manager
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.multilingual.interfaces import ITranslationManager
from plone.i18n.interfaces import ILanguageSchema
from plone.registry.interfaces import IRegistry
from rest_client import RESTClient
from zope.component import getUtility

import pytest
import transaction


# The layers' fixtures (pam_last, pam_first, ...): tests/multilingual_fixtures.py.

HTML = {"Accept": "text/html"}
MANAGER, PASSWORD = "translator", "a password nobody guesses"


def test_without_pam_design_mode_has_no_other_languages(portal):
    as_manager(portal)
    page = api.content.create(container=portal, type="Composite Page", id="page")
    assert (
        "data-composite-languages"
        not in page.restrictedTraverse("@@composite-design").other_languages()
    )


def test_make_translatable_changes_nothing_without_pam(portal):
    assert make_translatable(portal) == []
    assert "plone.translatable" not in portal.portal_types["Composite Page"].behaviors


def translate(obj, language: str = "de"):
    """pam's API: the translation of ``obj`` it creates in ``language``."""
    return ITranslationManager(obj).add_translation(language)


def entries(page) -> list[tuple]:
    """``(slot, id, type, settings)`` of every widget of ``page``."""
    return [
        (widget.slot, widget.id, widget.type, widget.settings)
        for widget in arrangement.get(page).widgets
    ]


class Cases:
    """The tests, run by the two classes below on their ``ml_layer`` fixture."""

    @pytest.fixture
    def portal(self, ml_layer):
        portal = ml_layer["portal"]
        as_manager(portal)
        return portal

    @pytest.fixture
    def items(self, portal) -> dict:
        """English items a page shows: ``doc`` translated into German,
        ``lonely`` not, and a ``news`` collection translated."""
        english = portal["en"]
        doc = api.content.create(container=english, type="Document", id="doc")
        lonely = api.content.create(container=english, type="Document", id="lonely")
        news = api.content.create(container=english, type="Collection", id="news")
        return {
            "doc": doc,
            "doc-de": translate(doc),
            "lonely": lonely,
            "news": news,
            "news-de": translate(news),
        }

    @pytest.fixture
    def page(self, portal, items):
        """An English page in two columns: a text, content widgets showing
        ``doc`` and ``lonely`` and a listing of ``news``, one unplaced text."""
        return english_page(
            portal,
            {
                "main": [
                    {"id": "t", "type": "text", "settings": {"text": "<p>Hi</p>"}},
                    {
                        "id": "d",
                        "type": "content",
                        "settings": {"uid": items["doc"].UID()},
                    },
                    {
                        "id": "l",
                        "type": "content",
                        "settings": {"uid": items["lonely"].UID()},
                    },
                ],
                "sidebar": [
                    {
                        "id": "n",
                        "type": "listing",
                        "settings": {"collection": items["news"].UID()},
                    },
                ],
            },
            unplaced=[
                {
                    "id": "u",
                    "type": "text",
                    "settings": {"text": "<p>Later</p>"},
                    "slot": "footer",
                },
            ],
        )

    def test_a_composite_page_is_translatable(self, page):
        assert (
            "plone.translatable"
            in api.portal.get_tool("portal_types")["Composite Page"].behaviors
        )
        german = translate(page)
        assert german.aq_parent.getId() == "de"
        assert german.portal_type == "Composite Page"

    def test_a_translation_starts_with_the_sources_layout_and_widgets(self, page):
        german = translate(page)
        assert arrangement.get(german).layout == "two-columns"
        assert [entry[:3] for entry in entries(german)] == [
            entry[:3] for entry in entries(page)
        ]

    def test_shown_items_switch_to_their_translations(self, page, items):
        settings = {widget_id: s for _, widget_id, _, s in entries(translate(page))}
        assert settings["d"]["uid"] == items["doc-de"].UID()
        assert settings["n"]["collection"] == items["news-de"].UID()

    def test_items_without_a_translation_are_kept(self, page, items):
        settings = {widget_id: s for _, widget_id, _, s in entries(translate(page))}
        assert settings["l"]["uid"] == items["lonely"].UID()
        assert settings["t"] == {"text": "<p>Hi</p>"}

    def test_the_source_keeps_its_arrangement(self, page, items):
        before = entries(page)
        translate(page)
        assert entries(page) == before

    def test_the_copy_is_the_translations_first_revision(self, page):
        german = translate(page)
        (revision,) = history.get_revisions(german)
        assert (revision.action, revision.summary["source_language"]) == (
            "translate",
            "en",
        )
        assert arrangement.get(german).version == "1"

    def test_widgets_the_translator_may_not_add_are_left_out(self, page, portal):
        add(page, "html", {"html": "<b>Raw</b>"})
        portal.acl_users.userFolderAddUser(
            "writer", PASSWORD, ["Contributor", "Editor"], []
        )
        with api.env.adopt_user(username="writer"):
            german = translate(page)
        types = [entry[2] for entry in entries(german)]
        assert "html" not in types
        assert types == [entry[2] for entry in entries(page) if entry[2] != "html"]

    def test_linking_an_arranged_page_keeps_its_arrangement(self, page, portal):
        german = api.content.create(
            container=portal["de"], type="Composite Page", id="seite"
        )
        add(german, "text", {"text": "<p>Hallo</p>"})
        ITranslationManager(page).register_translation("de", german)
        assert [entry[2:] for entry in entries(german)] == [
            ("text", {"text": "<p>Hallo</p>"})
        ]

    def test_translated_uids_finds_translations_in_one_language(self, items):
        found = translated_uids(
            items["doc"], [items["doc"].UID(), items["lonely"].UID()], "de"
        )
        assert found == {items["doc"].UID(): items["doc-de"].UID()}

    def test_design_mode_links_the_other_languages(self, page):
        german = translate(page)
        document = lxml_html.fromstring(page.restrictedTraverse("@@composite-design")())
        (link,) = document.cssselect("[data-composite-languages] a")
        assert link.get("href") == f"{german.absolute_url()}/@@composite-design"
        assert (link.get("hreflang"), link.text_content()) == ("de", "Deutsch")

    def test_other_languages_leave_out_the_pages_own(self, page):
        german = translate(page)
        document = lxml_html.fromstring(
            german.restrictedTraverse("@@composite-design")()
        )
        links = document.cssselect("[data-composite-languages] a")
        assert [link.get("hreflang") for link in links] == ["en"]

    def test_composite_language_root_folders_link_each_other(self, portal):
        fti = portal.portal_types["LRF"]
        fti.manage_changeProperties(
            behaviors=(*fti.behaviors, "collective.composite.composite")
        )
        design = portal["de"].restrictedTraverse("@@composite-design")()
        (link,) = lxml_html.fromstring(design).cssselect("[data-composite-languages] a")
        assert link.get("href") == f"{portal['en'].absolute_url()}/@@composite-design"

    def test_a_language_added_later_starts_with_the_default_roots_arrangement(
        self, portal
    ):
        fti = portal.portal_types["LRF"]
        fti.manage_changeProperties(
            behaviors=(*fti.behaviors, "collective.composite.composite")
        )
        add(portal["en"], "text", {"text": "<p>Welcome</p>"})
        languages = getUtility(IRegistry).forInterface(ILanguageSchema, prefix="plone")
        languages.available_languages = [*languages.available_languages, "fr"]
        SetupMultilingualSite().setupSite(portal)
        assert [entry[2:] for entry in entries(portal["fr"])] == [
            ("text", {"text": "<p>Welcome</p>"})
        ]

    def test_an_untranslated_page_has_no_other_languages(self, page):
        document = lxml_html.fromstring(page.restrictedTraverse("@@composite-design")())
        assert not document.cssselect("[data-composite-languages]")

    # Through the web: pam's "Translate into" form, plone.restapi's translation_of.

    @pytest.fixture
    def web(self, ml_functional):
        """A committed English page showing ``doc`` (translated), and a
        Manager's client."""
        portal = ml_functional["portal"]
        as_manager(portal)
        portal.acl_users.userFolderAddUser(MANAGER, PASSWORD, ["Manager"], [])
        doc = api.content.create(container=portal["en"], type="Document", id="doc")
        doc_de = translate(doc)
        page = api.content.create(
            container=portal["en"], type="Composite Page", id="page", title="Home"
        )
        add(page, "content", {"uid": doc.UID()})
        transaction.commit()
        client = RESTClient(ml_functional["app"], MANAGER, PASSWORD, auth="basic")
        return client, portal, page, doc_de.UID()

    def test_translate_into_form_answers_and_copies(self, web):
        client, portal, page, doc_de = web
        start = client.get(
            f"{page.absolute_url()}/@@create_translation?language=de", headers=HTML
        )
        assert start.status_int == 302, start.status
        form_page = client.get(start.headers["Location"], headers=HTML)
        assert form_page.status_int == 200, form_page.status
        form = form_page.forms["form"]
        form["form.widgets.IDublinCore.title"] = "Startseite"
        saved = form.submit("form.buttons.save", headers={**client.headers, **HTML})
        assert saved.status_int == 302, saved.status
        german = portal["de"]["startseite"]
        assert [s["uid"] for *_, s in entries(german)] == [doc_de]

    def test_restapi_translation_of_answers_201_and_copies(self, web):
        client, portal, page, doc_de = web
        response = client.request(
            "POST",
            portal["de"].absolute_url(),
            json={
                "@type": "Composite Page",
                "id": "startseite",
                "title": "Startseite",
                "language": "de",
                "translation_of": page.UID(),
            },
        )
        assert response.status_int == 201, response.text
        german = portal["de"]["startseite"]
        assert [s["uid"] for *_, s in entries(german)] == [doc_de]


class TestPamInstalledLast(Cases):
    """collective.composite installed, then pam."""

    @pytest.fixture
    def ml_layer(self, pam_last):
        return pam_last

    @pytest.fixture
    def ml_functional(self, pam_last_functional):
        return pam_last_functional


class TestPamInstalledFirst(Cases):
    """pam installed, then collective.composite."""

    @pytest.fixture
    def ml_layer(self, pam_first):
        return pam_first

    @pytest.fixture
    def ml_functional(self, pam_first_functional):
        return pam_first_functional

    def test_upgrading_to_1006_makes_composite_pages_translatable(self, portal):
        setup = api.portal.get_tool("portal_setup")
        fti = portal.portal_types["Composite Page"]
        fti.manage_changeProperties(
            behaviors=[name for name in fti.behaviors if name != "plone.translatable"]
        )
        setup.setLastVersionForProfile("collective.composite:default", "1005")
        setup.upgradeProfile("collective.composite:default")
        assert "plone.translatable" in fti.behaviors
