"""Fuzzing design mode's "Other languages" (``@@composite-other-languages``)
on a multilingual site (plone.app.multilingual, which the view needs), and
design mode, which shows it: hostile paths, query strings (pam's
``set_language`` among them), form bodies, methods and language headers and
cookies, as each kind of user.

Beyond the suite's properties (no 5xx, a refusal says why, nothing changes),
what is shown is exactly the translations the user may view, linked to their
design mode where the user may design them, whatever the request asks for.

The multilingual layer is set up for this class alone (as in
tests/test_multilingual.py): its site is the English page ``en/page``,
published, and its German translation ``de/page``, private.
"""

from collective.composite.testing import MULTILINGUAL_LANGUAGES
from functional_fixtures import PASSWORD
from functional_fixtures import USERS
from fuzzing import describe
from fuzzing import fuzz_settings
from fuzzing import FuzzSite
from fuzzing import published
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from multilingual_fixtures import english_page
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from strategies import arrangements
from strategies import form_body
from strategies import hostile_header_values
from strategies import hostile_strings
from strategies import path_segments
from strategies import query_strings
from strategies import WIDGET_TYPES

import pytest
import transaction


VIEW = "@@composite-other-languages"
DESIGN = "@@composite-design"
HTML = {"Accept": "text/html"}
FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}
SENDERS = ("editor", "bearer", "manager", "reader", "anonymous")


hostile_headers = st.one_of(
    st.sampled_from(["de", "de-DE,de;q=0.9", "xx", "*", "en;q=x", ";;;", ""]),
    hostile_header_values,
)
language_queries = st.one_of(
    query_strings,
    st.sampled_from(MULTILINGUAL_LANGUAGES + ("xx", "", "..", "de/../en")).map(
        lambda code: f"?set_language={code}"
    ),
    hostile_strings.map(
        lambda value: "?" + form_body({"set_language": value}).decode()
    ),
    st.sampled_from(["?language=de", "?-C=", "?ajax_load=1", "?translation=de"]),
)
suffixes = st.just("") | path_segments.map(lambda segment: f"/{segment}")


class TestOtherLanguages:
    """On the multilingual layer (its own class: it is torn down after it)."""

    @pytest.fixture
    def ml_site(self, pam_last_functional, tmp_path) -> tuple[FuzzSite, object]:
        """:returns: the fuzz site of the English page, and its German
        translation."""
        app = pam_last_functional["app"]
        portal = pam_last_functional["portal"]
        for name, roles in USERS.items():
            portal.acl_users.userFolderAddUser(name, PASSWORD, roles, [])
        api.portal.get_tool("portal_workflow").setChainForPortalTypes(
            ["Composite Page"], ["simple_publication_workflow"]
        )
        with api.env.adopt_roles(["Manager"]):
            page = english_page(portal, {})
            german = ITranslationManager(page).add_translation("de")
            german.setTitle("Startseite")
            german.reindexObject()
            api.content.transition(page, "publish")
        transaction.commit()
        wsgi = published(app, tmp_path / "var")
        site = FuzzSite(app, wsgi, portal, page, {})
        site.warm_up()
        return site, german

    @staticmethod
    def expected(site, german, sender: str, on_german: bool) -> list[str] | None:
        """The links the sender is shown, None when they may not see the page
        at all (the German translation is private)."""
        if sender == "anonymous":
            return None if on_german else []
        other = site.page if on_german else german
        if sender == "reader":
            return [other.absolute_url()]
        return [f"{other.absolute_url()}/{DESIGN}"]

    @fuzz_settings
    @given(data=st.data())
    def test_other_languages_never_fail_nor_write_and_show_what_may_be_seen(
        self, ml_site, data
    ):
        site, german = ml_site
        site.reset(data.draw(arrangements(WIDGET_TYPES, {}), "stored"))
        sender = data.draw(st.sampled_from(SENDERS), "sender")
        client = site.client(sender) if sender == "manager" else getattr(site, sender)
        on_german = data.draw(st.booleans(), "on the German page")
        view = data.draw(st.sampled_from([VIEW, VIEW, DESIGN]), "view")
        suffix = data.draw(suffixes, "suffix")
        query = data.draw(language_queries, "query")
        headers = dict(HTML)
        for name in data.draw(
            st.lists(st.sampled_from(["Accept-Language", "Cookie"]), unique=True),
            "language headers",
        ):
            value = data.draw(hostile_headers, name)
            headers[name] = f"I18N_LANGUAGE={value}" if name == "Cookie" else value
        method = data.draw(st.sampled_from(["GET", "GET", "POST", "HEAD"]), "method")
        body = None
        if method == "POST":
            body = form_body(
                data.draw(
                    st.dictionaries(hostile_strings, hostile_strings, max_size=3),
                    "form",
                )
            )
            headers = {**FORM, **headers}
        context = german if on_german else site.page
        url = f"{context.absolute_url()}/{view}{suffix}{query}"
        before = site.snapshot()
        response = client.request(method, url, body=body, headers=headers)
        site.check_unchanged(response, before)
        expected = self.expected(site, german, sender, on_german)
        if expected is None:
            # Sent to log in, or refused.
            assert response.status_int == 302 or response.status_int >= 400, describe(
                response
            )
            return
        if suffix or method == "HEAD" or response.status_int != 200:
            return
        if view == DESIGN and sender in ("reader", "anonymous"):
            return  # design mode refuses them (a 200 login form for anonymous)
        document = lxml_html.fromstring(response.body.strip() or b"<html></html>")
        links = document.cssselect("[data-composite-languages] a")
        assert [link.get("href") for link in links] == expected, describe(response)
        if view == VIEW and not expected:
            assert not response.text.strip(), describe(response)
