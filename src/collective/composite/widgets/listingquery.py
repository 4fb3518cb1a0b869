"""The catalog search of a listing widget, remembered across requests.

A listing runs the query built by plone.app.querystring from its criteria. The
record ids of the results are kept in a bounded memo in this process, keyed by
everything the catalog's answer depends on:

- the final catalog query (after the query modifiers and the query parser, so
  with the user, the paths and the dates the criteria stand for);
- the catalog's change counter, which every indexing and unindexing changes,
  and the transaction that last changed it (nothing is remembered from a
  transaction that changed the catalog and is not committed yet);
- what the catalog adds for the user: their ``allowedRolesAndUsers`` and
  whether they may see inactive content;
- the current time at the precision of the catalog's ``effectiveRange`` index
  (one minute), since items become effective and expire as time passes;
- the site (its catalog's path) and the request's language.

So an entry is never stale, only unused, and a user is only ever given record
ids that a search as that user returned. Brains are made again from the ids on
every request (the memo holds no persistent object, nor anything of a request),
and an id the catalog no longer has makes the search run again.
"""

from AccessControl import getSecurityManager
from collective.composite.widgets.shared_memo import Memo
from DateTime import DateTime
from operator import itemgetter
from plone.app.querystring import queryparser
from plone.app.querystring.interfaces import IParsedQueryIndexModifier
from plone.app.querystring.interfaces import IQueryModifier
from plone.base.navigationroot import get_navigation_root
from plone.registry.interfaces import IRegistry
from Products.ZCTextIndex.ParseTree import ParseError
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtilitiesFor
from zope.component import queryUtility
from zope.globalrequest import getRequest

import hashlib


try:
    from plone.base.utils import munge_search_term
except ImportError:  # Plone 6.1: plone.base < 4 has it in the search view's module
    from Products.CMFPlone.browser.search import munge_search_term


# Record ids kept in all (a listing shows at most 100).
MEMO_RESULTS = 50_000
memo = Memo(MEMO_RESULTS)
# The criterion plone.app.querystring's query modifier adds to a query without
# a path ("in the navigation root"), and the function its operation names.
_NAVIGATION_ROW = {
    "i": "path",
    "o": "plone.app.querystring.operation.string.path",
    "v": "/",
}
_NAVIGATION_PATH = "plone.app.querystring.queryparser._navigationPath"
_ROOTS_KEY = "collective.composite.navigation-roots"


def catalog_query(
    catalog, context, criteria: list, sort_on=None, sort_order=None, limit: int = 0
) -> dict | None:
    """The catalog query plone.app.querystring's query builder makes of
    ``criteria`` (see ``querybuilder.QueryBuilder._makequery``).

    :param catalog: the site's catalog.
    :param context: the content the query is made for (relative paths).
    :param criteria: querystring criteria (``i``, ``o``, ``v``).
    :param sort_on: a sort index, or None.
    :param sort_order: ``reverse``/``descending`` for a reversed order, or None.
    :param limit: the most results wanted, 0 for all.
    :returns: catalog keyword arguments, or None when no criterion names an
        index of the catalog (the query builder then finds nothing).
    """
    for _name, modifier in sorted(getUtilitiesFor(IQueryModifier), key=itemgetter(0)):
        criteria = modifier(criteria)
    query = _parsed(context, criteria, sort_on, sort_order)
    for name, modifier in getUtilitiesFor(IParsedQueryIndexModifier):
        if name in query:
            new_name, value = modifier(query.pop(name))
            query[new_name] = value
    indexes = catalog.indexes()
    if not any(name in indexes for name in query):
        return None
    if limit:
        query["sort_limit"] = limit
    query.setdefault("path", {"query": ""})
    text = query.get("SearchableText")
    if isinstance(text, dict):
        text = text.get("query", "")
    if text:
        query["SearchableText"] = munge_search_term(text)
    return query


