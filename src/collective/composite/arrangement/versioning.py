"""Plone's versioning (CMFEditions) and working copies (plone.app.iterate).

A content version includes its page's arrangement, as CMFEditions copies the
content's annotations, but not the arrangement's history: a modifier leaves
the revision chain out of the copy. Reverting the content to a version brings
its arrangement back as a new revision of the current history, with the
version counter going on, so an editor's stale version is still refused.
That revision is recorded by :mod:`~collective.composite.arrangement.revisions`
as every save's is, but the revert itself is no
:func:`~collective.composite.arrangement.save`: CMFEditions calls the modifier
on every retrieve, also to only show an old version (in a savepoint it rolls
back), and tells nobody which it is, so the modifier may not check a
permission or the lock, refuse, or notify anything. It hands CMFEditions the
storage the revert stores; CMFEditions checks its own revert permission and
reindexes the page.

A working copy (check-out) is a copy of the page and so gets a copy of its
arrangement. On check-in, plone.app.iterate copies the working copy's
annotations over the baseline's; instead, the working copy's arrangement is
saved onto the baseline through the arrangement API (design permission
checked), as a new revision of the baseline's history.
"""

from Acquisition import aq_base
from collections.abc import Iterator
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.arrangement import revisions
from collective.composite.arrangement.reading import state_data
from collective.composite.arrangement.rights import check_may_design
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import KEY
from collective.composite.arrangement.validation import addable_type
from collective.composite.events import ArrangementModifiedEvent
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import ICompositeEnabled
from contextlib import contextmanager
from plone import api
from Products.CMFEditions.interfaces.IModifier import ICloneModifier
from Products.CMFEditions.interfaces.IModifier import ISaveRetrieveModifier
from Products.CMFEditions.Modifiers import ConditionalTalesModifier
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.interface import alsoProvides
from zope.interface import directlyProvidedBy
from zope.interface import implementer


MODIFIER_ID = "collective.composite.arrangement"


@implementer(ICloneModifier, ISaveRetrieveModifier)
class ArrangementModifier:
    """CMFEditions modifier: versions keep the arrangement without its
    history; a revert continues the current history."""

    def __init__(self, id_: str, title: str):
        self.id = id_
        self.title = title

    def getOnCloneModifiers(self, obj):
        """Leave the revision chain out of the version's copy.

        :returns: CMFEditions' clone callbacks, or None without an arrangement.
        """
        storage = find(obj) if _annotations(obj) is not None else None
        if storage is None or storage.head is None:
            return None
        # Keep a reference: ids of dead objects could be reused meanwhile.
        skipped = {id(storage.head): storage.head}

        def persistent_id(value):
            return True if id(value) in skipped else None

        def persistent_load(_ignored):
            return None

        return persistent_id, persistent_load, [], [], ""

    def beforeSaveModifier(self, obj, clone):
        return {}, [], []

    def afterRetrieveModifier(self, obj, repo_clone, preserve=()):
        """Make the retrieved arrangement the next revision of the working
        copy's: what a revert then stores.

        A retrieve to show an old version builds the same objects, which
        nothing references afterwards: nothing is written then.
        """
        _keep_composite(obj, repo_clone)
        _keep_view_shown(obj, repo_clone)
        live_annotations = _annotations(obj)
        old_annotations = _annotations(repo_clone)
        if live_annotations is None or old_annotations is None:
            return [], [], {}
        live = live_annotations.get(KEY)
        retrieved = old_annotations.get(KEY)
        if live is None:
            return [], [], {}
        after = revisions.current_state(retrieved, arrangement.DEFAULT_LAYOUT)
        # A revert stores the new storage in place of the live one, which it
        # otherwise never writes: a save of the live one committed meanwhile
        # would be lost with it, both claiming the next version. Rewriting it
        # makes the two conflict, and the later one is retried. A retrieve
        # only to show the version rolls this back with the rest.
        live._p_changed = True
        old_annotations[KEY] = revisions.continued(
            live,
            after,
            "revert",
            content_version=getattr(repo_clone, "version_id", None),
        )
        return [], [], {}


def _keep_composite(obj, repo_clone) -> None:
    """Keep a page composite-enabled through a revert to a version saved
    before it was.

    A page is composite by its type's behavior, which no revert changes; but
    code may also have made one item composite by giving it the marker
    interface itself (``alsoProvides``), which is stored on the item with
    the other interfaces it provides (CMFEditions' ``IVersioned`` among
    them); a revert puts back those of the version, and would take the
    marker away: the page shown with a view it no longer has, its revert
    failing (500) once the page was no longer composite. The version gets the
    marker too.
    """
    if obj is None or repo_clone is None:
        return
    kept = ICompositeEnabled in directlyProvidedBy(aq_base(obj))
    if kept and ICompositeEnabled not in directlyProvidedBy(repo_clone):
        alsoProvides(repo_clone, ICompositeEnabled)


