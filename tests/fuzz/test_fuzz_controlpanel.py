"""Fuzzing ``@controlpanels/composite``: reading the add-on's settings, and
changing them with valid, edge and hostile values.

Beyond the suite's properties (no 5xx, a refusal is a 4xx that says what is
wrong), here:

- a refused ``PATCH`` changes no setting and no type, and commits nothing;
  a 400 names one of the settings it was sent;
- an accepted one stores what was sent (``GET`` gives it back; a number may
  be sent as text, as plone.restapi allows; it trims the folder's blanks
  and stores an empty folder as null) and ``PATCH``-ing the ``GET`` back
  changes nothing;
- "Types that may be composite" is always the types that have the composite
  behavior, Composite Page among them.
"""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.interfaces import SETTINGS_PREFIX
from functional_fixtures import last_transaction
from fuzzing import check_refusal
from fuzzing import describe
from fuzzing import fuzz_settings
from fuzzing import fuzz_settings_halved
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from plone import api
from strategies import edge_values
from strategies import encode
from strategies import form_body
from strategies import hostile_strings
from strategies import mutated
from strategies import path_segments
from strategies import query_strings
from strategies import Raw
from strategies import zope_forms
from ZPublisher.HTTPRequest import FORM_MEMORY_LIMIT

import json
import transaction


BEHAVIOR = "collective.composite.composite"
DEFAULTS = {
    "max_payload_bytes": 1048576,
    "history_retention": 50,
    "image_upload_folder": "",
    "composite_types": ["Composite Page", "Plone Site"],
    "lock_refuses_saves": True,
}
TYPES = ["Composite Page", "Plone Site", "Document", "Folder", "News Item", "Image"]

types_lists = st.lists(st.sampled_from(TYPES), max_size=6).map(
    lambda names: ["Composite Page", *names] if names[:1] != ["Plone Site"] else names
)
valid_values = {
    "max_payload_bytes": st.integers(MIN_PAYLOAD_BYTES, 2**40),
    "history_retention": st.integers(1, MAX_HISTORY_RETENTION)
    | st.integers(1, 99).map(str),
    "image_upload_folder": st.sampled_from(["", "/images", "/media/uploads"]),
    "composite_types": types_lists,
    "lock_refuses_saves": st.booleans(),
}
settings_bodies = st.fixed_dictionaries({}, optional=dict(valid_values))


@st.composite
def edge_bodies(draw):
    """A valid body with one setting at the edge of what it takes."""
    body = draw(settings_bodies)
    name = draw(st.sampled_from(sorted(DEFAULTS)), "the edge setting")
    body[name] = draw(
        edge_values(DEFAULTS[name])
        | st.sampled_from(
            [["No Such Type"], [["Document"]], [{"token": 1}], {}, 1001, 10**9]
        ),
        "its value",
    )
    return body


bodies = st.one_of(
    settings_bodies,
    edge_bodies(),
    mutated(settings_bodies).map(lambda pair: pair[0]),
    st.sampled_from([[], "composite_types", Raw("1e400"), None, Raw("{")]),
)


def reset(site) -> None:
    """The settings' defaults, as a Manager, committed."""
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        for name, value in DEFAULTS.items():
            api.portal.set_registry_record(f"{SETTINGS_PREFIX}.{name}", value)
    transaction.commit()


def snapshot(site) -> tuple:
    """What a refused request must not change: the last transaction, the
    settings, and the types that have the composite behavior."""
    transaction.begin()
    registry = api.portal.get_tool("portal_registry")
    settings = registry.forInterface(ICompositeSettings, prefix=SETTINGS_PREFIX)
    values = {name: getattr(settings, name) for name in DEFAULTS}
    # plone.restapi stores an empty text as None: the same, no folder.
    values["image_upload_folder"] = values["image_upload_folder"] or ""
    composite = sorted(
        fti.getId()
        for fti in api.portal.get_tool("portal_types").objectValues()
        if BEHAVIOR in getattr(fti, "behaviors", ())
    )
    return last_transaction(site.app), values, composite


