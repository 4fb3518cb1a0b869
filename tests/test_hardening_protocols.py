"""Regression tests of what tests/fuzz/test_fuzz_protocols.py found: Zope's
form converters that make a record of a form field (``name.key:record``,
``name.key:records``) sent to the add-on's forms, whose widgets of several
values failed on it (``unhashable type: 'record'``) with a server error."""

from lxml import html as lxml_html

import pytest


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


def error_message(response) -> str:
    (message,) = lxml_html.fromstring(response.body).cssselect(".statusmessage-error")
    return message.text_content()


@pytest.mark.parametrize("converter", [":record", ":records"])
def test_the_control_panel_refuses_a_record_of_types(
    rest_client, functional_portal, converter
):
    client = rest_client("manager", auth="basic")
    response = client.request(
        "POST",
        f"{functional_portal.absolute_url()}/@@composite-controlpanel",
        body=f"form.widgets.composite_types.x{converter}=Document".encode(),
        headers=FORM,
    )
    assert response.status_int == 400, response.status
    assert "form.widgets.composite_types" in error_message(response)


@pytest.mark.parametrize("converter", [":record", ":records"])
def test_the_settings_form_refuses_a_record_of_a_choice(
    rest_client, two_columns_page, converter
):
    client = rest_client("editor", auth="basic")
    response = client.request(
        "POST",
        f"{two_columns_page.absolute_url()}/@@composite-widget-settings",
        body=(
            "composite.type=listing&composite.id=w1"
            f"&form.widgets.display.x{converter}=titles"
        ).encode(),
        headers=FORM,
    )
    assert response.status_int == 400, response.status
    assert "form.widgets.display" in error_message(response)
