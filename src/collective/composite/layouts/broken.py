"""Broken layouts: a layout whose template fails when rendered breaks only the
pages that use it.

Start-up checks catch most broken templates (see ``layouts.checks``), but a
template may still fail for a real page unlike the checks' stand-ins. Design
mode draws every layout's design template in its layout switcher, so it renders
each through :func:`render_isolated` and shows a broken layout as such (the
reason only to Managers) instead of failing on every page.
"""

from AccessControl import getSecurityManager
from collections.abc import Mapping
from collective.composite import _
from collective.composite.interfaces import ILayout
from collective.composite.layouts.registry import render_layout
from collective.composite.reasons import reason
from html import escape
from ZODB.POSException import ConflictError
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

BROKEN = _("This layout is broken.")


def render_isolated(
    layout: ILayout, view, slots: Mapping[str, str], design: bool = False
) -> tuple[str | None, str | None]:
    """Render a layout's template, catching what its template raises.

    :param layout: the layout.
    :param view: the browser view the template is rendered for.
    :param slots: the already rendered HTML of each slot.
    :param design: render the design template instead of the real one.
    :returns: the HTML and None, or None and the reason it failed (the error's
        type and message), which is also logged.
    :raises ConflictError: so that the request is retried.
    """
    try:
        return render_layout(layout, view, slots, design=design), None
    except ConflictError:
        raise
    except Exception as error:
        logger.exception(
            "The %s template of the layout %r fails on %s",
            "design" if design else "real",
            layout.name,
            view.context.absolute_url(),
        )
        return None, reason(error)


def broken_notice(view, reason: str | None, css_class: str = "") -> str:
    """The note standing for a broken layout.

    :param view: the view rendering it (its context and request).
    :param reason: the error, shown only to Managers.
    :param css_class: more classes for the note.
    :returns: a ``div.composite-layout-broken`` saying the layout is broken.
    """
    parts = [
        '<strong class="composite-layout-broken__title">'
        f"{escape(translate(BROKEN, context=view.request))}</strong>"
    ]
    if reason and may_see_reason(view.context):
        parts.append(
            f'<code class="composite-layout-broken__reason">{escape(reason)}</code>'
        )
    classes = f"composite-layout-broken {css_class}".strip()
    return f'<div class="{classes}" role="note">{" ".join(parts)}</div>'


def may_see_reason(context) -> bool:
    """:returns: whether the user may read why a layout is broken: Managers
    only, as the reason is a developer's message (no permission is given to
    Managers alone, Site Administrators share them all)."""
    user = getSecurityManager().getUser()
    return bool(user.has_role("Manager", context))
