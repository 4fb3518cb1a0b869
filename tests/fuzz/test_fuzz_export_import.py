"""Fuzzing ``@composite-export``, ``@composite-import`` and
``@composite-layouts``."""

from fuzzing import check_json
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from strategies import arrangements
from strategies import EDITOR_TYPES
from strategies import encode
from strategies import mutated
from strategies import path_segments
from strategies import query_strings
from strategies import WIDGET_TYPES


readers = st.sampled_from(["editor", "bearer", "reader", "anonymous"])
suffixes = st.just("") | path_segments.map(lambda segment: f"/{segment}")


def exported(document: dict) -> dict:
    """An arrangement in the format of ``@composite-export``."""
    return {
        "format": "collective.composite.arrangement/1",
        "source": {"@id": "http://elsewhere/page", "UID": None, "title": "Elsewhere"},
        "exported": "2025-05-02T09:41:07+00:00",
        **document,
    }


@fuzz_settings
@given(data=st.data(), service=st.sampled_from(["export", "layouts"]))
def test_exporting_and_listing_layouts_never_fail_nor_write(fuzz_site, data, service):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    reader = getattr(site, data.draw(readers, "reader"))
    suffix = data.draw(suffixes, "suffix")
    query = data.draw(query_strings, "query")
    before = site.snapshot()
    response = reader.get(f"{site.url}/@composite-{service}{suffix}{query}")
    site.check_unchanged(response, before)
    if response.status_int == 200:
        check_json(response.json, service)


@fuzz_settings
@given(data=st.data())
def test_a_hostile_import_is_refused_or_imports_a_valid_arrangement(fuzz_site, data):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    version = site.version()
    documents = arrangements(EDITOR_TYPES, site.uids).map(
        lambda document: {"version": version, "arrangement": exported(document)}
    )
    body, _mutations = data.draw(
        mutated(documents) | documents.map(lambda body: (body, [])), "body"
    )
    sender = data.draw(
        st.sampled_from([site.editor, site.editor, site.bearer, site.anonymous]),
        "sender",
    )
    raw = encode(body, ascii_only=data.draw(st.booleans(), "ascii only"))
    before = site.snapshot()
    response = sender.request("POST", f"{site.url}/@composite-import", body=raw)
    if site.check(response, before, body):
        assert response.status_int == 200, response.text
        site.check_accepted()
