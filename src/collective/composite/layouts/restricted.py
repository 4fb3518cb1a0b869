"""Restricted layout templates: the page templates a theme ships.

A theme's files are edited through the web by people who may not run Python
on the server, so its templates are compiled with Zope's *untrusted* engine,
the one of through-the-web page templates (``ZopePageTemplate``): ``python:``
expressions go through RestrictedPython (names starting with ``_``, ``exec``
and the like are refused when the template is compiled) and every name, path
step and attribute is checked against the current user's permissions when
the template is rendered. The checks of a theme's layouts
(``layouts.checks.pair_problems`` with the same engine) compile every
expression before a template is ever rendered.
"""

from Products.PageTemplates.Expressions import SecureModuleImporter
from Products.PageTemplates.PageTemplate import PageTemplate


class RestrictedLayoutTemplate(PageTemplate):
    """A layout template compiled from source text with the untrusted engine.

    Called like :class:`collective.composite.layouts.registry.LayoutTemplate`:
    ``template(view, slots=..., fuzzy=...)``; it sees ``view``, ``context``,
    ``request``, ``slots`` and ``fuzzy``.

    :param source: the template's text.
    :param filename: where the source comes from, as messages name it.
    """

    def __init__(self, source: str, filename: str):
        self.id = self.filename = filename
        self.pt_edit(source, "text/html")

    def pt_source_file(self) -> str:
        return self.filename

    def __call__(self, view, slots, fuzzy) -> str:
        """Render the template for ``view``.

        :raises Unauthorized: when the template reaches for something the
            current user may not use (as a through-the-web template does).
        """
        namespace = {
            "template": self,
            "options": {},
            "nothing": None,
            "modules": SecureModuleImporter,
            "view": view,
            "context": view.context,
            "here": view.context,
            "request": view.request,
            "slots": slots,
            "fuzzy": fuzzy,
        }
        return self.pt_render(extra_context=namespace)