def panel_url(site) -> str:
    return f"{site.portal.absolute_url()}/@controlpanels/composite"


def read(site) -> dict:
    response = site.client("manager").get(panel_url(site))
    assert response.status_int == 200, describe(response)
    data = response.json["data"]
    data["composite_types"] = [item["token"] for item in data["composite_types"]]
    return data


def check_stored(site, body: dict) -> None:
    """``GET`` gives back what was sent, the types follow the setting, and
    sending the ``GET`` back changes nothing."""
    data = read(site)
    for name, sent in body.items():
        expected = sent
        if name in ("history_retention", "max_payload_bytes"):
            expected = int(sent)
        if name == "image_upload_folder":
            expected, data[name] = (expected or "").strip(), data[name] or ""
        assert data[name] == expected, (name, sent, data[name])
    _, values, composite = snapshot(site)
    assert sorted(set(values["composite_types"])) == composite
    assert "Composite Page" in composite
    before = snapshot(site)
    response = site.client("manager").patch(panel_url(site), json=data)
    assert response.status_int == 204, describe(response)
    after = snapshot(site)
    assert after[1:] == before[1:], (data, before, after)


def check_refused(response, before, after, body) -> None:
    check_refusal(response)
    assert after == before, f"refused but changed: {before} -> {after}"
    try:
        parsed = json.loads(encode(body))
    except (ValueError, RecursionError):
        return  # not JSON to Python either (a 5,000-digit number): no field
    error = response.json.get("error", response.json)
    if error.get("type") == "DeserializationError" and not error.get("field"):
        return  # refused whole (nested too deep for the WSGI filter)
    if response.status_int == 400 and isinstance(parsed, dict) and parsed:
        message = error["message"]
        named = [name for name in body if str(name) in message]
        sent_settings = set(body) & set(DEFAULTS)
        assert named or not sent_settings, (
            f"the 400 names none of {sorted(sent_settings)}: {describe(response)}"
        )


