"""The collective.composite benchmark suite, run by ``make bench``.

Everything is measured in one process, side by side, on one Plone site in a
FileStorage, through the real WSGI publisher as an anonymous visitor (webtest,
``Host: localhost``):

- the real view of a composite page with N widgets of mixed types against a
  plain Document whose text is the same HTML, and against a plone.app.mosaic
  page with the same N pieces as tiles;
- design mode (as the admin) against the real view;
- bytes appended to the FileStorage by saving a one-widget change through the
  REST service (and by the same change of one tile on the mosaic page), and the
  latency of that save;
- the editor bundle's minified and gzipped size;
- a load run with wrk against a served instance: composite page against
  Document.

Each measurement checks the HTML really holds every widget, so no figure can
come from an empty page. Results go to ``benchmarks/results/`` as JSON and
Markdown. See docs/performance.md.

Usage: python benchmarks/bench.py [--sizes 5 20 100 1000] [--load-seconds 60]
"""

from pathlib import Path
from serving import serving

import argparse
import browser_bench
import cluster_bench
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
EDITOR = ROOT / "src" / "collective" / "composite" / "static" / "editor"
SITE = "Plone"
ADMIN = ("admin", "admin")
HOST = "localhost"
# The widget types in the order they repeat on a page (mixed types).
MIX = ("text", "content", "text", "image", "html", "text", "content", "listing")
SORTS = ("sortable_title", "created", "modified", "getObjPositionInParent")
# Timed renders per measurement stop at this many, or at this many seconds.
MAX_REPEATS = 100
BUDGET_SECONDS = 12.0
MIN_REPEATS = 5

ZOPE_CONF = """\
instancehome {dir}
clienthome {dir}
debug-mode off
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8
<environment>
    CHAMELEON_CACHE {dir}/cache
</environment>
<zodb_db main>
    cache-size 100000
    <filestorage>
        path {dir}/Data.fs
        blob-dir {dir}/blobs
    </filestorage>
    mount-point /
</zodb_db>
"""


def publish(api, obj):
    """Publish ``obj`` when its type has a workflow (images have none)."""
    if api.content.get_state(obj, default=None) is not None:
        api.content.transition(obj, "publish")


