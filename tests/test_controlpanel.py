"""Site Setup's "Composite pages": the add-on's settings through the
``@@composite-controlpanel`` form and plone.restapi's
``@controlpanels/composite``, over the registry records release 1002 named."""

from AccessControl import Unauthorized
from collective.composite.controlpanel.views import CompositeSettingsForm
from collective.composite.interfaces import ICompositeLayer
from collective.composite.interfaces import ICompositeSettings
from functional_fixtures import PASSWORD
from page_fixtures import as_role
from page_fixtures import offered_configlets
from plone import api
from rest_client import RESTClient
from zope.interface import alsoProvides
from zope.schema import getFieldNames

import pytest
import transaction


# The records' names since releases 1000-1002: the form keeps them.
RECORDS = {
    "max_payload_bytes": "collective.composite.max_payload_bytes",
    "history_retention": "collective.composite.history_retention",
    "image_upload_folder": "collective.composite.image_upload_folder",
    "composite_types": "collective.composite.composite_types",
    "lock_refuses_saves": "collective.composite.lock_refuses_saves",
}
CONFIGLET = "collective.composite"


def record(name: str):
    return api.portal.get_registry_record(RECORDS[name])


@pytest.fixture
def submit(portal):
    """Submit the form as a Site Administrator: ``submit(history_retention="7")``
    returns the form after its update."""
    as_role(portal, "Site Administrator")

    def submit(**values):
        request = portal.REQUEST
        alsoProvides(request, ICompositeLayer)
        request.form.update(
            {
                "form.widgets.max_payload_bytes": str(record("max_payload_bytes")),
                "form.widgets.history_retention": str(record("history_retention")),
                "form.widgets.image_upload_folder": "",
                "form.widgets.composite_types": list(record("composite_types")),
                "form.widgets.composite_types-empty-marker": "1",
                "form.widgets.lock_refuses_saves": ["selected"],
                "form.widgets.lock_refuses_saves-empty-marker": "1",
                "form.buttons.save": "Save",
            }
        )
        request.form.update({f"form.widgets.{k}": v for k, v in values.items()})
        form = CompositeSettingsForm(portal, request)
        form.update()
        return form

    return submit


class TestSchema:
    def test_every_field_is_one_of_the_existing_records(self):
        prefix = CompositeSettingsForm.schema_prefix
        assert {
            f"{prefix}.{name}" for name in getFieldNames(ICompositeSettings)
        } == set(RECORDS.values())

    def test_the_records_hold_the_fields_defaults(self, portal):
        assert record("max_payload_bytes") == 1048576
        assert record("history_retention") == 50
        assert not record("image_upload_folder")


class TestForm:
    def test_saving_writes_the_records(self, submit):
        form = submit(
            history_retention="7",
            max_payload_bytes="131072",
            image_upload_folder="/images",
        )
        assert not form.widgets.errors
        assert record("history_retention") == 7
        assert record("max_payload_bytes") == 131072
        assert record("image_upload_folder") == "/images"

    def test_the_form_shows_the_records(self, portal):
        api.portal.set_registry_record(RECORDS["history_retention"], 12)
        as_role(portal, "Site Administrator")
        alsoProvides(portal.REQUEST, ICompositeLayer)
        html = portal.restrictedTraverse("@@composite-controlpanel")()
        assert 'name="form.widgets.history_retention"' in html
        assert 'value="12"' in html

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("history_retention", "0"),
            ("history_retention", "many"),
            ("max_payload_bytes", "-1"),
            # Below the floor (64 KiB): design mode's own requests are refused.
            ("max_payload_bytes", "1"),
            ("max_payload_bytes", "65535"),
        ],
    )
    def test_a_bad_value_is_refused_naming_the_field(self, submit, name, value):
        before = record(name)
        form = submit(**{name: value})
        assert [error.widget.field.__name__ for error in form.widgets.errors] == [name]
        assert record(name) == before


@pytest.mark.parametrize("role", ["Manager", "Site Administrator"])
def test_the_configlet_is_offered_to(portal, role):
    as_role(portal, role)
    assert (
        offered_configlets()[CONFIGLET]
        == f"{portal.absolute_url()}/@@composite-controlpanel"
    )


@pytest.mark.parametrize("role", ["Editor", "Member"])
def test_the_configlet_is_not_offered_to(portal, role):
    as_role(portal, role)
    assert CONFIGLET not in offered_configlets()


def test_the_form_is_refused_to_an_editor(portal):
    as_role(portal, "Editor")
    alsoProvides(portal.REQUEST, ICompositeLayer)
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse("@@composite-controlpanel")


def test_uninstalling_removes_the_configlet(portal, uninstalled):
    as_role(portal, "Manager")
    ids = [a.id for a in api.portal.get_tool("portal_controlpanel").listActions()]
    assert CONFIGLET not in ids


class TestREST:
    """``@controlpanels/composite``, as plone.restapi serves every control
    panel (its services check "Plone Site Setup: Overview")."""

    @pytest.fixture
    def url(self, functional_portal, rest_users):
        return f"{functional_portal.absolute_url()}/@controlpanels/composite"

    @pytest.fixture
    def site_admin(self, functional_app, functional_portal, rest_users):
        functional_portal.acl_users.userFolderAddUser(
            "siteadmin", PASSWORD, ["Site Administrator"], []
        )
        transaction.commit()
        return RESTClient(functional_app, "siteadmin", PASSWORD, "basic")

    def test_get_as_manager(self, rest_client, url):
        response = rest_client("manager").get(url)
        assert response.status_int == 200, response
        assert response.json["data"] == {
            "max_payload_bytes": 1048576,
            "history_retention": 50,
            "image_upload_folder": response.json["data"]["image_upload_folder"],
            "composite_types": response.json["data"]["composite_types"],
            "lock_refuses_saves": True,
        }
        assert not response.json["data"]["image_upload_folder"]
        assert set(response.json["schema"]["properties"]) == set(RECORDS)
        assert response.json["title"] == "Composite pages"

    def test_patch_as_manager_writes_the_record(self, rest_client, url):
        response = rest_client("manager").patch(url, json={"history_retention": 9})
        assert response.status_int == 204, response
        assert record("history_retention") == 9

    def test_patch_as_site_administrator(self, site_admin, url):
        response = site_admin.patch(url, json={"image_upload_folder": "/media"})
        assert response.status_int == 204, response
        assert record("image_upload_folder") == "/media"

    def test_a_bad_value_is_refused(self, rest_client, url):
        response = rest_client("manager").patch(url, json={"history_retention": 0})
        assert response.status_int == 400, response
        assert "history_retention" in response.text
        assert record("history_retention") == 50

    @pytest.mark.parametrize("method", ["get", "patch"])
    def test_refused_to_an_editor(self, rest_client, url, method):
        response = getattr(rest_client("editor"), method)(
            url, json={"history_retention": 9} if method == "patch" else None
        )
        assert response.status_int in (401, 403), response
        assert record("history_retention") == 50

    def test_listed_among_the_control_panels(self, rest_client, functional_portal):
        response = rest_client("manager").get(
            f"{functional_portal.absolute_url()}/@controlpanels"
        )
        panels = {panel["@id"].rsplit("/", 1)[-1]: panel for panel in response.json}
        assert panels["composite"]["group"] == "Add-on Configuration"
