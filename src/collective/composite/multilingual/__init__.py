"""Multilingual sites (plone.app.multilingual, "pam").

Composite pages are translatable whichever was installed first, pam or the
add-on, and a new translation starts as a copy of its source's arrangement:

:mod:`~collective.composite.multilingual.translatable`
    Gives the composite types pam's *translatable* behavior when the add-on is
    installed (or upgraded) in a site that has pam already; pam gives it to
    every type when it is installed later. Needs nothing of pam.

:mod:`~collective.composite.multilingual.copying`
    A new translation gets its source's arrangement, the items its widgets
    show switched to their translations where they exist.

:mod:`~collective.composite.multilingual.languages`
    The page's translations in the other languages, for design mode's
    "Other languages".

``copying`` and ``languages`` import pam: they are loaded only where it is
installed (see this package's ``configure.zcml``).
"""