def load_average():
    """The machine's load average over the last minute, or None where the
    platform has none."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


@contextlib.contextmanager
def watched(loads, section):
    """Record the load average before and after ``section`` in ``loads``, and
    warn on the console when it was above the number of CPUs: the timings of
    that section then depend on what else ran on the machine."""
    cpus = os.cpu_count() or 1
    before = load_average()
    yield
    after = load_average()
    busy = any(value is not None and value > cpus for value in (before, after))
    loads.append({"section": section, "before": before, "after": after, "busy": busy})
    if busy:
        print(
            f"WARNING: load average {before} -> {after} during {section!r}, above "
            f"the {cpus} CPUs: its timings are noisy.",
            file=sys.stderr,
            flush=True,
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Bench:
    """The site under test, built once, and the measurements on it."""

    def __init__(self, workdir: Path):
        from Zope2.Startup.run import make_wsgi_app

        self.workdir = workdir
        (workdir / "cache").mkdir(parents=True, exist_ok=True)
        conf = workdir / "zope.conf"
        conf.write_text(ZOPE_CONF.format(dir=workdir))
        self.wsgi = make_wsgi_app({}, str(conf))
        import webtest

        self.http = webtest.TestApp(self.wsgi, lint=False)
        self.data_fs = workdir / "Data.fs"

    # -- building the site ------------------------------------------------

    def build(self, sizes):
        """Create the site, the referenced items and one composite page,
        Document and mosaic page for each N."""
        from AccessControl.SecurityManagement import newSecurityManager
        from plone import api
        from Products.CMFPlone.factory import addPloneSite
        from Testing.makerequest import makerequest
        from zope.component.hooks import setSite
        from zope.globalrequest import setRequest

        import transaction
        import Zope2

        app = makerequest(Zope2.app())
        app.REQUEST["HTTP_HOST"] = HOST
        setRequest(app.REQUEST)
        app.acl_users.userFolderAddUser(*ADMIN, ["Manager"], [])
        admin = app.acl_users.getUserById(ADMIN[0])
        newSecurityManager(None, admin.__of__(app.acl_users))
        addPloneSite(
            app,
            SITE,
            distribution_name="classic",
            setup_content=False,
            default_language="en",
        )
        site = app[SITE]
        setSite(site)
        for profile in ("plone.app.mosaic:default", "collective.composite:default"):
            site.portal_setup.runAllImportStepsFromProfile(f"profile-{profile}")
        self.items = self._items(site, api)
        transaction.commit()
        self.pages = {}
        for size in sizes:
            self.pages[size] = self._composite(site, api, size)
            transaction.commit()
        pieces_of = {size: self._pieces(size) for size in sizes}
        # The requests above reset the site and the security manager.
        setSite(site)
        setRequest(app.REQUEST)
        newSecurityManager(None, admin.__of__(app.acl_users))
        self.documents = {}
        for size, pieces in pieces_of.items():
            document = self._document(site, api, size, pieces)
            self._mosaic(site, api, size, pieces)
            transaction.commit()
            self.documents[size] = (pieces, document.text._raw_holder._p_oid)
        app._p_jar.close()

    def _items(self, site, api):
        from io import BytesIO
        from plone.namedfile.file import NamedBlobImage

        import PIL.Image

        folder = api.content.create(
            site, "Folder", id="referenced", title="Referenced items"
        )
        publish(api, folder)
        documents, images = [], []
        for index in range(10):
            document = api.content.create(
                folder,
                "Document",
                id=f"document-{index}",
                title=f"Referenced document {index}",
                description=f"The summary of referenced document {index}.",
            )
            publish(api, document)
            documents.append(document.UID())
            out = BytesIO()
            PIL.Image.new("RGB", (400, 300), (index * 20, 90, 140)).save(out, "PNG")
            image = api.content.create(
                folder, "Image", id=f"image-{index}", title=f"Picture {index}"
            )
            image.image = NamedBlobImage(data=out.getvalue(), filename="p.png")
            image.reindexObject()
            publish(api, image)
            images.append(image.UID())
        return {"documents": documents, "images": images}

    def _widget(self, index):
        kind = MIX[index % len(MIX)]
        if kind == "text":
            text = (
                f"<h3>Section {index}</h3><p>Paragraph {index} of the page, with "
                f"<strong>some</strong> <a href='https://example.org/{index}'>links"
                f"</a> and enough words to look like real copy.</p>"
            )
            settings = {"text": text}
        elif kind == "content":
            documents = self.items["documents"]
            settings = {"uid": documents[index % len(documents)], "display": "summary"}
        elif kind == "image":
            images = self.items["images"]
            settings = {
                "uid": images[index % len(images)],
                "scale": "preview",
                "caption": f"Caption {index}",
            }
        elif kind == "html":
            settings = {"html": f"<blockquote><p>Quote number {index}</p></blockquote>"}
        else:
            # Every listing of a page makes a different query.
            number = index // len(MIX)
            settings = {
                "title": f"Latest {index}",
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["Document"],
                    }
                ],
                "sort_on": SORTS[number % len(SORTS)],
                "sort_reversed": bool(number // len(SORTS) % 2),
                "limit": 3,
                "display": "titles",
            }
        return {"id": f"w{index}", "type": kind, "settings": settings}

    def _composite(self, site, api, size):
        from collective.composite import arrangement

        page = api.content.create(
            site, "Composite Page", id=f"composite-{size}", title=f"Composite {size}"
        )
        widgets = [self._widget(index) for index in range(size)]
        arrangement.save(page, {"slots": {"main": widgets}}, version=None)
        publish(api, page)
        return [widget["id"] for widget in widgets]

    def _pieces(self, size):
        """The rendered HTML of each widget of composite-N, as visitors get it."""
        from lxml import html as lxml_html

        response = self.get(f"/{SITE}/composite-{size}")
        tree = lxml_html.fromstring(response.text)
        pieces = [
            lxml_html.tostring(node, encoding="unicode")
            for node in tree.xpath('//div[contains(@class, "composite-widget ")]')
        ]
        assert len(pieces) == size, (size, len(pieces))
        return pieces

    def _document(self, site, api, size, pieces):
        from plone.app.textfield.value import RichTextValue

        document = api.content.create(
            site, "Document", id=f"document-{size}", title=f"Document {size}"
        )
        document.text = RichTextValue(
            "\n".join(pieces), "text/html", "text/x-html-safe"
        )
        document.reindexObject()
        publish(api, document)
        return document

    def _mosaic(self, site, api, size, pieces):
        """A Document with a custom mosaic layout: one rich-text tile per
        piece, the tiles' data stored on the page as the mosaic editor does."""
        from plone.tiles.interfaces import ITileDataManager

        page = api.content.create(
            site, "Document", id=f"mosaic-{size}", title=f"Mosaic {size}"
        )
        rows = []
        request = site.REQUEST
        request.set("X-Tile-Persistent", "yes")
        for index, piece in enumerate(pieces):
            tile_id = f"tile-{index}"
            url = f"./@@plone.app.standardtiles.html/{tile_id}"
            tile = page.restrictedTraverse(url[2:])
            ITileDataManager(tile).set({"content": piece})
            rows.append(
                '<div class="mosaic-grid-row"><div class="mosaic-grid-cell '
                'mosaic-width-full mosaic-position-leftmost"><div class="movable '
                'removable mosaic-tile mosaic-plone.app.standardtiles.html-tile">'
                f'<div class="mosaic-tile-content"><div data-tile="{url}">'
                "</div></div></div></div></div>"
            )
        page.customContentLayout = (
            '<!DOCTYPE html><html lang="en" data-layout="./@@page-site-layout">'
            '<body><div data-panel="content">' + "".join(rows) + "</div></body></html>"
        )
        page.setLayout("layout_view")
        page.reindexObject()
        publish(api, page)

    # -- measuring ---------------------------------------------------------

    def get(self, path, auth=None, status=200):
        headers = {"Host": HOST}
        if auth:
            self.http.authorization = ("Basic", auth)
        try:
            response = self.http.get(path, headers=headers, status=status)
        finally:
            self.http.authorization = None
        return response

    def timed(self, pages, auth=None):
        """Warm renders, then timed renders of each page, taking turns so that
        whatever else runs on the machine weighs on every page alike.

        :param pages: name to ``(path, check)`` or ``(path, check, prepare)``;
            ``check(html)`` must hold for every response; ``prepare()``, when
            given, runs before each render of the page, untimed.
        :returns: name to times in ms.
        """
        pages = {name: (*page, None)[:3] for name, page in pages.items()}
        before = time.perf_counter()
        for path, check, _prepare in pages.values():
            check(self.get(path, auth).text)
        # Very slow pages (mosaic at N=1000) get fewer repeats.
        least = MIN_REPEATS if time.perf_counter() - before < 3 else 3
        for path, check, _prepare in pages.values():
            check(self.get(path, auth).text)
        times = {name: [] for name in pages}
        budget = BUDGET_SECONDS * len(pages)
        started = time.perf_counter()
        rounds = 0
        while rounds < MAX_REPEATS and (
            rounds < least or time.perf_counter() - started < budget
        ):
            for name, (path, check, prepare) in pages.items():
                if prepare is not None:
                    prepare()
                before = time.perf_counter()
                response = self.get(path, auth)
                times[name].append((time.perf_counter() - before) * 1000)
                check(response.text)
            rounds += 1
        return times

    def render_figures(self, size):
        ids = self.pages[size]

        def every_widget(html):
            missing = [i for i in ids if f'data-widget-id="{i}"' not in html]
            assert not missing, f"{len(missing)} widgets missing, e.g. {missing[:3]}"

        def every_card(html):
            # Design mode sends its cards as JSON in card blocks
            # (design/card_blocks.py): their quotes are escaped.
            missing = [i for i in ids if f'data-widget-id=\\"{i}\\"' not in html]
            assert not missing, f"{len(missing)} cards missing, e.g. {missing[:3]}"

        def every_piece(html):
            found = html.count('class="composite-widget ')
            assert found == size, f"{found} of {size} pieces rendered"

        composite = f"/{SITE}/composite-{size}"
        figures = self.timed(
            {
                "composite": (composite, every_widget),
                "document": (f"/{SITE}/document-{size}", every_piece),
                "composite_cold": (composite, every_widget, forget_memos),
                "document_cold": (
                    f"/{SITE}/document-{size}",
                    every_piece,
                    lambda: forget_transform_cache(self.documents[size][1]),
                ),
            }
        )
        figures |= self.timed({"mosaic": (f"/{SITE}/mosaic-{size}", every_piece)})
        figures |= self.timed(
            {
                "design": (f"{composite}/@@composite-design", every_card),
                "composite_admin": (composite, every_widget),
            },
            auth=ADMIN,
        )
        return {
            name: {
                "median_ms": round(statistics.median(times), 2),
                "p90_ms": round(percentile(times, 0.9), 2),
                "repeats": len(times),
            }
            for name, times in figures.items()
        }

    def token(self):
        response = self.http.post_json(
            f"/{SITE}/@login",
            {"login": ADMIN[0], "password": ADMIN[1]},
            headers={"Host": HOST, "Accept": "application/json"},
        )
        # @login also sets the login cookie, which would make writes need the
        # CSRF token; the Bearer token alone is what a script sends.
        self.http.reset()
        return response.json["token"]

    def save_figures(self, size, token, saves=5):
        """Bytes appended to Data.fs and latency of PATCH @composite making a
        one-widget change, through the REST service, as a client sends it
        (``Prefer: return=minimal``): changing the text of one widget (only
        that widget's settings, by id), the same change sent as the whole
        arrangement with the whole answer (as before ``widgets``), and moving
        one widget (the whole arrangement: a move changes the slots).

        :returns: ``{"text": figures, "text_full": figures, "move": figures}``.
        """

        figures = {
            "text_full": self._saves(size, token, whole(change_text), saves, False),
            "text": self._saves(size, token, text_by_id, saves),
            "move": self._saves(size, token, whole(move_one), saves),
        }
        page = self.get(f"/{SITE}/composite-{size}").text
        assert f"Changed {saves}" in page
        return figures

    def aged_save_figures(self, size, token, saves=5):
        """:meth:`save_figures` on a page saved more often than its history
        keeps revisions (past the retention, which is 50 by default): the
        page is first saved that often with moves, in this process."""
        from collective.composite import arrangement
        from collective.composite.arrangement.revisions import retention_limit
        from collective.composite.arrangement.revisions import slack

        import transaction

        with self.as_admin() as site:
            page = site[f"composite-{size}"]
            retention = retention_limit()
            for _save in range(retention + slack(retention) + 1):
                main = arrangement.get(page).slots["main"]
                arrangement.move_widget(page, main[-1].id, "main", 0)
                transaction.commit()
        return {**self.save_figures(size, token, saves), "aged_by": retention}

    @contextlib.contextmanager
    def as_admin(self):
        """The site, in a connection of its own, as the admin."""
        from AccessControl.SecurityManagement import newSecurityManager
        from AccessControl.SecurityManagement import noSecurityManager
        from Testing.makerequest import makerequest
        from zope.component.hooks import setSite
        from zope.globalrequest import setRequest

        import Zope2

        app = makerequest(Zope2.app())
        # As when the site was built: URLs made now name the served host.
        app.REQUEST["HTTP_HOST"] = HOST
        setRequest(app.REQUEST)
        admin = app.acl_users.getUserById(ADMIN[0])
        newSecurityManager(None, admin.__of__(app.acl_users))
        site = app[SITE]
        setSite(site)
        try:
            yield site
        finally:
            noSecurityManager()
            setRequest(None)
            app._p_jar.close()

    def _saves(self, size, token, change, saves, minimal=True):
        """:param change: ``change(state, attempt)``, the body of the PATCH
            (without the version) from the GET's answer.
        :param minimal: whether to ask for the minimal answer."""
        url = f"/{SITE}/composite-{size}/@composite"
        headers = self._bearer(token)
        patch_headers = {**headers, "Prefer": "return=minimal"} if minimal else headers
        sizes, times = [], []
        for attempt in range(saves + 1):
            state = self.http.get(url, headers=headers).json
            body = {"version": state["version"], **change(state, attempt)}
            before_size = self.data_fs.stat().st_size
            before = time.perf_counter()
            response = self.http.patch_json(url, body, headers=patch_headers)
            elapsed = (time.perf_counter() - before) * 1000
            assert response.json["version"] != state["version"]
            if attempt:  # the first save may write one-off structures
                times.append(elapsed)
                sizes.append(self.data_fs.stat().st_size - before_size)
                breakdown = last_transaction_breakdown()
        return {
            **byte_figures(sizes, breakdown),
            "word_list_bytes": word_list_bytes(f"composite-{size}"),
            "save_median_ms": round(statistics.median(times), 2),
            "save_p90_ms": round(percentile(times, 0.9), 2),
        }

    def document_save_figures(self, size, token, saves=3):
        """Bytes appended by the same text change on document-N, through
        plone.restapi (PATCH of the whole rich text, as Plone's editors send
        it; Plone reindexes the Document and keeps a CMFEditions version)."""
        pieces, _oid = self.documents[size]
        url = f"/{SITE}/document-{size}"
        headers = self._bearer(token)
        sizes, times = [], []
        for attempt in range(saves + 1):
            changed = [f"<p>Changed {attempt}</p>", *pieces[1:]]
            before_size = self.data_fs.stat().st_size
            before = time.perf_counter()
            self.http.patch_json(
                url,
                {"text": {"data": "\n".join(changed), "content-type": "text/html"}},
                headers=headers,
                status=204,
            )
            elapsed = (time.perf_counter() - before) * 1000
            if attempt:
                times.append(elapsed)
                sizes.append(self.data_fs.stat().st_size - before_size)
                breakdown = last_transaction_breakdown()
        assert f"Changed {saves}" in self.get(url).text
        return {
            **byte_figures(sizes, breakdown),
            "word_list_bytes": word_list_bytes(f"document-{size}"),
            "save_median_ms": round(statistics.median(times), 2),
        }

    def reindex_ms(self, size, rounds=5):
        """The median time of Plone's full-text index reindexing the
        SearchableText of composite-N alone (what a save that changes words
        pays at the least, whatever the add-on does), in this process."""
        import transaction

        with self.as_admin() as site:
            page = site[f"composite-{size}"]
            catalog = site.portal_catalog
            path = "/".join(page.getPhysicalPath())
            times = []
            for _round in range(rounds + 1):
                before = time.perf_counter()
                catalog.catalog_object(
                    page, path, idxs=["SearchableText"], update_metadata=0
                )
                times.append((time.perf_counter() - before) * 1000)
                transaction.abort()
        return round(statistics.median(times[1:]), 2)

    def save_without_fulltext_ms(self, size, token, saves=5):
        """The median latency of the text change's PATCH (as *latency*
        sends it) with Plone's full-text index (ZCTextIndex) doing nothing:
        the part of the save that is not the index's, measured in the same
        way in the same run. The index is left behind the page's text; the
        next save that changes words brings it up to date."""
        from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
        from unittest import mock

        with mock.patch.object(ZCTextIndex, "index_object", return_value=0):
            figures = self._saves(size, token, text_by_id, saves)
        return figures["save_median_ms"]

    def fulltext_ms(self, size, rounds=5):
        """The median time Plone's full-text index (ZCTextIndex) takes by
        itself to take composite-N's text with one more word, given the
        text: what a save that changes words pays the catalog, however the
        add-on works the text out (in this process)."""
        from collective.composite.catalog.indexers import page_text

        import transaction

        with self.as_admin() as site:
            page = site[f"composite-{size}"]
            catalog = site.portal_catalog._catalog
            rid = catalog.uids["/".join(page.getPhysicalPath())]
            index = catalog.getIndex("SearchableText").index
            text = page_text(page)
            times = []
            for attempt in range(rounds + 1):
                changed = f"{text} Changed{attempt}"
                before = time.perf_counter()
                index.index_doc(rid, changed)
                times.append((time.perf_counter() - before) * 1000)
                transaction.abort()
        return round(statistics.median(times[1:]), 2)

    def _bearer(self, token):
        return {
            "Host": HOST,
            "Accept": "application/json",
            "Authorization": f"Bearer {token}",
        }

    def mosaic_save_bytes(self, size, saves=3):
        """Bytes appended by changing one tile of mosaic-N as the mosaic
        editor's save does: the layout field is submitted again with the page,
        one tile's data changes, the page is reindexed."""
        from AccessControl.SecurityManagement import newSecurityManager
        from plone.tiles.interfaces import ITileDataManager
        from Testing.makerequest import makerequest
        from zope.component.hooks import setSite
        from zope.event import notify
        from zope.globalrequest import setRequest
        from zope.lifecycleevent import ObjectModifiedEvent

        import transaction
        import Zope2

        grown = []
        for attempt in range(saves):
            app = makerequest(Zope2.app())
            setRequest(app.REQUEST)
            admin = app.acl_users.getUserById(ADMIN[0])
            newSecurityManager(None, admin.__of__(app.acl_users))
            site = app[SITE]
            setSite(site)
            page = site[f"mosaic-{size}"]
            app.REQUEST.set("X-Tile-Persistent", "yes")
            tile = page.restrictedTraverse("@@plone.app.standardtiles.html/tile-0")
            before = self.data_fs.stat().st_size
            ITileDataManager(tile).set({"content": f"<p>Changed {attempt}</p>"})
            page.customContentLayout = str(page.customContentLayout)
            notify(ObjectModifiedEvent(page))
            transaction.commit()
            grown.append(self.data_fs.stat().st_size - before)
            app._p_jar.close()
        return int(statistics.median(grown))


