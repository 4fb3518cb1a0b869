"""Fuzzing the add-on's static resource folders (``++plone++...``) and its
vocabularies (plone.restapi's ``@vocabularies/NAME``, Plone's
``@@getVocabulary?name=NAME``, which the pattern widgets ask): hostile paths
(``..``, encoded dots, NUL, odd Unicode), query strings and headers.

Beyond the suite's properties (no 5xx, a refusal says why, nothing is
written): a resource folder serves its own files and nothing else (no file
outside it, whatever the path), and a vocabulary gives only its own terms.
"""

from fuzzing import check_json
from fuzzing import describe
from fuzzing import fuzz_settings
from fuzzing import fuzz_settings_halved
from hypothesis import given
from hypothesis import strategies as st
from pathlib import Path
from plone import api
from plone.namedfile.interfaces import IAvailableSizes
from strategies import form_body
from strategies import hostile_header_values
from strategies import hostile_strings
from strategies import LAYOUTS
from strategies import path_segments
from strategies import query_strings
from urllib.parse import quote
from urllib.parse import unquote
from zope.component import getUtility

import collective.composite
import transaction


PACKAGE = Path(collective.composite.__file__).parent
FOLDERS = {
    "collective.composite.editor": PACKAGE / "static" / "editor",
    "collective.composite.layouts": PACKAGE / "layouts" / "static",
    "collective.composite.gallery": PACKAGE / "gallery" / "static",
}
TRICKS = [
    "..",
    "%2e%2e",
    "%2E%2E%2F",
    ".%2e",
    "..%2f..%2fsetup.py",
    "..%5c..%5cconfigure.zcml",
    "%252e%252e",
    ".",
    "",
    "%00",
    "editor.js%00.css",
    "~",
    "configure.zcml",
    "__init__.py",
    "@@x",
    "++resource++x",
    "++plone++static",
    "aq_parent",
    "REQUEST",
    "manage_main",
]
# Not bytes that are no UTF-8 ("%C0%AE"): Zope answers 500 to such a path on
# any URL (see strategies.path_segments).


def leaves(path: str) -> bool:
    """Whether ``path`` (percent-encoded, as sent) goes up out of the folder
    (``a/../..``) or through a namespace (``++plone++static``): the URL then
    names another page or resource of the site."""
    depth = 0
    for part in unquote(path).split("/"):
        if part.startswith("++"):
            return True
        if part == "..":
            depth -= 1
        elif part not in ("", "."):
            depth += 1
        if depth < 0:
            return True
    return False


def files_of(folder: Path) -> list[bytes]:
    return [path.read_bytes() for path in folder.rglob("*") if path.is_file()]


def resource_paths(folder: Path) -> st.SearchStrategy:
    """A path under a folder: its files, tricks and hostile segments."""
    known = sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    )
    segment = st.one_of(st.sampled_from(known), st.sampled_from(TRICKS), path_segments)
    return st.lists(segment, min_size=0, max_size=4).map("/".join)


@fuzz_settings
@given(data=st.data(), name=st.sampled_from(sorted(FOLDERS)), query=query_strings)
def test_static_resources_serve_only_their_own_files(fuzz_site, data, name, query):
    site = fuzz_site
    folder = FOLDERS[name]
    path = data.draw(resource_paths(folder), "path")
    client = data.draw(st.sampled_from([site.anonymous, site.editor]), "client")
    headers = {"Accept": data.draw(st.sampled_from(["text/html", "*/*"]), "accept")}
    for header in data.draw(
        st.lists(st.sampled_from(["Range", "If-Modified-Since"]), unique=True),
        "headers",
    ):
        headers[header] = data.draw(
            st.sampled_from(["bytes=0-3", "bytes=9-1", "x"]) | hostile_header_values,
            header,
        )
    method = data.draw(st.sampled_from(["GET", "GET", "HEAD"]), "method")
    url = f"{site.portal.absolute_url()}/++plone++{name}/{path}{query}"
    before = site.snapshot()
    response = client.request(method, url, headers=headers)
    if method == "HEAD":
        assert response.status_int < 500, describe(response)
        assert site.snapshot() == before, describe(response)
        return
    site.check_unchanged(response, before)
    if response.status_int in (200, 206) and response.body and not leaves(path):
        served = response.body
        if served == f"<FilesystemResourceDirectory object at {name}>".encode():
            return  # a folder itself (plone.resource's answer for any folder)
        assert any(served in content for content in files_of(folder)), (
            f"served what is no file of {folder}: {describe(response)}"
        )


