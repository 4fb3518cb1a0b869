"""Hypothesis strategies for fuzzing the published application: valid
arrangements (and widget settings of every shipped type), and hostile mutations
of them.

A document is plain JSON data (dicts, lists, strings, numbers) that may hold
:class:`Raw` tokens: JSON text written into the body as it is, for what Python's
``json`` cannot produce (``1e400``, 5,000-digit numbers, 10,000-deep nesting).
:func:`encode` turns a document into the bytes sent.
"""

from copy import deepcopy
from hypothesis import strategies as st
from urllib.parse import quote

import json


# The shipped layouts (the public contract, see tests/shipped_layouts.py), with
# the slots that hold at most some widgets.
LAYOUTS = {
    "one-column": ("main",),
    "two-columns": ("main", "sidebar"),
    "three-columns": ("left", "main", "right"),
    "landing": ("hero", "feature-1", "feature-2", "feature-3", "main", "footer"),
}
SLOT_MAX = {("landing", "hero"): 1}
ALL_SLOTS = sorted({slot for slots in LAYOUTS.values() for slot in slots})

# Widget types an Editor may add; ``html`` needs "Add HTML widgets".
EDITOR_TYPES = ("text", "content", "image", "listing")
WIDGET_TYPES = (*EDITOR_TYPES, "html")

QUERY = "plone.app.querystring.operation."

# What a type-aware mutation puts in or around a string, and numbers a JSON
# parser may turn into what JSON cannot write back.
ODD_PIECES = ["\n", "\ud800", "\udfff", "\x00", "\x1c", "\u202e", "²", " ", "\ufeff"]
EDGE_NUMBERS = ["1e400", "-1e400", "NaN", "Infinity", "1" * 5000, "-0", "1e-400"]


class Raw(str):
    """JSON text sent as it is (a number or nesting Python cannot write)."""

    def __repr__(self) -> str:
        text = str(self)
        shown = text if len(text) <= 40 else f"{text[:20]}...{text[-10:]}({len(text)})"
        return f"Raw({shown!r})"


class Long(str):
    """A long string that shows short in a falsifying example."""

    def __repr__(self) -> str:
        return f"Long({self[:12]!r}... {len(self)} characters)"


def encode(document, ascii_only: bool = True) -> bytes:
    """The JSON text of ``document``, :class:`Raw` tokens written as they are.

    :param ascii_only: escape every non-ASCII character (lone surrogates become
        ``\\ud800`` escapes); else write UTF-8, and a lone surrogate as the
        bytes a careless encoder writes (invalid UTF-8).
    """
    return _text(document, ascii_only).encode("utf-8", "surrogatepass")


def _text(value, ascii_only: bool) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        members = (
            f"{_text(str(key), ascii_only)}:{_text(item, ascii_only)}"
            for key, item in value.items()
        )
        return "{" + ",".join(members) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_text(item, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def form_body(fields: dict | list) -> bytes:
    """``application/x-www-form-urlencoded`` of string ``fields`` (a dict, or
    a list of name and value pairs, where a name may come back); a lone
    surrogate is sent as the (invalid UTF-8) bytes of its code point."""
    pairs = fields.items() if isinstance(fields, dict) else fields
    return "&".join(
        f"{quote(name, safe='', errors='surrogatepass')}="
        f"{quote(value, safe='', errors='surrogatepass')}"
        for name, value in pairs
    ).encode("ascii")


# --- valid values ------------------------------------------------------------

# Text people write: any script, emoji, combining marks, but no control
# characters (a text line also refuses newlines) and no lone surrogates.
plain_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=30
)
line_text = plain_text.map(lambda text: " ".join(text.split()))
words = st.from_regex(r"[A-Za-z][a-z]{1,8}", fullmatch=True)
uid = st.from_regex(r"[0-9a-f]{32}", fullmatch=True)
widget_ids = st.from_regex(r"[A-Za-z0-9_-]{1,16}", fullmatch=True)


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


