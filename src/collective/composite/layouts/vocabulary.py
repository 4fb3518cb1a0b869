"""The vocabulary of the layouts offered on a page, for forms."""

from collective.composite.layouts.registry import get_layouts
from zope.globalrequest import getRequest
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def LayoutsVocabularyFactory(context):
    """``collective.composite.Layouts``: the layouts available on ``context``.

    :param context: the page; layouts registered ``for`` an interface it does
        not provide are left out, and the current request's layers select
        overrides.
    :returns: a vocabulary of layout names titled with the layouts' titles.
    """
    request = getRequest()
    if context is None or request is None:
        return SimpleVocabulary([])
    return SimpleVocabulary(
        [
            SimpleTerm(value=layout.name, token=layout.name, title=layout.title)
            for layout in get_layouts(context, request)
        ]
    )
