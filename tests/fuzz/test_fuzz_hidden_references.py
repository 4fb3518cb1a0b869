"""Fuzzing the page's JSON for people who may view the page but not design it
(``GET @composite``, ``?expand=composite``, ``GET @composite-export``), its
widgets showing, among others, a private item: never a server error, nothing
changed, and the private item's UID never given to whoever may not see it."""

from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from plone import api
from strategies import arrangements
from strategies import query_strings
from strategies import WIDGET_TYPES

import transaction


READINGS = ["/@composite", "?expand=composite", "/@composite-export"]


def private_uid(site) -> str:
    """The UID of ``/plone/hidden``, a private Document (made once)."""
    hidden = site.portal.get("hidden")
    if hidden is None:
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            hidden = api.content.create(
                container=site.portal, type="Document", id="hidden", title="Hidden"
            )
        transaction.commit()
    return hidden.UID()


@fuzz_settings
@given(data=st.data(), query=query_strings)
def test_visitors_never_get_the_uid_of_an_item_they_may_not_see(fuzz_site, data, query):
    site = fuzz_site
    hidden = private_uid(site)
    uids = {**site.uids, "content": site.uids["content"] | st.just(hidden)}
    site.reset(data.draw(arrangements(WIDGET_TYPES, uids), "stored"))
    name = data.draw(st.sampled_from(["anonymous", "member"]), "sender")
    client = site.anonymous if name == "anonymous" else site.client(name)
    reading = data.draw(st.sampled_from(READINGS), "reading")
    separator = "&" if "?" in reading else "?"
    url = f"{site.url}{reading}"
    if query:
        url += separator + query.lstrip("?")
    before = site.snapshot()
    response = client.get(url)
    site.check_unchanged(response, before)
    assert hidden not in response.text