def _parsed(context, criteria: list, sort_on, sort_order) -> dict:
    """``queryparser.parseFormquery``, with the navigation root the query
    modifier's criterion stands for looked up once per request, not once
    per listing (it walks up from the page and reads the registry).

    The result is the parser's: the criterion is resolved as its operation
    does (the root's path and ``/``), and only while the registry maps that
    operation to plone.app.querystring's own function.
    """
    if (
        len(criteria) > 1
        and criteria[-1] == _NAVIGATION_ROW
        and not any(row.get("i") == "path" for row in criteria[:-1])
        and _navigation_operation()
    ):
        query = queryparser.parseFormquery(context, criteria[:-1], sort_on, sort_order)
        if query and "path" not in query:
            query["path"] = {"query": [navigation_root(context) + "/"]}
            return query
    return queryparser.parseFormquery(context, criteria, sort_on, sort_order)


def _navigation_operation() -> bool:
    registry = queryUtility(IRegistry)
    name = f"{_NAVIGATION_ROW['o']}.operation"
    return registry is not None and registry.get(name) == _NAVIGATION_PATH


def navigation_root(context) -> str:
    """The path of the navigation root of ``context``, looked up once per
    request (Plone's ``get_navigation_root``).

    :param context: the content the query is made for.
    :returns: the root's path.
    """
    request = getRequest()
    roots = None
    if request is not None:
        annotations = IAnnotations(request)
        roots = annotations.get(_ROOTS_KEY)
        if roots is None:
            roots = annotations[_ROOTS_KEY] = {}
    path = context.getPhysicalPath()
    if roots is not None and path in roots:
        return roots[path]
    root = get_navigation_root(context)
    if roots is not None:
        roots[path] = root
    return root


def search(catalog, request, query: dict) -> list:
    """Search the catalog as the current user, through the memo.

    :param catalog: the site's catalog.
    :param request: the request (its language is part of the key).
    :param query: catalog keyword arguments (:func:`catalog_query`).
    :returns: catalog brains.
    """
    moment = _moment(catalog)
    key = _key(catalog, request, query, moment)
    rids = memo.get(key) if key is not None else None
    if rids is not None:
        records = catalog._catalog
        try:
            return [records[rid] for rid in rids]
        except KeyError:
            pass  # cleared without being reindexed: search again
    try:
        brains = list(catalog(**query))
    except ParseError:
        # Text the full-text index cannot search for (only punctuation or
        # common words) finds nothing, as in Plone's own search.
        brains = []
    # A search that ran into the next minute may have found what became
    # effective then: it cannot stand for the minute before.
    if key is not None and _moment(catalog) == moment:
        memo.set(key, tuple(brain.getRID() for brain in brains))
    return brains


def _moment(catalog) -> int | None:
    """The current time as the catalog's ``effectiveRange`` index sees it
    (its precision is a minute), None without such an index."""
    index = catalog._catalog.indexes.get("effectiveRange")
    convert = getattr(index, "_convertDateTime", None)
    return convert(DateTime()) if convert is not None else None


def _key(catalog, request, query: dict, moment: int | None) -> bytes | None:
    """What the catalog's answer to ``query`` depends on, or None when it
    cannot be told (the search then always runs)."""
    if moment is None and "effectiveRange" in catalog._catalog.indexes:
        return None  # an index of another kind: when its answer changes is unknown
    counter = catalog.getCounter()  # indexes what is queued first
    record = getattr(catalog, "_counter", None)
    if record is not None and (record._p_jar is None or record._p_changed):
        # This transaction changed the catalog: its counter names a state
        # that may never be committed.
        return None
    # The transaction that last changed the catalog, besides how many changes
    # it counts: an undo can bring a count back, never a transaction.
    serial = getattr(record, "_p_serial", None)
    user = getSecurityManager().getUser()
    parts = (
        "/".join(catalog.getPhysicalPath()),
        counter,
        serial,
        moment,
        catalog._listAllowedRolesAndUsers(user),
        query.get("show_inactive", catalog.allow_inactive(query)),
        request.get("LANGUAGE", ""),
        query,
    )
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()
