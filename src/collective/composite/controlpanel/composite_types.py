"""The setting "Types that may be composite" and the types' behaviors, kept
in step both ways.

A type is composite when its FTI has the ``collective.composite.composite``
behavior: that is what Plone reads, and what an integrator may set in *Site
Setup → Content Types* or a profile's ``types/*.xml``. The registry record
``collective.composite.composite_types`` mirrors it for the control panel:

- saving the record (the form, ``PATCH @controlpanels/composite``, a
  profile's ``registry.xml``) gives the behavior, and the *Composite page*
  view in the Display menu, to the types listed and takes them from the
  others (:func:`record_modified`);
- changing a type's behaviors elsewhere updates the record, and the view in
  the Display menu and the type's items follow as from the panel
  (:func:`fti_modified`), so the panel never shows, nor saves back, a stale
  list; a type removed from the site leaves the list (:func:`fti_removed`).
"""

from collective.composite import _
from collective.composite.catalog.shown_items import REFERENCES_INDEX
from collective.composite.interfaces import keeps_composite_page
from collective.composite.interfaces import SETTINGS_PREFIX
from collective.composite.setuphandlers import reset_composite_layout
from collective.composite.setuphandlers import restore_composite_layout
from contextlib import suppress
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.registry.interfaces import IRegistry
from Products.statusmessages.interfaces import IStatusMessage
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


TYPES_RECORD = f"{SETTINGS_PREFIX}.composite_types"
# How many items a warning of tell_not_restored names; the log names all.
NAMED_AT_MOST = 10
BEHAVIOR = "collective.composite.composite"
VIEW = "composite-view"
SITE_TYPE = "Plone Site"


def dexterity_ftis() -> list:
    """:returns: the site's Dexterity FTIs (the types that take behaviors), in
    the types tool's order."""
    types_tool = api.portal.get_tool("portal_types")
    return [fti for fti in types_tool.objectValues() if IDexterityFTI.providedBy(fti)]


def composite_type_names() -> list[str]:
    """:returns: the ids of the types that have the composite behavior."""
    return [fti.getId() for fti in dexterity_ftis() if BEHAVIOR in fti.behaviors]


@provider(IVocabularyFactory)
def composable_types(context) -> SimpleVocabulary:
    """The vocabulary ``collective.composite.ComposableTypes``: every Dexterity
    type of the site, the site root's included, titled in the request's
    language and sorted by title. Strict: an id the site lacks is refused.

    :param context: the form's context (unused: the types are the site's).
    :returns: the vocabulary, token and value the type's id.
    """
    request = getattr(api.portal.get(), "REQUEST", None)
    terms = [
        SimpleTerm(
            fti.getId(),
            fti.getId().encode("unicode_escape").decode("ascii"),
            translate(fti.Title(), context=request),
        )
        for fti in dexterity_ftis()
    ]
    terms.sort(key=lambda term: str(term.title).lower())
    return SimpleVocabulary(terms)


def apply_composite_types(names) -> None:
    """Give the composite behavior to the types ``names`` lists and take it
    from the other Dexterity types; tell the user (a warning of the request)
    which items of a type ticked could not be given back the arrangement a
    site import kept for them (:func:`tell_not_restored`).

    :param names: type ids; ids the site lacks are ignored.
    """
    refused = {}
    for fti in dexterity_ftis():
        wanted = fti.getId() in names
        if wanted and BEHAVIOR not in fti.behaviors:
            refused.update(_enable(fti))
        elif not wanted and BEHAVIOR in fti.behaviors:
            _disable(fti)
    tell_not_restored(refused)


def tell_not_restored(refused: dict) -> None:
    """Say, in a warning of the current request (the settings' form shows it
    after the save), which items keep their usual view and the arrangement a
    site import kept for them, and why: ticking their type again, once the
    cause is fixed, retries. The log names each of them too.

    :param refused: item -> the refusal
        :func:`~collective.composite.setuphandlers.restore_composite_layout`
        returned.
    """
    request = getRequest()
    if not refused or request is None:
        return
    pages = [
        "{} ({}): {}".format(
            obj.title_or_id(),
            "/".join(obj.getPhysicalPath()),
            translate(error.message, context=request),
        )
        for obj, error in list(refused.items())[:NAMED_AT_MOST]
    ]
    if len(refused) > NAMED_AT_MOST:
        more = _(
            "and ${count} more, named in the log",
            mapping={"count": len(refused) - NAMED_AT_MOST},
        )
        pages.append(translate(more, context=request))
    message = _(
        "These pages could not get back the arrangement a site import kept "
        "for them, and keep their usual view until their type is ticked "
        "again: ${pages}",
        mapping={"pages": "; ".join(pages)},
    )
    IStatusMessage(request).addStatusMessage(message, "warning")


