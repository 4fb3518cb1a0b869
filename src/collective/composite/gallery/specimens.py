"""A layout as the gallery shows it: both templates rendered with sample
widgets, each in a document of its own, and what the pairing checks say.

Nothing here is cached: a theme developer edits a template and reloads the
gallery, and Zope's development mode reads the changed template again.
"""

from collective.composite import _
from collective.composite.arrangement import Widget
from collective.composite.gallery.registrations import Registration
from collective.composite.layouts.checks import layout_pair_problems
from collective.composite.layouts.fuzzy import Fuzzy
from collective.composite.layouts.registry import render_layout
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.types import get_widget_type
from dataclasses import dataclass
from html import escape
from ZODB.POSException import ConflictError
from zope.i18n import translate

import logging


logger = logging.getLogger("collective.composite")

# Widgets shown in a slot: two show how the slot stacks them.
SAMPLES_PER_SLOT = 2
# The type of sample widget a slot gets when it accepts it: the one every
# site has and whose real template shows text without any content item.
SAMPLE_TYPE = "text"


@dataclass(frozen=True)
class Half:
    """One of a layout's two templates, rendered for the gallery.

    :ivar template: the template's path.
    :ivar html: the rendered markup; "" when it failed.
    :ivar error: why it failed to render; "" when it rendered.
    """

    template: str
    html: str
    error: str


@dataclass(frozen=True)
class Specimen:
    """A layout with its registration, both halves and the checks' findings.

    :ivar problems: what the pairing checks found, one message each.
    :ivar checks_error: why the pairing checks could not run; "" when they ran.
    """

    layout: object
    registration: Registration
    real: Half
    design: Half
    problems: tuple[str, ...]
    checks_error: str

    @property
    def broken(self) -> bool:
        """Whether either template failed to render."""
        return bool(self.real.error or self.design.error)


def make_specimen(
    layout, registration: Registration, view, widget_types: list[str]
) -> Specimen:
    """Render a layout's two halves and run the pairing checks on it.

    Never raises (but for ZODB conflicts): a template that fails to render or
    checks that fail to run are reported in the specimen.

    :param layout: the ILayout.
    :param registration: where it is registered.
    :param view: the gallery view, the templates' ``view``.
    :param widget_types: the names of the registered widget types, sorted.
    :returns: the specimen.
    """
    if registration.theme:
        # A theme's layout is there only once its folder passed the checks.
        problems, checks_error = (), ""
    else:
        problems, checks_error = _checks(layout, widget_types)
    return Specimen(
        layout=layout,
        registration=registration,
        real=render_half(layout, view, widget_types, design=False),
        design=render_half(layout, view, widget_types, design=True),
        problems=problems,
        checks_error=checks_error,
    )


def render_half(layout, view, widget_types: list[str], design: bool) -> Half:
    """Render the real or the design template with sample widgets in every slot.

    :param layout: the ILayout.
    :param view: the gallery view.
    :param widget_types: the names of the registered widget types, sorted.
    :param design: render the design template.
    :returns: the half, with the error's type and message when it failed.
    """
    # A layout registered from Python may lack what the directive ensures.
    template = getattr(layout, "design_template" if design else "template", "") or ""
    try:
        slots = {
            slot.name: sample_slot(slot, view, widget_types, design)
            for slot in layout.slots
        }
        return Half(template, render_layout(layout, view, slots, design=design), "")
    except ConflictError:
        raise
    except Exception as error:
        logger.warning(
            "The gallery could not render %s of the layout %r",
            template,
            layout.name,
            exc_info=True,
        )
        return Half(template, "", describe_error(error))


def sample_type(slot, widget_types: list[str]) -> str | None:
    """:returns: the type of the slot's sample widgets: ``text`` when the slot
    accepts it, else the first type it accepts by name; None for none."""
    if SAMPLE_TYPE in widget_types and slot.accepts(SAMPLE_TYPE):
        return SAMPLE_TYPE
    return next((name for name in widget_types if slot.accepts(name)), None)


