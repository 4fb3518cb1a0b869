"""A multilingual site where plone.app.multilingual (pam) was installed first
and the add-on after it, as a site adds it later: composite pages arranged
through ``PATCH @composite`` (one or more saves), then translated (pam's
translation API, or plone.restapi's ``translation_of``). The translation
starts with the source's last arrangement, ``@@composite-other-languages``
links each page to the other's design mode, and design mode and
``@composite`` answer on both.

The other multilingual tests install the add-on first (see
``collective.composite.testing``); this site is made here, in its own layer,
set up for this module only.
"""

from collective.composite import arrangement
from collective.composite.testing import FIXTURE
from collective.composite.testing import MULTILINGUAL_LANGUAGES
from collective.composite.testing import MULTILINGUAL_PROFILE
from functional_fixtures import PASSWORD
from functional_fixtures import USERS
from fuzzing import client
from fuzzing import describe
from fuzzing import ERROR_CARD
from fuzzing import fuzz_settings
from fuzzing import published
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from itertools import count
from lxml import html as lxml_html
from module_layers import module_layer
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import login
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import SITE_OWNER_NAME
from plone.i18n.interfaces import ILanguageSchema
from plone.registry.interfaces import IRegistry
from strategies import arrangements
from zope.component import getUtility
from zope.component.hooks import setSite

import pytest
import transaction


SITE = "pamfirst"
DESIGN = "@@composite-design"
HTML = {"Accept": "text/html"}


class PamFirstLayer(PloneSandboxLayer):
    """A second site, ``pamfirst``: pam installed (English and German), then
    the add-on."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        from Products.CMFPlone.factory import addPloneSite

        app = portal.aq_parent
        login(app, SITE_OWNER_NAME)
        site = addPloneSite(
            app,
            SITE,
            extension_ids=(
                "plone.app.contenttypes:default",
                "plonetheme.barceloneta:default",
            ),
        )
        setSite(site)
        site.portal_workflow.setDefaultChain("")
        languages = getUtility(IRegistry).forInterface(ILanguageSchema, prefix="plone")
        languages.available_languages = list(MULTILINGUAL_LANGUAGES)
        languages.default_language = MULTILINGUAL_LANGUAGES[0]
        applyProfile(site, MULTILINGUAL_PROFILE)
        applyProfile(site, "collective.composite:default")
        for name, roles in USERS.items():
            site.acl_users.userFolderAddUser(name, PASSWORD, roles, [])
        setSite(portal)


PAM_FIRST = FunctionalTesting(
    bases=(PamFirstLayer(),), name="CollectiveCompositeLayer:PamInstalledFirst"
)
# Set up for this module only: while it is set up, its database is every
# other layer's too.
globals().update(module_layer(PAM_FIRST, "pam_first_site"))


@pytest.fixture
def clients(pam_first_site, tmp_path) -> dict:
    """The site and the clients of its published application."""
    app = pam_first_site["app"]
    site = app[SITE]
    setSite(site)
    wsgi = published(app, tmp_path / "var")
    found = {"site": site, "ids": count()}
    for user in ("manager", "editor"):
        found[user] = client(app, wsgi, user)
    return found


def renamed(data: dict, number: int) -> dict:
    """``data`` with widget ids of its own: an id saved before with another
    type is refused (a widget's type cannot change)."""

    def rename(widgets: list) -> list:
        return [{**widget, "id": f"{widget['id'][:12]}-{number}"} for widget in widgets]

    return {
        **data,
        "slots": {slot: rename(widgets) for slot, widgets in data["slots"].items()},
        "unplaced": rename(data["unplaced"]),
    }


def links(response) -> list[str]:
    document = lxml_html.fromstring(response.body.strip() or b"<html></html>")
    return [
        link.get("href") for link in document.cssselect("[data-composite-languages] a")
    ]


@settings(fuzz_settings, max_examples=min(20, fuzz_settings.max_examples))
@given(
    saved=st.lists(arrangements(), min_size=1, max_size=3),
    through=st.sampled_from(["api", "translation_of"]),
)
def test_a_page_arranged_then_translated_starts_with_its_last_arrangement(
    clients, saved, through
):
    site = clients["site"]
    manager, editor = clients["manager"], clients["editor"]
    page_id = f"page-{next(clients['ids'])}"
    english_url = f"{site['en'].absolute_url()}/{page_id}"
    created = manager.request(
        "POST",
        site["en"].absolute_url(),
        json={"@type": "Composite Page", "id": page_id, "title": "Home"},
    )
    assert created.status_int == 201, describe(created)
    version = "0"
    for number, data in enumerate(saved):
        response = editor.patch(
            f"{english_url}/@composite",
            json={"version": version, **renamed(data, number)},
        )
        assert response.status_int == 200, describe(response)
        version = response.json["version"]
    transaction.begin()
    english = site["en"][page_id]
    if through == "api":
        with api.env.adopt_roles(["Manager"]):
            german = ITranslationManager(english).add_translation("de")
        transaction.commit()
    else:
        response = manager.request(
            "POST",
            site["de"].absolute_url(),
            json={
                "@type": "Composite Page",
                "id": page_id,
                "title": "Startseite",
                "language": "de",
                "translation_of": english.UID(),
            },
        )
        assert response.status_int == 201, describe(response)
        transaction.begin()
        german = site["de"][page_id]
    assert arrangement.to_data(arrangement.get(german)) == arrangement.to_data(
        arrangement.get(english)
    )
    for page, other in ((english, german), (german, english)):
        url = page.absolute_url()
        shown = editor.get(f"{url}/@@composite-other-languages", headers=HTML)
        assert shown.status_int == 200, describe(shown)
        assert links(shown) == [f"{other.absolute_url()}/{DESIGN}"], describe(shown)
        design = editor.get(f"{url}/{DESIGN}", headers=HTML)
        assert design.status_int == 200, describe(design)
        assert ERROR_CARD not in design.text
        assert links(design) == [f"{other.absolute_url()}/{DESIGN}"]
        read = editor.get(f"{url}/@composite")
        assert read.status_int == 200, describe(read)
        stored = arrangement.to_data(arrangement.get(page))
        assert read.json["layout"] == stored["layout"]
        assert {
            slot: [widget["id"] for widget in widgets]
            for slot, widgets in read.json["slots"].items()
        } == {
            slot: [widget["id"] for widget in widgets]
            for slot, widgets in stored["slots"].items()
        }