@fuzz_settings
@given(data=st.data(), body=bodies)
def test_a_patch_is_stored_whole_or_refused_changing_nothing(fuzz_site, data, body):
    site = fuzz_site
    reset(site)
    sender = data.draw(
        st.sampled_from(["manager", "manager", "manager", "editor", None]), "sender"
    )
    client = site.client(sender) if sender else site.anonymous
    before = snapshot(site)
    response = client.request(
        "PATCH",
        panel_url(site),
        body=encode(body),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_int < 500, describe(response)
    if response.status_int >= 400:
        check_refused(response, before, snapshot(site), body)
        return
    assert sender == "manager", describe(response)
    # Only settings are accepted (a setting the panel lacks is refused).
    assert isinstance(body, dict), body
    assert set(body) <= set(DEFAULTS), body
    check_stored(site, body)


@fuzz_settings
@given(
    suffix=st.just("") | path_segments.map(lambda s: f"/{s}"),
    query=query_strings,
    sender=st.sampled_from(["manager", "editor", None]),
)
def test_reading_the_panel_changes_nothing(fuzz_site, suffix, query, sender):
    site = fuzz_site
    client = site.client(sender) if sender else site.anonymous
    before = snapshot(site)
    response = client.request("GET", f"{panel_url(site)}{suffix}{query}")
    assert response.status_int < 500, describe(response)
    assert snapshot(site) == before, describe(response)


# The browser form ``@@composite-controlpanel``: what a browser posts on Save.
form_values = {
    "form.widgets.max_payload_bytes": st.integers(MIN_PAYLOAD_BYTES, 2**40).map(str),
    "form.widgets.history_retention": st.integers(1, MAX_HISTORY_RETENTION).map(str),
    "form.widgets.image_upload_folder": st.sampled_from(["", "/images", "/media"]),
}
hostile_form_values = st.one_of(
    hostile_strings,
    st.sampled_from(["-1", "0", "1,000", "1.5", "9" * 5000, "١٢", " 7 ", "1001"]),
)


@st.composite
def panel_forms(draw, token: str):
    """The form's fields as name and value pairs: valid, some hostile, some
    sent twice or named with one of Zope's converters."""
    fields = draw(st.fixed_dictionaries({}, optional=form_values))
    for name in draw(st.lists(st.sampled_from(sorted(form_values)), max_size=2)):
        fields[name] = draw(hostile_form_values)
    pairs = [
        *fields.items(),
        *(("form.widgets.composite_types:list", name) for name in draw(types_lists)),
        ("form.widgets.composite_types-empty-marker", "1"),
        *draw(
            st.sampled_from(
                [[("form.widgets.lock_refuses_saves:list", "selected")], []]
            )
        ),
        ("form.widgets.lock_refuses_saves-empty-marker", "1"),
        ("_authenticator", token),
        ("form.buttons.save", "Save"),
    ]
    if draw(st.booleans()):
        pairs = draw(zope_forms(dict(pairs)))
    return pairs


@fuzz_settings
@given(data=st.data())
def test_the_settings_form_saves_valid_settings_or_refuses_changing_nothing(
    fuzz_site, data
):
    site = fuzz_site
    reset(site)
    manager = site.client("manager")
    pairs = data.draw(panel_forms(manager.headers["X-CSRF-TOKEN"]), "fields")
    body = form_body(pairs)
    before = snapshot(site)
    response = manager.request(
        "POST",
        f"{site.portal.absolute_url()}/@@composite-controlpanel",
        body=body,
        headers={
            "Accept": "text/html",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_int < 500, describe(response)
    after = snapshot(site)
    if response.status_int >= 400:
        check_refusal(response)
        assert after == before, f"refused but changed: {before} -> {after}"
        # The error page names the field (Zope refuses a form over its memory
        # limit itself, naming nothing).
        if response.status_int == 400 and len(body) <= FORM_MEMORY_LIMIT:
            (message,) = lxml_html.fromstring(response.body).cssselect(
                ".statusmessage-error"
            )
            named = {name.split(":")[0] for name, _value in pairs}
            assert any(name in message.text_content() for name in named)
        return
    # Saved, or shown again with the fields' errors: the settings are valid.
    _, values, composite = after
    for name, value in values.items():
        if name != "image_upload_folder" or value:
            ICompositeSettings[name].bind(site.portal).validate(value)
    assert sorted(set(values["composite_types"])) == composite
    assert "Composite Page" in composite


@fuzz_settings_halved
@given(data=st.data(), query=query_strings)
def test_opening_the_settings_form_never_fails_nor_writes(fuzz_site, data, query):
    """The form shown (GET, or POST without Save), or cancelled, with hostile
    fields, as each kind of user: nothing changes."""
    site = fuzz_site
    reset(site)
    sender = data.draw(st.sampled_from(["manager", "manager", "editor", None]))
    client = site.client(sender) if sender else site.anonymous
    token = client.headers.get("X-CSRF-TOKEN", "x")
    fields = data.draw(
        st.dictionaries(
            st.sampled_from(sorted(form_values)) | hostile_strings,
            hostile_form_values,
            max_size=3,
        ),
        "fields",
    )
    button = data.draw(
        st.sampled_from(
            [[], [("form.buttons.cancel", "Cancel")], [("form.buttons.x", "x")]]
        ),
        "button",
    )
    pairs = [*fields.items(), ("_authenticator", token), *button]
    if data.draw(st.booleans(), "hostile form"):
        pairs = data.draw(zope_forms(dict(pairs)), "sent")
    body = form_body(pairs)
    url = f"{site.portal.absolute_url()}/@@composite-controlpanel"
    html = {"Accept": "text/html"}
    before = snapshot(site)
    if data.draw(st.booleans(), "GET"):
        response = client.request("GET", f"{url}?{body.decode()}", headers=html)
    else:
        response = client.request(
            "POST",
            f"{url}{query}",
            body=body,
            headers={**html, "Content-Type": "application/x-www-form-urlencoded"},
        )
    assert response.status_int < 500, describe(response)
    assert snapshot(site) == before, describe(response)
    if response.status_int >= 400:
        check_refusal(response)
    elif sender != "manager":
        # Only Managers (and Site Administrators) see the form.
        assert response.status_int == 302, describe(response)
