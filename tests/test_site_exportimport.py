"""Moving a whole site with plone.exportimport and with collective.exportimport:
the demo site (the site root and the Composite Pages, widgets of every type,
referring to images, pages and a collection) is exported and imported into a
second, fresh site; the pages render the same there, with the same
arrangements, widget ids and catalog references."""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import locking
from collective.composite.exportimport.arrangements import exported
from collective.composite.exportimport.arrangements import imported
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.setuphandlers import PUT_ASIDE
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
from plone.dexterity.schema import FTI_CACHE_KEY
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
    relations among them) and catalog them in the target. So does
    plone.dexterity with the type information of each type name: the
    target's ``Plone Site`` would be the source's, with its behaviors."""
    setSite(site)
    request.__dict__.pop("_catalog", None)
    request.__dict__.pop(FTI_CACHE_KEY, None)


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


TYPES = "collective.composite.composite_types"


@pytest.fixture
def put_aside(sites, moving):
    """On the source: the Document ``notes``, composed (its type ticked) and
    shown with the composite view, then its type and the site root's
    unticked, so that both had their composite view put aside; committed.

    :returns: the arrangements of ``notes`` and of the site root, as they
        were while composite.
    """
    source, _ = sites
    switch_to(source, moving["request"])
    api.portal.set_registry_record(TYPES, ["Composite Page", "Plone Site", "Document"])
    notes = api.content.create(source, type="Document", id="notes", title="Notes")
    notes.setLayout("composite-view")
    arrangement.set_layout(notes, "two-columns")
    arrangement.add_widget(notes, "main", "text", {"text": "<p>Put aside</p>"})
    arrangement.add_widget(notes, "sidebar", "html", {"html": "<p>Aside</p>"})
    kept = {"notes": exported(notes), "": exported(source)}
    api.portal.set_registry_record(TYPES, ["Composite Page"])
    assert notes.getLayout() != "composite-view"
    assert source.getLayout() != "composite-view"
    transaction.commit()
    return kept


def move_with_plone_exportimport(source, target, request, folder) -> None:
    from plone.exportimport.exporters import get_exporter
    from plone.exportimport.importers import get_importer

    get_exporter(source).export_site(folder)
    switch_to(target, request)
    get_importer(target).import_site(folder)
    transaction.commit()


def move_with_collective_exportimport(source, target, request, folder, monkeypatch):
    path = export_with_collective_exportimport(source, request, folder, monkeypatch)
    switch_to(target, request)
    import_with_collective_exportimport(target, request, path)
    transaction.commit()


@pytest.fixture(params=["plone.exportimport", "collective.exportimport"])
def move(request, moving, tmp_path, monkeypatch):
    """Move the whole source site into the target with one tool or the other."""

    def moved(source, target):
        if request.param == "plone.exportimport":
            move_with_plone_exportimport(source, target, moving["request"], tmp_path)
        else:
            move_with_collective_exportimport(
                source, target, moving["request"], tmp_path, monkeypatch
            )

    return moved


def test_a_page_composite_only_in_the_old_site_is_put_aside_in_the_new(
    sites, moving, move
):
    """Document is ticked in the source and not in the target: a composite
    Document gets its type's usual view there, not a view it cannot show,
    and is composed once Document is ticked."""
    source, target = sites
    switch_to(source, moving["request"])
    api.portal.set_registry_record(TYPES, ["Composite Page", "Plone Site", "Document"])
    notes = api.content.create(source, type="Document", id="notes", title="Notes")
    notes.setLayout("composite-view")
    arrangement.add_widget(notes, "main", "text", {"text": "<p>Composed</p>"})
    before = exported(notes)
    transaction.commit()
    move(source, target)
    switch_to(target, moving["request"])
    moved = target["notes"]
    assert moved.getLayout() == "document_view"
    api.portal.set_registry_record(TYPES, ["Composite Page", "Document"])
    assert moved.getLayout() == "composite-view"
    assert exported(moved) == before


class TestPutAsideComposition:
    """A page whose type was unticked (or the add-on uninstalled) keeps its
    arrangement and the memory of its composite view: so does its copy in
    the site it moves to, and ticking the type there composes it again."""

    def test_a_page_of_a_type_unticked_is_composed_again_once_ticked(
        self, sites, put_aside, move
    ):
        source, target = sites
        move(source, target)
        setSite(target)
        notes = target["notes"]
        # Document is not composite in the target either: the page shows its
        # type's usual view, as in the source.
        assert notes.getLayout() == "document_view"
        assert getattr(aq_base(notes), "layout", None) is None
        api.portal.set_registry_record(TYPES, ["Composite Page", "Document"])
        assert notes.getLayout() == "composite-view"
        assert exported(notes) == put_aside["notes"]

    def test_the_site_root_put_aside_is_composed_where_it_is_composite(
        self, sites, put_aside, move
    ):
        """The target lists the site root among its composite types (the
        default): there, the front page is shown composed at once."""
        source, target = sites
        move(source, target)
        setSite(target)
        assert target.getLayout() == "composite-view"
        assert exported(target) == put_aside[""]


RETENTION = "collective.composite.history_retention"


def test_what_the_add_on_keeps_moves_or_is_documented_as_not_moving(
    sites, moving, put_aside, move
):
    """Everything the add-on keeps, per page and per site, after a move with
    either tool: what moves, and what does not, by design (docs/integrators.md,
    *Moving a site*, lists the same).

    Moves: the arrangement (layout, widgets in their slots, each widget
    type's settings, widget ids), the unplaced widgets, the page's chosen
    view (the composite view), a composite view put aside (and the
    arrangement kept) while the page's type is not composite, the catalog's
    references. Does not move: the arrangement's history (one ``import``
    revision starts it anew), the design lock (it is a session's, held by a
    user of the old site, and expires), the settings (they are the site's
    registry, moved with its GenericSetup export: see
    tests/test_setup_registry_roundtrip.py), and what the add-on's profile
    gives each site it is installed in (the *Design* action, the types'
    behaviors, the versioning policy).
    """
    source, target = sites
    request = moving["request"]
    switch_to(source, request)
    visit = source["visit"]
    # A layout of two columns: the third column's widgets are unplaced.
    arrangement.set_layout(visit, "two-columns")
    assert arrangement.get(visit).unplaced
    locking.lock(visit)
    api.portal.set_registry_record(RETENTION, 7)
    transaction.commit()
    before = {
        "arrangement": exported(visit),
        "widget types": {w.type for w in arrangement.get(visit).widgets},
        "references": searchable(visit, "composite_references"),
        "revisions": len(history.get_revisions(visit)),
        "root view": source.getLayout(),
    }
    assert before["revisions"] > 1
    move(source, target)
    switch_to(target, request)
    moved = target["visit"]
    # Moves.
    assert exported(moved) == before["arrangement"]
    assert {w.type for w in arrangement.get(moved).widgets} == before["widget types"]
    assert searchable(moved, "composite_references") == before["references"]
    assert moved.getLayout() == "composite-view"
    assert before["root view"] != "composite-view"  # put aside in the source
    assert target.getLayout() == "composite-view"  # composite in the target
    assert exported(target) == put_aside[""]
    assert getattr(aq_base(target["notes"]), PUT_ASIDE, False)
    assert not getattr(aq_base(target["notes"]), "layout", None)
    # Does not move, by design.
    assert [r.action for r in history.get_revisions(moved)] == ["import"]
    assert not locking.get_lock(moved).locked
    assert api.portal.get_registry_record(RETENTION) != 7


def searchable(obj, index: str) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog.getrid("/".join(obj.getPhysicalPath()))
    return sorted(catalog.getIndexDataForRID(rid)[index] or ())


def test_a_site_moved_after_uninstalling_is_composed_again_in_the_new_one(
    sites, moving, move
):
    """Uninstalled, the add-on leaves every page its arrangement and the
    composite view put aside: a move brings both, and the new site, where the
    add-on is installed, shows the pages composed."""
    from plone.base.utils import get_installer

    source, target = sites
    request = moving["request"]
    switch_to(source, request)
    pages = composite_pages(source)
    before = {path: exported(page) for path, page in pages.items()}
    get_installer(source, request).uninstall_product("collective.composite")
    assert not ICompositeEnabled.providedBy(source)
    transaction.commit()
    move(source, target)
    switch_to(target, request)
    after = {path: exported(target.unrestrictedTraverse(path[1:])) for path in pages}
    assert after == before
    assert target.getLayout() == "composite-view"
