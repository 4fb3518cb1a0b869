"""Fuzzing ``@composite-lock``: reading, taking, taking over and releasing it."""

from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from strategies import encode
from strategies import mutated
from strategies import path_segments
from strategies import query_strings


bodies = st.sampled_from([{}, {"takeover": True}, {"takeover": False}])


@fuzz_settings
@given(data=st.data(), query=query_strings)
def test_a_hostile_lock_request_is_refused_or_only_changes_the_lock(
    fuzz_site, data, query
):
    site = fuzz_site
    site.reset()
    if data.draw(st.booleans(), "locked by the manager"):
        taken = site.client("manager").request("POST", f"{site.url}/@composite-lock")
        assert taken.status_int == 200, taken.text
    method = data.draw(st.sampled_from(["GET", "POST", "POST", "DELETE"]), "method")
    body, _mutations = data.draw(mutated(bodies) | bodies.map(lambda b: (b, [])))
    suffix = data.draw(st.just("") | path_segments.map(lambda s: f"/{s}"), "suffix")
    sender = data.draw(
        st.sampled_from([site.editor, site.bearer, site.reader, site.anonymous]),
        "sender",
    )
    before = site.snapshot()
    raw = None if method == "GET" else encode(body)
    response = sender.request(
        method, f"{site.url}/@composite-lock{suffix}{query}", body=raw
    )
    if site.check(response, before, body if method == "POST" else None):
        # Only the lock changed: the arrangement, its version and history not.
        assert site.snapshot()[1:4] == before[1:4]
