"""Fuzzing plone.restapi's content ``PATCH`` of a composite page and ``POST``
of a new Composite Page with the arrangement in the body (``composite``) or
one of its layouts' names as the page's view (``layout``): whatever they
hold, and whatever else the body holds, they are refused (400 naming them;
401/403 without the permission) and change nothing."""

from fuzzing import describe
from fuzzing import fuzz_settings
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st
from strategies import arrangements
from strategies import encode
from strategies import hostile_values
from strategies import LAYOUTS
from strategies import WIDGET_TYPES

import ast
import json
import transaction


# Members of a content body beside those refused: fields, and what the
# content GET gives that a client may send back.
OTHERS = ["title", "description", "subjects", "@components", "@type", "version"]


def refused(site, response, before, named: set[str]) -> None:
    """The request was refused, naming ``named`` when it got as far as
    reading the body, and changed nothing."""
    assert 400 <= response.status_int < 500, describe(response)
    if response.json.get("type") == "BadRequest":
        fields = {
            error["field"] for error in ast.literal_eval(response.json["message"])
        }
        assert fields == named, describe(response)
    assert site.snapshot() == before[0], describe(response)
    transaction.begin()
    assert (site.page.Title(), site.page.getLayout()) == before[1]
    assert sorted(site.portal.objectIds()) == before[2]


def state(site) -> tuple:
    """What a refused request must leave as it was."""
    transaction.begin()
    page = (site.page.Title(), site.page.getLayout())
    return site.snapshot(), page, sorted(site.portal.objectIds())


def readable(body: bytes) -> bool:
    """Whether plone.restapi can read ``body`` (the add-on's WSGI filter
    refuses one nested too deeply before it would try)."""
    try:
        json.loads(body)
    except RecursionError:
        return True
    except ValueError:
        return False
    return True


def refused_body(data, site) -> tuple[dict, set[str]]:
    """:returns: a body with an arrangement, a layout's name as the view or
    both, among other members; and the names of those it has."""
    body = data.draw(
        st.dictionaries(st.sampled_from(OTHERS), hostile_values, max_size=3), "others"
    )
    named = set()
    if data.draw(st.booleans(), "with an arrangement"):
        body["composite"] = data.draw(
            arrangements(WIDGET_TYPES, site.uids) | hostile_values, "composite"
        )
        named.add("composite")
    if not named or data.draw(st.booleans(), "with a layout's name"):
        body["layout"] = data.draw(st.sampled_from(sorted(LAYOUTS)), "layout")
        named.add("layout")
    return body, named


@fuzz_settings
@given(data=st.data())
def test_a_content_patch_with_the_arrangement_is_refused(fuzz_site, data):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    body, named = refused_body(data, site)
    sender = data.draw(
        st.sampled_from([site.editor, site.bearer, site.reader, site.anonymous]),
        "sender",
    )
    before = state(site)
    response = sender.request("PATCH", site.url, body=encode(body))
    refused(site, response, before, named)


@fuzz_settings
@given(data=st.data())
def test_adding_a_composite_page_with_the_arrangement_is_refused(fuzz_site, data):
    site = fuzz_site
    body, named = refused_body(data, site)
    body["@type"] = "Composite Page"
    # plone.restapi's POST reads the body before anything else, and answers
    # 500 to one Python's JSON reader refuses (a number of 5000 digits), on
    # any folder: not the add-on's to answer.
    assume(readable(encode(body)))
    sender = data.draw(
        st.sampled_from([site.client("manager"), site.editor, site.anonymous]),
        "sender",
    )
    before = state(site)
    response = sender.request("POST", site.portal.absolute_url(), body=encode(body))
    refused(site, response, before, named)
