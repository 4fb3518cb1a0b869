"""GenericSetup install and uninstall handlers."""

from Acquisition import aq_base
from collective.composite import _
from collective.composite.arrangement.versioning import install_modifier
from collective.composite.arrangement.versioning import uninstall_modifier
from collective.composite.catalog.shown_items import REFERENCES_INDEX
from collective.composite.exceptions import CompositeError
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.multilingual.translatable import make_translatable
from plone import api
from plone.base.interfaces import INonInstallable
from plone.caching.interfaces import ICacheSettings
from plone.registry import field
from plone.registry import Record
from plone.registry.field import PersistentField
from plone.registry.interfaces import IPersistentField
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.interface import implementer


# The real view's caching rule (caching.zcml) and plone.app.caching's records
# for it: the operation it is mapped to, and that operation's options.
RULESET = "collective.composite.page"
OPERATION = "plone.app.caching.weakCaching"
MAPPING_RECORD = f"{ICacheSettings.__identifier__}.operationMapping"
ETAGS_RECORD = f"{OPERATION}.{RULESET}.etags"
RAM_CACHE_RECORD = f"{OPERATION}.{RULESET}.ramCache"
# The composite view, and the attribute that remembers it on an object
# while its type is not composite (unticked, or the add-on uninstalled).
COMPOSITE_VIEW = "composite-view"
PUT_ASIDE = "_composite_view_put_aside"
# plone.app.caching's components of a folder's view (``copy``: the Actions
# menu offers to paste what the user copied, on an item too), with ``roles``
# (what the page shows depends on the user's roles on it, which a group
# membership or a role given in code changes without the catalog changing,
# so catalogCounter misses it) and the add-on's ``composite``.
ETAGS = (
    "userid",
    "roles",
    "catalogCounter",
    "userLanguage",
    "skin",
    "locked",
    "copy",
    "resourceRegistries",
    "composite",
)


@implementer(INonInstallable)
class HiddenProfiles:
    """Hide the uninstall profile and the upgrade package from the add-ons panel."""

    def getNonInstallableProfiles(self) -> list[str]:
        """:returns: profile ids not to offer in the add-ons control panel."""
        return ["collective.composite:uninstall", "collective.composite:demo"]

    def getNonInstallableProducts(self) -> list[str]:
        """:returns: product names not to offer in the add-ons control panel."""
        return ["collective.composite.upgrades"]


def post_install(context) -> None:
    """Run after the default profile's import steps.

    :param context: the GenericSetup import context.
    """
    portal = api.portal.get()
    install_modifier(portal)
    add_references_index()
    add_caching_rule()
    list_composite_types()
    # pam, if installed before, gave its behavior only to the types it found.
    make_translatable(portal)


def list_composite_types() -> None:
    """Have the setting "Types that may be composite" list every type that
    has the composite behavior, and give the behavior to every type it lists.

    The record is the profile's (Composite Page and the site root) on a
    first install, and keeps the integrator's choice when the profile is
    applied again: so the site root gets the behavior here, from the record,
    not from a ``types/Plone_Site.xml`` that would give it back each time
    (and tick it again). A type may also have been given the behavior before
    the add-on was installed (by hand, by a profile that ran first), or kept
    it through an earlier install's record being purged: it is listed.
    """
    # Imported here: the control panel's module builds on this one.
    from collective.composite.controlpanel.composite_types import apply_composite_types
    from collective.composite.controlpanel.composite_types import composite_type_names
    from collective.composite.controlpanel.composite_types import TYPES_RECORD

    listed = list(api.portal.get_registry_record(TYPES_RECORD, default=None) or ())
    missing = [name for name in composite_type_names() if name not in listed]
    if missing:
        api.portal.set_registry_record(TYPES_RECORD, [*listed, *missing])
    apply_composite_types([*listed, *missing])