def _keep_view_shown(obj, repo_clone) -> None:
    """Put the composite view of a version aside when the page is not
    composite now (its type unticked since): a revert would bring back a
    view the page no longer has, shown as "not found" to everyone. The
    version's view is remembered instead, as unticking the type does, and
    comes back when the type is ticked again.
    """
    # Imported here: the set-up handlers build on this module.
    from collective.composite.setuphandlers import COMPOSITE_VIEW
    from collective.composite.setuphandlers import PUT_ASIDE

    if obj is None or repo_clone is None or ICompositeEnabled.providedBy(obj):
        return
    if getattr(aq_base(repo_clone), "layout", None) != COMPOSITE_VIEW:
        return
    # Only the version's own copy changes (CMFEditions copies its attributes
    # onto the page, leaving those it lacks as they are).
    if repo_clone.hasProperty("layout"):
        repo_clone.manage_delProperties(["layout"])
    elif "layout" in aq_base(repo_clone).__dict__:
        delattr(repo_clone, "layout")
    setattr(repo_clone, PUT_ASIDE, True)


@contextmanager
def reverting(context) -> Iterator[None]:
    """Apply the arrangement's rules around a CMFEditions revert of ``context``.

    A revert brings the arrangement back through the modifier above, which
    records it as a revision; around it, the rules of every other write hold:
    it needs what designing the page needs (the design permission and
    *Modify portal content*), it is refused while someone else holds the
    page's lock, and it notifies the same
    :class:`~collective.composite.interfaces.IArrangementModifiedEvent` as a
    save. Bringing back a widget of a type needing an add permission (the
    *HTML* widget) needs it, as a restore does. CMFEditions checks its own
    revert permission.

    :param context: the composite page about to be reverted.
    :raises MayNotDesign: the user may not change the page's arrangement
        (checked first: who may not, learns nothing of the lock).
    :raises LockedByOther: another user holds the page's lock.
    :raises WidgetNotAllowed: after the revert, which the caller must then
        abort (raising it out of the request does), when it brought back a
        widget the user may not add.
    """
    # A revert brings an arrangement back, as a restore does; and Plone's
    # revertversion is published to whoever may view the page, so the lock
    # would otherwise name its holder to visitors.
    check_may_design(context)
    locking.check_unlocked(context)
    state = arrangement.get(context)
    kept = {widget.id: (widget.type, dict(widget.settings)) for widget in state.widgets}
    yield
    reverted = arrangement.get(context)
    _check_brought_back(context, reverted, kept)
    if reverted.version != state.version:
        notify(ArrangementModifiedEvent(context, state.version, reverted.version))


def _check_brought_back(context, reverted, kept: dict) -> None:
    """Refuse a revert that brought back (added, or changed the settings of)
    a widget of a type whose add permission the user lacks; widgets left as
    they were need none, as in a save.

    :raises WidgetNotAllowed: naming the type.
    """
    for widget in reverted.widgets:
        if kept.get(widget.id) == (widget.type, dict(widget.settings)):
            continue
        try:
            addable_type(widget.type, context, "")
        except UnknownWidgetType:
            continue  # shown as an error card, as every such widget


def revert(context, version_id: int) -> None:
    """Revert ``context`` to one of its content versions, arrangement included.

    :param context: the composite page.
    :param version_id: the content version to go back to.
    :raises MayNotDesign: the user may not change the page's arrangement.
    :raises LockedByOther: another user holds the page's lock.
    :raises WidgetNotAllowed: the revert (done: abort the transaction)
        brought back a widget the user may not add.
    """
    with reverting(context):
        api.portal.get_tool("portal_repository").revert(context, version_id)


def _annotations(obj):
    return getattr(obj, "__annotations__", None) if obj is not None else None


def install_modifier(portal) -> None:
    """Register the modifier with CMFEditions (once).

    :param portal: the site.
    """
    tool = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in tool.objectIds():
        return
    title = "Keep composite arrangements without their history"
    wrapper = ConditionalTalesModifier(
        MODIFIER_ID, ArrangementModifier(MODIFIER_ID, title), title
    )
    wrapper.edit(enabled=True, condition="python:True")
    tool.register(MODIFIER_ID, wrapper)


def uninstall_modifier(portal) -> None:
    """Remove the modifier from CMFEditions.

    :param portal: the site.
    """
    tool = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in tool.objectIds():
        tool.unregister(MODIFIER_ID)


def check_in(working_copy, event) -> None:
    """On check-in, save the working copy's arrangement onto the baseline.

    Subscriber of plone.app.iterate's ``ICheckinEvent``, notified before the
    working copy's annotations are copied over the baseline's: the working
    copy's arrangement is taken out of them, so the baseline keeps its own
    storage, history and version counter.

    :raises Unauthorized: when the user may not design the baseline.
    """
    storage = find(working_copy)
    baseline = event.baseline
    if storage is None or not ICompositeEnabled.providedBy(baseline):
        return
    state = revisions.current_state(storage, arrangement.DEFAULT_LAYOUT)
    # The baseline is locked by the check-out (plone.app.iterate's own lock,
    # held by whoever checked out), which the check-in ends: whoever checks in
    # writes past it.
    arrangement.save(
        baseline, state_data(baseline, state), None, action="checkin", past_lock=True
    )
    del IAnnotations(working_copy)[KEY]
