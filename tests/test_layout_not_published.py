"""A layout is no page: Zope's publisher finds a layout as a view of the page
(both are named adapters of the page and the request), and answers 404 there
instead of its Python repr."""

from plone import api

import pytest
import transaction


@pytest.fixture
def published_page(two_columns_page):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(two_columns_page, "publish")
    transaction.commit()
    return two_columns_page


@pytest.mark.parametrize("path", ["two-columns", "@@two-columns", "@@one-column"])
def test_a_layouts_name_below_a_page_is_not_found(published_page, rest_client, path):
    response = rest_client().get(
        f"{published_page.absolute_url()}/{path}", headers={"Accept": "text/html"}
    )
    assert response.status_int == 404
    assert "<Layout" not in response.text
