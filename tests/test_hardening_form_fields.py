"""The pages' form fields hold one value each (what the fuzz suite found):
a field sent twice, or which Zope's converters made a list, a record or a
number of, is refused with a 400 naming it, shown on the error page, and
changes nothing, through the published application."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from functional_fixtures import last_transaction
from lxml import html as lxml_html
from plone import api

import pytest
import transaction


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(rest_client):
    return rest_client("manager", auth="basic")


def post(client, url: str, body: str):
    """POST the form ``body``, its ``TOKEN`` the user's CSRF token."""
    portal_url = url.split("/plone/", 1)[0] + "/plone"
    body = body.replace("TOKEN", client.csrf_token(portal_url))
    return client.request("POST", url, body=body.encode(), headers=FORM)


def error_messages(response) -> list[str]:
    document = lxml_html.fromstring(response.body)
    return [
        " ".join(found.text_content().split())
        for found in document.cssselect(".statusmessage-error")
    ]


class TestTheSettingsForm:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ("composite.type=text&composite.id=a&composite.id=b", "composite.id"),
            (
                "composite.type=text&composite.type=html&composite.id=a",
                "composite.type",
            ),
            ("composite.type:list=text&composite.id=a", "composite.type"),
            (
                "composite.type=listing&composite.id=a&form.widgets.limit=1"
                "&form.widgets.limit=2&form.buttons.apply=Apply&_authenticator=TOKEN",
                "form.widgets.limit",
            ),
            (
                "composite.type=listing&composite.id=a&form.widgets.query=[]"
                "&form.widgets.query=[]&form.buttons.apply=Apply&_authenticator=TOKEN",
                "form.widgets.query",
            ),
            (
                "composite.type=text&composite.id=a&form.widgets.text:list=x"
                "&form.buttons.apply=Apply&_authenticator=TOKEN",
                "form.widgets.text",
            ),
            (
                "composite.type=text&composite.id=a&form.widgets.text=x"
                "&form.widgets.text.mimeType=text/html"
                "&form.widgets.text.mimeType=text/plain"
                "&form.buttons.apply=Apply&_authenticator=TOKEN",
                "form.widgets.text.mimeType",
            ),
            (
                "composite.type=content&composite.id=a&form.widgets.uid=a"
                "&form.widgets.uid=b&form.buttons.apply=Apply&_authenticator=TOKEN",
                "form.widgets.uid",
            ),
        ],
    )
    def test_a_field_of_several_values_is_refused_naming_it(
        self, client, two_columns_page, body, field
    ):
        url = f"{two_columns_page.absolute_url()}/@@composite-widget-settings"
        response = post(client, url, body)
        assert response.status_int == 400
        (message,) = error_messages(response)
        assert field in message

    def test_several_choices_of_a_select_are_its_own_to_judge(
        self, client, two_columns_page
    ):
        url = f"{two_columns_page.absolute_url()}/@@composite-widget-settings"
        body = (
            "composite.type=image&composite.id=a&form.widgets.scale:list=large"
            "&form.widgets.scale:list=thumb&form.widgets.scale-empty-marker=1"
            "&form.buttons.apply=Apply&_authenticator=TOKEN"
        )
        assert post(client, url, body).status_int == 200


class TestTheControlPanel:
    @pytest.mark.parametrize("name", ["max_payload_bytes", "history_retention"])
    def test_a_number_sent_twice_is_refused_naming_it_changing_nothing(
        self, client, functional_app, functional_portal, name
    ):
        url = f"{functional_portal.absolute_url()}/@@composite-controlpanel"
        before = last_transaction(functional_app)
        body = (
            f"form.widgets.{name}=7&form.widgets.{name}=8"
            "&form.buttons.save=Save&_authenticator=TOKEN"
        )
        response = post(client, url, body)
        assert response.status_int == 400
        (message,) = error_messages(response)
        assert f"form.widgets.{name}" in message
        transaction.begin()
        settings = api.portal.get_registry_record(
            f"{SETTINGS_PREFIX}.{name}", default=None
        )
        assert settings == ICompositeSettings[name].default
        assert last_transaction(functional_app) == before


def test_a_refusal_quoting_bytes_that_are_no_utf8_says_why(client, two_columns_page):
    # Zope decodes them to lone surrogates, which a status message's cookie
    # could not encode (500).
    url = f"{two_columns_page.absolute_url()}/@@composite-widget-settings"
    response = post(client, url, "composite.type=%ED%A0%80&composite.id=a")
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert "composite.type" in message
