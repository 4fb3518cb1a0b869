"""The upload folder set to ``/``, the site root's path: images uploaded in
design mode go to the site root, not to the folder of the page designed."""

from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from page_fixtures import composite_document
from page_fixtures import png
from plone import api
from upload_fixtures import images_in
from upload_fixtures import upload

import pytest
import transaction


@pytest.fixture
def section_page(functional_portal, rest_users):
    """A composite page in /section; the Editor may add anywhere; the upload
    folder is ``/``."""
    with api.env.adopt_roles(["Manager"]):
        section = api.content.create(
            container=functional_portal, type="Folder", id="section", title="Section"
        )
    page = composite_document(section, "page", "Page")
    functional_portal.manage_setLocalRoles("editor", ["Contributor"])
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/")
    transaction.commit()
    return page


def test_an_upload_folder_of_slash_is_the_site_root(
    rest_client, section_page, functional_portal
):
    url = f"{section_page.absolute_url()}/@@composite-widget-settings"
    response = upload(rest_client, url, png())
    assert response.status_int == 200, response
    assert images_in(functional_portal) == ["teal.png"]
    assert images_in(section_page.__parent__) == []
