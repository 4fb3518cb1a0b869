"""@@composite-widget-settings holds its form to the site's payload limit as
the services hold their bodies: a larger form is refused with 413, its page
saying the limit, and changes nothing; an uploaded image is no part of it."""

from collective.composite.json_body import MAX_PAYLOAD_RECORD
from functional_fixtures import last_transaction
from functional_fixtures import post_settings_dialog
from io import BytesIO
from lxml import html as lxml_html
from plone import api
from test_design_settings import applying
from test_design_settings import post
from test_design_settings import result_of
from upload_fixtures import images_in
from upload_fixtures import upload

import json
import os
import PIL.Image
import pytest
import transaction


LIMIT = 65536


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


@pytest.fixture(autouse=True)
def limit(functional_portal):
    api.portal.set_registry_record(MAX_PAYLOAD_RECORD, LIMIT)
    transaction.commit()


def said(response) -> str:
    document = lxml_html.fromstring(response.body)
    (shown,) = document.cssselect(".statusmessage-error")
    return " ".join(shown.text_content().split())


def test_opening_with_settings_over_the_limit_is_refused_with_413(
    design_client, functional_page
):
    settings = json.dumps({"text": "x" * LIMIT})
    response = post_settings_dialog(design_client, functional_page, settings)
    assert response.status_int == 413, response
    assert "The request body is larger than 65,536 bytes." in said(response)


def test_applying_a_text_over_the_limit_is_refused_with_413(rest_client, url):
    fields = applying("text", {"form.widgets.text": "<p>" + "x" * LIMIT + "</p>"})
    response = post(rest_client, url, fields)
    assert response.status_int == 413, response
    assert result_of(response) is None
    assert "65,536" in said(response)


def test_a_form_over_the_limit_changes_nothing(
    rest_client, url, functional_app, functional_page
):
    rest_client("editor", auth="basic").get(
        functional_page.absolute_url(), headers={"Accept": "text/html"}
    )
    before = last_transaction(functional_app)
    post(rest_client, url, applying("text", {"form.widgets.text": "x" * LIMIT}))
    assert last_transaction(functional_app) == before


def noise_png(size: int) -> bytes:
    """A PNG of random pixels, some ``size`` bytes (noise compresses little)."""
    side = int((size / 3) ** 0.5) + 1
    out = BytesIO()
    PIL.Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
        out, "PNG"
    )
    return out.getvalue()


def test_an_upload_with_a_text_over_the_limit_stores_no_image(
    rest_client, url, functional_portal, contributor
):
    response = upload(rest_client, url, noise_png(100), alt="x" * LIMIT)
    assert response.status_int == 413, response
    assert images_in(functional_portal) == []


def test_an_image_larger_than_the_limit_may_be_uploaded(
    rest_client, url, functional_portal, contributor
):
    response = upload(rest_client, url, noise_png(2 * LIMIT))
    assert response.status_int == 200, response
    assert result_of(response)["settings"]["uid"]
    assert len(images_in(functional_portal)) == 1
