"""``@@composite-layout-gallery``: who may open it, what it shows of each
layout, and that a layout whose template fails shows as broken."""

from AccessControl import Unauthorized
from App.config import getConfiguration
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import IWidgetType
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.registry import Slot
from contextlib import contextmanager
from html import unescape
from page_fixtures import as_role
from page_fixtures import offered_configlets
from plone import api
from shipped_layouts import SHIPPED
from theme_fixtures import activate
from theme_fixtures import feature_files
from theme_fixtures import file_system_theme
from theme_fixtures import ttw_theme
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import logging
import os
import pytest


VIEW = "@@composite-layout-gallery"
CONFIGLET = "collective.composite.gallery"
FOR = (ICompositeEnabled, IDefaultBrowserLayer)


def gallery(portal) -> str:
    """:returns: the gallery's HTML as the logged-in user gets it."""
    alsoProvides(portal.REQUEST, ICompositeLayer)
    return portal.restrictedTraverse(VIEW)()


@pytest.fixture
def manager_gallery(portal) -> str:
    as_role(portal, "Manager")
    return gallery(portal)


@contextmanager
def registered(layout: Layout, info=""):
    """``layout`` registered as a global adapter for the duration."""
    registry = getGlobalSiteManager()
    registry.registerAdapter(LayoutFactory(layout), FOR, ILayout, layout.name, info)
    try:
        yield
    finally:
        registry.unregisterAdapter(required=FOR, provided=ILayout, name=layout.name)


def layout_pair(
    tmp_path, name: str, real: str, design: str, allowed=("text",)
) -> Layout:
    """A layout ``name`` with one slot ``main`` (taking one widget of the
    ``allowed`` types) and the two template sources."""
    (tmp_path / "real.pt").write_text(real)
    (tmp_path / "design.pt").write_text(design)
    return Layout(
        name=name,
        title=f"Layout {name}",
        template=str(tmp_path / "real.pt"),
        design_template=str(tmp_path / "design.pt"),
        slots=[Slot(name="main", title="Main", allowed=allowed, max=1)],
    )


@pytest.fixture
def gallery_with_pair(tmp_path, portal):
    """A function: the gallery's HTML as a Manager gets it while the layout
    :func:`layout_pair` makes of its arguments is registered."""
    as_role(portal, "Manager")

    def render(name: str, real: str, design: str, allowed=("text",)) -> str:
        with registered(layout_pair(tmp_path, name, real, design, allowed)):
            return gallery(portal)

    return render


def section_of(html: str, name: str) -> str:
    """The gallery's section of the layout ``name``."""
    return html.split(f'id="composite-layout-{name}"')[1].split("<section")[0]


FINE = '<div class="fine" tal:content="structure slots/main"></div>'
FAILING = '<div tal:content="structure slots/main" tal:attributes="x python: 1/0">'
FAILING += "</div>"


@pytest.mark.parametrize("role", ["Manager", "Site Administrator"])
def test_the_gallery_opens_for(portal, role):
    as_role(portal, role)
    assert "Layout gallery" in gallery(portal)


@pytest.mark.parametrize("role", ["Editor", "Member"])
def test_the_gallery_is_refused_to(portal, role):
    as_role(portal, role)
    alsoProvides(portal.REQUEST, ICompositeLayer)
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse(VIEW)


@pytest.mark.parametrize("role", ["Manager", "Site Administrator"])
def test_site_setup_links_the_gallery_for(portal, role):
    as_role(portal, role)
    assert offered_configlets()[CONFIGLET] == f"{portal.absolute_url()}/{VIEW}"


def test_site_setup_does_not_link_the_gallery_for_an_editor(portal):
    as_role(portal, "Editor")
    assert CONFIGLET not in offered_configlets()


def test_uninstalling_removes_the_gallery_configlet(portal, uninstalled):
    as_role(portal, "Manager")
    ids = [a.id for a in api.portal.get_tool("portal_controlpanel").listActions()]
    assert CONFIGLET not in ids


