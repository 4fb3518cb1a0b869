"""The image form's "Decorative image (no alternative text)" checkbox: an
empty ``alt`` marks an image decorative, a left-out one stands for the image's
title, and an empty field of the form cannot say which. Ticked, the image is
decorative (``alt`` stored empty, the field ignored); unticked, an empty field
gives the title as before. The box is the form's own field: anything but "on"
(or nothing) is refused with a 400 naming it, and nothing is stored."""

from functional_fixtures import last_transaction
from lxml import html as lxml_html
from page_fixtures import make_image
from page_fixtures import png
from plone import api
from test_design_settings import applying
from test_design_settings import opening
from test_design_settings import post
from test_design_settings import result_of
from upload_fixtures import images_in
from upload_fixtures import post_with_file
from upload_fixtures import upload

import pytest
import transaction


DECORATIVE = "composite.decorative"
# The image's title (page_fixtures.make_image), its alternative text when none
# is given.
TITLE = "A teal picture"
LABEL = "Decorative image (no alternative text)"


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


@pytest.fixture
def image_uid(functional_portal) -> str:
    """The UID of an Image titled ``TITLE``, committed."""
    with api.env.adopt_roles(["Manager"]):
        image = make_image(functional_portal)
    transaction.commit()
    return image.UID()


def image_fields(uid: str, alt: str = "", **more) -> dict:
    """The image form, filled: the image ``uid``, its scale and ``alt``."""
    return {
        "form.widgets.uid": uid,
        "form.widgets.scale:list": "preview",
        "form.widgets.alt": alt,
        **more,
    }


def checkbox(response):
    """The decorative checkbox of the form, with its label and help text."""
    document = lxml_html.fromstring(response.text)
    (box,) = document.cssselect(f"input[type='checkbox'][name='{DECORATIVE}']")
    (label,) = document.cssselect(f"label[for='{box.get('id')}']")
    (help_text,) = document.cssselect(f"#{box.get('aria-describedby')}")
    return box, " ".join(label.text_content().split()), help_text.text_content()


def kept_empty(response) -> str:
    document = lxml_html.fromstring(response.text)
    (empty,) = document.cssselect("input[name='composite.empty']")
    return empty.get("value")


def card_meta(result: dict) -> str:
    document = lxml_html.fromstring(result["html"])
    (meta,) = document.cssselect(".composite-card__meta")
    return " ".join(meta.text_content().split())


# --- the form shows the box -----------------------------------------------------


def test_a_new_image_shows_the_box_unticked_after_the_alternative_text(
    rest_client, url
):
    response = post(rest_client, url, opening("image", {}))
    assert response.status_int == 200
    box, label, help_text = checkbox(response)
    assert label == LABEL
    assert box.get("checked") is None
    assert box.get("value") == "on"
    assert "Screen readers skip a decorative image" in help_text
    document = lxml_html.fromstring(response.text)
    fields = [
        field.get("id")
        for field in document.cssselect("#form .field")
        if field.get("id")
        in ("formfield-form-widgets-alt", "formfield-composite-decorative")
    ]
    assert fields == ["formfield-form-widgets-alt", "formfield-composite-decorative"]
    (alt,) = document.cssselect("#formfield-form-widgets-alt")
    # The form's own words: the box, not an empty field, makes it decorative.
    assert "When left empty, the image's title is used." in alt.text_content()
    assert "Leave it empty for a decorative image" not in alt.text_content()
    assert box.get("aria-controls") == "form-widgets-alt"


def test_an_existing_decorative_image_shows_the_box_ticked(rest_client, url, image_uid):
    settings = {"uid": image_uid, "alt": "", "caption": "Ours"}
    response = post(rest_client, url, opening("image", settings))
    box, _, _ = checkbox(response)
    assert box.get("checked") == "checked"
    # The box carries it to Apply, so that it can be unticked.
    assert kept_empty(response) == ""


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({}, id="alt-left-out"),
        pytest.param({"alt": "Teal"}, id="alt-given"),
    ],
)
def test_an_image_with_alternative_text_or_its_title_shows_the_box_unticked(
    rest_client, url, image_uid, settings
):
    response = post(rest_client, url, opening("image", {"uid": image_uid, **settings}))
    box, _, _ = checkbox(response)
    assert box.get("checked") is None


def test_other_types_have_no_box(rest_client, url):
    response = post(rest_client, url, opening("content", {}))
    document = lxml_html.fromstring(response.text)
    assert not document.cssselect(f"[name='{DECORATIVE}']")


# --- applying --------------------------------------------------------------------


@pytest.mark.parametrize(
    "alt",
    [
        pytest.param("", id="field-empty"),
        pytest.param("A teal square", id="field-filled-is-ignored"),
    ],
)
def test_a_new_image_ticked_is_decorative(rest_client, url, image_uid, alt):
    fields = applying("image", image_fields(image_uid, alt, **{DECORATIVE: "on"}))
    result = result_of(post(rest_client, url, fields))
    assert result["settings"] == {"uid": image_uid, "scale": "preview", "alt": ""}
    assert card_meta(result) == LABEL


def test_a_ticked_box_whose_field_the_browser_disabled_is_decorative(
    rest_client, url, image_uid
):
    # A disabled field is not sent at all.
    fields = image_fields(image_uid, **{DECORATIVE: "on"})
    del fields["form.widgets.alt"]
    result = result_of(post(rest_client, url, applying("image", fields)))
    assert result["settings"]["alt"] == ""


