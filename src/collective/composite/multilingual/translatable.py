"""Composite types are translatable in a site that has pam.

pam gives its behavior ``plone.translatable`` to every Dexterity type of the
site when it is installed, but not to the types added after it: a
``Composite Page`` of an add-on installed later could not be translated
("Could not adapt ITranslationManager"). The add-on's install and its upgrade
step call :func:`make_translatable` to do what pam would have done.
"""

from plone.dexterity.interfaces import IDexterityFTI
from Products.CMFCore.utils import getToolByName

import logging


logger = logging.getLogger("collective.composite")

#: pam's profile and the behavior it gives the site's types.
PAM_PROFILE = "plone.app.multilingual:default"
TRANSLATABLE_BEHAVIOR = "plone.translatable"
#: The add-on's behavior, which marks the composite types.
COMPOSITE_BEHAVIOR = "collective.composite.composite"
#: pam leaves the site root alone: it is no translation, the language root
#: folders are.
SITE_ROOT_TYPE = "Plone Site"


def pam_installed(portal) -> bool:
    """:param portal: the site.
    :returns: whether pam's profile is installed in the site."""
    setup = getToolByName(portal, "portal_setup")
    return setup.getLastVersionForProfile(PAM_PROFILE) != "unknown"


def make_translatable(portal) -> list[str]:
    """Give ``plone.translatable`` to every composite type that lacks it, when
    the site has pam; do nothing otherwise.

    :param portal: the site.
    :returns: the ids of the types changed.
    """
    if not pam_installed(portal):
        return []
    changed = []
    for fti in getToolByName(portal, "portal_types").listTypeInfo():
        if not IDexterityFTI.providedBy(fti) or fti.getId() == SITE_ROOT_TYPE:
            continue
        behaviors = tuple(fti.behaviors)
        if COMPOSITE_BEHAVIOR in behaviors and TRANSLATABLE_BEHAVIOR not in behaviors:
            fti.manage_changeProperties(behaviors=(*behaviors, TRANSLATABLE_BEHAVIOR))
            changed.append(fti.getId())
    if changed:
        logger.info("Made translatable for plone.app.multilingual: %s", changed)
    return changed
