"""The strict JSON reader of every endpoint that takes JSON: the REST services
(request bodies) and design mode's views (form fields).

Python's ``json`` module accepts what is not JSON, or what cannot be stored and
sent back: ``NaN`` and ``Infinity``, numbers that overflow to infinity
(``1e400``), integers too large for JavaScript (and, past 4300 digits, for
``int()``), lone UTF-16 surrogates (``"\\ud800"``, which no UTF-8 encoder
takes), and nesting deep enough to exhaust the stack. This reader refuses all
of them with a 400 whose ``field`` is the path of the offending value (e.g.
``slots.main.0.settings.text``), and bodies over the size limit with a 413.
"""

from collective.composite import _
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.refusals import Refusal
from collective.composite.wsgi import MAX_DEPTH as MAX_WSGI_DEPTH
from collective.composite.wsgi import too_deep
from plone import api

import json
import math
import re


MAX_PAYLOAD_RECORD = "collective.composite.max_payload_bytes"
DEFAULT_MAX_PAYLOAD = 1024 * 1024
# Arrangements nest about eight levels (slots.main.0.settings.query.0.v.0);
# four times that leaves room for any widget type's settings.
MAX_DEPTH = 32
# The largest integer JavaScript (the editor) keeps exactly: 2**53 - 1.
MAX_INTEGER = 9_007_199_254_740_991

_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused:
    """What the parser makes of a number or constant that is refused, so that
    the walk over the result can name where it was."""

    def __init__(self, text: str):
        self.text = text


def max_payload_bytes() -> int:
    """:returns: the largest request body accepted, from the registry: the
    default when the record holds no whole number, at least
    :data:`~collective.composite.interfaces.MIN_PAYLOAD_BYTES`."""
    value = api.portal.get_registry_record(
        MAX_PAYLOAD_RECORD, default=DEFAULT_MAX_PAYLOAD
    )
    # The form and @controlpanels refuse such values, but code may store None
    # and a profile may replace the record's field: every service would
    # answer 500 (None, a text). A limit below the floor (a site older than
    # it, a registry.xml) refused design mode's own requests: no save could
    # succeed.
    if isinstance(value, bool) or not isinstance(value, int):
        return DEFAULT_MAX_PAYLOAD
    return max(value, MIN_PAYLOAD_BYTES)


def read_json_object(request, limit: int | None = None) -> dict:
    """Read the request body as a JSON object, refusing bodies over ``limit``.

    The declared ``Content-Length`` is checked before reading; at most
    ``limit + 1`` bytes are read, for bodies without (or lying about) it.

    :param request: the request whose body is read.
    :param limit: the largest body accepted, in bytes; None for the registry's.
    :returns: the decoded object.
    :raises Refusal: 413 for a body too large, 400 for anything but a JSON
        object or for a value :func:`loads` refuses.
    """
    if limit is None:
        limit = max_payload_bytes()
    declared = request.getHeader("Content-Length") or ""
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    raw = b""
    body = request.get("BODYFILE")
    if body is not None:
        body.seek(0)
        raw = body.read(limit + 1)
    if len(raw) > limit:
        raise too_large(limit)
    data = loads(raw)
    if not isinstance(data, dict):
        raise not_json(_("The request body must be a JSON object."))
    return data


def read_json_field(request, name: str, message: str, kind: type = dict):
    """Read the form field ``name`` as JSON of type ``kind``.

    :param request: the request whose form has the field.
    :param name: the field's name; refusals name it, or a path in it
        (``arrangement.slots.main``).
    :param message: what the refusal of a missing field, of one that is not
        JSON, or not of ``kind``, says.
    :param kind: the type the decoded value must have (``dict`` or ``list``).
    :returns: the decoded value.
    :raises Refusal: 413 for a field over the payload limit, 400 for a missing
        field, a value not of ``kind`` or one :func:`loads` refuses.
    """
    text = request.form.get(name)
    if not isinstance(text, str):
        raise not_json(message, field=name)
    limit = max_payload_bytes()
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise too_large(limit)
    data = loads(text, field=name, invalid=message)
    if not isinstance(data, kind):
        raise not_json(message, field=name)
    return data