def mixed_widget(items, index):
    """The widget at ``index`` of the benchmark's mixed page, showing
    ``items`` (``{"documents": [uid], "images": [uid]}``), for pages built
    elsewhere (the scale-out run's, through the REST API)."""
    return Bench._widget(types.SimpleNamespace(items=items), index)


def whole(change):
    """A PATCH body of the whole main slot, as the GET gave it, changed by
    ``change(main, attempt)``."""

    def body(state, attempt):
        main = [
            {key: widget[key] for key in ("id", "type", "settings")}
            for widget in state["slots"]["main"]
        ]
        change(main, attempt)
        return {"slots": {"main": main}}

    return body


def change_text(main, attempt):
    """Change the text of the first text widget of a slot's entries."""
    text = next(w for w in main if w["type"] == "text")
    text["settings"] = {"text": f"<p>Changed {attempt}</p>"}


def text_by_id(state, attempt):
    """The PATCH body changing only the settings of the first text widget of
    the main slot (``widgets``), as :func:`change_text` changes them."""
    text = next(w for w in state["slots"]["main"] if w["type"] == "text")
    settings = {"text": f"<p>Changed {attempt}</p>"}
    return {"widgets": {text["id"]: {"settings": settings}}}


def move_one(main, attempt):
    """Move the second of a slot's entries to the top."""
    main.insert(0, main.pop(1))


