"""XSS vectors in every text setting, widget title and the page title are
escaped or filtered, in the real view and in design mode."""

from collective.composite import arrangement
from design_markup import unpacked
from page_fixtures import composite_document
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import RESTClient
from xss_vectors import arrangement_data
from xss_vectors import page_title
from xss_vectors import unsafe_markup
from xss_vectors import VECTORS

import pytest
import transaction


@pytest.fixture
def xss_page(functional_portal):
    """A composite page with XSS vectors in its title and widgets, committed."""
    page = composite_document(functional_portal, "xss", page_title())
    with api.env.adopt_roles(["Manager"]):
        page.reindexObject()
        arrangement.save(page, arrangement_data(), None)
    transaction.commit()
    return page


@pytest.fixture
def manager(functional_app):
    return RESTClient(functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def test_the_corpus_is_stored(xss_page):
    assert len(arrangement.get(xss_page).widgets) == 5 * len(VECTORS)


@pytest.mark.parametrize("view", ["@@composite-view", "@@composite-design"])
def test_no_vector_survives_in_the_page(manager, xss_page, view):
    response = manager.get(
        f"{xss_page.absolute_url()}/{view}", headers={"Accept": "text/html"}
    )
    assert response.status_int == 200
    # The page as the editor makes it: design mode's card blocks (checked to
    # be inert JSON) replaced with their cards.
    html = unpacked(response.text)
    assert "__xss" in html  # the vectors are there, made harmless
    assert unsafe_markup(html) == []


def test_no_vector_survives_in_a_preview(manager, xss_page):
    token = manager.csrf_token(api.portal.get().absolute_url())
    response = manager.request(
        "POST",
        f"{xss_page.absolute_url()}/@composite-preview",
        json={"arrangement": arrangement_data()},
        headers={"X-CSRF-TOKEN": token},
    )
    assert response.status_int == 200
    assert "__xss" in response.json["html"]  # the vectors are there, made harmless
    assert unsafe_markup(response.json["html"]) == []


def test_the_checker_finds_unsafe_markup():
    found = unsafe_markup(
        "<html><body>"
        "<script>window.__xss=1</script><img src=x onerror='window.__xss=1'>"
        "<a href='javascript:window.__xss=1'>x</a>"
        "</body></html>"
    )
    assert len(found) == 3
