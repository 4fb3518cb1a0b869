"""``@@composite-layout-gallery``: every registered layout, both halves side by side.

Site Setup links it (the *Layout gallery* configlet); only Managers and Site
Administrators may open it (the add-on's "collective.composite: Manage
settings", as for *Composite pages*). Each template is rendered into a document
of its own, shown in a sandboxed ``iframe``, so neither the layouts' CSS and the
gallery's nor two layouts' CSS clash, and no script of a template runs.
"""

from collective.composite import _
from collective.composite.gallery.registrations import inactive_layouts
from collective.composite.gallery.registrations import registered_layouts
from collective.composite.gallery.registrations import Registration
from collective.composite.gallery.registrations import theme_entries
from collective.composite.gallery.specimens import frame_document
from collective.composite.gallery.specimens import make_specimen
from collective.composite.gallery.specimens import Specimen
from collective.composite.layouts.registry import DESIGN_BUNDLE
from collective.composite.localized_numbers import format_number
from collective.composite.widgets.types import get_widget_types
from html import escape
from plone import api
from plone.base.utils import safe_text
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.resources import add_bundle_on_request
from Products.CMFPlone.resources.browser.resource import StylesView
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getUtility
from zope.i18n import translate


# The editor's bundle (see design.view), whose CSS draws the design cards.
EDITOR_BUNDLE = "collective.composite.editor"


class LayoutGallery(BrowserView):
    """The gallery page; see the module's docstring."""

    template = ViewPageTemplateFile("templates/gallery.pt")

    def __call__(self) -> str:
        # Renders change as soon as a template does: never cache them.
        self.request.response.setHeader("Cache-Control", "no-store")
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        # Before anything renders the site's styles (they are kept for the
        # request): the design templates need the design bundle's CSS.
        add_bundle_on_request(self.request, DESIGN_BUNDLE)
        widget_types = sorted(widget_type.name for widget_type in get_widget_types())
        self.specimens = [
            make_specimen(layout, registration, self, widget_types)
            for layout, registration in self.layouts()
        ]
        self.styles = site_styles(self)
        self.design_styles = self.styles + editor_styles()
        return self.template()

    def layouts(self) -> list[tuple]:
        """The registered layouts, then the active theme's, as pages list
        them: a theme's layout that overrides a registered one takes its place.

        :returns: (ILayout, Registration) pairs; sets ``theme_refused`` and
            ``inactive``, the layouts of browser layers the request lacks.
        """
        registered = registered_layouts(self.context, self.request)
        self.inactive = inactive_layouts(self.request)
        themed = theme_entries({layout.name for layout, _ in registered})
        self.theme_refused = themed.refused
        overrides = {pair[0].name: pair for pair in themed.layouts}
        layouts = [overrides.pop(pair[0].name, pair) for pair in registered]
        return layouts + list(overrides.values())

    def t(self, text) -> str:
        """:returns: ``text`` translated for the request, "" for none."""
        return translate(text, context=self.request) if text else ""

    @property
    def lang(self) -> str:
        return self.request.get("LANGUAGE") or "en"

    @property
    def direction(self) -> str:
        """:returns: ``rtl`` or ``ltr``, by Plone's rule for the page's ``dir``."""
        portal_state = api.content.get_view(
            name="plone_portal_state", context=self.context, request=self.request
        )
        return "rtl" if portal_state.is_rtl() else "ltr"

    def anchor(self, specimen: Specimen) -> str:
        """:returns: the id of the layout's section."""
        return f"composite-layout-{specimen.layout.name}"

    def halves(self, specimen: Specimen) -> list[dict]:
        """:returns: the real and the design half, each with its caption, the
        iframe's title and document, or its error."""
        title = self.t(specimen.layout.title)
        halves = []
        for half, label, frame_title in (
            (
                specimen.real,
                _("Real template"),
                _("Real template of ${layout}", mapping={"layout": title}),
            ),
            (
                specimen.design,
                _("Design template"),
                _("Design template of ${layout}", mapping={"layout": title}),
            ),
        ):
            frame_title = self.t(frame_title)
            halves.append(
                {
                    "label": self.t(label),
                    "file": half.template.rsplit("/", 1)[-1],
                    "path": half.template,
                    "title": frame_title,
                    "error": half.error,
                    "document": ""
                    if half.error
                    else frame_document(
                        safe_text(half.html),
                        self.design_styles if half is specimen.design else self.styles,
                        self.lang,
                        self.direction,
                        frame_title,
                    ),
                }
            )
        return halves

    def slot_rows(self, specimen: Specimen) -> list[dict]:
        """:returns: one row per slot: title, name, allowed types and maximum."""
        return [
            {
                "title": self.t(slot.title),
                "name": slot.name,
                "allowed": ", ".join(slot.allowed)
                if slot.allowed is not None
                else self.t(_("Any type")),
                "max": format_number(slot.max, self.request)
                if slot.max
                else self.t(_("No limit")),
            }
            for slot in specimen.layout.slots
        ]

    def where(self, specimen: Specimen) -> str:
        """:returns: the ZCML file and line of the registration, or a note that
        it was not registered with ZCML."""
        return self.registered_where(specimen.registration)

    def registered_where(self, registration: Registration) -> str:
        """:returns: the registration's ZCML file and line, or a note that it
        was not registered with ZCML."""
        if not registration.file:
            return self.t(_("Not registered with ZCML"))
        if registration.line is None:
            return registration.file
        return self.t(
            _(
                "${file}, line ${line}",
                mapping={"file": registration.file, "line": registration.line},
            )
        )


def site_styles(view) -> str:
    """The site's style sheets (theme and enabled bundles) as ``<link>`` tags.

    :param view: the view whose request has enabled the bundles it needs.
    :returns: HTML.
    """
    viewlet = StylesView(view.context, view.request, view, None)
    viewlet.update()
    return viewlet.index()


def editor_styles() -> str:
    """The editor bundle's style sheet, which draws the design cards, as a
    ``<link>`` tag: only its CSS, as the editor's script has no place here.

    :returns: HTML; "" when the bundle has no CSS.
    """
    path = getUtility(IRegistry).get(f"plone.bundles/{EDITOR_BUNDLE}.csscompilation")
    if not path:
        return ""
    url = f"{api.portal.get().absolute_url()}/{path.lstrip('/')}"
    return f'<link rel="stylesheet" href="{escape(url)}" />'