LAYOUT_TERMS = {
    "title": hostile_strings,
    "token": hostile_strings,
    "tokens": hostile_strings,
    "b_start": st.sampled_from(["0", "-1", "1", "x", "9" * 5000, ""]),
    "b_size": st.sampled_from(["0", "-1", "1", "x", "9" * 5000, ""]),
    "query": hostile_strings,
    "page": st.sampled_from(["0", "-1", "1", "x", "9" * 30, ""]),
    "page_limit": st.sampled_from(["0", "-1", "1", "x", "9" * 30, ""]),
    "attributes": hostile_strings,
}
VOCABULARIES = {
    "collective.composite.Layouts": "page",
    "collective.composite.ComposableTypes": "site",
    "collective.composite.ImageScales": "page",
}


@st.composite
def vocabulary_queries(draw, twice: bool) -> str:
    """A query string of a vocabulary's parameters, some hostile.

    :param twice: whether a parameter may be sent twice (a list to Zope).
        Not to ``@vocabularies``: plone.restapi's serializer of any
        vocabulary answers 500 to a ``title`` or ``token`` sent twice.
    """
    names = draw(
        st.lists(st.sampled_from(sorted(LAYOUT_TERMS)), max_size=4, unique=not twice)
    )
    pairs = [(name, draw(LAYOUT_TERMS[name], name)) for name in names]
    return form_body(pairs).decode("ascii")


@fuzz_settings_halved
@given(
    data=st.data(),
    name=st.sampled_from(sorted(VOCABULARIES)),
    via=st.sampled_from(["@vocabularies", "@@getVocabulary"]),
)
def test_the_vocabularies_never_fail_nor_write(fuzz_site, data, name, via):
    site = fuzz_site
    sender = data.draw(st.sampled_from(["editor", "manager", "reader", "anonymous"]))
    client = site.client("manager") if sender == "manager" else getattr(site, sender)
    context = site.url if VOCABULARIES[name] == "page" else site.portal.absolute_url()
    # Not "..": the URL would leave the vocabulary for the site or the page,
    # whose content GET plone.restapi answers with 500 for ``b_size=-1``.
    segments = path_segments.filter(lambda segment: ".." not in unquote(segment))
    suffix = data.draw(st.just("") | segments.map(lambda s: f"/{s}"), "suffix")
    query = data.draw(vocabulary_queries(twice=via == "@@getVocabulary"), "query")
    if data.draw(st.booleans(), "hostile query string"):
        query = f"{query}&{data.draw(query_strings, 'more').lstrip('?')}"
    if via == "@vocabularies":
        url = f"{context}/@vocabularies/{quote(name)}{suffix}?{query}"
    else:
        url = f"{context}/@@getVocabulary{suffix}?name={quote(name)}&{query}"
    before = site.snapshot()
    response = client.request("GET", url, headers={"Accept": "application/json"})
    # plone.restapi's own refusals (such as "title and token at the same
    # time") name no field: a message.
    assert response.status_int < 500, describe(response)
    assert site.snapshot() == before, describe(response)
    if response.status_int >= 400:
        error = response.json.get("error", response.json)
        assert str(error.get("message") or error.get("error_type") or ""), describe(
            response
        )
    if response.status_int != 200 or suffix:
        return
    body = response.json
    check_json(body, name)
    tokens = {
        term.get("token", term.get("id"))
        for term in body.get("items", body.get("results", []))
        if isinstance(term, dict)
    }
    transaction.begin()
    if name == "collective.composite.Layouts":
        known = set(LAYOUTS)
    elif name == "collective.composite.ImageScales":
        known = set(getUtility(IAvailableSizes)())
    else:
        known = set(api.portal.get_tool("portal_types").objectIds())
    assert tokens <= known, (tokens - known, describe(response))
