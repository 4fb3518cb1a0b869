"""Fuzzing the settings form ``@@composite-widget-settings`` of every widget
type: opening it (GET and POST) with hostile settings, and applying hostile
values (the image's "Decorative image" checkbox among them), and fields sent
twice or through Zope's converters (``:list``). It
stores nothing; what it hands back to the editor is valid, and a 400 names the
field on its error page."""

from collective.composite.widgets.types import get_widget_type
from fuzzing import check_json
from fuzzing import describe
from fuzzing import fuzz_settings
from fuzzing import UID
from hypothesis import given
from hypothesis import strategies as st
from io import BytesIO
from lxml import html as lxml_html
from plone import api
from strategies import encode
from strategies import form_body
from strategies import hostile_keys
from strategies import hostile_strings
from strategies import line_text
from strategies import mutated
from strategies import rich_text
from strategies import settings_of
from strategies import widget_ids
from strategies import WIDGET_TYPES
from strategies import words
from strategies import zope_forms
from upload_fixtures import post_with_file
from upload_fixtures import pressing_apply
from ZPublisher.HTTPRequest import FORM_MEMORY_LIMIT

import json
import PIL.Image
import pytest
import transaction


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}
QUERY = "plone.app.querystring.operation."
# The image form's "Decorative image" checkbox, sent only when ticked.
DECORATIVE = "composite.decorative"


def apply_fields(type_name: str, uids) -> st.SearchStrategy:
    """What a browser posts when Apply is pressed: the form's fields filled in
    (a select and a checkbox come with their ``-empty-marker``)."""
    choice = st.sampled_from
    marker = st.just("1")
    fields = {
        "text": ({"form.widgets.text": rich_text}, {}),
        "html": ({"form.widgets.html": rich_text}, {}),
        "content": (
            {
                "form.widgets.uid": uids["content"],
                "form.widgets.display:list": choice(["title", "summary", "full"]),
                "form.widgets.display-empty-marker": marker,
            },
            {},
        ),
        "image": (
            {
                "form.widgets.uid": uids["image"],
                "form.widgets.scale:list": choice(["large", "preview", "thumb"]),
                "form.widgets.scale-empty-marker": marker,
                "form.widgets.alt": line_text,
                "form.widgets.caption": line_text,
            },
            {DECORATIVE: st.just("on")},
        ),
        "listing": (
            {
                "form.widgets.title": line_text,
                "form.widgets.query": words.map(
                    lambda word: json.dumps(
                        [
                            {
                                "i": "SearchableText",
                                "o": f"{QUERY}string.contains",
                                "v": word,
                            }
                        ]
                    )
                ),
                "form.widgets.sort_on": choice(["", "sortable_title"]),
                "form.widgets.sort_reversed-empty-marker": marker,
                "form.widgets.limit": st.integers(1, 100).map(str),
                "form.widgets.display:list": choice(["titles", "summaries", "cards"]),
                "form.widgets.display-empty-marker": marker,
            },
            {"form.widgets.sort_reversed:list": st.just("selected")},
        ),
    }[type_name]
    return st.fixed_dictionaries(fields[0], optional=fields[1])


@st.composite
def hostile_form(draw, fields: dict) -> dict:
    """``fields`` with values replaced by hostile strings, fields added and
    dropped."""
    fields = dict(fields)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "replace", "add", "drop"]))
        names = sorted(fields)
        if kind == "replace" and names:
            fields[draw(st.sampled_from(names))] = draw(hostile_strings)
        elif kind == "add":
            name = draw(hostile_keys.map(lambda key: f"form.widgets.{key}"))
            fields[name] = draw(hostile_strings)
        elif names:
            del fields[draw(st.sampled_from(names))]
    return fields


def as_field(document) -> str:
    return encode(document).decode("utf-8", "surrogatepass")


def result_of(response) -> dict | None:
    found = lxml_html.fromstring(response.body).cssselect(
        "[data-composite-settings-result]"
    )
    return json.loads(found[0].get("data-composite-settings-result")) if found else None


def errors(response) -> list[str]:
    """The form's error messages."""
    document = lxml_html.fromstring(response.body)
    return [
        " ".join(found.text_content().split())
        for found in document.cssselect(".invalid-feedback, .alert-danger, .error")
    ]


def check_result(site, type_name: str, result: dict) -> None:
    """What Apply hands the editor: valid settings, as the API stores them."""
    if result.get("cancel"):
        return
    settings = result["settings"]
    check_json(settings, "settings")
    for name in ("uid", "collection"):
        if settings.get(name) is not None:
            assert UID.match(settings[name]), (name, settings[name])
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        assert get_widget_type(type_name).clean(settings, site.page) == settings


@pytest.mark.parametrize("type_name", WIDGET_TYPES)
@fuzz_settings
@given(data=st.data())
def test_opening_the_settings_form_never_fails_nor_writes(fuzz_site, data, type_name):
    site = fuzz_site
    settings, _mutations = data.draw(
        mutated(settings_of(type_name, site.uids))
        | settings_of(type_name, site.uids).map(lambda s: (s, [])),
        "settings",
    )
    fields = {
        "composite.type": data.draw(st.just(type_name) | hostile_strings, "type"),
        "composite.id": data.draw(widget_ids | hostile_strings, "id"),
        "composite.settings": as_field(settings),
    }
    # The html type needs "Add HTML widgets", which an Editor lacks.
    user = site.client("manager") if type_name == "html" else site.editor
    before = site.snapshot()
    body = form_body(fields)
    if data.draw(st.booleans(), "GET"):
        url = f"{site.url}/@@composite-widget-settings?{body.decode()}"
        response = user.request("GET", url, headers={"Accept": "text/html"})
    else:
        url = f"{site.url}/@@composite-widget-settings"
        response = user.request("POST", url, body=body, headers=FORM)
    site.check_unchanged(response, before)
    if response.status_int == 200:
        assert result_of(response) is None


