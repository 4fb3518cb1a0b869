"""Who may do what: every role against every view, service and method.

The page is private (simple publication workflow), so View matters too: Reader,
Contributor, Editor, Site Administrator and Manager see it, Anonymous and
Member do not. Designing needs the design permission (Editor, Site
Administrator, Manager; Owner too, who is none of these users). Each cell is
the HTTP status expected; every write is sent with the current version, so a
2xx means the write was allowed and made. Services answer 401 to anonymous
users and 403 to others; pages send those who may not view them to log in.
"""

from collective.composite import arrangement
from functional_fixtures import arrange
from rest_client import RESTClient

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

# name -> (method, path after the page's URL, body maker, Accept).
# A body maker gets the current version.
REQUESTS = {
    "view": ("GET", "/@@composite-view", None, "text/html"),
    "design": ("GET", "/@@composite-design", None, "text/html"),
    "composite GET": ("GET", "/@composite", None, "application/json"),
    "composite PATCH": (
        "PATCH",
        "/@composite",
        lambda version: {"version": version, "layout": "two-columns"},
        "application/json",
    ),
    "layouts": ("GET", "/@composite-layouts", None, "application/json"),
    "history": ("GET", "/@composite-history", None, "application/json"),
    "history revision": ("GET", "/@composite-history/1", None, "application/json"),
    "history restore": (
        "POST",
        "/@composite-history/1/restore",
        lambda version: {"version": version},
        "application/json",
    ),
    "export": ("GET", "/@composite-export", None, "application/json"),
    "import": (
        "POST",
        "/@composite-import",
        lambda version: {"version": version, "arrangement": {"slots": {"main": []}}},
        "application/json",
    ),
    "lock GET": ("GET", "/@composite-lock", None, "application/json"),
    # Each role in turn takes the lock over from the one before.
    "lock POST": (
        "POST",
        "/@composite-lock",
        lambda version: {"takeover": True},
        "application/json",
    ),
    "lock DELETE": ("DELETE", "/@composite-lock", None, "application/json"),
    "preview": (
        "POST",
        "/@composite-preview",
        lambda version: {"arrangement": {"version": version, "slots": {"main": []}}},
        "application/json",
    ),
    "cards": (
        "POST",
        "/@composite-cards",
        lambda version: {"arrangement": {"slots": {"main": []}}, "ids": []},
        "application/json",
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


def test_the_matrix_covers_every_request():
    assert set(MATRIX) == set(REQUESTS)


@pytest.fixture
def clients(functional_app, functional_portal, functional_page) -> dict:
    """A client per role (Bearer tokens: no CSRF token needed); the page has
    one revision."""
    users = functional_portal.acl_users
    for role in ROLES[1:]:
        users.userFolderAddUser(role.lower().replace(" ", "-"), PASSWORD, [role], [])
    transaction.commit()
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "text", "settings": {"text": "<p>Hi</p>"}}]}},
    )
    return {
        role: RESTClient(
            functional_app,
            None if role == "Anonymous" else role.lower().replace(" ", "-"),
            PASSWORD,
            auth="bearer",
        )
        for role in ROLES
    }


@pytest.mark.parametrize("name", MATRIX)
def test_permission_matrix(clients, functional_page, name):
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
    assert seen == dict(zip(ROLES, MATRIX[name], strict=True))
