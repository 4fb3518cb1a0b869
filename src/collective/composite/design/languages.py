"""``@@composite-other-languages``: design mode's "Other languages", a small
navigation to the page's translations (their design mode where the user may
design them). Registered only where plone.app.multilingual is installed, for
its browser layer; :class:`~collective.composite.design.view.DesignView`
renders it when it is there."""

from collective.composite.multilingual.languages import other_languages
from collective.composite.multilingual.languages import OtherLanguage
from functools import cached_property
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class OtherLanguagesView(BrowserView):
    """The translations of the page in the other languages, as links; nothing
    when there are none."""

    template = ViewPageTemplateFile("templates/languages.pt")

    @cached_property
    def languages(self) -> list[OtherLanguage]:
        return other_languages(self.context)

    def __call__(self) -> str:
        return self.template() if self.languages else ""