def forget_memos():
    """Empty the process's memos of filtered HTML, text and HTML widgets'
    pieces, listing queries and catalog results (the listings' and the
    page's items), as after a restart (the results also after any catalog
    change)."""
    from collective.composite.widgets import composed
    from collective.composite.widgets import htmlfilter
    from collective.composite.widgets import listingquery

    htmlfilter.memo.clear()
    composed.memo.clear()
    listingquery.memo.clear()
    listingquery.queries.clear()


def forget_transform_cache(oid):
    """Turn the object ``oid`` into a ghost in every connection of the
    process, so that its volatile attributes (Plone keeps a Document's
    transformed text in ``_v_transform_cache`` on its text's holder) are gone,
    as after a restart."""
    import Zope2

    for connection in Zope2.DB.pool.all:
        obj = connection._cache.get(oid)
        if obj is not None:
            obj._p_invalidate()


def byte_figures(sizes, breakdown):
    """Median and largest transaction, and the last one's records by kind."""
    return {
        "bytes_by_class": breakdown,
        "arrangement_bytes": sum(
            size
            for name, size in breakdown.items()
            if name.startswith("collective.composite.")
        ),
        "catalog_bytes": sum(
            size for name, size in breakdown.items() if name.startswith("catalog")
        ),
        "bytes_median": int(statistics.median(sizes)),
        "bytes_max": max(sizes),
    }


