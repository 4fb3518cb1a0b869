"""collective.composite.design.uploads: where images uploaded in design mode go, and
what is accepted."""

from collective.composite.design.uploads import add_image
from collective.composite.design.uploads import upload_folder
from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from collective.composite.exceptions import ImageUploadRefused
from page_fixtures import as_manager
from page_fixtures import png
from plone import api

import pytest


@pytest.fixture
def folder(portal):
    as_manager(portal)
    return api.content.create(container=portal, type="Folder", id="f", title="F")


def test_by_default_images_go_to_the_pages_container(folder):
    page = api.content.create(container=folder, type="Document", id="page")
    assert upload_folder(page).getPhysicalPath() == folder.getPhysicalPath()


def test_the_site_roots_images_go_to_the_site_root(portal):
    assert upload_folder(portal).getPhysicalPath() == portal.getPhysicalPath()


def test_a_configured_folder_is_used_for_every_page(portal, folder):
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/f/")
    assert upload_folder(portal).getPhysicalPath() == folder.getPhysicalPath()


def test_a_configured_path_that_is_not_a_folder_is_refused(portal, folder):
    api.content.create(container=portal, type="Document", id="doc")
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/doc")
    with pytest.raises(ImageUploadRefused, match="There is no folder /doc"):
        upload_folder(portal)


def test_an_image_is_titled_with_its_file_name(folder):
    page = api.content.create(container=folder, type="Document", id="page")
    image = add_image(page, png(), "C:\\Pictures\\Harbour.png")
    assert image.portal_type == "Image"
    assert image.Title() == "Harbour.png"
    assert image.image.filename == "Harbour.png"


def test_a_file_that_is_not_a_picture_is_refused(folder):
    with pytest.raises(ImageUploadRefused, match="notes.txt is not an image") as info:
        add_image(folder, b"just words", "notes.txt")
    assert info.value.status == 400
    assert folder.objectIds() == []
