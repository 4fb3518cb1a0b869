"""Fuzzing the methods of WebDAV and other odd HTTP methods on composite
content, and Zope's form converters sent to the add-on's pages and services.

Composite content here is the fuzz site's page (a Document made composite),
a *Composite Page*, a Document given the composite behavior, and the site
root (composite by the add-on's profile); each is sent ``PROPFIND``,
``PROPPATCH``, ``MKCOL``, ``LOCK``, ``UNLOCK``, ``PUT``, ``DELETE``,
``COPY``, ``MOVE``, ``OPTIONS``, ``TRACE``, ``PATCH`` and methods nobody
defines, on itself, its ``manage_FTPget`` and ``manage_DAVget``, its views
(``@@composite-view``, ``@@composite-design``) and its services
(``@composite``, also behind ``++api++``), as each kind of user. What Zope
and Plone answer there is theirs: an answer of 5xx is allowed only where the
same request to a plain Document (or, for the site root, to a path no
service has) fails the same way; the framework's 500s are listed in
docs/security.md. Whatever the answer, no arrangement changes, and a copy
(``COPY``) has its source's arrangement.

Form converters (``name:record``, ``:records``, ``:list``, ``:tokens``,
``:boolean``, ``:default``, ``:method``, ``:action``...) are sent in query
strings and form bodies to the add-on's pages and services: a refusal says
which field, and nothing changes.
"""

from collective.composite import arrangement
from collective.composite.arrangement import history
from fuzzing import describe
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from plone import api
from plone.dexterity.fti import DexterityFTI
from strategies import hostile_strings
from urllib.parse import parse_qs
from urllib.parse import quote
from urllib.parse import urlsplit

import pytest
import transaction


COMPOSITE_BEHAVIOR = "collective.composite.composite"
WEBDAV = [
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "LOCK",
    "UNLOCK",
    "PUT",
    "DELETE",
    "COPY",
    "MOVE",
    "OPTIONS",
    "TRACE",
    "PATCH",
    "GET",
    "HEAD",
    "POST",
    "FOO",
]
# Where, below the content, and its twin below a plain Document (or the site
# root): the same kind of path, which the add-on does not answer (Plone's
# sharing page, a service nobody registered).
SUFFIXES = {
    "": "",
    "/manage_FTPget": "/manage_FTPget",
    "/manage_DAVget": "/manage_DAVget",
    "/@@composite-view": "/@@sharing",
    "/@@composite-design": "/@@sharing",
    "/composite-view": "/sharing",
    "/@composite": "/@nothing",
    "/++api++/@composite": "/++api++/@nothing",
    "/@composite-lock": "/@nothing",
}
SENDERS = ("anonymous", "member", "reader", "editor", "manager")
LOCK_BODY = (
    b'<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope>'
    b"<D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
    b"<D:owner>fuzz</D:owner></D:lockinfo>"
)
PROPPATCH_BODY = (
    b'<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" '
    b'xmlns:Z="http://www.zope.org/propsets/default"><D:set><D:prop>'
    b"<Z:title>Changed</Z:title><Z:layout>composite-view</Z:layout>"
    b"</D:prop></D:set></D:propertyupdate>"
)
PROPFIND_BODY = (
    b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
)
bodies = st.one_of(
    st.none(),
    st.sampled_from(
        [
            LOCK_BODY,
            PROPPATCH_BODY,
            PROPFIND_BODY,
            b"Title: Changed\n\nA text",
            b"<",
            b'{"slots": {}}',
            b"\xff\xfe",
        ]
    ),
    hostile_strings.map(lambda text: text.encode("utf-8", "surrogatepass")),
)
DAV_HEADERS = {
    "Depth": st.sampled_from(["0", "1", "infinity", "x", ""]),
    "Overwrite": st.sampled_from(["T", "F", "x"]),
    "Timeout": st.sampled_from(
        ["Infinite", "Second-1", "Second-" + "9" * 30, "Second-x", "x"]
    ),
    "If": st.sampled_from(["(<opaquelocktoken:x>)", "<x>", "(", ""]),
    "Lock-Token": st.sampled_from(["<opaquelocktoken:x>", "x", ""]),
    "Content-Type": st.sampled_from(
        ["text/xml", "application/xml", "text/plain", "application/json", "x"]
    ),
    "Accept": st.sampled_from(["text/html", "application/json", "*/*", ""]),
}


@pytest.fixture
def composites(fuzz_site) -> dict:
    """The composite content of the site, by kind, and a plain Document."""
    portal = fuzz_site.portal
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal, type="Composite Page", id="composed", title="Composed"
        )
        fti = DexterityFTI("Behaving")
        fti.klass = "plone.dexterity.content.Item"
        fti.behaviors = ("plone.dublincore", "plone.locking", COMPOSITE_BEHAVIOR)
        portal.portal_types._setObject("Behaving", fti)
        behaving = api.content.create(
            container=portal, type="Behaving", id="behaving", title="Behaving"
        )
        for item in (page, behaving):
            item.manage_permission("View", ["Anonymous"], acquire=True)
    transaction.commit()
    return {
        "page": fuzz_site.page,
        "composite page": page,
        "behavior": behaving,
        "root": portal,
        "plain": portal["target"],
    }


