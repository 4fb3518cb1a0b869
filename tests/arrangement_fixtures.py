"""Helpers of the arrangement tests: widget types made for the tests (one
needing an extra permission), a layout with constraints, and peeks behind the
API, and what a hypothesis test of operations on one page needs. The
fixtures using them (``fake_types``, ``functional_notes_page``) live in
integration_fixtures and functional_fixtures."""

from collective.composite import arrangement
from collective.composite.arrangement import reading
from collective.composite.arrangement.storage import KEY
from collective.composite.exceptions import InvalidSettings
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import ISlot
from collective.composite.interfaces import IWidgetType
from collective.composite.layouts.registry import get_layout
from collective.composite.widgets.types import get_widget_type
from contextlib import contextmanager
from dataclasses import dataclass
from hypothesis import HealthCheck
from hypothesis import settings
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.annotation.interfaces import IAnnotations
from zope.component import getGlobalSiteManager
from zope.globalrequest import getRequest
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.browser import TestRequest
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import transaction


class NoteRenderer:
    @staticmethod
    def searchable_text(settings, context) -> str:
        return settings["title"]


@implementer(IWidgetType)
class NoteType:
    """A widget type whose settings are a required ``title`` and a ``body``."""

    schema = Interface
    title = "Note"
    renderer = NoteRenderer

    def __init__(self, name: str, permission: str | None = None):
        self.name = name
        self.permission = permission

    def clean(self, settings, context) -> dict:
        for key in settings:
            if key not in ("title", "body"):
                raise InvalidSettings(f"Unknown setting {key!r}.", field=key)
        title = settings.get("title")
        if not isinstance(title, str) or not title.strip():
            raise InvalidSettings("A note needs a title.", field="title")
        return {**settings, "title": title.strip()}

    def references(self, settings) -> list[str]:
        return []


@implementer(ISlot)
@dataclass(frozen=True)
class PickySlot:
    name: str
    title: str = "A slot"
    allowed: tuple | None = None
    max: int | None = None


@implementer(ILayout)
class PickyLayout:
    """A layout whose ``main`` takes two notes at most."""

    name = "picky"
    title = "Picky"
    slots = (PickySlot("main", allowed=("note",), max=2), PickySlot("aside"))

    def slot(self, name):
        return next((slot for slot in self.slots if slot.name == name), None)


# Each write of the arrangement API, called on a page with at least two
# widgets in ``main``, ``wid`` the id of a ``note`` among them.
WRITES = {
    "set_layout": lambda page, wid: arrangement.set_layout(page, "two-columns"),
    "add_widget": lambda page, wid: arrangement.add_widget(
        page, "main", "note", {"title": "New"}
    ),
    "move_widget": lambda page, wid: arrangement.move_widget(page, wid, "main", 1),
    "update_widget": lambda page, wid: arrangement.update_widget(
        page, wid, {"title": "Changed"}
    ),
    "remove_widget": lambda page, wid: arrangement.remove_widget(page, wid),
    "save": lambda page, wid: arrangement.save(page, {"slots": {}}, None),
}


TYPES = {
    "note": NoteType("note"),
    "memo": NoteType("memo"),
    "secret": NoteType("secret", permission="Manage portal"),
}
LAYOUT_FOR = (ICompositeEnabled, IDefaultBrowserLayer)


@contextmanager
def fake_components():
    """Register the widget types ``note``, ``memo``, ``secret`` (adding one
    needs "Manage portal") and the ``picky`` layout, for the duration."""
    registry = getGlobalSiteManager()
    layout = PickyLayout()
    for name, widget_type in TYPES.items():
        registry.registerUtility(widget_type, IWidgetType, name)
    registry.registerAdapter(
        lambda context, request: layout, LAYOUT_FOR, ILayout, "picky"
    )
    try:
        yield
    finally:
        for name, widget_type in TYPES.items():
            registry.unregisterUtility(widget_type, IWidgetType, name)
        registry.unregisterAdapter(required=LAYOUT_FOR, provided=ILayout, name="picky")


@contextmanager
def modified_events():
    """The IArrangementModifiedEvents notified meanwhile, as a list."""
    received = []
    registry = getGlobalSiteManager()
    registry.registerHandler(received.append, (IArrangementModifiedEvent,))
    try:
        yield received
    finally:
        registry.unregisterHandler(received.append, (IArrangementModifiedEvent,))


def make_page(container, id_="page"):
    """A composite-enabled Document, created as Manager."""
    setRoles(container.portal_url.getPortalObject(), TEST_USER_ID, ["Manager"])
    page = api.content.create(container=container, type="Document", id=id_)
    alsoProvides(page, ICompositeEnabled)
    return page


@contextmanager
def two_connections(db):
    """Two connections to ``db``, each with its own transaction manager, as two
    requests running at once; aborted and closed afterwards.

    :returns: ``(transaction manager, connection)`` pairs.
    """
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    try:
        yield list(zip(managers, connections, strict=True))
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def stored(page):
    """The page's ArrangementStorage (test-only peek behind the API)."""
    return IAnnotations(page)[KEY]


def rewritten(page) -> set[str]:
    """Ids of the widget records changed since the last savepoint."""
    return {wid for wid, record in stored(page).widgets.items() if record._p_changed}


def checkpoint() -> None:
    """Save the pending changes, so that ``_p_changed`` shows only later ones."""
    transaction.savepoint(optimistic=True)


def check_valid(page) -> None:
    """What is stored validates against its layout and widget types."""
    state = arrangement.get(page)
    layout = get_layout(state.layout, page, getRequest() or TestRequest())
    assert list(state.slots) == [slot.name for slot in layout.slots]
    for slot in layout.slots:
        widgets = state.slots[slot.name]
        assert slot.max is None or len(widgets) <= slot.max
        for widget in widgets:
            assert widget.slot == slot.name
            assert slot.allowed is None or widget.type in slot.allowed
    ids = [widget.id for widget in state.widgets]
    assert len(ids) == len(set(ids))
    for widget in state.widgets:
        assert get_widget_type(widget.type).clean(widget.settings, page) == dict(
            widget.settings
        )
    check_remembered(page)


def check_remembered(page) -> None:
    """What reading remembers of the page (its placed widgets, by version,
    carried over by settings-only saves) is what placing the stored widgets
    again gives."""
    storage = IAnnotations(page).get(KEY)
    if storage is None:
        return
    remembered, layout = reading.get_with_layout(page)
    fresh = reading.arranged(layout, storage.widgets, reading.version_of(storage))
    assert remembered == fresh


def operations_on_one_page(max_examples: int) -> settings:
    """Hypothesis settings for a test drawing operations on a page from a
    fixture: the page is shared by the examples (each one undone, see
    :func:`rolled_back`), and a save takes longer than a deadline allows.

    :param max_examples: how many examples to try.
    :returns: the settings, to decorate the test with.
    """
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


@contextmanager
def rolled_back():
    """Undo whatever the block wrote, so the next example starts from the
    fixture's page again."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        savepoint.rollback()