@pytest.mark.parametrize("type_name", WIDGET_TYPES)
@fuzz_settings
@given(data=st.data())
def test_applying_hostile_settings_is_refused_or_gives_valid_ones(
    fuzz_site, data, type_name
):
    site = fuzz_site
    valid = data.draw(apply_fields(type_name, site.uids), "fields")
    hostile = data.draw(st.booleans(), "hostile")
    fields = data.draw(hostile_form(valid), "sent") if hostile else valid
    user = site.client("manager") if type_name == "html" else site.editor
    fields = pressing_apply(type_name, fields, user.headers["X-CSRF-TOKEN"])
    before = site.snapshot()
    response = user.request(
        "POST",
        f"{site.url}/@@composite-widget-settings",
        body=form_body(fields),
        headers=FORM,
    )
    site.check_unchanged(response, before)
    if response.status_int == 200:
        result = result_of(response)
        if not hostile:
            assert result is not None, f"valid settings not applied: {errors(response)}"
            if DECORATIVE in fields:
                assert result["settings"]["alt"] == "", result
        if result is not None:
            check_result(site, type_name, result)


@pytest.mark.parametrize("type_name", WIDGET_TYPES)
@fuzz_settings
@given(data=st.data())
def test_fields_sent_twice_or_converted_are_refused_or_give_valid_settings(
    fuzz_site, data, type_name
):
    site = fuzz_site
    user = site.client("manager") if type_name == "html" else site.editor
    fields = pressing_apply(
        type_name,
        data.draw(apply_fields(type_name, site.uids), "fields"),
        user.headers["X-CSRF-TOKEN"],
    )
    pairs = data.draw(zope_forms(fields), "sent")
    body = form_body(pairs)
    before = site.snapshot()
    response = user.request(
        "POST", f"{site.url}/@@composite-widget-settings", body=body, headers=FORM
    )
    site.check_unchanged(response, before)
    # Zope refuses a form body over its memory limit itself, naming nothing.
    if response.status_int == 400 and len(body) <= FORM_MEMORY_LIMIT:
        # The error page says which field (its status message).
        (message,) = lxml_html.fromstring(response.body).cssselect(
            ".statusmessage-error"
        )
        named = {name.split(":")[0] for name, _value in pairs}
        assert any(name in message.text_content() for name in named), (
            message.text_content()
        )
    if response.status_int == 200 and (result := result_of(response)) is not None:
        check_result(site, type_name, result)


def picture(kind: str) -> bytes:
    """A small picture in one of Pillow's formats."""
    out = BytesIO()
    PIL.Image.new("RGB", (3, 2), "teal").save(out, kind)
    return out.getvalue()


upload_data = st.one_of(
    st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]).map(picture),
    st.sampled_from(["PNG", "GIF"])
    .map(picture)
    .flatmap(lambda data: st.integers(0, len(data) - 1).map(lambda cut: data[:cut])),
    st.sampled_from(
        [
            b"",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            b"GIF89a",
            b"\x89PNG\r\n\x1a\n",
            b"%PDF-1.4",
            b"\x00" * 1000,
        ]
    ),
    st.binary(max_size=64),
)
filenames = st.one_of(
    st.sampled_from(["teal.png", "a.svg", "../../x.png", "C:\\x\\y.png", "", "."]),
    # Not a name that is no UTF-8 (a lone surrogate's bytes): Zope answers
    # 500 to such a file name on any URL (FileUpload, UnicodeDecodeError).
    hostile_strings.filter(lambda name: len(name) < 2000).map(
        lambda name: name.encode("utf-8", "replace").decode("utf-8")
    ),
)


@fuzz_settings
@given(data=st.data())
def test_a_hostile_upload_is_refused_or_stores_one_valid_image(fuzz_site, data):
    site = fuzz_site
    transaction.begin()
    site.portal.manage_setLocalRoles("editor", ["Contributor"])
    transaction.commit()
    fields = pressing_apply(
        "image",
        data.draw(apply_fields("image", site.uids), "fields"),
        site.editor.headers["X-CSRF-TOKEN"],
    )
    if data.draw(st.booleans(), "hostile fields"):
        fields = data.draw(hostile_form(fields), "sent")
    payload = data.draw(upload_data, "file")
    filename = data.draw(filenames, "filename")
    images = images_of(site)
    before = site.snapshot()
    response = post_with_file(
        site.editor,
        f"{site.url}/@@composite-widget-settings",
        fields,
        filename,
        payload,
    )
    assert response.status_int < 500, describe(response)
    result = result_of(response) if response.status_int == 200 else None
    added = images_of(site) - images
    if not filename:
        # No file name: no upload (as a browser's empty file field).
        assert not added, (added, describe(response))
        if result is not None:
            check_result(site, "image", result)
        return
    if result is None or result.get("cancel"):
        # Refused, or shown again with the fields' errors: nothing stored.
        assert not added, (added, describe(response))
        assert site.snapshot() == before, describe(response)
        if response.status_int >= 400:
            assert response.text.strip(), describe(response)
        return
    (new,) = added
    transaction.begin()
    image = site.portal[new]
    assert image.image.data == payload
    assert result["settings"]["uid"] == image.UID(), result
    check_result(site, "image", result)


def images_of(site) -> set[str]:
    transaction.begin()
    return {
        item.getId()
        for item in site.portal.objectValues()
        if getattr(item, "portal_type", "") == "Image"
    }
