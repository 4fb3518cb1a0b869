"""``@@composite-view``: the real page visitors see."""

from collective.composite import arrangement
from collective.composite.layouts.registry import render_layout
from collective.composite.localized_numbers import format_number
from collective.composite.widgets.rendering import can_design
from collective.composite.widgets.rendering import render_slots
from functools import cached_property
from Products.Five.browser import BrowserView


class CompositeView(BrowserView):
    """The layout's real template in Plone's content area, its slots filled with
    the rendered widgets. Reads only: a page never arranged shows the default
    layout, empty."""

    @cached_property
    def _shown(self) -> tuple:
        return arrangement.get_with_layout(self.context, self.request)

    @property
    def arrangement(self) -> arrangement.Arrangement:
        return self._shown[0]

    def composed(self) -> str:
        """:returns: the layout's real template with every slot rendered."""
        slots = render_slots(self.context, self.request, self.arrangement.slots)
        return render_layout(self._shown[1], self, slots)

    def unplaced(self) -> int:
        """:returns: for designers, how many widgets the layout has no place
        for (kept, shown in design mode); 0 for everyone else."""
        if not can_design(self.context):
            return 0
        return len(self.arrangement.unplaced)

    def number(self, number: int) -> str:
        """:returns: ``number`` as the request's language writes it."""
        return format_number(number, self.request)

    def offers_design(self) -> bool:
        """:returns: whether to invite the user into design mode: the page
        has no widget at all (not even unplaced ones) and the user may design
        it now (see :func:`~collective.composite.arrangement.may_design`).
        Visitors never see the invitation, so their page stays the same (and
        cacheable) whoever looks at it."""
        return not self.arrangement.widgets and arrangement.may_design(self.context)
