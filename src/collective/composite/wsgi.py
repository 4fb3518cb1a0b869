"""A WSGI filter that refuses JSON request bodies nested too deeply.

Python's ``json`` parser recurses once per level of nesting, so a body of ten
thousand ``[`` raises ``RecursionError``. plone.restapi parses every
``application/json`` body while authenticating (its JWT plugin looks for a
login in it), for anonymous users and on any URL, before any view could refuse
it: the answer is a 500. This filter, put in front of Zope in the WSGI
pipeline, answers such requests with 400 before Zope reads them.

In a PasteDeploy configuration (``zope.ini``, ``wsgi.ini``)::

    [filter:json_depth]
    use = egg:collective.composite#json_depth
    max_depth = 100

    [pipeline:main]
    pipeline =
        egg:Zope#httpexceptions
        json_depth
        zope

This module needs nothing of Zope; it reads the body once, in chunks, keeping
it in a temporary file (in memory while small) that Zope then reads instead.
"""

from collections.abc import Callable
from collections.abc import Iterable
from tempfile import SpooledTemporaryFile

import json
import re


# Far below Python's recursion limit (1000), far above any sane document.
MAX_DEPTH = 100
# Bodies up to this size stay in memory; larger ones go to a temporary file.
SPOOL_BYTES = 1024 * 1024
CHUNK_BYTES = 64 * 1024

_SPECIAL = re.compile(rb'[\\"\[\]{}]')
_OPENING = frozenset(b"[{")
_CLOSING = frozenset(b"]}")
_QUOTE, _BACKSLASH = ord('"'), ord("\\")


class DepthScanner:
    """Follow the nesting of JSON fed in chunks, without parsing it.

    Brackets inside strings do not count; an escaped quote does not end a
    string. Malformed JSON is not detected (the parser does that later), only
    its nesting measured.

    :param max_depth: the deepest nesting allowed.
    """

    def __init__(self, max_depth: int):
        self.max_depth = max_depth
        self.depth = 0
        self.in_string = False
        self.escaped = -1  # the offset of the character after a backslash
        self.offset = 0

    def feed(self, chunk: bytes) -> bool:
        """Scan the next chunk of the body.

        :returns: whether the nesting went deeper than ``max_depth``.
        """
        for match in _SPECIAL.finditer(chunk):
            position = self.offset + match.start()
            char = chunk[match.start()]
            if self.in_string:
                if position == self.escaped:
                    continue
                if char == _BACKSLASH:
                    self.escaped = position + 1
                elif char == _QUOTE:
                    self.in_string = False
            elif char == _QUOTE:
                self.in_string = True
            elif char in _OPENING:
                self.depth += 1
                if self.depth > self.max_depth:
                    return True
            elif char in _CLOSING:
                self.depth -= 1
        self.offset += len(chunk)
        return False


def too_deep(body: bytes, max_depth: int = MAX_DEPTH) -> bool:
    """:returns: whether the JSON in ``body`` nests deeper than ``max_depth``."""
    return DepthScanner(max_depth).feed(body)


def is_json(content_type: str) -> bool:
    """:returns: whether a ``Content-Type`` header names a JSON media type
    (``application/json``, ``application/*+json``), whatever its parameters."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JSONDepthFilter:
    """WSGI middleware: answer 400 to a JSON request body nested deeper than
    ``max_depth``, and pass every other request on unchanged.

    :param app: the WSGI application behind the filter (Zope).
    :param max_depth: the deepest nesting allowed.
    """

    def __init__(self, app: Callable, max_depth: int = MAX_DEPTH):
        self.app = app
        self.max_depth = max_depth

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not is_json(environ.get("CONTENT_TYPE", "")):
            return self.app(environ, start_response)
        body, refused = self.spool(environ["wsgi.input"], environ)
        if refused:
            body.close()
            return self.refuse(start_response)
        environ["wsgi.input"] = body
        environ["CONTENT_LENGTH"] = str(body.seek(0, 2))
        body.seek(0)
        return self.app(environ, start_response)

    def spool(self, stream, environ: dict) -> tuple[SpooledTemporaryFile, bool]:
        """Copy the body to a temporary file, scanning it on the way.

        :returns: the copy and whether it nests too deeply (then the rest of
            the body is left unread).
        """
        declared = environ.get("CONTENT_LENGTH") or ""
        remaining = int(declared) if declared.isascii() and declared.isdigit() else -1
        scanner = DepthScanner(self.max_depth)
        # Not closed here: it becomes the request's body, Zope reads it later.
        body = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        while remaining:
            size = CHUNK_BYTES if remaining < 0 else min(CHUNK_BYTES, remaining)
            chunk = stream.read(size)
            if not chunk:
                break
            if scanner.feed(chunk):
                return body, True
            body.write(chunk)
            if remaining > 0:
                remaining -= len(chunk)
        return body, False

    def refuse(self, start_response: Callable) -> list[bytes]:
        error = {
            "error": {
                "type": "DeserializationError",
                "message": (
                    f"The JSON in the request body is nested deeper than "
                    f"{self.max_depth} levels."
                ),
                "field": "",
            }
        }
        body = json.dumps(error).encode()
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]


def json_depth_filter(
    app: Callable, global_conf: dict, max_depth: str = ""
) -> Callable:
    """The PasteDeploy filter ``egg:collective.composite#json_depth``.

    :param app: the WSGI application to wrap.
    :param global_conf: PasteDeploy's defaults (unused).
    :param max_depth: the deepest nesting allowed (default :data:`MAX_DEPTH`).
    :returns: the filtered application.
    """
    return JSONDepthFilter(app, int(max_depth) if max_depth else MAX_DEPTH)