def last_transaction_breakdown():
    """Bytes of the records of the last committed transaction, by class.

    :returns: ``{"module.Class": bytes}``, largest first.
    """
    from ZODB.utils import get_pickle_metadata

    import Zope2

    storage = Zope2.DB.storage
    last = storage.lastTransaction()
    labels = catalog_labels()
    by_class = {}
    for transaction in storage.iterator(start=last, stop=last):
        for record in transaction:
            module, name = get_pickle_metadata(record.data)
            key = labels.get(record.oid, f"{module}.{name}")
            by_class[key] = by_class.get(key, 0) + len(record.data)
    return dict(sorted(by_class.items(), key=lambda item: -item[1]))


def word_list_bytes(page_id):
    """The size of the page's own entry in the SearchableText index's
    ``_docwords``: what reindexing its text rewrites at the least, however the
    index's buckets are shared."""
    import Zope2

    connection = Zope2.DB.open()
    try:
        site = connection.root()["Application"][SITE]
        catalog = site.portal_catalog._catalog
        rid = catalog.uids["/".join((*site.getPhysicalPath(), page_id))]
        return len(catalog.getIndex("SearchableText").index._docwords[rid])
    finally:
        connection.close()


def catalog_labels():
    """Names for the catalog's persistent structures, by oid."""
    import Zope2

    connection = Zope2.DB.open()
    try:
        catalog = connection.root()["Application"][SITE].portal_catalog._catalog
        labels = {}
        for name in ("data", "paths", "uids"):
            labels[getattr(catalog, name)._p_oid] = f"catalog {name} (metadata)"
        for index_name in catalog.indexes:
            index = catalog.getIndex(index_name)
            inner = getattr(index, "index", index)
            for attribute, value in vars(inner).items():
                oid = getattr(value, "_p_oid", None)
                if oid is not None:
                    labels[oid] = f"catalog index {index_name}.{attribute}"
        return labels
    finally:
        connection.close()


def profile(bench, page, renders=20):
    """Print where the time of rendering ``page`` goes (cProfile)."""
    import cProfile
    import pstats

    path = f"/{SITE}/{page}"
    bench.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        bench.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(25)


def bundle_size():
    """The editor bundle's files, minified (as built) and gzipped."""
    files = {}
    for path in sorted(EDITOR.glob("*.js")) + sorted(EDITOR.glob("*.css")):
        data = path.read_bytes()
        files[path.name] = {
            "minified": len(data),
            "gzipped": len(gzip.compress(data, compresslevel=9, mtime=0)),
        }
    total = sum(item["gzipped"] for item in files.values())
    return {"files": files, "gzipped_total": total}


