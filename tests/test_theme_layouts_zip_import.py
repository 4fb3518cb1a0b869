"""A theme uploaded as a Zip file in Site Setup → Theming, as the theme
developer guide says: its good pairs are offered, a folder missing half of its
pair is refused and the Manager is told why, naming the missing file."""

from html import unescape
from io import BytesIO
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from theme_fixtures import feature_files
from theme_fixtures import RULES

import pytest
import transaction
import zipfile


def theme_zip() -> bytes:
    """``acme-theme``: the guide's ``feature`` pair, and ``half`` without its
    design template."""
    files = {
        "manifest.cfg": (
            "[theme]\ntitle = Acme theme\nrules = /++theme++acme-theme/rules.xml\n"
        ),
        "rules.xml": RULES,
        **feature_files(),
        "composite-layouts/half/manifest.cfg": (
            "[composite-layout]\ntitle = Half\ntemplate = half.pt\n"
            "design_template = half_design.pt\n\n[slot:main]\ntitle = Main\n"
        ),
        "composite-layouts/half/half.pt": (
            '<div tal:content="structure slots/main"></div>'
        ),
    }
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path, text in files.items():
            zipped.writestr(f"acme-theme/{path}", text)
    return archive.getvalue()


@pytest.fixture
def imported(functional_app, functional_portal) -> Browser:
    """A Manager's browser that imported and enabled the theme."""
    transaction.commit()
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(f"{functional_portal.absolute_url()}/@@theming-controlpanel")
    browser.getControl(name="themeArchive").add_file(
        theme_zip(), "application/zip", "acme-theme.zip"
    )
    browser.getControl(name="enableNewTheme:boolean").value = True
    browser.getControl(name="form.button.Import").click()
    return browser


def test_a_half_pair_in_an_uploaded_theme_is_refused_naming_the_file(imported):
    page = unescape(imported.contents)
    assert "The theme's layout 'half' is refused" in page
    assert (
        "++theme++acme-theme/composite-layouts/half/half_design.pt does not exist"
        in page
    )


def test_an_uploaded_themes_pairs_show_in_the_gallery(imported, functional_portal):
    imported.open(f"{functional_portal.absolute_url()}/@@composite-layout-gallery")
    assert 'id="composite-layout-feature"' in imported.contents
    refused = imported.contents.split('id="composite-gallery-refused"')[1]
    assert "<code>half</code>" in refused