rich_text = st.one_of(
    st.just(""),
    plain_text.map(lambda text: f"<p>{escape_html(text)}</p>"),
    st.tuples(
        st.sampled_from(["h2", "h3", "p", "blockquote", "strong"]), plain_text
    ).map(lambda pair: f"<{pair[0]}>{escape_html(pair[1])}</{pair[0]}>"),
    st.lists(plain_text, min_size=1, max_size=3).map(
        lambda items: (
            "<ul>" + "".join(f"<li>{escape_html(i)}</li>" for i in items) + "</ul>"
        )
    ),
)

criteria = st.one_of(
    st.fixed_dictionaries(
        {
            "i": st.just("portal_type"),
            "o": st.sampled_from([f"{QUERY}selection.any", f"{QUERY}selection.none"]),
            "v": st.lists(
                st.sampled_from(["Document", "News Item", "Event", "Image"]),
                min_size=1,
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.just("review_state"),
            "o": st.just(f"{QUERY}selection.any"),
            "v": st.lists(st.sampled_from(["published", "private"]), min_size=1),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.sampled_from(["SearchableText", "Title", "Description"]),
            "o": st.just(f"{QUERY}string.contains"),
            "v": words,
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.just("Subject"),
            "o": st.sampled_from([f"{QUERY}selection.any", f"{QUERY}selection.all"]),
            "v": st.lists(words, min_size=1, max_size=2),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.sampled_from(["created", "modified", "effective"]),
            "o": st.sampled_from([f"{QUERY}date.today", f"{QUERY}date.beforeToday"]),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.sampled_from(["created", "modified"]),
            "o": st.sampled_from(
                [
                    f"{QUERY}date.lessThanRelativeDate",
                    f"{QUERY}date.largerThanRelativeDate",
                ]
            ),
            "v": st.integers(-365, 365).map(str),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.just("getObjPositionInParent"),
            "o": st.sampled_from([f"{QUERY}int.lessThan", f"{QUERY}int.largerThan"]),
            "v": st.integers(0, 50).map(str),
        }
    ),
    st.fixed_dictionaries(
        {
            "i": st.just("isFolderish"),
            "o": st.sampled_from([f"{QUERY}boolean.isTrue", f"{QUERY}boolean.isFalse"]),
        }
    ),
)


# Every index of plone.app.querystring's registry with its operations.
OPERATIONS = {
    "path": ["string.absolutePath", "string.path", "string.relativePath"],
    "getId": ["string.is", "string.isNot"],
    "Creator": ["string.currentUser", "selection.any", "selection.none"],
    "Description": ["string.contains"],
    "getObjPositionInParent": ["int.is", "int.lessThan", "int.largerThan"],
    "getRawRelatedItems": ["reference.is"],
    "isDefaultPage": ["boolean.isTrue", "boolean.isFalse"],
    "isFolderish": ["boolean.isTrue", "boolean.isFalse"],
    "portal_type": ["selection.any", "selection.none"],
    "show_inactive": ["string.showInactive"],
    "review_state": ["selection.any", "selection.none"],
    "SearchableText": ["string.contains"],
    "sortable_title": ["string.contains", "string.is", "string.isNot"],
    "Subject": ["selection.any", "selection.all", "selection.none"],
    "Title": ["string.contains"],
    **{
        index: [
            "date.lessThan",
            "date.largerThan",
            "date.between",
            "date.lessThanRelativeDate",
            "date.largerThanRelativeDate",
            "date.today",
            "date.beforeToday",
            "date.afterToday",
            "date.beforeRelativeDate",
            "date.afterRelativeDate",
        ]
        for index in ("created", "effective", "end", "modified", "expires", "start")
    },
}
criterion_values = st.one_of(
    st.sampled_from(["", "Document", "7", "-7", "2025-05-02", "/", "..", "../..", "*"]),
    st.sampled_from(["2025-05-02", "2025-13-45", "x", ""]).flatmap(
        lambda first: st.sampled_from([[first, "2025-06-01"], [first], []])
    ),
    st.sampled_from(EDGE_NUMBERS).map(Raw),
    st.integers(-(10**7), 10**7),
    st.lists(words, max_size=2),
    st.sampled_from([None, True, 1.5, {}, [[]], "0123456789abcdef0123456789abcdef"]),
)


@st.composite
def any_criteria(draw):
    """A criterion of any index and operation, with or without a value of
    any shape."""
    index = draw(st.sampled_from(sorted(OPERATIONS)))
    operation = draw(st.sampled_from(OPERATIONS[index]))
    criterion = {"i": index, "o": f"{QUERY}{operation}"}
    if draw(st.integers(0, 4)):
        criterion["v"] = draw(criterion_values)
    return criterion


def optional(members: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional=members)


def settings_of(type_name: str, uids: dict | None = None) -> st.SearchStrategy:
    """Valid settings of a shipped widget type.

    :param uids: widget type -> the UIDs its widgets refer to (items that exist
        and suit the type, or none at all: a missing item is fine); any UID by
        default.
    """
    uids = (uids or {}).get(type_name, uid)
    if type_name == "text":
        return optional({"text": rich_text})
    if type_name == "html":
        return optional({"html": rich_text | plain_text})
    if type_name == "content":
        return st.fixed_dictionaries(
            {"uid": uids},
            optional={"display": st.sampled_from(["title", "summary", "full"])},
        )
    if type_name == "image":
        return st.fixed_dictionaries(
            {"uid": uids},
            optional={
                "scale": st.sampled_from(["large", "preview", "mini", "thumb", "icon"]),
                "alt": line_text,
                "caption": line_text,
            },
        )
    if type_name == "listing":
        source = st.fixed_dictionaries({"collection": uids}) | st.fixed_dictionaries(
            {"query": st.lists(criteria, min_size=1, max_size=3)}
        )
        rest = optional(
            {
                "title": line_text,
                "sort_on": st.sampled_from(["sortable_title", "created", "effective"]),
                "sort_reversed": st.booleans(),
                "limit": st.integers(1, 100),
                "display": st.sampled_from(["titles", "summaries", "cards"]),
            }
        )
        return st.tuples(source, rest).map(lambda pair: {**pair[0], **pair[1]})
    raise ValueError(type_name)


def widget(types=EDITOR_TYPES, uids: dict | None = None) -> st.SearchStrategy:
    """A valid widget without its id."""
    return st.sampled_from(types).flatmap(
        lambda type_name: st.fixed_dictionaries(
            {"type": st.just(type_name), "settings": settings_of(type_name, uids)}
        )
    )


@st.composite
def arrangements(draw, types=EDITOR_TYPES, uids: dict | None = None):
    """A valid arrangement as ``PATCH @composite`` and ``arrangement.save``
    take it: ``layout``, every slot with its widgets (ids unique), and
    ``unplaced`` widgets (of slots the layout lacks)."""
    layout = draw(st.sampled_from(sorted(LAYOUTS)))
    room = sum(SLOT_MAX.get((layout, slot), 2) for slot in LAYOUTS[layout]) + 1
    ids = iter(draw(st.lists(widget_ids, min_size=room, max_size=room, unique=True)))
    slots = {}
    for slot in LAYOUTS[layout]:
        most = SLOT_MAX.get((layout, slot), 2)
        items = draw(st.lists(widget(types, uids), max_size=most))
        slots[slot] = [{"id": next(ids), **item} for item in items]
    elsewhere = [slot for slot in ALL_SLOTS if slot not in LAYOUTS[layout]]
    unplaced = []
    if elsewhere and draw(st.booleans()):
        unplaced.append(
            {
                "id": next(ids),
                **draw(widget(types, uids)),
                "slot": draw(st.sampled_from(elsewhere)),
            }
        )
    return {"layout": layout, "slots": slots, "unplaced": unplaced}


@st.composite
def patch_bodies(draw, version: str, uids: dict | None = None):
    """A valid ``PATCH @composite`` body: ``version`` and an arrangement, some
    of whose members may be left out (they keep their current value)."""
    body = {"version": version, **draw(arrangements(uids=uids))}
    for name in draw(
        st.sampled_from([(), ("unplaced",), ("layout",), ("layout", "unplaced")])
    ):
        del body[name]
    return body


# --- hostile values ----------------------------------------------------------

LONE_SURROGATES = ["\ud800", "\udfff", "a\udc80b", "\udbff\ud800", "<p>\ud83d</p>"]
ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m",
    "\r\n",
    "\u2028\u2029",
    "\ufeff",
    "\u200b\u200d",
    "\u202eevil",
    "\uffff\ufffe",
    "\U0010ffff",
    "e\u0301\u0301\u0301",
    "²",
    "¹²³",
    "٣",
    "Ⅻ",
    "ｆｕｌｌ",
    "İı",
    "../",
    "../../etc/passwd",
    "..",
    "/",
    "%2e%2e%2f",
    "%00",
    "?a=b#c",
    "@@view",
    "++api++",
    "<script>alert(1)</script>",
    "<p onclick='x()'>p</p>",
    "<!--",
    "<![CDATA[",
    "${name}",
    "{{x}}",
    "%s%s%n",
    "' OR '1'='1",
    "0123456789abcdef0123456789abcdef\n",
    "0123456789ABCDEF0123456789ABCDEF",
    " 0123456789abcdef0123456789abcdef",
    "__proto__",
    "constructor",
    "@id",
    "version",
    "NaN",
    "Infinity",
    "1e400",
    "-0",
    "true",
    "null",
    "0",
    "-1",
    "1.0",
    "0x10",
    "1_000",
]
RAW_NUMBERS = [
    "1e400",
    "-1e400",
    "1E+400",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "0.0000000000000000000000001",
    "1" * 5000,
    "-" + "9" * 5000,
    "1" * 5000 + ".5",
    "9007199254740993",
    "18446744073709551617",
]