def test_the_gallery_is_never_cached(portal, manager_gallery):
    assert portal.REQUEST.response.getHeader("Cache-Control") == "no-store"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_layout_has_its_section(manager_gallery, name):
    assert f'id="composite-layout-{name}"' in manager_gallery


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_layout_shows_both_halves(manager_gallery, name):
    section = section_of(manager_gallery, name)
    assert section.count("<iframe") == 2
    assert 'title="Real template of ' in section
    assert 'title="Design template of ' in section


def test_both_halves_are_documents_of_their_own(manager_gallery):
    html = unescape(manager_gallery)
    assert html.count('<body class="composite-gallery-document">') == 2 * len(SHIPPED)


def test_the_real_half_holds_sample_text_widgets(manager_gallery):
    html = unescape(manager_gallery)
    assert "A sample text widget in the slot Sidebar." in html
    assert 'class="composite-layout composite-layout-two-columns' in html


def test_the_design_half_holds_design_cards_and_fuzzy_text(manager_gallery):
    html = unescape(manager_gallery)
    assert "composite-card composite-card--text" in html
    assert "composite-design composite-design-landing" in html


def test_the_documents_have_the_design_bundle_css(manager_gallery):
    assert "++plone++collective.composite.layouts/design.css" in unescape(
        manager_gallery
    )


def test_a_slot_row_shows_its_constraints(gallery_with_pair):
    section = section_of(gallery_with_pair("narrow", FINE, FINE), "narrow")
    assert "<td><code>main</code></td>" in section
    assert "<td>text</td>" in section
    assert "<td>1</td>" in section


def test_a_slot_for_images_only_gets_a_grey_block_without_content(
    gallery_with_pair,
):
    html = unescape(gallery_with_pair("pictures", FINE, FINE, ("image",)))
    real = html.split('title="Real template of Layout pictures"')[0]
    real = real.rsplit("<iframe", 1)[1]
    assert "composite-widget-image composite-gallery-sample" in real
    assert "composite-fuzzy-image" in real


@pytest.mark.parametrize("allowed", [("image",), ("content", "image")])
def test_a_slot_for_items_only_logs_no_error_without_content(
    gallery_with_pair, caplog, allowed
):
    # Sample widgets have no item to show: drawn as fuzzy blocks, never
    # rendered to fail with a traceback in the log on every reload.
    with caplog.at_level(logging.ERROR, logger="collective.composite"):
        gallery_with_pair("items", FINE, FINE, allowed)
    assert caplog.records == []


class FragileType:
    """A widget type of an integrator whose normalize fails on no settings."""

    name = "fragile"
    title = "Fragile"

    def clean(self, settings, context):
        return {"words": settings["words"].strip()}


def test_a_type_failing_on_no_settings_does_not_break_the_layout(
    gallery_with_pair,
):
    registry = getGlobalSiteManager()
    registry.registerUtility(FragileType(), IWidgetType, "fragile")
    try:
        html = gallery_with_pair("sturdy", FINE, FINE, ("fragile",))
    finally:
        registry.unregisterUtility(provided=IWidgetType, name="fragile")
    section = section_of(html, "sturdy")
    assert "Broken" not in section
    assert "composite-widget-fragile composite-gallery-sample" in unescape(section)


class IUninstalledLayer(IDefaultBrowserLayer):
    """A theme's layer whose profile the site has not installed."""


def test_a_layout_of_a_layer_not_installed_is_listed_with_its_layer(tmp_path, portal):
    as_role(portal, "Manager")
    layout = layout_pair(tmp_path, "themed", FINE, FINE)
    required = (ICompositeEnabled, IUninstalledLayer)
    registry = getGlobalSiteManager()
    registry.registerAdapter(LayoutFactory(layout), required, ILayout, "themed")
    try:
        html = gallery(portal)
    finally:
        registry.unregisterAdapter(required=required, provided=ILayout, name="themed")
    assert 'id="composite-layout-themed"' not in html
    inactive = html.split('id="composite-gallery-inactive"')[1].split("</section>")[0]
    assert "<code>themed</code>" in inactive
    assert f"<code>{__name__}.IUninstalledLayer</code>" in inactive


def test_without_layouts_of_other_layers_the_gallery_lists_none(manager_gallery):
    assert "composite-gallery-inactive" not in manager_gallery


