"""Who may do what: every role against every view, service and method.

The page is private (simple publication workflow), so View matters too: Reader,
Contributor, Editor, Site Administrator and Manager see it, Anonymous and
Member do not. Designing needs the design permission (Editor, Site
Administrator, Manager; Owner too, who is none of these users). Each cell is
the HTTP status expected; every write is sent with the current version, so a
2xx means the write was allowed and made. Services answer 401 to anonymous
users and 403 to others; pages send those who may not view them to log in.

Submitted for review (pending), the page may be changed by Site
Administrators and Managers only (Modify portal content), and so designed by
them only: Editors still read what designers read.
"""

from collections.abc import Callable
from collective.composite import arrangement
from functional_fixtures import arrange
from plone import api
from rest_client import RESTClient
from typing import NamedTuple

import pytest
import transaction


ROLES = (
    "Anonymous",
    "Member",
    "Reader",
    "Contributor",
    "Editor",
    "Site Administrator",
    "Manager",
)
PASSWORD = "a password for the matrix"


class Request(NamedTuple):
    """A request of the matrix, sent to a path after the page's URL."""

    method: str
    path: str
    # Makes the JSON body from the page's current version.
    body: Callable[[str], dict] | None = None
    accept: str = "application/json"


PAGE = "text/html"
REQUESTS = {
    "view": Request("GET", "/@@composite-view", accept=PAGE),
    "design": Request("GET", "/@@composite-design", accept=PAGE),
    "composite GET": Request("GET", "/@composite"),
    "composite PATCH": Request(
        "PATCH",
        "/@composite",
        lambda version: {"version": version, "layout": "two-columns"},
    ),
    "layouts": Request("GET", "/@composite-layouts"),
    "history": Request("GET", "/@composite-history"),
    "history revision": Request("GET", "/@composite-history/1"),
    "history restore": Request(
        "POST", "/@composite-history/1/restore", lambda version: {"version": version}
    ),
    "export": Request("GET", "/@composite-export"),
    "import": Request(
        "POST",
        "/@composite-import",
        lambda version: {"version": version, "arrangement": {"slots": {"main": []}}},
    ),
    "lock GET": Request("GET", "/@composite-lock"),
    # Each role in turn takes the lock over from the one before.
    "lock POST": Request(
        "POST", "/@composite-lock", lambda version: {"takeover": True}
    ),
    "lock DELETE": Request("DELETE", "/@composite-lock"),
    "preview": Request(
        "POST",
        "/@composite-preview",
        lambda version: {"arrangement": {"version": version, "slots": {"main": []}}},
    ),
    "cards": Request(
        "POST",
        "/@composite-cards",
        lambda version: {"arrangement": {"slots": {"main": []}}, "ids": []},
    ),
}

# Expected status per role, in the order of ROLES.
MATRIX = {
    # Pages: Plone sends those who may not view the page to log in (302).
    "view": (302, 302, 200, 200, 200, 200, 200),
    "design": (302, 302, 403, 403, 200, 200, 200),
    "composite GET": (401, 403, 200, 200, 200, 200, 200),
    "composite PATCH": (401, 403, 403, 403, 200, 200, 200),
    "layouts": (401, 403, 200, 200, 200, 200, 200),
    "history": (401, 403, 403, 403, 200, 200, 200),
    "history revision": (401, 403, 403, 403, 200, 200, 200),
    "history restore": (401, 403, 403, 403, 200, 200, 200),
    "export": (401, 403, 200, 200, 200, 200, 200),
    "import": (401, 403, 403, 403, 200, 200, 200),
    "lock GET": (401, 403, 403, 403, 200, 200, 200),
    "lock POST": (401, 403, 403, 403, 200, 200, 200),
    "lock DELETE": (401, 403, 403, 403, 200, 200, 200),
    "preview": (401, 403, 403, 403, 200, 200, 200),
    "cards": (401, 403, 403, 403, 200, 200, 200),
}


# The same requests, the page awaiting review.
PENDING = {
    **MATRIX,
    "design": (302, 302, 403, 403, 403, 200, 200),
    "composite PATCH": (401, 403, 403, 403, 403, 200, 200),
    "history restore": (401, 403, 403, 403, 403, 200, 200),
    "import": (401, 403, 403, 403, 403, 200, 200),
    "lock POST": (401, 403, 403, 403, 403, 200, 200),
    "preview": (401, 403, 403, 403, 403, 200, 200),
    "cards": (401, 403, 403, 403, 403, 200, 200),
}


def test_the_matrix_covers_every_request():
    assert set(MATRIX) == set(REQUESTS) == set(PENDING)


def user_name(role: str) -> str | None:
    """The user who has ``role`` on the whole site; None for Anonymous."""
    return None if role == "Anonymous" else role.lower().replace(" ", "-")


@pytest.fixture
def clients(functional_app, functional_portal, functional_page) -> dict:
    """A client per role (Bearer tokens: no CSRF token needed); the page has
    one revision."""
    users = functional_portal.acl_users
    for role in ROLES[1:]:
        users.userFolderAddUser(user_name(role), PASSWORD, [role], [])
    transaction.commit()
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "text", "settings": {"text": "<p>Hi</p>"}}]}},
    )
    return {
        role: RESTClient(functional_app, user_name(role), PASSWORD, auth="bearer")
        for role in ROLES
    }


@pytest.mark.parametrize("name", MATRIX)
def test_permission_matrix(clients, functional_page, name):
    assert statuses(clients, functional_page, name) == dict(
        zip(ROLES, MATRIX[name], strict=True)
    )


@pytest.mark.parametrize("name", PENDING)
def test_permission_matrix_of_a_page_awaiting_review(clients, functional_page, name):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="submit")
    transaction.commit()
    assert statuses(clients, functional_page, name) == dict(
        zip(ROLES, PENDING[name], strict=True)
    )


def statuses(clients, functional_page, name) -> dict[str, int]:
    """:returns: the status of request ``name`` to the page, by role."""
    method, path, body, accept = REQUESTS[name]
    url = functional_page.absolute_url() + path
    seen = {}
    for role in ROLES:
        transaction.begin()
        version = arrangement.get(functional_page).version
        response = clients[role].request(
            method,
            url,
            json=body(version) if body else None,
            headers={"Accept": accept},
        )
        seen[role] = response.status_int
    return seen