def add_caching_rule() -> None:
    """Map the real view's caching rule to plone.app.caching's weak caching,
    with the ``composite`` ETag component, where the site has no choice of
    its own yet.

    In code rather than in the profile's registry.xml, whose records would
    put the values back each time the profile is applied: a mapping or ETag
    components changed in *Site Setup → Caching* are kept. Works whether or
    not plone.app.caching's profile was applied first.
    """
    registry = getUtility(IRegistry)
    if MAPPING_RECORD not in registry.records:
        mapping_field = IPersistentField(ICacheSettings["operationMapping"])
        mapping_field.interfaceName = ICacheSettings.__identifier__
        mapping_field.fieldName = "operationMapping"
        registry.records[MAPPING_RECORD] = Record(mapping_field, {})
    mapping = dict(registry.records[MAPPING_RECORD].value or {})
    if RULESET not in mapping:
        registry.records[MAPPING_RECORD].value = {**mapping, RULESET: OPERATION}
    _add_record(
        ETAGS_RECORD,
        field.Tuple(
            title=_("ETags"),
            description=_("ETag components of composite pages"),
            value_type=field.ASCIILine(),
            required=False,
        ),
        ETAGS,
    )
    _add_record(
        RAM_CACHE_RECORD,
        field.Bool(
            title=_("RAM cache"),
            description=_("Keep composite pages in Zope's RAM cache"),
            required=False,
        ),
        False,
    )


def _add_record(name: str, record_field: PersistentField, value) -> None:
    registry = getUtility(IRegistry)
    if name not in registry.records:
        registry.records[name] = Record(record_field, value)


def remove_caching_rule() -> None:
    """Take the real view's caching rule out of plone.app.caching's
    operation mapping (the uninstall profile removes the operation's
    records): the rule is gone with the add-on's code."""
    registry = getUtility(IRegistry)
    if MAPPING_RECORD not in registry.records:
        return
    record = registry.records[MAPPING_RECORD]
    if RULESET in (record.value or {}):
        record.value = {
            key: value for key, value in record.value.items() if key != RULESET
        }


def add_references_index() -> None:
    """Add the ``composite_references`` catalog index (the UIDs of the items a
    page's widgets show) and index the composite pages in it."""
    catalog = api.portal.get_tool("portal_catalog")
    if REFERENCES_INDEX in catalog.indexes():
        return
    catalog.addIndex(REFERENCES_INDEX, "KeywordIndex")
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ICompositeEnabled.__identifier__
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=[REFERENCES_INDEX])


def uninstall(context) -> None:
    """Run after the uninstall profile's import steps.

    The profile took the behavior off the ``Composite Page`` and ``Plone Site``
    types and gave ``Composite Page`` a plain default view; here the type
    stops being versioned, every other type loses the behavior and the view
    too (:func:`take_composite_off_types`), and every object
    (the site root included) whose chosen view was ``composite-view`` is given
    back its type's default view, so the whole site still renders. Content and
    arrangements are kept: reinstalling shows the pages composed again.

    :param context: the GenericSetup import context.
    """
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    uninstall_modifier(portal)
    stop_versioning("Composite Page")
    remove_caching_rule()
    if REFERENCES_INDEX in catalog.indexes():
        catalog.delIndex(REFERENCES_INDEX)
    # The catalog still knows which objects were composite-enabled; asked
    # before the types change, as a search processes the reindexing queued
    # meanwhile.
    composite = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            object_provides=ICompositeEnabled.__identifier__
        )
    ]
    take_composite_off_types()
    reset_composite_layout(portal)
    for obj in composite:
        reset_composite_layout(obj)
        obj.reindexObject(idxs=["object_provides", "SearchableText"])