def deep(depth: int, kind: str = "[") -> Raw:
    """``depth`` nested arrays (``[``) or objects (``{``)."""
    if kind == "[":
        return Raw("[" * depth + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * depth)


DEEP = [deep(depth, kind) for depth in (64, 1000, 10_000, 100_000) for kind in "[{"]

odd_text = st.text(
    st.characters(categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Mn", "So")),
    min_size=1,
    max_size=8,
)
long_strings = st.sampled_from([1000, 65_536, 300_000, 1_100_000]).flatmap(
    lambda size: st.sampled_from(["x", "é", "\U0001f600", "<p>", "\ud800"]).map(
        lambda char: Long(char * size)
    )
)
hostile_strings = st.one_of(
    st.sampled_from(ODD_STRINGS + LONE_SURROGATES),
    odd_text,
    st.text(max_size=12),
    long_strings,
)
hostile_keys = st.one_of(
    st.sampled_from(ODD_STRINGS + LONE_SURROGATES),
    odd_text,
    st.text(max_size=6),
    st.sampled_from(["id", "type", "settings", "slot", "slots", "layout", "unplaced"]),
)
wrong_types = st.sampled_from(
    [None, True, False, 0, -1, 1, 2**63, 1.5, -0.0, 1e308, "", [], {}, [[]], {"": {}}]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=10,
)
hostile_values = st.one_of(
    wrong_types,
    hostile_strings,
    st.sampled_from(RAW_NUMBERS).map(Raw),
    st.sampled_from(DEEP),
    json_values,
    st.lists(hostile_strings, min_size=1, max_size=3),
    st.dictionaries(
        hostile_keys, wrong_types | hostile_strings, min_size=1, max_size=2
    ),
)


# --- mutations ---------------------------------------------------------------


def _nodes(document, path=()):
    """Every (path, node) of a document, the root first."""
    yield path, document
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _nodes(value, (*path, index))


def _set(document, path, value):
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def edge_values(value) -> st.SearchStrategy:
    """Values at the edge of what ``value``'s kind allows: a string with an odd
    piece before, after or inside it, emptied or blown up; a number that
    overflows, is not finite or has 5,000 digits; the other JSON types."""
    if isinstance(value, str) and not isinstance(value, Raw):
        middle = len(value) // 2
        near = st.sampled_from(
            [
                value + "\n",
                value + "\ud800",
                "\udc80" + value,
                "\x1c" + value,
                value[:middle] + "\x00" + value[middle:],
                "",
                " " + value,
            ]
        )
        # Mostly the value itself, a little off: what a validator may let pass.
        return st.one_of(
            near,
            near,
            near,
            st.sampled_from(ODD_PIECES).map(lambda piece: value[:middle] + piece),
            st.just(Long(value * (1 + 100_000 // (len(value) or 1)))),
            st.sampled_from(EDGE_NUMBERS).map(Raw),
            wrong_types,
        )
    if isinstance(value, bool) or value is None:
        return st.sampled_from([0, 1, "true", "", None, [], {}, not value])
    if isinstance(value, int | float):
        return st.one_of(
            st.sampled_from(EDGE_NUMBERS).map(Raw),
            st.sampled_from(
                [-value, value + 0.5, 2**63, -(2**63), str(value), True, None]
            ),
        )
    return hostile_values


@st.composite
def mutation(draw, document):
    """One hostile change of ``document`` (a deep copy is changed).

    Structural changes pick a depth first, then a node there, so the few
    members near the top are changed as often as the many leaves: a value
    replaced by a hostile one, a key added, dropped or renamed, an item
    appended, duplicated or dropped, a value wrapped in a list or object.
    Type-aware changes pick a leaf (a string, number, boolean or null) and put
    a value at the edge of its kind there (:func:`edge_values`).

    :returns: the changed document and the kind and path of the change.
    """
    document = deepcopy(document)
    nodes = list(_nodes(document))
    leaves = [(path, node) for path, node in nodes if not isinstance(node, dict | list)]
    if leaves and draw(st.booleans()):
        path, node = draw(st.sampled_from(leaves))
        return _set(document, path, draw(edge_values(node))), ("edge", path)
    depths = sorted({len(path) for path, _node in nodes})
    depth = draw(st.sampled_from(depths))
    path, node = draw(
        st.sampled_from([item for item in nodes if len(item[0]) == depth])
    )
    kinds = ["replace", "replace", "retype", "retype", "wrap"]
    if isinstance(node, dict):
        kinds += ["add key", "add key"]
        if node:
            kinds += ["drop key", "rename key"]
    if isinstance(node, list):
        kinds += ["append"]
        if node:
            kinds += ["duplicate", "drop item"]
    kind = draw(st.sampled_from(kinds))
    if kind == "replace":
        document = _set(document, path, draw(hostile_values))
    elif kind == "retype":
        document = _set(document, path, draw(wrong_types | st.just(["x"])))
    elif kind == "wrap":
        wrapped = draw(st.sampled_from(["list", "object"]))
        document = _set(document, path, [node] if wrapped == "list" else {"": node})
    elif kind == "add key":
        node[draw(hostile_keys)] = draw(hostile_values | json_values)
    elif kind == "drop key":
        del node[draw(st.sampled_from(sorted(node, key=str)))]
    elif kind == "rename key":
        key = draw(st.sampled_from(sorted(node, key=str)))
        node[draw(hostile_keys)] = node.pop(key)
    elif kind == "append":
        node.append(draw(hostile_values))
    elif kind == "duplicate":
        node.append(deepcopy(draw(st.sampled_from(node))))
    elif kind == "drop item":
        del node[draw(st.integers(0, len(node) - 1))]
    return document, (kind, path)


@st.composite
def mutated(draw, documents, most: int = 3):
    """A document of ``documents`` with 1 to ``most`` hostile mutations.

    :returns: the document and the list of mutations made (kind, path).
    """
    document = draw(documents)
    changes = []
    for _ in range(draw(st.integers(1, most))):
        document, change = draw(mutation(document))
        changes.append(change)
    return document, changes


# Path segments after a service name (a revision number and what follows),
# percent-encoded as a client sends them ("%zz" stays as it is). Not bytes that
# are no UTF-8 ("%ff", a lone surrogate's "%ED%A0%80"): Zope's publish_module
# fails to decode them and answers 500 on any URL (they are in query strings).
path_segments = st.one_of(
    # Digits to Python (str.isdigit) that int() refuses, or too many of them.
    st.sampled_from(["²", "١", "Ⅻ", "¹²", "9" * 5000, "1" * 20]).map(
        lambda segment: quote(segment, safe="")
    ),
    st.sampled_from(
        [
            "1",
            "2",
            "0",
            "00",
            "-1",
            "1.0",
            "+1",
            " 1",
            "1 ",
            "0x1",
            "1e3",
            "١",
            "²",
            "Ⅻ",
            "..",
            "../..",
            "%2e%2e",
            "%00",
            "%C3%BF",
            "restore",
            "@@x",
            "++api++",
            "a b",
            "%",
            "%zz",
            ";",
            "1;x",
            "9" * 5000,
            "1" * 20,
        ]
    ).map(lambda segment: quote(segment, safe="%/;+@")),
    st.text(
        st.characters(exclude_characters="/?#", exclude_categories=("Cs",)),
        min_size=1,
        max_size=6,
    ).map(lambda text: quote(text, safe="")),
)
query_strings = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "?a=b",
            "?%ED%A0%80=1",
            "?b_start=-1",
            "?b_size=" + "9" * 5000,
            # Not "?x:int=a": Zope's form converters answer 500 on any URL.
            "?x:int=1",
            "?x:record=1",
            "?x:list=1&x:list=2",
            "?__ac=x",
            "?_authenticator=x",
            "?expand=" + "x" * 10_000,
            "?%00=%00",
            "?a=" + "%ff",
        ]
    ),
)


# Zope's form converters that never fail on their own: ``:int``, ``:float``,
# ``:date``, ``:required`` answer 500 to a value they cannot convert on any
# URL, and ``:record`` mixed with a field of the record's name too (Zope's).
SAFE_CONVERTERS = [":list", ":tuple", ":string", ":text", ":tokens", ":lines"]


@st.composite
def zope_forms(draw, fields: dict):
    """``fields`` as a hostile client may send them, as name and value pairs
    for :func:`form_body`: some sent twice (the same value or a hostile one),
    or named with one of Zope's converters (which make a list of a value)."""
    pairs = list(fields.items())
    for _ in range(draw(st.integers(1, 3))):
        if not pairs:
            break
        index = draw(st.integers(0, len(pairs) - 1))
        name, value = pairs[index]
        if ":" not in name and draw(st.booleans()):
            pairs[index] = (name + draw(st.sampled_from(SAFE_CONVERTERS)), value)
        else:
            pairs.insert(
                draw(st.integers(0, len(pairs))),
                (name, draw(st.just(value) | hostile_strings)),
            )
    return pairs


# --- headers -----------------------------------------------------------------


def header_value(text: str) -> str:
    """``text`` as a server hands a header on: its bytes (UTF-8; a lone
    surrogate as the bytes of its code point) read as latin-1."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


# Header values a server lets through: one line, a few kilobytes at most.
hostile_header_values = hostile_strings.map(header_value).filter(
    lambda value: len(value) <= 8000 and "\r" not in value and "\n" not in value
)
