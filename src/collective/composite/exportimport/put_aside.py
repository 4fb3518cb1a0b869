"""Items that are not composite now, in a site export and import.

An item whose type was unticked in the settings (or every item, once the
add-on is uninstalled) keeps its arrangement, and, if it was shown with the
composite view, the memory of that view (see
:func:`collective.composite.setuphandlers.reset_composite_layout`): both come
back when its type is composite again. Neither tool exports either, so an
exported item gets them in two members:

- :data:`~collective.composite.exportimport.arrangements.MEMBER`, the
  arrangement as stored (:func:`collective.composite.arrangement.stored_data`);
- :data:`VIEW_MEMBER`, ``true`` when the composite view was put aside and no
  other view (nor a default page) chosen since.

On import, an item whose type is composite in the new site gets its
arrangement saved, and the composite view at once; an item whose type is not
keeps the arrangement aside (:data:`KEPT_KEY`) and the memory of the view,
until its type is composite there (:func:`save_kept`, called by
:func:`collective.composite.setuphandlers.restore_composite_layout`). One that
the site cannot save then (a widget type or layout it lacks) stays aside, and
so does the composite view, until the type is ticked again: the settings'
form says which items and why.
"""

from Acquisition import aq_base
from collections.abc import Mapping
from collective.composite import arrangement
from collective.composite.exportimport.arrangements import log_not_imported
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.exportimport.arrangements import NotImported
from collective.composite.exportimport.arrangements import save_imported
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.serializers import EXPORT_FORMAT
from collective.composite.setuphandlers import COMPOSITE_VIEW
from collective.composite.setuphandlers import put_view_aside
from collective.composite.setuphandlers import view_put_aside
from zope.annotation.interfaces import IAnnotations

import json


#: The member of an exported item saying its composite view was put aside.
VIEW_MEMBER = "collective.composite.view_put_aside"

#: The annotation holding an imported arrangement until the item is composite.
KEPT_KEY = "collective.composite.imported-arrangement"


def exported_aside(context) -> dict:
    """The members of an exported item that is not composite-enabled.

    :param context: a content object or the site root, not composite-enabled.
    :returns: :data:`MEMBER` when an arrangement is stored (or kept from an
        import), :data:`VIEW_MEMBER` when its composite view was put aside;
        empty for an item the add-on never touched.
    """
    members = {}
    document = _kept(context) or arrangement.stored_data(context)
    if document is not None:
        members[MEMBER] = {**document, "format": EXPORT_FORMAT}
    if view_put_aside(context):
        members[VIEW_MEMBER] = True
    return members


def imported_aside(context, data: Mapping) -> None:
    """Give an imported item what the members of ``data`` say, once the tool
    has deserialized it.

    :param context: the imported content object or site root.
    :param data: the item's exported data.
    """
    aside = data.get(VIEW_MEMBER) is True
    if ICompositeEnabled.providedBy(context):
        # Composite here: shown composed at once, as ticking its type would.
        if aside and _no_view_chosen(context, data):
            context.setLayout(COMPOSITE_VIEW)
        return
    document = data.get(MEMBER)
    if isinstance(document, Mapping):
        # Plain JSON values, stored as they came, checked when saved.
        IAnnotations(context)[KEPT_KEY] = json.loads(json.dumps(document))
    # The tool may have set the composite view, which only composite items
    # have; or the item's type's usual view, which it had without choosing.
    chosen = getattr(aq_base(context), "layout", None)
    if chosen == COMPOSITE_VIEW or (aside and _no_view_chosen(context, data)):
        put_view_aside(context)


def save_kept(context) -> NotImported | None:
    """Save the arrangement an import kept aside on ``context`` while it was
    not composite, now that it is, as an ``import`` revision. Kept for another
    time when it cannot be saved (the error is logged, and returned for the
    caller to tell).

    :param context: a composite-enabled content object or the site root.
    :returns: why the arrangement kept could not be saved; None when it was,
        or when there was none.
    """
    document = _kept(context)
    if document is None or not ICompositeEnabled.providedBy(context):
        return None
    try:
        save_imported(context, document)
    except NotImported as error:
        log_not_imported(context, error)
        return error
    del IAnnotations(context)[KEPT_KEY]
    return None


def _kept(context) -> dict | None:
    return IAnnotations(context).get(KEPT_KEY)


def _no_view_chosen(context, data: Mapping) -> bool:
    """Whether ``context`` has no view chosen but the one the tool gave it
    from the exported ``layout`` (what the item showed without a choice),
    nor a default page."""
    base = aq_base(context)
    chosen = getattr(base, "layout", None)
    return chosen in (None, "", data.get("layout")) and not getattr(
        base, "default_page", None
    )
