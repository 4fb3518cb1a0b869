"""Moving a whole site with plone.exportimport and with collective.exportimport:
the demo site (the site root and the Composite Pages, widgets of every type,
referring to images, pages and a collection) is exported and imported into a
second, fresh site; the pages render the same there, with the same
arrangements, widget ids and catalog references."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.exportimport.arrangements import exported
from collective.composite.exportimport.arrangements import imported
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.testing import FIXTURE
from DateTime import DateTime
from module_layers import module_layer
from page_fixtures import render
from pathlib import Path
from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import SITE_OWNER_NAME
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter
from zope.component.hooks import setSite
from zope.interface import noLongerProvides

import argparse
import json
import lxml.html
import pytest
import re
import transaction


TARGET = "target"


class MovingLayer(PloneSandboxLayer):
    """The demo site (``plone``) and an empty one with the add-on
    (``target``), with both export and import tools loaded."""

    defaultBases = (FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.exportimport
        import plone.exportimport

        self.loadZCML(package=plone.exportimport)
        self.loadZCML(package=collective.exportimport)

    def setUpPloneSite(self, portal):
        from Products.CMFPlone.factory import addPloneSite

        applyProfile(portal, "collective.composite:demo")
        app = portal.aq_parent
        login(app, SITE_OWNER_NAME)
        target = addPloneSite(
            app,
            TARGET,
            extension_ids=(
                "plone.app.contenttypes:default",
                "plonetheme.barceloneta:default",
            ),
        )
        # As the test site (plone.app.testing's): no default workflow.
        target.portal_workflow.setDefaultChain("")
        applyProfile(target, "collective.composite:default")
        setSite(portal)


MOVING = FunctionalTesting(
    bases=(MovingLayer(),), name="CollectiveCompositeLayer:SiteExportImport"
)

# Set up for this module only: while MovingLayer is set up, its database (the
# demo content) and component registry are every other layer's too.
globals().update(module_layer(MOVING, "moving"))


@pytest.fixture
def sites(moving):
    """``(source, target)``, as the site owner."""
    app = moving["app"]
    login(app, SITE_OWNER_NAME)
    source = moving["portal"]
    # The layer built the demo without a request, so the catalog lacks the
    # images' scales, which the image widget renders from.
    for brain in api.content.find(context=source, portal_type=["Image", "News Item"]):
        brain.getObject().reindexObject()
    # The news come one a day, so that the collection lists them in one order.
    for day, brain in enumerate(api.content.find(portal_type="News Item"), 1):
        news = brain.getObject()
        news.setEffectiveDate(DateTime(2026, 3, day))
        news.reindexObject()
    yield source, app[TARGET]
    logout()
    setSite(moving["portal"])


def composite_pages(site) -> dict:
    """Path below the site -> composite-enabled object, the site root as ""."""
    catalog = api.portal.get_tool("portal_catalog")
    root = "/".join(site.getPhysicalPath())
    found = {"": site}
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ICompositeEnabled.__identifier__
    ):
        found[brain.getPath()[len(root) :]] = brain._unrestrictedGetObject()
    return found


def content_area(page_html: str, site) -> str:
    """The rendered layout of a visitor's page, without what differs between
    two sites: their URLs, and the images' scale keys (from the time the
    image was stored)."""
    [layout] = lxml.html.fromstring(page_html).find_class("composite-layout")
    text = lxml.html.tostring(layout, encoding="unicode")
    text = text.replace(site.absolute_url(), "SITE")
    return re.sub(r"(@@images/image-\d+)-[0-9a-f]+", r"\1", text)


def snapshot(site, request) -> dict:
    """What must survive the move: per composite page, its stored arrangement
    (ids, types, settings, layout), what the catalog knows of it and the
    visitor's view of it."""
    setSite(site)
    catalog = api.portal.get_tool("portal_catalog")
    pages = composite_pages(site)
    state = {}
    for path, page in pages.items():
        indexed = {}
        if path:
            rid = catalog.getrid("/".join(page.getPhysicalPath()))
            data = catalog.getIndexDataForRID(rid)
            indexed = {
                "references": sorted(data["composite_references"] or ()),
                "text": sorted(data["SearchableText"]),
            }
        state[path] = {"arrangement": exported(page), **indexed}
    logout()
    for path, page in pages.items():
        state[path]["html"] = content_area(render(page, request), site)
    login(site.aq_parent, SITE_OWNER_NAME)
    return state


