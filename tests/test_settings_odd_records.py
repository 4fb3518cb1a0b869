"""Settings a Site Administrator's code or profile leaves in a state the
control panel would refuse: the product keeps working, with the default, or
drops what the site no longer has.

- ``collective.composite.max_payload_bytes`` set to None (code may store the
  missing value) or a text (a profile's ``registry.xml`` replacing the
  record's field): the services read bodies with the default limit, never
  answering 500; set to 0, a negative number or any number below the floor
  (64 KiB): they read bodies with the floor, never refusing every body;
- a type listed in "Types that may be composite" and then removed from the
  site leaves the list, so ``GET @controlpanels/composite`` keeps working;
- the number settings stop at 2**53 - 1, the largest integer JavaScript keeps
  (beyond, the form showed, and saved back, a rounded number).
"""

from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.interfaces import MAX_SETTING_NUMBER
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.json_body import DEFAULT_MAX_PAYLOAD
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest
import transaction


TYPES = "collective.composite.composite_types"
DEFAULT_TYPES = ["Composite Page", "Plone Site"]

pytestmark = pytest.mark.arrangement({"layout": "two-columns", "slots": {}})


def store_payload_limit(value) -> None:
    """Store ``value`` as the payload limit, as code or a profile may: None
    as the record's missing value, anything else in a record whose field
    takes it (as ``registry.xml`` replacing the field does); and commit."""
    registry = getUtility(IRegistry)
    if value is None:
        registry[MAX_PAYLOAD_RECORD] = None
    elif isinstance(value, int):
        registry.records[MAX_PAYLOAD_RECORD] = Record(field.Int(title="Limit"), value)
    else:
        registry.records[MAX_PAYLOAD_RECORD] = Record(
            field.TextLine(title="Limit"), value
        )
    transaction.commit()


def saving(editor, page, body: str = "new"):
    return editor.patch(
        f"{page.absolute_url()}/@composite",
        json={"version": "1", "slots": {"main": [text_widget("a", body)]}},
    )


@pytest.mark.parametrize("value", [None, 0, -5, 1, "a megabyte"])
def test_an_odd_payload_limit_in_the_registry_still_lets_editors_save(
    editor, arranged, value
):
    store_payload_limit(value)
    response = saving(editor, arranged)
    assert response.status_int == 200, response


@pytest.mark.parametrize("value", [None, "a megabyte"])
def test_a_payload_limit_of_no_number_refuses_over_the_default(editor, arranged, value):
    store_payload_limit(value)
    response = saving(editor, arranged, "x" * DEFAULT_MAX_PAYLOAD)
    assert response.status_int == 413, response
    assert response.json["error"]["limit"] == DEFAULT_MAX_PAYLOAD


# A limit of 1 byte was taken before the floor: every save was refused.
@pytest.mark.parametrize("value", [0, -5, 1, MIN_PAYLOAD_BYTES - 1])
def test_a_payload_limit_below_the_floor_refuses_over_the_floor(
    editor, arranged, value
):
    store_payload_limit(value)
    assert saving(editor, arranged, "x" * (MIN_PAYLOAD_BYTES // 2)).status_int == 200
    response = saving(editor, arranged, "x" * MIN_PAYLOAD_BYTES)
    assert response.status_int == 413, response
    assert response.json["error"]["limit"] == MIN_PAYLOAD_BYTES


@pytest.fixture
def document_type_removed(functional_portal):
    """Document listed as composite, then its type removed from the site;
    committed."""
    api.portal.set_registry_record(TYPES, [*DEFAULT_TYPES, "Document"])
    functional_portal.portal_types.manage_delObjects(["Document"])
    transaction.commit()


def test_a_type_removed_from_the_site_leaves_the_types_setting(
    document_type_removed,
):
    transaction.begin()
    assert api.portal.get_registry_record(TYPES) == DEFAULT_TYPES


def test_the_settings_are_read_after_a_listed_type_is_removed(
    rest_client, functional_portal, document_type_removed
):
    response = rest_client("manager").get(
        f"{functional_portal.absolute_url()}/@controlpanels/composite"
    )
    assert response.status_int == 200, response
    listed = [item["token"] for item in response.json["data"]["composite_types"]]
    assert listed == DEFAULT_TYPES


NUMBERS = ["history_retention", "max_payload_bytes"]


@pytest.fixture
def panel(functional_portal, rest_users) -> str:
    return f"{functional_portal.absolute_url()}/@controlpanels/composite"


@pytest.mark.parametrize(
    ("name", "largest"),
    [
        ("history_retention", MAX_HISTORY_RETENTION),
        ("max_payload_bytes", MAX_SETTING_NUMBER),
    ],
)
def test_a_number_setting_takes_its_largest_value(rest_client, panel, name, largest):
    response = rest_client("manager").patch(panel, json={name: largest})
    assert response.status_int == 204, response
    transaction.begin()
    assert api.portal.get_registry_record(f"collective.composite.{name}") == largest


@pytest.mark.parametrize("name", NUMBERS)
def test_a_number_setting_past_the_largest_exact_integer_is_refused(
    rest_client, panel, functional_app, name
):
    before = last_transaction(functional_app)
    response = rest_client("manager").patch(panel, json={name: MAX_SETTING_NUMBER + 1})
    assert response.status_int == 400, response
    assert name in response.text
    assert last_transaction(functional_app) == before
