"""The translations of a page in the site's other languages, for design mode's
"Other languages": each translation has an arrangement of its own, and an
editor goes from one to the next."""

from collective.composite.arrangement.rights import may_design
from collective.composite.interfaces import ICompositeEnabled
from dataclasses import dataclass
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.i18n.locales.interfaces import IContentLanguageAvailability
from zope.component import queryUtility


#: The view of a composite translation its link opens for designers.
DESIGN_VIEW = "@@composite-design"


@dataclass(frozen=True)
class OtherLanguage:
    """A translation of a page in another language.

    :ivar language: its language code (``de``, ``pt-br``).
    :ivar name: the language's own name (``Deutsch``), else the code.
    :ivar title: the translation's title.
    :ivar url: where to go: its design mode when the user may design it,
        else the page itself.
    :ivar design: whether ``url`` is its design mode.
    """

    language: str
    name: str
    title: str
    url: str
    design: bool


def other_languages(context) -> list[OtherLanguage]:
    """The translations of ``context`` the current user may view, in the
    other languages, in the order of their codes.

    :param context: a content object.
    :returns: none when ``context`` is not translatable.
    """
    if not ITranslatable.providedBy(context):
        return []
    own = ILanguage(context).get_language()
    names = _language_names()
    found = []
    translations = ITranslationManager(context).get_restricted_translations()
    for language, translation in sorted(translations.items()):
        if language == own or not language:
            continue
        design = ICompositeEnabled.providedBy(translation) and may_design(translation)
        url = translation.absolute_url()
        found.append(
            OtherLanguage(
                language=language,
                name=names.get(language) or language,
                title=translation.Title(),
                url=f"{url}/{DESIGN_VIEW}" if design else url,
                design=design,
            )
        )
    return found


def _language_names() -> dict[str, str]:
    """:returns: language code to its own name (else its English name)."""
    languages = queryUtility(IContentLanguageAvailability)
    if languages is None:
        return {}
    return {
        code: info.get("native") or info.get("name") or code
        for code, info in languages.getLanguages(combined=True).items()
    }