def state(obj) -> tuple:
    """What no request of this module may change: the arrangement, its
    version and its history."""
    transaction.begin()
    current = arrangement.get(obj)
    return (
        arrangement.to_data(current),
        current.version,
        [revision.number for revision in history.get_revisions(obj)],
    )


def sender_client(site, sender: str):
    if sender in ("anonymous", "reader", "editor"):
        return getattr(site, sender)
    return site.client(sender)


def arranged(site, obj) -> None:
    """Give ``obj`` one text widget, as a Manager, and release its locks."""
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        obj.wl_clearLocks()
        arrangement.save(
            obj,
            {
                "slots": {
                    "main": [{"id": "a", "type": "text", "settings": {"text": "A"}}]
                }
            },
            arrangement.get(obj).version,
        )
    transaction.commit()


@fuzz_settings
@given(data=st.data())
def test_webdav_and_odd_methods_never_fail_nor_change_arrangements(
    fuzz_site, composites, data
):
    site = fuzz_site
    kind = data.draw(st.sampled_from(["page", "composite page", "behavior", "root"]))
    obj = composites[kind]
    arranged(site, obj)
    method = data.draw(st.sampled_from(WEBDAV), "method")
    suffix = data.draw(st.sampled_from(sorted(SUFFIXES)), "suffix")
    sender = data.draw(st.sampled_from(SENDERS), "sender")
    if method in ("DELETE", "MOVE") and sender in ("editor", "manager"):
        # They may delete and rename content: Plone's, not the add-on's.
        sender = "member"
    headers = {
        name: data.draw(values, name)
        for name, values in DAV_HEADERS.items()
        if data.draw(st.booleans(), f"send {name}")
    }
    headers.setdefault("Accept", "text/html")
    if method in ("COPY", "MOVE"):
        headers["Destination"] = data.draw(
            st.sampled_from(
                [
                    f"{site.portal.absolute_url()}/copied",
                    f"{obj.absolute_url()}/copied",
                    "http://evil.example/x",
                    "x",
                    "",
                ]
            ),
            "destination",
        )
    body = data.draw(bodies, "body")
    client = sender_client(site, sender)
    before = state(obj)
    url = f"{obj.absolute_url()}{suffix}"
    response = client.request(method, url, body=body, headers=headers)
    try:
        if response.status_int >= 500:
            plain = site.portal if kind == "root" else composites["plain"]
            twin = f"{plain.absolute_url()}{SUFFIXES[suffix]}"
            again = client.request(method, twin, body=body, headers=headers)
            assert again.status_int >= 500, (
                f"the add-on's answer: {describe(response)}\n"
                f"the framework's, to {twin}: {describe(again)}"
            )
        assert state(obj) == before, describe(response)
        copied = site.portal.get("copied")
        if copied is not None and method == "COPY":
            transaction.begin()
            assert arrangement.to_data(arrangement.get(copied)) == before[0]
    finally:
        transaction.begin()
        if "copied" in site.portal.objectIds():
            site.portal._delObject("copied", suppress_events=True)
        transaction.commit()


# The add-on's pages, forms and services (from the page; from the site when
# starting with "/"), each with fields it reads, and its twin: a page of
# Plone's of the same kind (from the plain Document, or the site), which is
# sent the same fields when the add-on's answer is a server error.
CONVERTED = {
    "@@composite-view": ((), "target"),
    "@@composite-design": ((), "target"),
    "@@composite-layout-preview/one-column": ((), "target"),
    "@@composite-widget-settings?composite.type=listing&composite.id=w1": (
        (
            "composite.type",
            "composite.id",
            "composite.settings",
            "composite.empty",
            "form.widgets.display",
            "form.widgets.sort_on",
            "form.widgets.limit",
            "form.widgets.query",
            "form.widgets.title",
            "form.buttons.apply",
        ),
        "target/@@edit",
    ),
    "@@composite-widget-settings?composite.type=image&composite.id=w1": (
        (
            "composite.decorative",
            "composite.upload",
            "form.widgets.uid",
            "form.widgets.scale",
            "form.widgets.alt",
            "form.buttons.apply",
        ),
        "target/@@edit",
    ),
    "/@@composite-controlpanel": (
        (
            "form.widgets.composite_types",
            "form.widgets.lock_refuses_saves",
            "form.widgets.max_payload_bytes",
            "form.buttons.save",
            "form.buttons.cancel",
        ),
        "/@@editing-controlpanel",
    ),
    "/@@composite-layout-gallery": ((), "/@@overview-controlpanel"),
    "?expand=composite": (("expand",), "target?expand=breadcrumbs"),
    "@composite": ((), "target/@lock"),
    "@composite-layouts": ((), "target/@lock"),
    "@composite-export": ((), "target/@lock"),
    "@composite-history": ((), "target/@lock"),
    "@composite-lock": ((), "target/@lock"),
    "/@vocabularies/collective.composite.Layouts": (
        ("title", "token", "b_size"),
        "/@vocabularies/plone.app.vocabularies.ReallyUserFriendlyTypes",
    ),
}
GENERIC_FIELDS = ("x", "set_language", "ajax_load", "_authenticator", "b_start")
# Zope's converters that never fail on their own (``:int``, ``:float``,
# ``:date`` and ``:required`` answer 500 to what they cannot convert, on any
# URL), and the flags that make a field a record, a list or a default, or
# name the method to publish.
CONVERTERS = [
    ":list",
    ":tuple",
    ":tokens",
    ":lines",
    ":text",
    ":string",
    ":boolean",
    ":default",
    ":ignore_empty",
    ":list:default",
    ":default:tokens",
]
RECORDS = [".key:record", ".key:records", ".key:list:record", ".key:records:boolean"]
METHODS = [":method", ":action", ":default_method", ":default_action"]


