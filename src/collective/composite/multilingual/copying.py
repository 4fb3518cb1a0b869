"""A new translation starts as a copy of its source's arrangement.

pam copies a translation's language-independent *fields*; an arrangement is
no field (it lives in an annotation, see ``docs/api.md``), so it would start
empty. When pam tells that a composite page was translated, the translation
gets its source's arrangement through :func:`collective.composite.arrangement.save`
(validated, recorded as a revision, announced as usual), with the items its
widgets show switched to their translations in the new language where they
exist; the others (not translated yet, or language independent) stay as they
were.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collections.abc import Iterable
from collective.composite import arrangement
from collective.composite.exceptions import CompositeError
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.widgets.types import get_widget_type
from plone.app.multilingual.events import IObjectTranslatedEvent
from plone.app.multilingual.events import ITranslationRegisteredEvent
from plone.app.uuid.utils import uuidToObject
from plone.base.interfaces import ILanguage
from plone.uuid.interfaces import IUUID
from Products.CMFCore.utils import getToolByName
from zope.component import adapter

import logging


logger = logging.getLogger("collective.composite")

#: What the translation's first revision records as its kind of save.
ACTION = "translate"


@adapter(ICompositeEnabled, IObjectTranslatedEvent)
def translated(source, event) -> None:
    """pam made ``event.target`` a translation of ``source`` (its translation
    API, or its "Translate into" form once saved)."""
    copy_arrangement(source, event.target)


@adapter(ICompositeEnabled, ITranslationRegisteredEvent)
def registered(source, event) -> None:
    """``event.target`` was linked to ``source`` as its translation: also how
    plone.restapi creates one (``translation_of``), which tells no more."""
    if aq_base(event.target) is not aq_base(source):
        copy_arrangement(source, event.target)


def copy_arrangement(source, target) -> bool:
    """Give ``target`` a copy of the arrangement of ``source``, if ``target``
    was never arranged (a later link or event never overwrites a page's own
    arrangement).

    The referenced items are switched to their translations in the
    language of ``target`` (see :func:`translated_uids`). Widgets the current
    user may not add to ``target`` (a type with a permission of its own, or a
    type no longer registered) are left out; a copy that is refused all the
    same is logged and leaves the translation empty, so that translating
    never fails because of the arrangement.

    :param source: the composite page translated.
    :param target: its new translation.
    :returns: whether the arrangement was copied.
    """
    if not ICompositeEnabled.providedBy(target):
        return False
    target = _in_place(target)
    current = arrangement.get(target)
    shown = arrangement.get(source)
    if current.version != "0" or shown.version == "0":
        return False
    data = arrangement.to_data(shown)
    source_language = ILanguage(source).get_language() or ""
    switched = translated_uids(
        target,
        _references([*sum(data["slots"].values(), []), *data["unplaced"]]),
        ILanguage(target).get_language(),
    )

    def copied(entries: list[dict]) -> list[dict]:
        return [
            {**entry, "settings": _switch(entry["settings"], switched)}
            for entry in entries
            if _may_add(entry["type"], target)
        ]

    data["slots"] = {slot: copied(widgets) for slot, widgets in data["slots"].items()}
    data["unplaced"] = copied(data["unplaced"])
    try:
        arrangement.save(
            target,
            data,
            version=current.version,
            action=ACTION,
            source_language=source_language,
        )
    except (Unauthorized, CompositeError) as error:
        logger.warning(
            "The translation %s starts empty: its arrangement cannot be copied "
            "from %s (%s)",
            "/".join(target.getPhysicalPath()),
            "/".join(source.getPhysicalPath()),
            error,
        )
        return False
    return True


def translated_uids(context, uids: Iterable[str], language: str) -> dict[str, str]:
    """The translations in ``language`` of the items ``uids``, in two catalog
    queries.

    :param context: any object of the site (to find its catalog).
    :param uids: UIDs of content items.
    :param language: the language wanted.
    :returns: each UID that has a translation in ``language`` mapped to the
        translation's UID; UIDs without one are left out.
    """
    uids = sorted(set(uids))
    if not uids:
        return {}
    catalog = getToolByName(context, "portal_catalog")
    groups = {}
    for brain in catalog.unrestrictedSearchResults(UID=uids):
        group = getattr(brain, "TranslationGroup", None)
        own = getattr(brain, "Language", "")
        # Language independent items ("") and those already in the language
        # stay as they are.
        if group and own and own != language:
            groups.setdefault(group, []).append(brain.UID)
    if not groups:
        return {}
    switched = {}
    for brain in catalog.unrestrictedSearchResults(
        TranslationGroup=sorted(groups), Language=language
    ):
        for uid in groups.get(brain.TranslationGroup, ()):
            switched[uid] = brain.UID
    return switched


def _in_place(obj):
    """``obj`` in its container: pam's "Translate into" form tells of the new
    translation before it is wrapped, and permissions need the container."""
    if aq_parent(aq_inner(obj)) is not None:
        return obj
    return uuidToObject(IUUID(obj), unrestricted=True) or obj


def _references(entries: list[dict]) -> set[str]:
    """The UIDs the widgets ``entries`` show, as their types tell."""
    uids = set()
    for entry in entries:
        try:
            uids.update(get_widget_type(entry["type"]).references(entry["settings"]))
        except UnknownWidgetType:
            continue
    return uids


def _switch(value, switched: dict[str, str]):
    """``value`` (settings) with every string that is a key of ``switched``
    replaced by its value, however deep: a widget type tells which UIDs it
    shows, not under which setting."""
    if isinstance(value, str):
        return switched.get(value, value)
    if isinstance(value, dict):
        return {key: _switch(item, switched) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_switch(item, switched) for item in value]
    return value


def _may_add(type_name: str, target) -> bool:
    """Whether the current user may add a widget of ``type_name`` to ``target``."""
    try:
        widget_type = get_widget_type(type_name)
    except UnknownWidgetType:
        return False
    permission = widget_type.permission
    return permission is None or bool(
        getSecurityManager().checkPermission(permission, target)
    )