def sample_slot(slot, view, widget_types: list[str], design: bool) -> str:
    """The HTML of a slot's sample widgets (as many as its ``max`` allows, up to
    SAMPLES_PER_SLOT), rendered by their type's real template or design card.

    A widget that shows nothing without content (an image, a listing) or that
    fails is shown as fuzzy text, or a grey block for an image.

    :param slot: the ISlot.
    :param view: the gallery view.
    :param widget_types: the names of the registered widget types, sorted.
    :param design: render design cards instead of real templates.
    :returns: HTML.
    """
    type_name = sample_type(slot, widget_types)
    settings = None if type_name is None else _sample_settings(type_name, slot, view)
    fuzzy = Fuzzy(view.context)
    parts = []
    for index in range(min(SAMPLES_PER_SLOT, slot.max or SAMPLES_PER_SLOT)):
        html = ""
        if settings is not None:
            widget = Widget(
                id=f"gallery-{slot.name}-{index}",
                type=type_name,
                settings=settings,
                slot=slot.name,
            )
            html = render_widget(
                widget, view.context, view.request, design=design, show_problems=False
            )
        if not html.strip():
            html = (
                fuzzy.image()
                if type_name == "image"
                else fuzzy.paragraph(key=(slot.name, index))
            )
        parts.append(
            f'<div class="composite-widget composite-widget-'
            f'{escape(type_name or "sample")} composite-gallery-sample">{html}</div>'
        )
    if design:
        # As design mode holds the cards: in the editor's slot element.
        return (
            f'<div class="composite-slot" data-composite-slot="{escape(slot.name)}">'
            f"{''.join(parts)}</div>"
        )
    return "\n".join(parts)


def _sample_settings(type_name: str, slot, view) -> dict | None:
    """The settings of the slot's sample widgets.

    :returns: a text naming the slot for a text widget; for another type, its
        settings left empty, or None when the type refuses them (it needs a
        setting no sample can give, such as the item of a content or image
        widget): such a widget could only fail, and log an error or show the
        layout as broken, neither of which the layout is to blame for.
    """
    request = view.request
    if type_name != SAMPLE_TYPE:
        try:
            return get_widget_type(type_name).clean({}, view.context)
        except ConflictError:
            raise
        except Exception:
            # InvalidSettings for a required setting, or a type's own
            # normalize failing on no settings: neither is the layout's fault.
            return None
    title = translate(slot.title, context=request)
    text = translate(
        _(
            "A sample text widget in the slot ${slot}.",
            mapping={"slot": title},
        ),
        context=request,
    )
    return {"text": f"<h3>{escape(title)}</h3><p>{escape(text)}</p>"}


def _checks(layout, widget_types: list[str]) -> tuple[tuple[str, ...], str]:
    """:returns: the pairing checks' problems, and why they could not run."""
    try:
        problems = layout_pair_problems(layout, widget_types)
    except ConflictError:
        raise
    except Exception as error:
        logger.warning("The pairing checks of %r failed", layout.name, exc_info=True)
        return (), describe_error(error)
    return tuple(problems), ""


def describe_error(error: Exception) -> str:
    """:returns: an exception's type and message, as the gallery shows it."""
    message = str(error).strip()
    return f"{type(error).__name__}: {message}" if message else repr(error)


def frame_document(
    html: str, styles: str, lang: str, direction: str, title: str
) -> str:
    """A whole HTML document for an ``iframe``'s ``srcdoc``, so a layout's CSS
    and the gallery's do not meet.

    :param html: a rendered template.
    :param styles: the site's ``<link>`` and ``<style>`` tags (theme and bundles).
    :param lang: the document's language.
    :param direction: the document's writing direction, ``ltr`` or ``rtl``
        (the site's: a right-to-left site shows its layouts mirrored).
    :param title: the document's title.
    :returns: the document, to be escaped as an attribute value.
    """
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}" dir="{escape(direction)}">'
        '<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{styles}</head>"
        '<body class="composite-gallery-document">'
        '<main id="main-container" class="container">'
        f'<div id="content"><div id="content-core">{html}</div></div>'
        "</main></body></html>"
    )
