"""Fuzzing plone.restapi's revert of a composite page, ``PATCH @history``
(the add-on's for composite pages): hostile bodies, senders and the design
lock. A revert is refused (400 naming ``version``, 401/403, 409 ``Locked``)
and changes nothing, or brings a version of the page back."""

from collective.composite.arrangement import locking
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from plone import api
from strategies import arrangements
from strategies import encode
from strategies import mutated
from strategies import WIDGET_TYPES

import transaction


def lock_as_manager(site) -> None:
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        locking.lock(site.page)
    transaction.commit()


@fuzz_settings
@given(data=st.data())
def test_a_revert_to_no_version_of_the_page_is_refused(fuzz_site, data):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    if data.draw(st.booleans(), "locked by someone else"):
        lock_as_manager(site)
    # Numbers of versions the page lacks (its own would take away the
    # composite marker the fuzz site's page is given after its first version).
    start = {"version": data.draw(st.integers(1000, 10**20), "version")}
    body, _mutations = data.draw(mutated(st.just(start)) | st.just((start, [])), "body")
    sender = data.draw(
        st.sampled_from([site.editor, site.bearer, site.reader, site.anonymous]),
        "sender",
    )
    before = site.snapshot()
    response = sender.request("PATCH", f"{site.url}/@history", body=encode(body))
    assert not site.check(response, before, body), response.text