def switch_to(site, request) -> None:
    """Make ``site`` the current site, as a request to it would: the layer's
    one request serves both sites, and plone.app.uuid keeps the catalog it
    first used on the request (``_catalog``); the import would find the
    source's items by UID (the relations' ends, the pages' link-integrity
    relations among them) and catalog them in the target."""
    setSite(site)
    request.__dict__.pop("_catalog", None)


def read_json(path):
    return json.loads(path.read_text())


def test_the_demo_site_has_what_the_move_must_keep(sites, moving):
    source, _ = sites
    pages = composite_pages(source)
    assert {"", "/programme", "/visit"} <= set(pages)
    used = {w.type for page in pages.values() for w in arrangement.get(page).widgets}
    assert used == {"content", "text", "image", "listing", "html"}


def test_a_plain_rest_call_gets_no_arrangement_member(sites, moving):
    """Only the tools' runs (their request markers) get the member."""
    source, _ = sites
    serializer = getMultiAdapter((source["visit"], moving["request"]), ISerializeToJson)
    assert MEMBER not in serializer()


class TestImportedDocument:
    """What a site import does with the member of one item."""

    def test_saves_it_as_an_import_revision_keeping_the_widget_ids(self, sites):
        source, _ = sites
        page = source["programme"]
        document = exported(source["visit"])
        imported(page, document)
        assert exported(page) == document
        assert history.get_revisions(page)[0].action == "import"

    @pytest.mark.parametrize(
        ("document", "logged"),
        [
            ({"format": "other/2", "slots": {}}, "unknown format 'other/2'"),
            ({"layout": "one-column"}, "no slots in it"),
            ({"slots": {"main": [{"type": "gone"}]}}, "(slots.main.0.type)"),
        ],
    )
    def test_logs_what_it_cannot_save_and_leaves_the_page(
        self, sites, caplog, document, logged
    ):
        source, _ = sites
        page = source["visit"]
        before = exported(page)
        assert imported(page, document) is None
        assert exported(page) == before
        assert logged in caplog.text
        assert "/plone/visit" in caplog.text


class TestPloneExportImport:
    def test_a_composite_page_is_exported_with_its_arrangement(
        self, sites, moving, tmp_path
    ):
        from plone.exportimport.exporters import get_exporter

        source, _ = sites
        get_exporter(source).export_site(tmp_path)
        files = tmp_path.glob("content/*/data.json")
        items = {item["@id"]: item for item in map(read_json, files)}
        page = source["visit"]
        assert items["/visit"][MEMBER] == exported(page)
        # plone.exportimport names the site root by its id.
        assert items[f"/{source.getId()}"][MEMBER] == exported(source)

    def test_content_versions_are_exported_with_their_arrangements(
        self, sites, moving, tmp_path
    ):
        """``--include-revisions`` (the importer does not import them)."""
        from plone.exportimport.exporters import get_exporter

        source, _ = sites
        page = source["visit"]
        repository = api.portal.get_tool("portal_repository")
        repository.save(page, comment="Three columns")
        arrangement.set_layout(page, "two-columns")
        repository.save(page, comment="Two columns")
        options = argparse.Namespace(include_revisions=True)
        get_exporter(source).export_site(tmp_path, options=options)
        files = tmp_path.glob("content/*/data.json")
        item = {item["@id"]: item for item in map(read_json, files)}["/visit"]
        versions = item["exportimport.versions"]
        assert [versions[key][MEMBER] for key in sorted(versions)] == (
            versioned_arrangements(page)[:-1]
        )

    def test_the_whole_site_moves(self, sites, moving, tmp_path):
        from plone.exportimport.exporters import get_exporter
        from plone.exportimport.importers import get_importer

        source, target = sites
        before = snapshot(source, moving["request"])
        get_exporter(source).export_site(tmp_path)
        switch_to(target, moving["request"])
        get_importer(target).import_site(tmp_path)
        transaction.commit()
        assert snapshot(target, moving["request"]) == before

    def test_a_page_imported_before_the_item_it_shows_finds_it(
        self, sites, moving, tmp_path
    ):
        """The importer gives an item its UID after creating it; once the
        import is committed, the page's text has the item's title."""
        from plone.exportimport.exporters import get_exporter
        from plone.exportimport.importers import get_importer

        source, target = sites
        page = api.content.create(source, type="Composite Page", id="aaa", title="A")
        item = api.content.create(source, type="Document", id="zzz", title="Zebra")
        arrangement.add_widget(page, "main", "content", {"uid": item.UID()})
        # Committed, so that the import's transaction is the target's only.
        transaction.commit()
        get_exporter(source).export_site(tmp_path)
        switch_to(target, moving["request"])
        get_importer(target).import_site(tmp_path)
        transaction.commit()
        assert "zebra" in searchable_words(target["aaa"])