@st.composite
def converted_fields(draw, names: tuple, sent: tuple = ()) -> list[tuple[str, str]]:
    """A few fields of ``names`` (or generic ones) named with Zope's
    converters; none both as a record and as a plain field, there or among
    the fields ``sent`` already (Zope's 500)."""
    pairs = []
    records = set()
    for _ in range(draw(st.integers(1, 3))):
        own = bool(names) and draw(st.integers(0, 3)) > 0
        name = draw(st.sampled_from(names if own else GENERIC_FIELDS))
        value = draw(
            st.sampled_from(["", "1", "Document", "titles", "on", "a b"])
            | hostile_strings
        )
        if draw(st.integers(0, 5)) == 0:
            # A method to publish instead: the field's name (or its value).
            method = draw(st.sampled_from(METHODS))
            path = draw(
                st.sampled_from(["", "x", "view", "manage_FTPget", "@@composite-view"])
            )
            pairs.append(
                (f"{path}{method}" if path else method, name if path else value)
            )
            continue
        converter = draw(st.sampled_from(RECORDS) | st.sampled_from(CONVERTERS))
        if "record" in converter:
            if name in sent:
                continue
            records.add(name)
        pairs.append((f"{name}{converter}", value))
    # Not a plain field of the name of a record as well: Zope's 500.
    return [
        (name, value)
        for name, value in pairs
        if "record" in name or name.split(":")[0] not in records
    ]


def encoded(pairs: list[tuple[str, str]]) -> str:
    return "&".join(
        f"{quote(name, safe=':', errors='surrogatepass')}="
        f"{quote(value, safe='', errors='surrogatepass')}"
        for name, value in pairs
    )


@fuzz_settings
@given(data=st.data())
def test_form_converters_never_fail_on_the_add_ons_pages_nor_write(fuzz_site, data):
    site = fuzz_site
    site.reset({"slots": {"main": [{"id": "w1", "type": "text", "settings": {}}]}})
    # Mostly the forms, whose widgets read the fields.
    forms = sorted(page for page, (names, _twin) in CONVERTED.items() if names)
    page = data.draw(
        st.sampled_from(forms) | st.sampled_from(sorted(CONVERTED)), "page"
    )
    names, twin = CONVERTED[page]
    sent = tuple(parse_qs(urlsplit(page).query))
    pairs = data.draw(converted_fields(names, sent), "fields")
    sender = data.draw(st.sampled_from(["manager", "editor", "anonymous"]), "sender")
    client = site.anonymous if sender == "anonymous" else site.client(sender)
    accept = (
        "application/json"
        if page.lstrip("/?").startswith(("@", "expand"))
        else "text/html"
    )
    portal_url = site.portal.absolute_url()

    def url_of(path: str) -> str:
        if path.startswith("/"):
            return f"{portal_url}{path}"
        if path.startswith("target"):
            return f"{portal_url}/{path}"
        return f"{site.url}/{path}"

    in_query = data.draw(st.booleans(), "in the query string")

    def send(path: str):
        if in_query:
            url = url_of(path)
            url += ("&" if "?" in url else "?") + encoded(pairs)
            return client.request("GET", url, headers={"Accept": accept})
        return client.request(
            "POST",
            url_of(path),
            body=encoded(pairs).encode("ascii"),
            headers={
                "Accept": accept,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    before = site.snapshot()
    response = send(page)
    if response.status_int >= 500:
        again = send(twin)
        assert again.status_int >= 500, (
            f"the add-on's answer: {describe(response)}\n"
            f"Plone's, to {twin}: {describe(again)}"
        )
        return
    site.check_unchanged(response, before)
