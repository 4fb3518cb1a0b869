"""Fuzzing ``GET`` and ``PATCH @composite`` through the published application."""

from collective.composite import arrangement
from collective.composite.exceptions import CompositeError
from collective.composite.widgets.htmlfilter import safe_html
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import reject
from hypothesis import strategies as st
from lxml import html as lxml_html
from strategies import any_criteria
from strategies import arrangements
from strategies import EDITOR_TYPES
from strategies import encode
from strategies import hostile_strings
from strategies import mutated
from strategies import patch_bodies
from strategies import path_segments
from strategies import plain_text
from strategies import query_strings
from strategies import rich_text
from strategies import settings_of
from strategies import widget_ids
from strategies import WIDGET_TYPES

import transaction


def stored(site, data) -> dict:
    """Store an arrangement of every widget type (``html`` too, which only a
    Manager may add). :returns: it, with its ``version``."""
    drawn = data.draw(arrangements(WIDGET_TYPES, site.uids), "stored")
    return {"version": site.reset(drawn), **drawn}


def keeping_types(sent: dict, kept: dict) -> dict:
    """``sent`` without the ids of stored widgets of another type (a widget's
    type never changes): those widgets are new ones."""
    types = {
        widget["id"]: widget["type"]
        for widgets in (*kept["slots"].values(), kept["unplaced"])
        for widget in widgets
    }
    for widgets in (*sent["slots"].values(), sent["unplaced"]):
        for widget in widgets:
            if types.get(widget["id"], widget["type"]) != widget["type"]:
                del widget["id"]
    return sent


def client(site, data):
    return site.editor if data.draw(st.booleans(), "basic auth") else site.bearer


@fuzz_settings
@given(data=st.data())
def test_an_editors_valid_arrangement_is_saved_round_trips_and_renders(fuzz_site, data):
    site = fuzz_site
    kept = stored(site, data)
    sent = keeping_types(data.draw(arrangements(uids=site.uids), "sent"), kept)
    sent["version"] = kept["version"]
    response = client(site, data).patch(f"{site.url}/@composite", json=sent)
    assert response.status_int == 200, response.text
    assert response.json["layout"] == sent["layout"]
    site.check_accepted()


@fuzz_settings
@given(data=st.data())
def test_a_hostile_patch_is_refused_or_saved_valid(fuzz_site, data):
    site = fuzz_site
    version = stored(site, data)["version"]
    body, _mutations = data.draw(mutated(patch_bodies(version, site.uids)), "body")
    raw = encode(body, ascii_only=data.draw(st.booleans(), "ascii only"))
    current = site.editor.get(f"{site.url}/@composite").json
    before = site.snapshot()
    response = client(site, data).patch(f"{site.url}/@composite", body=raw)
    # Members left out keep their value: a field may name one of those.
    sent = {**current, **body} if isinstance(body, dict) else body
    if site.check(response, before, sent):
        assert response.status_int == 200, response.text
        site.check_accepted()


def patch_widget(site, data, widget: dict) -> None:
    """PATCH one widget into the main slot (every shipped layout has one); the
    properties of the answer."""
    version = stored(site, data)["version"]
    body = {"version": version, "slots": {"main": [widget]}}
    raw = encode(body, ascii_only=data.draw(st.booleans(), "ascii only"))
    current = site.editor.get(f"{site.url}/@composite").json
    before = site.snapshot()
    response = client(site, data).patch(f"{site.url}/@composite", body=raw)
    if site.check(response, before, {**current, **body}):
        assert response.status_int == 200, response.text
        site.check_accepted()


@fuzz_settings
@given(data=st.data(), type_name=st.sampled_from(EDITOR_TYPES))
def test_hostile_widget_settings_are_refused_or_saved_valid(fuzz_site, data, type_name):
    settings, _mutations = data.draw(
        mutated(settings_of(type_name, fuzz_site.uids)), "settings"
    )
    patch_widget(fuzz_site, data, {"type": type_name, "settings": settings})


def settings_bodies(version: str, kept: dict, uids: dict):
    """A ``PATCH @composite`` body changing widgets' settings by id
    (``widgets``): of stored widgets, with settings of their type, or of ids
    the page may not have."""
    stored_widgets = [
        widget
        for widgets in (*kept["slots"].values(), kept["unplaced"])
        for widget in widgets
    ]
    known = [st.sampled_from(stored_widgets)] if stored_widgets else []
    unknown = widget_ids.map(lambda widget_id: {"id": widget_id, "type": "text"})
    change = st.one_of(*known, unknown).flatmap(
        lambda widget: st.tuples(
            st.just(widget["id"]),
            settings_of(widget["type"], uids).map(lambda s: {"settings": s}),
        )
    )
    return st.lists(change, min_size=1, max_size=3).map(
        lambda pairs: {"version": version, "widgets": dict(pairs)}
    )