LOAD_SLICE_SECONDS = 15


def load_run(bench, size, seconds):
    """wrk against the real view and the Document, served by waitress (4
    threads) from this process, ``seconds`` for each page, in turns of 15 s so
    that whatever else runs on the machine weighs on both alike.

    :returns: per page requests, requests per second, errors and the median
        over the turns of wrk's latency percentiles (ms).
    """
    wrk = shutil.which("wrk")
    if wrk is None or seconds <= 0:
        return None
    turns = max(1, round(seconds / LOAD_SLICE_SECONDS))
    duration = max(1, round(seconds / turns))
    runs = {"composite": [], "document": []}
    with serving(bench.wsgi, HOST, threads=4) as port:
        for _turn in range(turns):
            for name, outputs in runs.items():
                url = f"http://{HOST}:{port}/{SITE}/{name}-{size}"
                outputs.append(
                    subprocess.run(
                        [
                            wrk,
                            "-t2",
                            "-c8",
                            f"-d{duration}s",
                            "--latency",
                            url,
                        ],
                        capture_output=True,
                        text=True,
                        timeout=seconds + 60,
                        check=True,
                    ).stdout
                )
    return {
        name: wrk_figures(outputs, duration * turns) for name, outputs in runs.items()
    }


def wrk_figures(outputs, seconds):
    """Requests, errors and latency of several wrk runs against one page."""
    requests = errors = 0
    p50, p90 = [], []
    for output in outputs:
        requests += int(re.search(r"(\d+) requests in", output)[1])
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        errors += int(non_2xx[1]) if non_2xx else 0
        if socket_errors:
            errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
        # The lines of "Latency Distribution", not a "+/- Stdev" figure such
        # as "80.90%".
        p50.append(wrk_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]))
        p90.append(wrk_ms(re.search(r"^\s+90%\s+(\S+)", output, re.M)[1]))
    return {
        "requests": requests,
        "rps": round(requests / seconds, 2),
        "errors": errors,
        "latency_p50": f"{statistics.median(p50):.2f}ms",
        "latency_p90": f"{statistics.median(p90):.2f}ms",
        "seconds": seconds,
        "turns": len(outputs),
    }


