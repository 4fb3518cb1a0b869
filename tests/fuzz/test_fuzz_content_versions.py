"""Fuzzing ``?expand=composite`` of a content version (plone.restapi's content
GET ``?version=n`` and ``@history/n``): whatever the page held then and holds
now, whoever asks, it never fails nor writes, and gives the arrangement of that
version as ``GET @composite`` gave it to the same user then."""

from fuzzing import describe
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from plone import api
from strategies import arrangements
from strategies import WIDGET_TYPES

import transaction


ARRANGED = ("layout", "slots", "unplaced")


def save_version(site) -> int:
    """Save the page as a content version, as a Manager; commit.

    :returns: its version id.
    """
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_repository").save(site.page)
    transaction.commit()
    return site.page.version_id


@fuzz_settings
@given(data=st.data())
def test_a_content_version_expands_to_its_own_arrangement(fuzz_site, data):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "then"))
    sender = data.draw(st.sampled_from(["editor", "reader", "anonymous"]), "sender")
    client = getattr(site, sender)
    then = client.get(f"{site.url}/@composite").json
    version = save_version(site)
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "now"))
    path = data.draw(
        st.sampled_from(
            ["?version={}&expand=composite", "/@history/{}?expand=composite"]
        ),
        "path",
    )
    before = site.snapshot()
    response = client.get(f"{site.url}{path.format(version)}")
    site.check_unchanged(response, before)
    if response.status_int != 200:
        # CMFEditions' permission to see previous versions, an Editor's.
        assert sender != "editor", describe(response)
        return
    component = response.json["@components"]["composite"]
    assert {name: component[name] for name in ARRANGED} == {
        name: then[name] for name in ARRANGED
    }, describe(response)
    assert component["version"] == site.version()
