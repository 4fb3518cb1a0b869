"""Fuzzing ``PATCH @composite`` while the payload limit's registry record
holds what the control panel refuses (None, 0, negative numbers, a text, as
code or a profile's ``registry.xml`` may store): the limit used is the
default one, or the floor (64 KiB) for a number below it.

Beyond the suite's properties (no 5xx, a refusal changes nothing):

- a body within that limit is never refused as too large;
- a body over it is refused with 413, naming that limit.

And uploading an image in the settings dialog while the upload folder's record
holds any text (slashes, blanks, a path to no folder, hostile text) or no
text: no 5xx; the image is stored in the folder the record names (``/`` the
site root, nothing the page's container) or refused at the upload field,
storing nothing.
"""

from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.json_body import DEFAULT_MAX_PAYLOAD
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from fuzzing import describe
from fuzzing import fuzz_settings_halved
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from page_fixtures import png
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from strategies import hostile_strings
from upload_fixtures import post_with_file
from upload_fixtures import pressing_apply
from upload_fixtures import UPLOAD_FIELDS
from zope.component import getUtility

import json
import transaction


odd_limits = st.one_of(
    st.none(),
    st.integers(max_value=0),
    st.text(max_size=20),
    st.booleans(),
)
# Around the default limit, and small.
text_sizes = st.integers(0, 2000) | st.integers(
    DEFAULT_MAX_PAYLOAD - 400, DEFAULT_MAX_PAYLOAD + 400
)


def store_limit(value) -> None:
    """Store ``value`` in the record, replacing its field by one that takes
    it (None is any field's missing value), and commit."""
    transaction.begin()
    registry = getUtility(IRegistry)
    if value is None:
        registry[MAX_PAYLOAD_RECORD] = None
    else:
        kind = {bool: field.Bool, int: field.Int, str: field.Text}[type(value)]
        registry.records[MAX_PAYLOAD_RECORD] = Record(kind(title="Limit"), value)
    transaction.commit()


@fuzz_settings_halved
@given(limit=odd_limits, size=text_sizes)
def test_an_odd_payload_limit_reads_bodies_with_the_default_or_the_floor(
    fuzz_site, limit, size
):
    site = fuzz_site
    version = site.reset()
    store_limit(limit)
    document = {
        "version": version,
        "slots": {
            "main": [{"id": "a", "type": "text", "settings": {"text": "x" * size}}]
        },
    }
    body = json.dumps(document).encode()
    before = site.snapshot()
    response = site.editor.request(
        "PATCH",
        f"{site.url}/@composite",
        body=body,
        headers={"Content-Type": "application/json"},
    )
    site.check(response, before, document)
    # A number below the floor (0, -1...) reads as the floor; what is no
    # number (None, a text, a yes or no) as the default.
    number = isinstance(limit, int) and not isinstance(limit, bool)
    expected = MIN_PAYLOAD_BYTES if number else DEFAULT_MAX_PAYLOAD
    if len(body) > expected:
        assert response.status_int == 413, describe(response)
        assert response.json["error"]["limit"] == expected
    else:
        assert response.status_int != 413, describe(response)


folder_records = st.one_of(
    st.none(),
    st.integers(),
    st.text(alphabet="/ \t", max_size=5),
    st.sampled_from(["/media", "media/", " /media ", "/target", "/nope", "/page"]),
    hostile_strings,
)


def store_folder(site, value) -> None:
    """A folder /media where the Editor may add; ``value`` in the upload
    folder's record, in a record whose field takes it; commit."""
    transaction.begin()
    if "media" not in site.portal.objectIds():
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=site.portal, type="Folder", id="media")
    site.portal.manage_setLocalRoles("editor", ["Contributor"])
    kind = field.Int if isinstance(value, int) else field.Text
    getUtility(IRegistry).records[UPLOAD_FOLDER_RECORD] = Record(
        kind(title="Folder", required=False), value
    )
    transaction.commit()


def images(site) -> dict[str, list[str]]:
    transaction.begin()
    return {
        name: [i.getId() for i in folder.objectValues() if i.portal_type == "Image"]
        for name, folder in (("", site.portal), ("media", site.portal["media"]))
    }


@fuzz_settings_halved
@given(record=folder_records)
def test_an_upload_under_any_folder_record_is_stored_there_or_refused(
    fuzz_site, record
):
    site = fuzz_site
    store_folder(site, record)
    before = images(site)
    response = post_with_file(
        site.editor,
        f"{site.url}/@@composite-widget-settings",
        pressing_apply("image", UPLOAD_FIELDS, site.editor.headers["X-CSRF-TOKEN"]),
        "teal.png",
        png(),
    )
    assert response.status_int < 500, describe(response)
    after = images(site)
    path = record.strip().strip("/") if isinstance(record, str) else ""
    if path in ("", "media"):
        added = {name: len(after[name]) - len(before[name]) for name in after}
        assert added == {"": int(path == ""), "media": int(path == "media")}, (
            record,
            describe(response),
        )
        return
    assert after == before, (record, describe(response))
    document = lxml_html.fromstring(response.text)
    assert document.cssselect("#formfield-composite-upload.error"), (
        record,
        describe(response)[:300],
    )
