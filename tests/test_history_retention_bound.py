"""The history's retention has a ceiling (1000 revisions): the history is for
undoing recent changes, and every kept revision is read when it is listed,
cut back or its oldest revision shown or restored.

- the form and ``PATCH @controlpanels/composite`` refuse a larger retention
  naming the setting and the bound (400 over REST, the form's error in the
  browser), written as the reader's language writes numbers;
- a larger retention already stored (by code around the form, a
  ``registry.xml``, a site older than the bound) reads as the bound.
"""

from collective.composite.arrangement import history
from collective.composite.arrangement.revisions import RETENTION_RECORD
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from functional_fixtures import last_transaction
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from test_settings_payload_floor import field_error
from test_settings_payload_floor import german  # noqa: F401 (a fixture)
from test_settings_payload_floor import only_error
from test_settings_payload_floor import submit_form
from zope.component import getUtility

import pytest
import transaction


REASON = (
    "At most 1,000 revisions: the history is for undoing recent changes; "
    "the page's content versions keep older ones."
)


@pytest.fixture
def panel(functional_portal, rest_users) -> str:
    return f"{functional_portal.absolute_url()}/@controlpanels/composite"


class TestREST:
    @pytest.mark.parametrize(
        "value", [MAX_HISTORY_RETENTION + 1, str(MAX_HISTORY_RETENTION + 1), 10**9]
    )
    def test_a_larger_retention_is_refused_naming_the_setting_and_the_bound(
        self, rest_client, panel, functional_app, value
    ):
        before = last_transaction(functional_app)
        response = rest_client("manager").patch(
            panel, json={"history_retention": value}
        )
        error = only_error(response)
        assert error["field"] == "history_retention"
        assert error["message"] == f"history_retention: {REASON}"
        assert last_transaction(functional_app) == before

    def test_the_bound_itself_is_taken(self, rest_client, panel):
        response = rest_client("manager").patch(
            panel, json={"history_retention": MAX_HISTORY_RETENTION}
        )
        assert response.status_int == 204, response
        transaction.begin()
        assert api.portal.get_registry_record(RETENTION_RECORD) == 1000

    @pytest.mark.usefixtures("german")
    def test_the_bound_is_written_in_german_for_german_readers(
        self, rest_client, panel
    ):
        response = rest_client("manager").patch(panel, json={"history_retention": 1001})
        assert "1.000" in only_error(response)["message"]

    def test_the_schema_gives_the_bound(self, rest_client, panel):
        schema = rest_client("manager").get(panel).json["schema"]
        assert schema["properties"]["history_retention"]["maximum"] == 1000


def test_a_larger_retention_is_a_form_error(rest_client, functional_portal):
    client = rest_client("manager", auth="basic")
    response = submit_form(client, functional_portal, history_retention="1001")
    assert response.status_int == 200, response
    assert field_error(response, "history_retention") == REASON
    transaction.begin()
    assert api.portal.get_registry_record(RETENTION_RECORD) == 50


@pytest.fixture
def stored_million(portal):
    """A retention of a million, stored around the form as an older site or
    a ``registry.xml`` replacing the record's field may."""
    registry = getUtility(IRegistry)
    registry.records[RETENTION_RECORD] = Record(field.Int(title="Kept", min=1), 10**6)


def test_a_larger_stored_retention_reads_as_the_bound(stored_million):
    assert history.retention() == MAX_HISTORY_RETENTION


def test_the_history_says_the_bound_as_its_retention(
    rest_client, functional_page, functional_portal
):
    registry = getUtility(IRegistry)
    registry.records[RETENTION_RECORD] = Record(field.Int(title="Kept", min=1), 10**6)
    transaction.commit()
    url = f"{functional_page.absolute_url()}/@composite-history"
    assert rest_client("editor").get(url).json["retention"] == MAX_HISTORY_RETENTION
