"""Property-based: random requests to the services, valid and invalid. Never a
server error; a refused request commits nothing; what is stored validates."""

from arrangement_fixtures import check_valid
from collective.composite import arrangement
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from test_hardening_api import replace_widget
from test_hardening_api import SLOTS

import json
import pytest
import transaction


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
versions = st.sampled_from(["current", "current", "0", "99", 1, None])
patch_bodies = st.one_of(
    st.fixed_dictionaries(
        {"version": versions},
        optional={
            "layout": st.sampled_from(["two-columns", "landing", "nope", 3]),
            "slots": st.dictionaries(
                st.sampled_from(SLOTS), st.lists(replace_widget, max_size=3), max_size=2
            )
            | json_values,
            "unplaced": st.lists(replace_widget, max_size=2) | json_values,
        },
    ),
    json_values,
)
REQUESTS = st.one_of(
    st.tuples(st.just("PATCH"), st.just("@composite"), patch_bodies),
    st.tuples(
        st.just("POST"),
        st.sampled_from(["@composite-history/1/restore", "@composite-history/x/y"]),
        st.fixed_dictionaries({"version": versions}) | json_values,
    ),
    st.tuples(
        st.just("POST"),
        st.just("@composite-import"),
        st.fixed_dictionaries({"version": versions, "arrangement": patch_bodies})
        | json_values,
    ),
    st.tuples(st.just("POST"), st.just("@composite-lock"), json_values),
)
raw_bodies = st.binary(max_size=40) | st.sampled_from([b"{", b"[]", b"NaN", b'{"a":'])


@pytest.fixture
def text_page(functional_page):
    """The page in two columns, an empty text widget ``a`` in main (version "1")."""
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {"main": [{"id": "a", "type": "text", "settings": {}}]},
        },
    )
    return functional_page


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(request=REQUESTS, raw=st.none() | raw_bodies)
def test_random_requests_never_fail_and_refusals_commit_nothing(
    rest_client, functional_app, text_page, request, raw
):
    method, path, body = request
    transaction.begin()
    current = arrangement.get(text_page).version
    if isinstance(body, dict) and body.get("version") == "current":
        body = {**body, "version": current}
    before = last_transaction(functional_app)
    response = rest_client("editor").request(
        method,
        f"{text_page.absolute_url()}/{path}",
        body=raw if raw is not None else json.dumps(body).encode(),
    )
    assert response.status_int < 500, response.text
    if response.status_int >= 400:
        assert last_transaction(functional_app) == before
    transaction.begin()
    check_valid(text_page)
    version = arrangement.get(text_page).version
    if response.status_int >= 400 or path == "@composite-lock":
        assert version == current
    elif version == current:
        # An accepted write that changes nothing writes nothing.
        assert last_transaction(functional_app) == before
    else:
        assert int(version) == int(current) + 1