@fuzz_settings
@given(data=st.data())
def test_a_hostile_settings_change_by_id_is_refused_or_saved_valid(fuzz_site, data):
    site = fuzz_site
    kept = stored(site, data)
    body, _mutations = data.draw(
        mutated(settings_bodies(kept["version"], kept, site.uids)), "body"
    )
    raw = encode(body, ascii_only=data.draw(st.booleans(), "ascii only"))
    minimal = data.draw(st.booleans(), "return=minimal")
    headers = {"Prefer": "return=minimal"} if minimal else {}
    before = site.snapshot()
    response = client(site, data).patch(
        f"{site.url}/@composite", body=raw, headers=headers
    )
    if site.check(response, before, body):
        assert response.status_int == 200, response.text
        assert ("slots" in response.json) is not minimal
        site.check_accepted()


@fuzz_settings
@given(
    data=st.data(),
    query=st.lists(any_criteria(), min_size=1, max_size=2),
    sort_on=st.none() | st.sampled_from(["sortable_title", "created", "getId", "x"]),
)
def test_any_query_criterion_is_refused_or_saved_and_renders(
    fuzz_site, data, query, sort_on
):
    settings = (
        {"query": query} if sort_on is None else {"query": query, "sort_on": sort_on}
    )
    patch_widget(fuzz_site, data, {"type": "listing", "settings": settings})


@fuzz_settings
@given(data=st.data())
def test_a_patch_from_who_may_not_design_changes_nothing(fuzz_site, data):
    site = fuzz_site
    version = stored(site, data)["version"]
    body, _mutations = data.draw(
        mutated(arrangements(uids=site.uids).map(lambda a: {"version": version, **a}))
        | arrangements(uids=site.uids).map(lambda a: ({"version": version, **a}, [])),
        "body",
    )
    who = data.draw(st.sampled_from(["anonymous", "reader", "session without token"]))
    sender = {
        "anonymous": site.anonymous,
        "reader": site.reader,
        "session without token": site.session,
    }[who]
    before = site.snapshot()
    response = sender.patch(f"{site.url}/@composite", body=encode(body))
    # A body too deep is refused before anyone is authenticated.
    deep = response.status_int == 400 and "nested deeper" in response.text
    assert response.status_int in (401, 403) or deep, response.text
    site.check(response, before)


@fuzz_settings
@given(
    data=st.data(),
    suffix=st.one_of(st.just(""), path_segments.map(lambda s: f"/{s}")),
    query=query_strings,
)
def test_reading_an_arrangement_never_fails_nor_writes(fuzz_site, data, suffix, query):
    site = fuzz_site
    stored(site, data)
    reader = data.draw(st.sampled_from([site.editor, site.bearer, site.anonymous]))
    before = site.snapshot()
    response = reader.get(f"{site.url}/@composite{suffix}{query}")
    site.check_unchanged(response, before)


# Markup a site's HTML filter keeps out of pages, among harmless markup.
filtered_out = st.sampled_from(
    [
        "<script>track()</script>",
        '<img src="x.png" onerror="track()">',
        '<a href="javascript:track()">link</a>',
        '<iframe src="https://example.org/"></iframe>',
        "<style>body{display:none}</style>",
    ]
)
# Text that cannot be stored (a lone surrogate) is refused by the API itself.
storable = hostile_strings.map(
    lambda text: text.encode("utf-8", "replace").decode("utf-8")
)
markup = st.lists(
    st.one_of(rich_text, plain_text, filtered_out, storable), max_size=4
).map("".join)


def words(markup: str) -> str:
    """The text of ``markup`` as a page shows it, whitespace collapsed."""
    if not markup.strip():
        return ""
    fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    return " ".join(fragment.text_content().split())


@fuzz_settings
@given(data=st.data())
def test_who_may_not_design_reads_markup_as_the_page_shows_it(fuzz_site, data):
    site = fuzz_site
    entered = {
        "html": data.draw(markup, "html"),
        "text": data.draw(markup, "text"),
    }
    stored_html = {"type": "html", "settings": {"html": entered["html"]}}
    stored_text = {"type": "text", "settings": {"text": entered["text"]}}
    try:
        site.reset({"slots": {"main": [stored_html, stored_text]}})
    except CompositeError:
        reject()  # refused by the API (too long, say): nothing to read
    designer = site.editor.get(f"{site.url}/@composite").json
    (html_id, text_id) = [widget["id"] for widget in designer["slots"]["main"]]
    view = f"{site.url}/@@composite-view"
    page = lxml_html.fromstring(
        site.anonymous.get(view, headers={"Accept": "text/html"}).body
    )
    shown = {
        widget: " ".join(found[0].text_content().split()) if found else ""
        for widget, found in (
            (html_id, page.cssselect(f"[data-widget-id='{html_id}']")),
            (text_id, page.cssselect(f"[data-widget-id='{text_id}']")),
        )
    }
    transaction.begin()
    stored = {w.id: dict(w.settings) for w in arrangement.get(site.page).widgets}
    for reader in (site.anonymous, site.reader):
        response = reader.get(f"{site.url}/@composite")
        assert response.status_int == 200, response.text
        for widget in response.json["slots"]["main"]:
            name = widget["type"]
            value = widget["settings"][name]
            # What the real view filters and shows, the same filter.
            assert value == safe_html(stored[widget["id"]][name], site.page)
            assert "track()" not in value, value
            assert words(value) == shown[widget["id"]], (value, shown)
    # The designer gets the html widget's markup as entered, to send back.
    assert designer["slots"]["main"][0]["settings"]["html"] == entered["html"]
