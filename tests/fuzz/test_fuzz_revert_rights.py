"""Fuzzing the reverts of a composite page to a content version (Plone's
``revertversion``, plone.restapi's ``PATCH @history``) by users who may not
design it, while someone holds its design lock: never a server error, a
refusal (or Plone sending them to log in), nothing changed, and nothing said
of who holds the lock."""

from collective.composite.arrangement import locking
from functional_fixtures import PASSWORD
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from plone import api
from Products.statusmessages.adapter import _decodeCookieValue
from strategies import arrangements
from strategies import encode
from strategies import form_body
from strategies import hostile_strings
from strategies import WIDGET_TYPES

import transaction


HOLDER = "Mona Manager"
HTML = {"Accept": "text/html"}
FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}
versions = st.one_of(st.integers(0, 20), st.integers(1000, 10**20), hostile_strings)


def lock_as_mona(site) -> None:
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        api.user.get(username="manager").setMemberProperties({"fullname": HOLDER})
        locking.lock(site.page)
    transaction.commit()


def sender(site, name: str):
    """The client of ``name``: a Reviewer may revert content, not design."""
    if name == "anonymous":
        return site.anonymous
    if name == "reviewer" and api.user.get(username="reviewer") is None:
        transaction.begin()
        site.portal.acl_users.userFolderAddUser("reviewer", PASSWORD, ["Reviewer"], [])
        transaction.commit()
    return site.client(name)


def said(response) -> str:
    """The answer's body and the status messages it leaves in a cookie."""
    texts = [response.text]
    for cookie in response.headers.getall("Set-Cookie"):
        name, _, value = cookie.partition("=")
        if name.strip() == "statusmessages":
            value = value.split(";", 1)[0].strip('"')
            texts.extend(message.message for message in _decodeCookieValue(value))
    return "\n".join(texts)


@fuzz_settings
@given(data=st.data(), version=versions)
def test_who_may_not_design_reverts_nothing_and_learns_nothing_of_the_lock(
    fuzz_site, data, version
):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    lock_as_mona(site)
    name = data.draw(st.sampled_from(["anonymous", "reader", "reviewer"]), "sender")
    client = sender(site, name)
    how = data.draw(st.sampled_from(["GET", "POST", "PATCH @history"]), "how")
    before = site.snapshot()
    if how == "PATCH @history":
        body = encode({"version": version})
        response = client.request("PATCH", f"{site.url}/@history", body=body)
    else:
        fields = form_body({"version_id": str(version)})
        url = f"{site.url}/revertversion"
        if how == "GET":
            response = client.request("GET", f"{url}?{fields.decode()}", headers=HTML)
        else:
            response = client.request("POST", url, body=fields, headers=FORM)
    site.check_unchanged(response, before)
    # Refused: a 4xx, or Plone's login (or "insufficient privileges") page.
    assert response.status_int >= 400 or "require_login" in response.headers.get(
        "Location", ""
    ), response.status
    assert HOLDER not in said(response)
