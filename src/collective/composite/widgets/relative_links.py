"""The relative links of a text widget's markup, made absolute.

The settings dialog's rich-text editor (TinyMCE) writes the links and images
it makes relative to the page's URL as a folder (``…/page/``): ``../news``,
``../resolveuid/<uid>/@@images/image/preview``. A browser resolves them from
the URL it shows, the page's without the "/" (``…/page``), so they would
lead one level up: to another item, out of a site mounted at a sub path
behind a proxy (``_vh_``), or to Zope's root. As Plone's output filter does
for its pages' rich text, the text widget's markup gets them absolute, from
the page's URL under the request's virtual host.
"""

from collective.composite.widgets.markup import escape_attribute
from html import unescape
from urllib.parse import urljoin
from urllib.parse import urlsplit

import re


# A start tag, as the HTML filter writes them (attribute values in "").
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|srcset)=)"([^"]*)"', re.IGNORECASE)


def page_base(context) -> str:
    """:returns: the URL the editor's relative links start from: the page's
    as a folder (ending in "/").

    :param context: the page.
    """
    return f"{context.absolute_url()}/"


# After ``href`` or ``src``: a value that may be a relative URL (none of those
# :func:`absolute_links` leaves: with a scheme, from the host's root, a
# fragment, a query, empty), in any quoting. Entities (``&#46;``) count as
# may: only the filter's output is decoded.
_MAY_BE_RELATIVE_VALUE = re.compile(
    r"""\s*=\s*["']?\s*(?![a-z][a-z0-9+.\-]*:|[/#?"'\s>])"""
)


def links_base(html: str, context) -> str:
    """:func:`page_base` for ``html`` when it may have relative links, else
    "": most widgets have none (their links are absolute or resolved), and
    a page of many widgets would work its URL out for each.

    :param html: a widget's markup, stored or filtered.
    :param context: the page.
    """
    return page_base(context) if _may_be_relative(html) else ""


def _may_be_relative(html: str) -> bool:
    """Whether ``html`` has an ``href`` or ``src`` that may be relative, or
    a ``srcset``. Found with ``str.find`` (a regular expression searching
    the whole markup costs several times more, for each widget)."""
    low = html.lower()
    for name in ("href", "src"):
        start = low.find(name)
        while start != -1:
            end = start + len(name)
            if name == "src" and low.startswith("set", end):
                return True
            if _MAY_BE_RELATIVE_VALUE.match(low, end):
                return True
            start = low.find(name, end)
    return False


def absolute_links(html: str, base: str) -> str:
    """``html`` with the relative URLs of its ``href``, ``src`` and
    ``srcset`` attributes made absolute from ``base``.

    :param html: markup as the HTML filter writes it.
    :param base: the URL relative ones start from (see :func:`page_base`).
    :returns: the markup; URLs with a scheme, from the host's root (``/``),
        fragments (``#``) and queries (``?``) as they were.
    """
    if not _may_be_relative(html):
        return html

    def attribute(match: re.Match) -> str:
        name, value = match.groups()
        urls = unescape(value)
        if name.strip().lower() == "srcset=":
            if "data:" in urls.lower():
                return match.group(0)  # its commas are not all separators
            made = ",".join(
                _absolute_candidate(candidate, base) for candidate in urls.split(",")
            )
        else:
            made = _absolute(urls, base)
        return match.group(0) if made == urls else f'{name}"{escape_attribute(made)}"'

    return _TAG.sub(lambda tag: _URL_ATTRIBUTE.sub(attribute, tag.group(0)), html)


def _absolute_candidate(candidate: str, base: str) -> str:
    """One ``srcset`` candidate (a URL and its width or density), as it was
    unless its URL is made absolute."""
    url, space, descriptor = candidate.strip().partition(" ")
    made = _absolute(url, base)
    return candidate if made == url else f"{made}{space}{descriptor}"


def _absolute(url: str, base: str) -> str:
    stripped = url.strip()
    if not stripped or stripped.startswith(("/", "#", "?")):
        return url
    try:
        if urlsplit(stripped).scheme:
            return url
        return urljoin(base, stripped)
    except ValueError:  # not a URL: left to the browser, as before
        return url