def take_composite_off_types() -> None:
    """Take the composite behavior and view off every type that still has
    them: the profile handles Composite Page and the site root, the settings
    (or a profile of the integrator's) may have given them to any type.

    Left on, a type would name a behavior and a view that are gone once the
    add-on's code is, and a type whose default view was the composite view
    would show its items as "not found": it gets its first other view, or
    Dexterity's ``view``.
    """
    # Imported here: the control panel's module builds on this one.
    from collective.composite.controlpanel.composite_types import BEHAVIOR
    from collective.composite.controlpanel.composite_types import dexterity_ftis
    from collective.composite.controlpanel.composite_types import VIEW

    for fti in dexterity_ftis():
        changes = {}
        if BEHAVIOR in fti.behaviors:
            changes["behaviors"] = tuple(b for b in fti.behaviors if b != BEHAVIOR)
        views = tuple(v for v in fti.view_methods if v != VIEW) or ("view",)
        if VIEW in fti.view_methods:
            changes["view_methods"] = views
        for attribute in ("default_view", "immediate_view"):
            if getattr(fti, attribute, None) == VIEW:
                changes[attribute] = views[0]
        if changes:
            fti.manage_changeProperties(**changes)


def stop_versioning(type_name: str) -> None:
    """Take away the versioning policies the default profile's
    repositorytool.xml gave ``type_name`` (the versions kept stay). In code:
    CMFEditions' XML import of a type without policies leaves one behind.

    :param type_name: a portal type.
    """
    repository = api.portal.get_tool("portal_repository")
    for policy_id in list(repository.getPolicyMap().get(type_name, ())):
        repository.removePolicyFromContentType(type_name, policy_id)
    versionable = repository.getVersionableContentTypes()
    if type_name in versionable:
        versionable.remove(type_name)
        repository.setVersionableContentTypes(versionable)


def reset_composite_layout(obj) -> None:
    """Forget ``obj``'s chosen view if it is ``composite-view``, remembering
    that it was, so that :func:`restore_composite_layout` brings it back when
    the object's type is composite again (ticked again, the add-on
    installed again).

    :param obj: a content object or the site root.
    """
    if getattr(aq_base(obj), "layout", None) != COMPOSITE_VIEW:
        return
    put_view_aside(obj)


def put_view_aside(obj) -> None:
    """Forget ``obj``'s chosen view, whatever it is, and remember that it is
    to be shown with ``composite-view`` once its type is composite again.

    :param obj: a content object or the site root.
    """
    if obj.hasProperty("layout"):
        obj.manage_delProperties(["layout"])
    elif "layout" in aq_base(obj).__dict__:
        delattr(obj, "layout")
    setattr(obj, PUT_ASIDE, True)


def view_put_aside(obj) -> bool:
    """:returns: whether :func:`restore_composite_layout` would show ``obj``
    with ``composite-view`` again: its composite view was put aside, and no
    view nor default page chosen since.

    :param obj: a content object or the site root.
    """
    base = aq_base(obj)
    return bool(
        getattr(base, PUT_ASIDE, False)
        and not getattr(base, "layout", None)
        and not getattr(base, "default_page", None)
    )


def restore_composite_layout(obj) -> CompositeError | None:
    """Show ``obj`` with ``composite-view`` again if
    :func:`reset_composite_layout` took that view from it and nobody chose
    another view (or a default page) since; and save the arrangement a site
    import brought while its type was not composite (see
    :mod:`collective.composite.exportimport.put_aside`). When that
    arrangement cannot be saved, both stay aside, for the next time the type
    is ticked: the page keeps its usual view rather than show an empty one.

    :param obj: a content object or the site root, of a composite type.
    :returns: why the arrangement kept could not be saved (a
        :class:`~collective.composite.exportimport.arrangements.NotImported`),
        or None.
    """
    # Imported here: the export and import build on this module.
    from collective.composite.exportimport.put_aside import save_kept

    refused = save_kept(obj)
    base = aq_base(obj)
    if refused is not None or not getattr(base, PUT_ASIDE, False):
        return refused
    restore = view_put_aside(obj)
    delattr(obj, PUT_ASIDE)
    if restore:
        obj.setLayout(COMPOSITE_VIEW)
    return None
