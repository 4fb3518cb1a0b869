"""Fuzzing the headers and methods of every page and reading service: hostile
conditional requests (``If-None-Match``, ``If-Modified-Since``, which the
add-on's caching answers), ``Range``, ``Accept``, languages, cookies (Plone's
and plone.restapi's login cookies among them), ``Authorization``, CORS
preflights, ``Host``, and hostile form bodies posted to the pages. No answer is
a server error, a refusal says why, and nothing is written."""

from fuzzing import describe
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from strategies import form_body
from strategies import hostile_header_values
from strategies import hostile_strings
from strategies import query_strings

import base64
import transaction


# Where, from the page (or, starting with "/", from the site).
PAGES = [
    "@@composite-view",
    "@@composite-design",
    "@@composite-layout-preview/one-column",
    "@@composite-widget-settings?composite.type=text&composite.id=w1",
    "",
    "/@@composite-layout-gallery",
    "/@@composite-controlpanel",
]
SERVICES = [
    "@composite",
    "@composite-layouts",
    "@composite-export",
    "@composite-history",
    "@composite-history/1",
    "@composite-lock",
    "?expand=composite",
    "/@controlpanels/composite",
]
DATES = [
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Mon, 32 Foo 99999 99:99:99 GMT",
    "-1",
    "0",
    "now",
    "",
]
ETAGS = ['"x"', "*", 'W/"1"', '"||||||"', '"' + "|" * 200 + '"', "", ","]
EXAMPLES = {
    "If-None-Match": ETAGS,
    "If-Match": ETAGS,
    "If-Modified-Since": DATES,
    "If-Unmodified-Since": DATES,
    "If-Range": DATES + ETAGS,
    "Range": ["bytes=0-0", "bytes=5-1", "bytes=-1", "bytes=x", "bytes=0-0,0-0" * 50],
    "Accept": ["*/*", "application/json", "text/html;q=x", "image/*", "", "*"],
    "Accept-Language": ["de", "*", "xx-YY", "en;q=2", ";;", "-"],
    "Accept-Encoding": ["gzip", "br", "identity;q=0", "x", "*;q=0"],
    "Cookie": [
        "__ac=x",
        '__ac="deleted"',
        "__ac=" + "A" * 4000,
        "auth_token=x.y.z",
        "auth_token=eyJhbGciOiJub25lIn0.e30.",
        "I18N_LANGUAGE=de",
        "statusmessages=x",
        "=;;=",
    ],
    # Not Basic credentials that are no base64 of UTF-8 "name:password"
    # ("Basic !!!", "Basic YQ"): Zope answers 500 to them on any URL.
    "Authorization": [
        "Basic " + base64.b64encode(b"editor:wrong").decode(),
        "Basic " + base64.b64encode(b":").decode(),
        "Bearer x",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
        "Digest username=x",
        "Basic",
        "",
    ],
    "Origin": ["http://evil.example", "null", "", "http://nohost:1"],
    "Access-Control-Request-Method": ["PATCH", "DELETE", "X", ""],
    "Access-Control-Request-Headers": ["x-csrf-token", "*", ",,"],
    "X-CSRF-TOKEN": ["x", ""],
    "Host": ["evil.example", "nohost:1", "[::1]", "nohost:x", "a b", "x" * 300],
    "X-Forwarded-For": ["1.2.3.4", "x", ", ,"],
    # Not multipart without a boundary: Zope answers 503 (KeyError:
    # 'boundary') to a POST of it on any URL.
    "Content-Type": [
        "text/plain",
        "application/json",
        "multipart/form-data; boundary=x",
        "x",
    ],
}
hostile = hostile_header_values
names_and_passwords = st.tuples(
    hostile_strings.filter(lambda name: ":" not in name), hostile_strings
).map(
    lambda pair: (
        ":".join(pair).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    )
)
HOSTILE = {
    "Authorization": st.one_of(
        names_and_passwords.map(
            lambda credentials: (
                "Basic " + base64.b64encode(credentials.encode("utf-8")).decode()
            )
        ),
        hostile.map(lambda token: f"Bearer {token}"),
        hostile.filter(lambda value: not value.lower().startswith("basic ")),
    ),
    "Content-Type": hostile.filter(lambda value: "multipart" not in value.lower()),
}


@st.composite
def hostile_headers(draw) -> dict:
    """A few headers, each a value of its kind, or hostile."""
    names = draw(st.lists(st.sampled_from(sorted(EXAMPLES)), unique=True, max_size=4))
    return {
        name: draw(st.sampled_from(EXAMPLES[name]) | HOSTILE.get(name, hostile), name)
        for name in names
    }


@fuzz_settings
@given(data=st.data(), query=query_strings)
def test_hostile_headers_and_methods_never_fail_nor_write(fuzz_site, data, query):
    site = fuzz_site
    site.reset({"slots": {"main": [{"id": "a", "type": "text", "settings": {}}]}})
    page = data.draw(st.sampled_from(PAGES + SERVICES), "where")
    methods = ["GET", "GET", "HEAD"]
    if page in PAGES:
        methods.append("POST")
    if "@@" not in page:
        # Not of views: Zope's traversal answers 500 to OPTIONS (and the
        # other WebDAV methods) of any view (AttributeError: @@name).
        methods.append("OPTIONS")
    method = data.draw(st.sampled_from(methods), "method")
    sender = data.draw(
        st.sampled_from(["editor", "bearer", "reader", "anonymous", "manager"]),
        "sender",
    )
    client = site.client("manager") if sender == "manager" else getattr(site, sender)
    sent = {"Accept": data.draw(st.sampled_from(["text/html", "application/json"]))}
    sent.update(data.draw(hostile_headers(), "headers"))
    body = None
    if method == "POST":
        fields = data.draw(
            st.dictionaries(hostile_strings, hostile_strings, max_size=3), "form"
        )
        body = form_body(fields)
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    base = site.portal.absolute_url() if page.startswith("/") else f"{site.url}/"
    url = f"{base}{page}"
    if query:
        url += ("&" if "?" in url else "?") + query.lstrip("?")
    if method in ("HEAD", "OPTIONS") and page in ("", "?expand=composite"):
        # Zope's HEAD and OPTIONS of content (webdav) store its ETag the
        # first time (Zope's write, not the add-on's): stored before.
        transaction.begin()
        site.page.http__etag()
        transaction.commit()
    before = site.snapshot()
    response = client.request(method, url, body=body, headers=sent)
    if method == "HEAD" or (method == "OPTIONS" and not response.body):
        # No body to say why: the status alone.
        assert response.status_int < 500, describe(response)
        after = site.snapshot()
        assert after == before, describe(response)
        return
    site.check_unchanged(response, before)
    if response.status_int == 200 and method == "GET":
        assert response.body, describe(response)