# Both also serve a type whose behaviors were changed elsewhere already
# (fti_modified): they change only what is not as wanted yet.
def _enable(fti) -> dict:
    changes = {}
    if BEHAVIOR not in fti.behaviors:
        changes["behaviors"] = (*fti.behaviors, BEHAVIOR)
    if VIEW not in fti.view_methods:
        changes["view_methods"] = (*fti.view_methods, VIEW)
    if changes:
        fti.manage_changeProperties(**changes)
    return _reindex_items(fti.getId())


def _disable(fti) -> None:
    changes = {}
    if BEHAVIOR in fti.behaviors:
        changes["behaviors"] = tuple(b for b in fti.behaviors if b != BEHAVIOR)
    # A type whose default view is the composite view keeps it in its menu:
    # it is the integrator's choice, made in the type's profile.
    if VIEW in fti.view_methods and fti.default_view != VIEW:
        changes["view_methods"] = tuple(v for v in fti.view_methods if v != VIEW)
    if changes:
        fti.manage_changeProperties(**changes)
    _reindex_items(fti.getId(), reset_view=True)


def _reindex_items(type_name: str, reset_view: bool = False) -> dict:
    """Catalog the items of ``type_name`` as (not) composite any more; without
    the behavior, an item whose chosen view was the composite view gets its
    type's default view back (the arrangement is kept); with it again, such
    an item is shown with the composite view again.

    The site root is not in the catalog: it is handled apart.

    :returns: item -> why the arrangement an import kept for it could not be
        saved, for each such item.
    """
    portal = api.portal.get()
    view_change = reset_composite_layout if reset_view else restore_composite_layout
    if type_name == SITE_TYPE:
        refused = view_change(portal)
        return {} if refused is None else {portal: refused}
    catalog = api.portal.get_tool("portal_catalog")
    refusals = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=type_name):
        obj = brain._unrestrictedGetObject()
        refused = view_change(obj)
        if refused is not None:
            refusals[obj] = refused
        obj.reindexObject(idxs=["object_provides", "SearchableText", REFERENCES_INDEX])
    return refusals


def record_modified(settings, event) -> None:
    """Apply a new value of ``collective.composite.composite_types`` to the
    types (a subscriber of the modification of the settings' records).

    :param settings: the settings, as a records proxy.
    :param event: the ``IRecordModifiedEvent`` of one record.
    :raises CompositePageStaysComposite: when the value leaves Composite Page
        out. The form and ``@controlpanels/composite`` refuse that before
        storing anything; a registry record keeps no constraint, so a direct
        write (code, ``registry.xml``) is stopped here, its transaction to be
        aborted.
    """
    if event.record.__name__ == TYPES_RECORD and event.newValue is not None:
        keeps_composite_page(event.newValue)
        apply_composite_types(event.newValue)


def fti_modified(fti, event) -> None:
    """Bring the record up to date when a type's behaviors change elsewhere
    (the Content Types panel, a profile), one type at a time, and the type's
    *Composite page* view and items with it, as ticking or unticking the type
    in the panel does: a change the record already wants, as
    :func:`apply_composite_types` makes, changes nothing.

    :param fti: the modified Dexterity FTI.
    :param event: its ``IObjectModifiedEvent``.
    """
    if not any(
        getattr(description, "attribute", None) == "behaviors"
        for description in getattr(event, "descriptions", ())
    ):
        return
    record = _types_record()
    if record is None:
        return
    names = list(record.value or ())
    composite = BEHAVIOR in fti.behaviors
    if composite == (fti.getId() in names):
        return
    type_name = fti.getId()
    names = [*names, type_name] if composite else [n for n in names if n != type_name]
    try:
        record.value = names
    except ValidationError:
        # Composite Page losing the behavior: only the uninstall profile does
        # that, and it removes the record (and puts the views aside) next.
        return
    # The record's subscriber finds the behavior as wanted already: the view
    # in the Display menu and the items follow here, as from the panel.
    if composite:
        tell_not_restored(_enable(fti))
    else:
        _disable(fti)


def fti_removed(fti, event) -> None:
    """Take a type removed from the site (*Site Setup → Content Types*, a
    profile) out of the record: the vocabulary no longer has it, and
    plone.restapi's ``GET @controlpanels/composite`` failed (500) on a value
    its vocabulary lacks.

    :param fti: the removed Dexterity FTI.
    :param event: its ``IObjectRemovedEvent``.
    """
    if event.object is not fti:
        # Removed with its site (a sublocation's event): nothing to keep.
        return
    record = _types_record()
    if record is None:
        return
    names = list(record.value or ())
    if fti.getId() not in names:
        return
    # Removing Composite Page itself: the constraint lets it go once the site
    # lacks the type; suppressed as in fti_modified all the same.
    with suppress(ValidationError):
        record.value = [name for name in names if name != fti.getId()]


def _types_record():
    """:returns: the record of the types that may be composite, None outside
    a site or before the add-on's profile made it."""
    registry = queryUtility(IRegistry)
    if registry is None or TYPES_RECORD not in registry.records:
        return None
    return registry.records[TYPES_RECORD]
