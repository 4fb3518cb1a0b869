"""``@@composite-view`` of an item that is not composite now: its type's
usual view.

An item keeps *Composite page* as its chosen view only while it is composite:
unticking its type, or uninstalling the add-on, puts that view aside
(:func:`collective.composite.setuphandlers.reset_composite_layout`). Its
content versions still hold it, though, and a revert copies a version's view
back onto the item: the add-on's CMFEditions modifier puts it aside again
while the add-on is installed, but the uninstall took that modifier away
(persistent, it would break every save once the package is gone). Without
this view, such an item answered "not found" to everyone.

Registered for all content (the site root too) and no browser layer, so that
it is still there once the add-on is uninstalled (its package still in the
environment); the real view, for composite-enabled content on the add-on's
layer, stands in front of it. It only shows, and writes nothing:
reinstalling the add-on (or ticking the type) shows the item composed again,
as its view says.
"""

from collective.composite.setuphandlers import COMPOSITE_VIEW
from Products.Five.browser import BrowserView


# What Dexterity shows an item whose type names no other view.
PLAIN_VIEW = "view"


class ViewPutAside(BrowserView):
    """Show the context with its type's default view."""

    def __call__(self) -> str:
        """:returns: the page its type's default view renders."""
        fti = self.context.getTypeInfo()
        name = fti.getDefaultViewMethod(self.context) if fti is not None else None
        # A type may name the composite view its default one (kept in its
        # menu when it is unticked): this view again, without end.
        if not name or name == COMPOSITE_VIEW:
            name = PLAIN_VIEW
        return self.context.restrictedTraverse(name)()