def test_a_slot_without_constraints_takes_any_type(manager_gallery):
    section = section_of(manager_gallery, "one-column")
    assert "<td>Any type</td>" in section
    assert "<td>No limit</td>" in section


def test_the_registration_names_package_file_line_and_layer(manager_gallery):
    section = section_of(manager_gallery, "landing")
    assert "<code>collective.composite.layouts</code>" in section
    assert "configure.zcml, line " in section
    assert "<code>zope.publisher.interfaces.browser.IDefaultBrowserLayer</code>" in (
        section
    )
    assert "<code>collective.composite.interfaces.ICompositeEnabled</code>" in section


def test_a_layout_registered_from_python_says_so(gallery_with_pair):
    html = gallery_with_pair("by-hand", FINE, FINE)
    assert "Not registered with ZCML" in section_of(html, "by-hand")


def test_a_shipped_layout_passes_the_pairing_checks(manager_gallery):
    section = section_of(manager_gallery, "two-columns")
    assert "The pairing checks find no problem." in section


def test_the_pairing_checks_problems_are_listed(gallery_with_pair):
    html = gallery_with_pair("unpaired", FINE, "<div>no slot here</div>")
    section = section_of(html, "unpaired")
    assert 'class="composite-gallery__problems"' in section
    assert "main" in section.split('class="composite-gallery__problems"')[1]


def test_in_development_mode_a_changed_template_shows_on_reload(
    tmp_path, portal, monkeypatch
):
    # Plone re-reads a changed template file in Zope's development mode only.
    monkeypatch.setattr(getConfiguration(), "debug_mode", True)
    as_role(portal, "Manager")
    layout = layout_pair(tmp_path, "edited", FINE, FINE)
    with registered(layout):
        gallery(portal)
        real = tmp_path / "real.pt"
        real.write_text(FINE.replace('"fine"', '"edited-by-hand"'))
        # A later modification time, as an editor's save gives it.
        os.utime(real, (real.stat().st_atime, real.stat().st_mtime + 10))
        html = gallery(portal)
    assert 'class="edited-by-hand"' in unescape(html)


def test_a_layout_whose_template_fails_shows_as_broken(gallery_with_pair):
    section = section_of(gallery_with_pair("failing", FINE, FAILING), "failing")
    assert "Broken" in section
    assert "This template does not render:" in section
    assert "ZeroDivisionError" in section


def test_a_broken_layout_leaves_the_others_alone(gallery_with_pair):
    html = gallery_with_pair("failing", FAILING, FAILING)
    assert unescape(html).count('<body class="composite-gallery-document">') == (
        2 * len(SHIPPED)
    )


def test_the_active_themes_layout_shows_with_its_theme(portal):
    as_role(portal, "Manager")
    with file_system_theme():
        activate("fixture-theme")
        html = gallery(portal)
    section = section_of(html, "feature")
    assert section.count("<iframe") == 2
    assert "<code>fixture-theme</code>" in section
    assert "++theme++fixture-theme/composite-layouts/feature/manifest.cfg" in section


def test_a_refused_theme_layout_is_listed_with_its_problems(portal):
    as_role(portal, "Manager")
    files = feature_files()
    files["composite-layouts/feature/feature_design.pt"] = "<div>no slots</div>"
    ttw_theme("ttw", files)
    activate("ttw")
    html = gallery(portal)
    assert 'id="composite-layout-feature"' not in html
    refused = html.split('id="composite-gallery-refused"')[1]
    assert "does not place the declared slot" in unescape(refused)


@implementer(ILayout)
class TemplatelessLayout:
    """A layout registered from Python without any template."""

    name = "templateless"
    title = "Templateless"
    description = None
    slots = (Slot(name="main", title="Main"),)


def test_a_layout_without_templates_shows_as_broken(portal):
    as_role(portal, "Manager")
    layout = TemplatelessLayout()
    registry = getGlobalSiteManager()
    registry.registerAdapter(lambda context, request: layout, FOR, ILayout, layout.name)
    try:
        html = gallery(portal)
    finally:
        registry.unregisterAdapter(required=FOR, provided=ILayout, name=layout.name)
    section = section_of(html, "templateless")
    assert "This template does not render:" in section
    assert "The pairing checks could not run:" in section