def searchable_words(obj) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    return catalog.getIndexDataForRID(rid)["SearchableText"]


def export_with_collective_exportimport(
    site, request, folder, monkeypatch, **options
) -> Path:
    """Export every item of ``site`` as @@export_content's form does, into
    ``folder``, with more of the form's ``options``; :returns: the JSON file."""
    from collective.exportimport import config
    from collective.exportimport import interfaces

    monkeypatch.setattr(config, "CENTRAL_DIRECTORY", str(folder))
    setSite(site)
    request.method = "POST"
    request.form["form.submitted"] = True
    portal_types = sorted(
        {brain.portal_type for brain in api.content.find(context=site)} | {"Plone Site"}
    )
    view = site.restrictedTraverse("@@export_content")
    view(
        portal_type=portal_types,
        include_blobs=1,
        download_to_server=True,
        migration=True,
        **options,
    )
    for marker in (interfaces.IRawRichTextMarker, interfaces.IMigrationMarker):
        noLongerProvides(request, marker)
    return folder / f"{site.getId()}.json"


def import_with_collective_exportimport(site, request, path) -> None:
    """Import ``path`` into ``site`` as @@import_content's form does, updating
    the existing site root.

    collective.exportimport imports the site root's item onto the site of the
    item's id: the source's, here, so it is renamed to the target's first.
    """
    from collective.exportimport import interfaces

    items = json.loads(path.read_text())
    for item in items:
        if item["@type"] == "Plone Site":
            item["id"] = site.getId()
            item["@id"] = site.absolute_url()
    path.write_text(json.dumps(items))
    setSite(site)
    request.form.update({"form.submitted": True, "handle_existing_content": "2"})
    with open(path, "rb") as data:
        site.restrictedTraverse("@@import_content")(jsonfile=data)
    noLongerProvides(request, interfaces.IMigrationMarker)


class TestCollectiveExportImport:
    def test_a_composite_page_is_exported_with_its_arrangement(
        self, sites, moving, tmp_path, monkeypatch
    ):
        source, _ = sites
        path = export_with_collective_exportimport(
            source, moving["request"], tmp_path, monkeypatch
        )
        items = {item["@id"]: item for item in json.loads(path.read_text())}
        page = source["visit"]
        assert items[page.absolute_url()][MEMBER] == exported(page)
        assert items[source.absolute_url()][MEMBER] == exported(source)

    def test_the_whole_site_moves(self, sites, moving, tmp_path, monkeypatch):
        source, target = sites
        request = moving["request"]
        before = snapshot(source, request)
        path = export_with_collective_exportimport(
            source, request, tmp_path, monkeypatch
        )
        import_with_collective_exportimport(target, request, path)
        assert snapshot(target, request) == before

    def test_content_versions_keep_their_arrangements(
        self, sites, moving, tmp_path, monkeypatch
    ):
        """With the export's "Include revisions" and the import's "Import old
        revisions", each content version brings its arrangement. The tool
        makes the newest version from the current content."""
        source, target = sites
        request = moving["request"]
        page = source["visit"]
        repository = api.portal.get_tool("portal_repository")
        repository.save(page, comment="Three columns")
        arrangement.set_layout(page, "two-columns")
        repository.save(page, comment="Two columns")
        arrangement.set_layout(page, "one-column")
        path = export_with_collective_exportimport(
            source, request, tmp_path, monkeypatch, include_revisions=True
        )
        request.form["import_old_revisions"] = "1"
        import_with_collective_exportimport(target, request, path)
        moved = versioned_arrangements(target["visit"])
        assert moved[:-1] == versioned_arrangements(page)[:-1]
        assert moved[-1] == exported(page)
        assert [data["layout"] for data in moved] == [
            "one-column",  # the page as it was created, not arranged yet
            "three-columns",
            "one-column",  # the current one, where the source has two-columns
        ]


def versioned_arrangements(page) -> list[dict]:
    """The arrangement of each content version of ``page``, oldest first."""
    repository = api.portal.get_tool("portal_repository")
    versions = repository.getHistoryMetadata(page).getLength(countPurged=False)
    return [
        exported(repository.retrieve(page, number).object) for number in range(versions)
    ]
