"""GenericSetup install and uninstall handlers."""

from Acquisition import aq_base
from collective.composite.arrangement.versioning import install_modifier
from collective.composite.arrangement.versioning import uninstall_modifier
from collective.composite.catalog.shown_items import REFERENCES_INDEX
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.multilingual.translatable import make_translatable
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


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
    list_composite_types()
    # pam, if installed before, gave its behavior only to the types it found.
    make_translatable(portal)


def list_composite_types() -> None:
    """Have the setting "Types that may be composite" list every type that
    has the composite behavior: the profile's registry.xml lists Composite
    Page and the site root only, and a type may have been given the behavior
    before the add-on was installed (by hand, by a profile that ran first),
    or kept it through an earlier install's record being purged.
    """
    # Imported here: the control panel's module builds on this one.
    from collective.composite.controlpanel.composite_types import composite_type_names
    from collective.composite.controlpanel.composite_types import TYPES_RECORD

    listed = list(api.portal.get_registry_record(TYPES_RECORD, default=None) or ())
    missing = [name for name in composite_type_names() if name not in listed]
    if missing:
        api.portal.set_registry_record(TYPES_RECORD, [*listed, *missing])


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
    """Forget ``obj``'s chosen view if it is ``composite-view``.

    :param obj: a content object or the site root.
    """
    if getattr(aq_base(obj), "layout", None) != "composite-view":
        return
    if obj.hasProperty("layout"):
        obj.manage_delProperties(["layout"])
    else:
        delattr(obj, "layout")
