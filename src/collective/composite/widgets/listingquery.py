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
- the current minute (the precision of the catalog's ``effectiveRange`` index
  is a whole number of minutes), since items become effective and expire as
  time passes;
- the site (its catalog's path) and the request's language.

So an entry is never stale, only unused, and a user is only ever given record
ids that a search as that user returned. Brains are made again from the ids on
every request (the memo holds no persistent object, nor anything of a request),
and an id the catalog no longer has makes the search run again.

The catalog query itself is remembered too (a second memo), when plone.app.
querystring's parser makes it from the criteria alone: every criterion's
operation (as the registry names it) is one that reads nothing but the
criterion, or the navigation path, whose root is then part of the key, and the
query modifiers are plone.app.querystring's own. A criterion on the user, the
current date, a path relative to the page or a UID makes the query again on
each view, as before.
"""

from AccessControl import getSecurityManager
from collective.composite.widgets.shared_memo import Memo
from operator import itemgetter
from plone.app.querystring import queryparser
from plone.app.querystring.interfaces import IParsedQueryIndexModifier
from plone.app.querystring.interfaces import IQueryModifier
from plone.app.querystring.querymodifiers import modify_query_to_enforce_navigation_root
from plone.base.navigationroot import get_navigation_root
from plone.registry.interfaces import IRegistry
from Products.ZCTextIndex.ParseTree import ParseError
from time import time
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
# Catalog queries kept, by the length of their keys (a listing's is about 300
# characters): some ten thousand.
MEMO_QUERIES = 3_000_000
queries = Memo(MEMO_QUERIES)
# The criterion plone.app.querystring's query modifier adds to a query without
# a path ("in the navigation root"), and the function its operation names.
_NAVIGATION_ROW = {
    "i": "path",
    "o": "plone.app.querystring.operation.string.path",
    "v": "/",
}
_NAVIGATION_PATH = "plone.app.querystring.queryparser._navigationPath"
# The parser's operations whose query is made of the criterion alone (its
# index and value): no user, date, path, catalog or page is read.
_CONTEXT_FREE = frozenset(
    f"plone.app.querystring.queryparser.{name}"
    for name in (
        "_contains",
        "_excludes",
        "_equal",
        "_all",
        "_intEqual",
        "_isTrue",
        "_isFalse",
        "_between",
        "_largerThan",
        "_intLargerThan",
        "_lessThan",
        "_intLessThan",
    )
)
# What listings look up once per request (see :func:`_request_state`).
_STATE_KEY = "collective.composite.listings"


class _Query:
    """A remembered catalog query, sized for the memo by its key's length.

    :param query: the catalog query, shared: never changed.
    :param names: its keys before the ``sort_limit`` and ``path`` added to
        every query (whether one names an index is checked on each use).
    :param size: the length of its key.
    """

    __slots__ = ("names", "query", "size")

    def __init__(self, query: dict, names: tuple, size: int):
        self.query = query
        self.names = names
        self.size = size

    def __len__(self) -> int:
        return self.size


def catalog_query(
    catalog, context, criteria: list, sort_on=None, sort_order=None, limit: int = 0
) -> dict | None:
    """The catalog query plone.app.querystring's query builder makes of
    ``criteria`` (see ``querybuilder.QueryBuilder._makequery``), remembered
    when it depends on nothing but its arguments and the navigation root.

    :param catalog: the site's catalog.
    :param context: the content the query is made for (relative paths).
    :param criteria: querystring criteria (``i``, ``o``, ``v``).
    :param sort_on: a sort index, or None.
    :param sort_order: ``reverse``/``descending`` for a reversed order, or None.
    :param limit: the most results wanted, 0 for all.
    :returns: catalog keyword arguments, or None when no criterion names an
        index of the catalog (the query builder then finds nothing). The dict
        may be shared with other listings and requests: do not change it.
    """
    state = _request_state(getRequest())
    query_modifiers, index_modifiers = _modifiers(state)
    key = _query_key(
        context,
        criteria,
        (sort_on, sort_order, limit),
        query_modifiers,
        index_modifiers,
    )
    entry = queries.get(key) if key is not None else None
    if entry is None:
        for _name, modifier in query_modifiers:
            criteria = modifier(criteria)
        query = _parsed(context, criteria, sort_on, sort_order)
        for name, modifier in index_modifiers:
            if name in query:
                new_name, value = modifier(query.pop(name))
                query[new_name] = value
        names = tuple(query)
        if limit:
            query["sort_limit"] = limit
        query.setdefault("path", {"query": ""})
        text = query.get("SearchableText")
        if isinstance(text, dict):
            text = text.get("query", "")
        if text:
            query["SearchableText"] = munge_search_term(text)
        if key is None:
            entry = _Query(query, names, 0)
        else:
            # A copy: the parser's query holds the criteria's own lists.
            entry = _Query(_copied(query), names, len(key))
            queries.set(key, entry)
    indexes = catalog._catalog.indexes
    if not any(name in indexes for name in entry.names):
        return None
    return entry.query


def _query_key(
    context, criteria, sorting: tuple, query_modifiers, index_modifiers
) -> str | None:
    """Everything the query made of ``criteria`` depends on, or None when
    that is more than the arguments and the navigation root (it is then made
    again on each use).

    It is remembered only while plone.app.querystring's own query modifier is
    the only one (it adds the navigation path to criteria without a path), and
    when every criterion's operation is one of :data:`_CONTEXT_FREE`, on an
    index no parsed-query index modifier changes (those of the date indexes
    parse text, which may stand for a time of today).

    :param sorting: ``sort_on``, ``sort_order`` and ``limit``.
    :param query_modifiers: the query modifiers, by name.
    :param index_modifiers: the parsed-query index modifiers, by name.
    """
    if not (
        len(query_modifiers) == 1
        and query_modifiers[0][1] is modify_query_to_enforce_navigation_root
    ):
        return None
    registry = queryUtility(IRegistry)
    if registry is None or not isinstance(criteria, list):
        return None
    modified = {name for name, _modifier in index_modifiers}
    operations = []
    for criterion in criteria:
        if not isinstance(criterion, dict):
            return None
        index, operation = criterion.get("i"), criterion.get("o")
        if index == "path" or index in modified or not isinstance(operation, str):
            return None
        function = registry.get(f"{operation}.operation")
        if function not in _CONTEXT_FREE:
            return None
        operations.append(function)
    root = None
    if criteria:
        if not _navigation_operation():
            return None
        root = navigation_root(context)
    return repr((criteria, operations, sorting, root))


def _modifiers(state) -> tuple[list, list]:
    """The query modifiers, sorted by name as the query builder applies them,
    and the parsed-query index modifiers, looked up once per request.

    :param state: the request's listing state, or None.
    """
    found = state.get("modifiers") if state is not None else None
    if found is None:
        found = (
            sorted(getUtilitiesFor(IQueryModifier), key=itemgetter(0)),
            list(getUtilitiesFor(IParsedQueryIndexModifier)),
        )
        if state is not None:
            state["modifiers"] = found
    return found


def _request_state(request) -> dict | None:
    """What listings look up once per request (navigation roots, modifiers,
    the visitor's roles), or None without a request."""
    if request is None:
        return None
    annotations = IAnnotations(request, None)
    if annotations is None:
        return None
    state = annotations.get(_STATE_KEY)
    if state is None:
        state = annotations[_STATE_KEY] = {"roots": {}}
    return state


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
    state = _request_state(getRequest())
    roots = state["roots"] if state is not None else None
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
        # A copy: the query may be remembered, and the catalog's own.
        brains = list(catalog(**_copied(query)))
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
    """The current minute, None without a date range ``effectiveRange``
    index. The index sees time at its precision, a whole number of minutes
    (``precision_value``), so its answer cannot change within a minute."""
    index = catalog._catalog.indexes.get("effectiveRange")
    if getattr(index, "_convertDateTime", None) is None:
        return None
    # The minutes since the epoch: DateTime() is the same clock, and costs
    # more than the rest of a remembered listing's key.
    return int(time() // 60)


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
    site = "/".join(catalog.getPhysicalPath())
    allowed, inactive = _visitor(catalog, request, site, query)
    parts = (
        site,
        counter,
        serial,
        moment,
        allowed,
        inactive,
        request.get("LANGUAGE", ""),
        query,
    )
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()


def _visitor(catalog, request, site: str, query: dict) -> tuple[list, bool]:
    """What the catalog adds to ``query`` for the current user: their
    ``allowedRolesAndUsers``, and whether they may see inactive content.

    Both are looked up once per request and user object (a login makes
    another user object, and a user object's roles and groups are those it
    was made with). Whether they may see inactive content is a permission
    check, which an executable's proxy roles change (``api.env.adopt_roles``,
    a script's proxy roles): under one it is checked each time.

    :param site: the catalog's path.
    :returns: the roles and groups, and ``show_inactive`` as the catalog
        takes it (the query's own, else its ``allow_inactive``).
    """
    manager = getSecurityManager()
    user = manager.getUser()
    state = _request_state(request)
    seen = state.get("visitor") if state is not None else None
    if seen is None or seen[0] is not user:
        seen = (user, catalog._listAllowedRolesAndUsers(user), {})
        if state is not None:
            state["visitor"] = seen
    _user, allowed, inactive = seen
    if "show_inactive" in query:
        return allowed, query["show_inactive"]
    if manager.calledByExecutable():
        return allowed, catalog.allow_inactive(query)
    # ``allow_inactive`` checks the permission on the site and on the paths
    # the query searches.
    paths = (site, repr(query.get("path")))
    if paths not in inactive:
        inactive[paths] = catalog.allow_inactive(query)
    return allowed, inactive[paths]


def _copied(value):
    """:returns: ``value`` with its dicts and lists copied, at every depth."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value
