"""A Manager undoes (Zope's Undo) the transaction of a save, then editors and
visitors carry on.

Undo brings the stored arrangement back with its version; the next save must
not hand out a version an undone save already gave to other content: an
editor who read it would have a stale save accepted (another editor's save
silently lost), and a browser holding the undone page's ETag would be told
that the new page is the one it has.
"""

from collective.composite import arrangement
from collective.composite.arrangement import versioning
from collective.composite.arrangement.reading import version_of
from collective.composite.arrangement.storage import ArrangementStorage
from collective.composite.arrangement.storage import find
from functional_fixtures import PASSWORD
from functional_fixtures import text_widget
from plone import api
from plone.testing import zodb
from rest_client import PublisherApp
from ZODB.DB import DB
from ZODB.DemoStorage import DemoStorage
from ZODB.FileStorage import FileStorage

import pytest
import transaction
import webtest


pytestmark = pytest.mark.arrangement(
    {"layout": "two-columns", "slots": {"main": [text_widget("a", "first")]}}
)


@pytest.fixture(autouse=True)
def undoable_database(monkeypatch, tmp_path):
    """Each test's database keeps its changes in a FileStorage, which can
    undo (the functional layer's MappingStorage cannot)."""

    def stack(db=None, name=None):
        changes = FileStorage(str(tmp_path / "changes.fs"))
        return DB(DemoStorage(name=name, base=db.storage, changes=changes))

    monkeypatch.setattr(zodb, "stackDemoStorage", stack)


def undo_last(page, described: str = "@composite") -> None:
    """Undo the newest transaction whose description (the ZMI's Undo tab
    lists a request's by its path) has ``described``, as a Manager does
    there, and commit."""
    db = page._p_jar.db()
    saves = [each for each in db.undoLog(0, 20) if described in each["description"]]
    db.undo(saves[0]["id"])
    transaction.commit()
    page._p_jar.sync()


def save(client, page, version: str, body: str) -> tuple[int, str]:
    """PATCH the page's main slot to one text saying ``body``.

    :returns: the status and the version answered.
    """
    response = client.patch(
        f"{page.absolute_url()}/@composite",
        json={"version": version, "slots": {"main": [text_widget("a", body)]}},
    )
    return response.status_int, response.json.get("version") or response.json[
        "error"
    ].get("version")


@pytest.fixture
def undone(arranged, editor):
    """The editor saved version "2" (``undone``), which a Manager undid."""
    status, version = save(editor, arranged, "1", "undone")
    assert (status, version) == (200, "2")
    undo_last(arranged)
    assert arrangement.get(arranged).version == "1"
    return arranged


def test_undo_brings_back_the_arrangement_and_its_version(undone):
    state = arrangement.get(undone)
    assert state.slots["main"][0].settings["text"] == "<p>first</p>"
    assert state.version == "1"


def test_a_save_after_an_undo_gets_a_version_never_given_before(undone, editor):
    status, version = save(editor, undone, "1", "other")
    assert status == 200
    assert version not in {"1", "2"}
    assert arrangement.get(undone).version == version


def test_a_save_based_on_the_undone_version_is_refused(undone, editor):
    # Another editor saves over the undo; the first one still has "2" open.
    save(editor, undone, "1", "other")
    status, current = save(editor, undone, "2", "stale")
    assert status == 409
    assert arrangement.get(undone).slots["main"][0].settings["text"] == "<p>other</p>"
    assert current == arrangement.get(undone).version


@pytest.fixture
def get_view(arranged, functional_app, functional_portal):
    """GET the page's real view as the editor, with HTTP caching enabled."""
    setup = functional_portal.portal_setup
    for profile in (
        "plone.app.caching:default",
        "plone.app.caching:with-caching-proxy",
        "collective.composite:default",
    ):
        setup.runAllImportStepsFromProfile(f"profile-{profile}")
    api.portal.set_registry_record(
        "plone.caching.interfaces.ICacheSettings.enabled", True
    )
    transaction.commit()
    client = webtest.TestApp(PublisherApp(functional_app), lint=False)
    client.set_authorization(("Basic", ("editor", PASSWORD)))

    def get(headers=None):
        return client.get(
            f"/{arranged.virtual_url_path()}/@@composite-view",
            headers={"Host": "nohost", **(headers or {})},
            expect_errors=True,
        )

    return get


def test_a_browser_holding_the_undone_page_gets_the_new_one(arranged, editor, get_view):
    save(editor, arranged, "1", "undone")
    etag = get_view().headers["ETag"]
    undo_last(arranged)
    save(editor, arranged, "1", "saved over the undo")
    response = get_view({"If-None-Match": etag})
    assert response.status_int == 200
    assert "saved over the undo" in response.text


def test_saves_after_the_first_one_after_an_undo_go_on(undone, editor):
    _status, version = save(editor, undone, "1", "other")
    status, later = save(editor, undone, version, "later")
    assert status == 200
    assert later not in {"1", "2", version}
    items = editor.get(f"{undone.absolute_url()}/@composite-history").json["items"]
    assert items[0]["version"] == later
    assert items[1]["version"] == version


def test_a_revert_after_an_undo_gets_a_version_never_given_before(
    versioned_notes_page,
):
    page = versioned_notes_page
    first = arrangement.get(page).widgets[0]
    undone = arrangement.update_widget(page, first.id, {"title": "undone"})
    transaction.commit()
    undo_last(page, described="")
    versioning.revert(page, page.saved)
    transaction.commit()
    assert arrangement.get(page).version not in {"3", undone}


def test_a_page_saved_before_revisions_were_kept_gets_new_versions_too(
    arranged, editor
):
    storage = find(arranged)
    storage.head, storage.kept = None, 0
    transaction.commit()
    _status, undone = save(editor, arranged, "1", "undone")
    undo_last(arranged)
    status, version = save(editor, arranged, "1", "other")
    assert status == 200
    assert version not in {"1", undone}


def test_a_record_stored_before_epochs_keeps_its_version_and_its_shape():
    storage = ArrangementStorage.__new__(ArrangementStorage)
    storage.__setstate__(("two-columns", 7, None, None, 0, None))
    assert version_of(storage) == "7"
    assert len(storage.__getstate__()) == 6