def wrk_ms(text):
    """A wrk duration (``830.00us``, ``264.46ms``, ``1.02s``) in ms."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def ratio(a, b):
    return round(a / b, 2) if b else None


def markdown(result):
    lines = [
        "# collective.composite benchmark",
        "",
        f"Run {result['when']} on {result['machine']}; Python "
        f"{result['python']}; plone.app.mosaic {result['mosaic']}. Medians and "
        "p90 in milliseconds over warm renders through the WSGI publisher, as "
        "an anonymous visitor (design mode: as the admin).",
        "",
        *load_warning(result),
        "## Rendering",
        "",
        "*cold*: rendered with what the process remembers of the page's "
        "transformed text emptied before each render, as after a restart: for "
        "the composite page its memos of filtered HTML, text and HTML widgets' "
        "pieces, listing queries and catalog results (the listings' and the "
        "page's items; they are also searched again after any catalog change), "
        "for the Document the transform cache of its rich text.",
        "",
        "| N | composite | Document | mosaic | composite/Document | "
        "composite/mosaic | composite cold | Document cold | cold ratio | "
        "design | design/real (admin) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in result["sizes"].items():
        r = row["render"]

        def cell(name, r=r):
            return f"{r[name]['median_ms']} (p90 {r[name]['p90_ms']})"

        lines.append(
            f"| {size} | {cell('composite')} | {cell('document')} | "
            f"{cell('mosaic')} | **{row['composite_per_document']}** | "
            f"{row['composite_per_mosaic']} | {cell('composite_cold')} | "
            f"{cell('document_cold')} | {row['cold_per_document']} | "
            f"{cell('design')} | {row['design_per_real']} |"
        )
    lines += [
        "",
        "## Saving one widget",
        "",
        "Bytes appended to Data.fs by one save (the whole transaction), median of "
        "five; *arrangement* is the add-on's own records "
        "(collective.composite.arrangement.storage), *catalog* the catalog's. "
        "The composite page is saved with PATCH @composite; the Document gets "
        "the same text change through plone.restapi (the whole rich text, as "
        "Plone's editors send it); the mosaic page the same change of one tile. "
        "*word list*: the page's own entry in the SearchableText index, which "
        "reindexing its text rewrites at the least (in this small site one bucket "
        "of the index holds every page's entry, so each reindex rewrites them all). "
        "*latency*: the text change's PATCH sending only that widget's settings "
        "(`widgets`) with `Prefer: return=minimal`; *whole body*: the same change "
        "sent as the whole arrangement, answered with the whole arrangement; "
        "*reindex alone*: the catalog reindexing the composite page's "
        "SearchableText, unchanged, by itself (the add-on working out the "
        "text, Plone's full-text index splitting it and finding no change); "
        "*full-text index alone*: Plone's full-text index (ZCTextIndex) taking "
        "the page's text with one more word, given the text, which a save that "
        "changes words pays whatever the add-on does; *latency without it*: the "
        "text change's PATCH again, with the full-text index doing nothing (what "
        "the rest of the save takes); *Document: latency*: the Document's PATCH.",
        "",
        "| N | move: bytes | arrangement | catalog | text: bytes | arrangement "
        "| catalog | page's word list | Document: bytes | catalog | "
        "Document's word list | mosaic: bytes | latency median | p90 | "
        "whole body: median | reindex alone | full-text index alone | "
        "latency without it | Document: latency |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
        "|---:|---:|---:|---:|",
    ]
    for size, row in result["sizes"].items():
        move, text = row["save"]["move"], row["save"]["text"]
        document = row["document_save"]
        lines.append(
            f"| {size} | **{move['bytes_median']}** | {move['arrangement_bytes']} "
            f"| {move['catalog_bytes']} | {text['bytes_median']} | "
            f"**{text['arrangement_bytes']}** | {text['catalog_bytes']} | "
            f"{text['word_list_bytes']} | {document['bytes_median']} | "
            f"{document['catalog_bytes']} | {document['word_list_bytes']} | "
            f"{row['mosaic_save_bytes']} | {text['save_median_ms']} ms | "
            f"{text['save_p90_ms']} ms | {whole_body_ms(row['save'])} | "
            f"{ms_or_dash(row.get('reindex_ms'))} | "
            f"{ms_or_dash(row.get('fulltext_ms'))} | "
            f"{ms_or_dash(row.get('save_without_fulltext_ms'))} | "
            f"{ms_or_dash(document.get('save_median_ms'))} |"
        )
    lines += [
        "",
        "The same saves on the page once it was saved more often than its "
        "history keeps revisions (past the retention of "
        f"{first_aged(result)}), where the history is cut now and then:",
        "",
        "| N | move: bytes | arrangement | text: bytes | arrangement | "
        "latency median | p90 | whole body: median |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in result["sizes"].items():
        aged = row.get("aged_save")
        if not aged:
            continue
        move, text = aged["move"], aged["text"]
        lines.append(
            f"| {size} | **{move['bytes_median']}** | {move['arrangement_bytes']} "
            f"| {text['bytes_median']} | **{text['arrangement_bytes']}** | "
            f"{text['save_median_ms']} ms | {text['save_p90_ms']} ms | "
            f"{whole_body_ms(aged)} |"
        )
    largest = list(result["sizes"])[-1]
    for kind, label in (
        ("move", "moving a widget"),
        ("text", "changing a widget's text"),
    ):
        lines += ["", f"Records written by {label} at N={largest}:", ""]
        breakdown = result["sizes"][largest]["save"][kind]["bytes_by_class"]
        for name, size in breakdown.items():
            lines.append(f"- {name}: {size} B")
    lines += ["", f"Records written by the Document's text change at N={largest}:", ""]
    for name, size in result["sizes"][largest]["document_save"][
        "bytes_by_class"
    ].items():
        lines.append(f"- {name}: {size} B")
    sizes = [int(size) for size in result["sizes"]]
    times = [
        result["sizes"][str(size)]["render"]["composite"]["median_ms"] for size in sizes
    ]
    lines += [
        "",
        "## Linearity",
        "",
        "Real view, milliseconds per added widget between consecutive sizes: "
        + ", ".join(
            f"N={a}→{b}: {(tb - ta) / (b - a):.3f}"
            for a, b, ta, tb in zip(sizes, sizes[1:], times, times[1:], strict=False)
        ),
        "",
        "## Editor bundle",
        "",
        "| file | minified | gzipped |",
        "|---|---:|---:|",
    ]
    for name, item in result["bundle"]["files"].items():
        lines.append(f"| {name} | {item['minified']} B | {item['gzipped']} B |")
    lines.append(f"| total | | **{result['bundle']['gzipped_total']} B** |")
    load = result.get("load")
    lines += ["", "## Load (wrk, 2 threads, 8 connections, waitress 4 threads)", ""]
    if load:
        lines += [
            f"Page with N={result['load_size']} widgets, "
            f"{load['composite']['seconds']} s per page in "
            f"{load['composite']['turns']} turns of each; latency: the median of "
            "the turns' percentiles.",
            "",
            "| page | requests/s | requests | errors | latency p50 | p90 |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, item in load.items():
            lines.append(
                f"| {name} | {item['rps']} | {item['requests']} | {item['errors']} "
                f"| {item['latency_p50']} | {item['latency_p90']} |"
            )
    else:
        lines.append("Not run (wrk missing or --load-seconds 0).")
    lines += browser_bench.markdown(result.get("browser"))
    lines += cluster_bench.markdown(
        result.get("cluster"), (result.get("load") or {}).get("composite")
    )
    lines += load_table(result)
    return "\n".join(lines) + "\n"


def whole_body_ms(save):
    """The median latency of the text change sent as the whole arrangement
    ("-" in results of runs before it was measured)."""
    whole = save.get("text_full")
    return f"{whole['save_median_ms']} ms" if whole else "-"


def ms_or_dash(value):
    """Milliseconds, or "-" for a figure runs before it was measured lack."""
    return "-" if value is None else f"{value} ms"


def first_aged(result):
    """The retention the aged saves went past."""
    for row in result["sizes"].values():
        if row.get("aged_save"):
            return row["aged_save"].get("aged_by")
    return None


def load_warning(result):
    """A warning above the tables when a section ran on a busy machine."""
    busy = [item["section"] for item in result.get("loads", ()) if item["busy"]]
    if not busy:
        return []
    return [
        f"**Warning: the load average was above the machine's {result['cpus']} "
        f"CPUs during {len(busy)} of {len(result['loads'])} sections** "
        f"({', '.join(busy)}): other processes shared the CPUs, so timings "
        "are noisy; the ratios of pages rendered in turns are less affected "
        "than the absolute times. See *Machine load* below.",
        "",
    ]


def load_table(result):
    """The load average (1 minute) before and after each section."""
    loads = result.get("loads")
    if not loads:
        return []
    lines = [
        "",
        "## Machine load",
        "",
        f"Load average over one minute (`os.getloadavg`) before and after each "
        f"section, on {result['cpus']} CPUs; *busy* when above the number of CPUs.",
        "",
        "| section | before | after | |",
        "|---|---:|---:|---|",
    ]
    for item in loads:
        flag = "**busy**" if item["busy"] else ""
        lines.append(
            f"| {item['section']} | {item['before']} | {item['after']} | {flag} |"
        )
    return lines


def browser_markdown(result):
    """results.md of a run with ``--only-browser``: design mode in Chromium."""
    lines = [
        "# collective.composite benchmark: design mode in the browser",
        "",
        f"Run {result['when']} on {result['machine']}.",
        "",
        *load_warning(result),
        *browser_bench.markdown(result.get("browser")),
        *load_table(result),
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[5, 20, 100, 1000])
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-size", type=int, default=20)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--skip-browser",
        action="store_true",
        help="leave out design mode in Chromium (benchmarks/browser_bench.py)",
    )
    parser.add_argument("--browser-rounds", type=int, default=5)
    parser.add_argument(
        "--only-browser",
        action="store_true",
        help="only design mode in Chromium, on a site with just its pages (no "
        "server figures, load run or scale-out)",
    )
    parser.add_argument(
        "--browser-profile",
        type=Path,
        metavar="FILE",
        help="write a CPU profile (.cpuprofile) of the browser's updates",
    )
    parser.add_argument(
        "--skip-cluster",
        action="store_true",
        help="leave out scale-out on RelStorage (benchmarks/cluster_bench.py)",
    )
    parser.add_argument("--cluster-seconds", type=int, default=60)
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        help="only profile renders of a page (e.g. composite-20) with cProfile",
    )
    args = parser.parse_args(argv)
    if args.only_browser:
        args.sizes, args.load_seconds = [], 0
        args.skip_browser, args.skip_cluster = False, True
    from importlib.metadata import version

    workdir = Path(tempfile.mkdtemp(prefix="composite-bench-"))
    try:
        bench = Bench(workdir)
        print(f"Building the site in {workdir} ...", flush=True)
        bench.build(args.sizes)
        if args.profile:
            return profile(bench, args.profile)
        token = bench.token()
        result = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "python": platform.python_version(),
            "mosaic": version("plone.app.mosaic"),
            "sizes": {},
            "cpus": os.cpu_count(),
            "loads": [],
        }
        loads = result["loads"]
        for size in args.sizes:
            print(f"N = {size} ...", flush=True)
            with watched(loads, f"rendering, N={size}"):
                render = bench.render_figures(size)
            with watched(loads, f"saves, N={size}"):
                saves = bench.save_figures(size, token)
                aged = bench.aged_save_figures(size, token)
                document_save = bench.document_save_figures(size, token)
                reindex = bench.reindex_ms(size)
                fulltext = bench.fulltext_ms(size)
                without_fulltext = bench.save_without_fulltext_ms(size, token)
                mosaic_save = bench.mosaic_save_bytes(size)
            result["sizes"][str(size)] = {
                "render": render,
                "composite_per_document": ratio(
                    render["composite"]["median_ms"], render["document"]["median_ms"]
                ),
                "composite_per_mosaic": ratio(
                    render["composite"]["median_ms"], render["mosaic"]["median_ms"]
                ),
                "cold_per_document": ratio(
                    render["composite_cold"]["median_ms"],
                    render["document_cold"]["median_ms"],
                ),
                "design_per_real": ratio(
                    render["design"]["median_ms"],
                    render["composite_admin"]["median_ms"],
                ),
                "save": saves,
                "aged_save": aged,
                "document_save": document_save,
                "reindex_ms": reindex,
                "fulltext_ms": fulltext,
                "save_without_fulltext_ms": without_fulltext,
                "mosaic_save_bytes": mosaic_save,
            }
        result["bundle"] = bundle_size()
        result["load_size"] = args.load_size
        if args.load_size in args.sizes and args.load_seconds:
            print(f"Load: {args.load_seconds} s per page ...", flush=True)
            with watched(loads, f"load run, N={args.load_size}"):
                result["load"] = load_run(bench, args.load_size, args.load_seconds)
        if not args.skip_browser:
            print("Design mode in Chromium ...", flush=True)
            with watched(loads, "design mode in the browser"):
                result["browser"] = browser_bench.browser_figures(
                    bench,
                    site_id=SITE,
                    host=HOST,
                    admin=ADMIN,
                    rounds=args.browser_rounds,
                    cpu_profile=args.browser_profile,
                )
        if not args.skip_cluster and args.cluster_seconds:
            print(f"Scale-out: {args.cluster_seconds} s per configuration ...")
            with watched(loads, f"scale-out, N={args.load_size}"):
                result["cluster"] = cluster_bench.cluster_figures(
                    mixed_widget,
                    wrk_figures,
                    size=args.load_size,
                    seconds=args.cluster_seconds,
                    host=HOST,
                )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown(result) if result["sizes"] else browser_markdown(result)
    (args.output / "results.md").write_text(table)
    print(table)


if __name__ == "__main__":
    sys.exit(main())