def loads(text: str | bytes, field: str = "", invalid: str | None = None):
    """Decode JSON strictly.

    :param text: the JSON, as text or as UTF-8 (or UTF-16/32) bytes.
    :param field: where the JSON came from, put before the path of a refused
        value.
    :param invalid: what the refusal of text that is not JSON says.
    :returns: the decoded value.
    :raises Refusal: 400 ``DeserializationError`` for what is not JSON, for
        NaN, Infinity and numbers overflowing to them, for integers beyond
        ±(2**53 - 1), for lone surrogates in strings and keys, and for nesting
        deeper than :data:`MAX_DEPTH`; ``field`` names the value's path.
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    # json's parser recurses once per level: more levels than the stack holds
    # must never reach it. The walk below names the path of lesser excesses.
    if too_deep(raw, MAX_WSGI_DEPTH):
        raise _too_deep(field)
    try:
        data = json.loads(
            text,
            parse_constant=_Refused,
            parse_float=_float,
            parse_int=_int,
        )
    except (ValueError, RecursionError):
        message = invalid or _("The request body is not valid JSON.")
        raise not_json(message, field=field) from None
    _check(data, field)
    return data


def _float(text: str):
    number = float(text)
    return number if math.isfinite(number) else _Refused(text)


def _int(text: str):
    # Digits beyond MAX_INTEGER's are refused before int() must read them all.
    if len(text.lstrip("-")) > len(str(MAX_INTEGER)):
        return _Refused(text)
    number = int(text)
    return number if abs(number) <= MAX_INTEGER else _Refused(text)


def _check(data, field: str) -> None:
    """Walk the decoded value (without recursion), refusing what the parser
    let through: refused numbers, lone surrogates, too deep nesting."""
    stack: list[tuple[object, str, int]] = [(data, field, 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise _too_deep(path)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                item_path = _join(path, key, depth)
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise _surrogate(item_path)
                stack.append((item, item_path, depth + 1))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                raise _surrogate(path)
        elif isinstance(value, _Refused):
            raise Refusal(
                400,
                "DeserializationError",
                _(
                    "The number ${number} cannot be stored: numbers must be "
                    "finite, and whole numbers at most ${max} in size.",
                    mapping={"number": value.text[:32], "max": MAX_INTEGER},
                ),
                field=path,
            )


def _join(path: str, key, depth: int) -> str:
    """:returns: the path of member ``key`` of the value at ``path``, ``depth``
    levels down. By depth, not by an empty path: below a member named ""
    the path is empty too, and its members must keep their place (``.0``)."""
    return f"{path}.{key}" if path or depth else str(key)


def _surrogate(path: str) -> Refusal:
    return Refusal(
        400,
        "DeserializationError",
        _(
            "Text must be valid Unicode: a lone surrogate (half of a UTF-16 pair, "
            "such as U+D800) cannot be stored."
        ),
        field=path,
    )


def _too_deep(path: str) -> Refusal:
    return Refusal(
        400,
        "DeserializationError",
        _(
            "The JSON is nested deeper than ${max} levels.",
            mapping={"max": MAX_DEPTH},
        ),
        field=path,
    )


def not_json(message: str, field: str = "") -> Refusal:
    """:returns: the 400 refusal of a body or field that is not the JSON
    expected."""
    return Refusal(400, "DeserializationError", message, field=field)


def too_large(limit: int) -> Refusal:
    """:returns: the 413 refusal of a body over ``limit`` bytes."""
    return Refusal(
        413,
        "PayloadTooLarge",
        _(
            "The request body is larger than ${limit} bytes.",
            mapping={"limit": limit},
        ),
        limit=limit,
    )