def test_a_new_image_unticked_with_an_empty_field_uses_the_title(
    rest_client, url, image_uid
):
    result = result_of(
        post(rest_client, url, applying("image", image_fields(image_uid)))
    )
    assert "alt" not in result["settings"]
    assert card_meta(result) == f"Alternative text: {TITLE}"


def test_a_decorative_image_stays_decorative_when_its_caption_changes(
    rest_client, url, image_uid
):
    """As the form posts it back: the box ticked, as it was shown."""
    shown = post(rest_client, url, opening("image", {"uid": image_uid, "alt": ""}))
    box, _, _ = checkbox(shown)
    fields = image_fields(
        image_uid,
        **{
            "form.widgets.caption": "Our workshop",
            "composite.empty": kept_empty(shown),
            DECORATIVE: box.get("value"),
        },
    )
    result = result_of(post(rest_client, url, applying("image", fields)))
    assert result["settings"]["alt"] == ""
    assert result["settings"]["caption"] == "Our workshop"
    assert card_meta(result) == LABEL


@pytest.mark.parametrize(
    ("alt", "expected", "meta"),
    [
        pytest.param("", None, f"Alternative text: {TITLE}", id="title-again"),
        pytest.param("Teal", "Teal", "Alternative text: Teal", id="text-given"),
    ],
)
def test_unticking_a_decorative_image_gives_it_alternative_text_again(
    rest_client, url, image_uid, alt, expected, meta
):
    shown = post(rest_client, url, opening("image", {"uid": image_uid, "alt": ""}))
    fields = image_fields(image_uid, alt, **{"composite.empty": kept_empty(shown)})
    result = result_of(post(rest_client, url, applying("image", fields)))
    assert result["settings"].get("alt") == expected
    assert card_meta(result) == meta


def test_a_refused_form_keeps_the_box_as_it_was_sent(rest_client, url):
    # No image chosen: the form is shown again, the box still ticked.
    fields = applying("image", image_fields("", **{DECORATIVE: "on"}))
    response = post(rest_client, url, fields)
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    assert document.cssselect("#formfield-form-widgets-uid.error")
    box, _, _ = checkbox(response)
    assert box.get("checked") == "checked"


def test_a_refused_form_keeps_the_box_unticked(rest_client, url):
    fields = applying("image", image_fields("", **{"composite.empty": ""}))
    box, _, _ = checkbox(post(rest_client, url, fields))
    assert box.get("checked") is None


def test_an_uploaded_image_ticked_is_decorative(
    rest_client,
    url,
    contributor,  # noqa: F811 -- a fixture
    functional_portal,
):
    result = result_of(upload(rest_client, url, png(), **{DECORATIVE: "on"}))
    assert images_in(functional_portal) == ["teal.png"]
    assert result["settings"]["alt"] == ""


# --- hostile values ----------------------------------------------------------------


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


def error_messages(response) -> list[str]:
    document = lxml_html.fromstring(response.body)
    return [
        " ".join(found.text_content().split())
        for found in document.cssselect(".statusmessage-error")
    ]


@pytest.mark.parametrize(
    "sent",
    [
        pytest.param(f"{DECORATIVE}=on&{DECORATIVE}=on", id="twice"),
        pytest.param(f"{DECORATIVE}:list=on", id="list"),
        pytest.param(f"{DECORATIVE}.a:record=on", id="record"),
        pytest.param(f"{DECORATIVE}:int=1", id="number"),
        pytest.param(f"{DECORATIVE}=yes", id="another-text"),
        pytest.param(f"{DECORATIVE}=off", id="off"),
        pytest.param(f"{DECORATIVE}=%3Cscript%3E", id="markup"),
    ],
)
@pytest.mark.parametrize("apply", [True, False], ids=["applying", "opening"])
def test_a_box_holding_anything_but_on_is_refused_naming_it(
    rest_client, url, image_uid, sent, apply
):
    client = rest_client("editor", auth="basic")
    body = f"composite.type=image&composite.id=w1&form.widgets.uid={image_uid}&{sent}"
    if apply:
        token = client.csrf_token(api.portal.get().absolute_url())
        body += f"&form.buttons.apply=Apply&_authenticator={token}"
    response = client.request("POST", url, body=body.encode(), headers=FORM)
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert DECORATIVE in message
    assert result_of(response) is None


def test_a_refused_box_stores_no_uploaded_image(
    rest_client,
    url,
    contributor,  # noqa: F811 -- a fixture
    functional_app,
    functional_portal,
):
    before = last_transaction(functional_app)
    response = upload(rest_client, url, png(), **{DECORATIVE: "yes"})
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert DECORATIVE in message
    assert images_in(functional_portal) == []
    assert last_transaction(functional_app) == before


def test_a_file_sent_as_the_box_is_refused(rest_client, url, image_uid):
    client = rest_client("editor", auth="basic")
    fields = applying("image", image_fields(image_uid))
    fields["_authenticator"] = client.csrf_token(api.portal.get().absolute_url())
    response = post_with_file(
        client, url, fields, "on.png", png(), name=DECORATIVE, content_type="image/png"
    )
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert DECORATIVE in message
