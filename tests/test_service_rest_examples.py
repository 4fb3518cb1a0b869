"""Replay the request examples of docs/rest.md and compare the responses.

Each ``tests/rest_examples/NAME.req`` is a raw HTTP request that docs/rest.md
shows, beside the ``NAME.resp`` it answers. Every example starts from the
same page (see :func:`example_page`), which :data:`PREPARE` changes first for
the examples that need more (a second revision, a lock). Credentials in the
examples are placeholders: the test sends the ``editor`` user's own, of the same
kind (Bearer, Basic, login cookie, CSRF token). URLs are written for
``http://localhost:8080/Plone``, and points in time as :data:`DOCS_TIME` (in
messages for people, as Plone writes it: :data:`DOCS_LOCAL_TIME`).

After an intended change, rewrite the responses with
``COMPOSITE_WRITE_REST_EXAMPLES=1 pytest tests/test_service_rest_examples.py``
and review the diff; then copy them into docs/rest.md with
``COMPOSITE_WRITE_DOCS_EXAMPLES=1 pytest tests/test_docs_inline_examples.py``.
"""

from collective.composite.arrangement import locking
from functional_fixtures import arrange
from pathlib import Path
from plone import api
from plone.uuid.interfaces import IMutableUUID

import json
import os
import pytest
import re
import transaction


EXAMPLES = Path(__file__).parent / "rest_examples"
DOCS_URL = "http://localhost:8080/Plone"
NEWS_UID = "6e1f3d8c2b8a4f0e9d7c5b3a1f2e4d6c"
PAGE_UID = "0c1d2e3f4a5b4c6d8e7f9a0b1c2d3e4f"
DOCS_TIME = "2025-05-02T09:41:07+00:00"
TIMES = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00")
# DOCS_TIME in Plone's English long format, in the site's zone (UTC).
DOCS_LOCAL_TIME = "May 02, 2025 09:41 AM"
LOCAL_TIMES = re.compile(r"[A-Z][a-z]{2} \d\d, \d{4} \d\d:\d\d [AP]M")
WRITE = os.environ.get("COMPOSITE_WRITE_REST_EXAMPLES") == "1"
REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}
REASONS |= {404: "Not Found", 409: "Conflict", 413: "Payload Too Large"}
REASONS |= {415: "Unsupported Media Type"}
SHORTENED = " …"


@pytest.fixture
def example_page(functional_page, functional_portal):
    """``page`` in two columns, version "1": a text and a ``news`` item in
    main, a text in the sidebar."""
    with api.env.adopt_roles(["Manager"]):
        news = api.content.create(
            container=functional_portal, type="Document", id="news", title="News"
        )
    IMutableUUID(news).set(NEWS_UID)
    news.reindexObject()
    IMutableUUID(functional_page).set(PAGE_UID)
    functional_page.reindexObject()
    transaction.commit()
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [
                    {
                        "id": "welcome",
                        "type": "text",
                        "settings": {"text": "<p>Welcome!</p>"},
                    },
                    {
                        "id": "latest-news",
                        "type": "content",
                        "settings": {"uid": NEWS_UID, "display": "title"},
                    },
                ],
                "sidebar": [
                    {
                        "id": "opening-hours",
                        "type": "text",
                        "settings": {"text": "<p>Open 9 to 5</p>"},
                    }
                ],
            },
        },
    )
    return functional_page


def second_revision(page, client) -> None:
    """Revision 2, by ``editor``: the news item moved to the top."""
    response = client.patch(
        f"{page.absolute_url()}/@composite",
        json={
            "version": "1",
            "slots": {
                "main": [
                    {
                        "id": "latest-news",
                        "type": "content",
                        "settings": {"uid": NEWS_UID, "display": "title"},
                    },
                    {
                        "id": "welcome",
                        "type": "text",
                        "settings": {"text": "<p>Welcome!</p>"},
                    },
                ],
                "sidebar": [
                    {
                        "id": "opening-hours",
                        "type": "text",
                        "settings": {"text": "<p>Open 9 to 5</p>"},
                    }
                ],
            },
        },
    )
    assert response.status_int == 200, response.text


def locked_by_manager(page, client) -> None:
    """The page's design lock, held by ``manager`` (Maria Manager)."""
    transaction.begin()
    api.user.get(username="manager").setMemberProperties({"fullname": "Maria Manager"})
    with api.env.adopt_user(username="manager"):
        locking.lock(page)
    transaction.commit()


def locked_by_editor(page, client) -> None:
    """The page's design lock, held by ``editor``."""
    response = client.request("POST", f"{page.absolute_url()}/@composite-lock")
    assert response.status_int == 200, response.text


# Example name -> what it needs besides the example page.
PREPARE = {
    "history_get": second_revision,
    "history_get_paged": second_revision,
    "history_revision_get": second_revision,
    "history_restore": second_revision,
    "composite_patch_locked": locked_by_manager,
    "lock_get": locked_by_manager,
    "lock_post_locked": locked_by_manager,
    "lock_post_takeover": locked_by_manager,
    "lock_delete": locked_by_editor,
}


def parse_request(text: str) -> tuple[str, str, dict, bytes | None]:
    head, _, body = text.partition("\n\n")
    request_line, *header_lines = head.splitlines()
    method, path, _version = request_line.split()
    headers = dict(line.split(": ", 1) for line in header_lines)
    return method, path, headers, body.encode() if body.strip() else None


def credentials(headers: dict, client) -> dict:
    """The example's headers with the test user's real credentials."""
    real = {k: v for k, v in headers.items() if k != "Host"}
    kind = real.get("Authorization", "").split(" ")[0]
    if kind:
        real["Authorization"] = client.headers["Authorization"]
    if "Cookie" in real:
        real["Cookie"] = client.headers["Cookie"]
    if "X-CSRF-TOKEN" in real:
        real["X-CSRF-TOKEN"] = client.csrf_token(api.portal.get().absolute_url())
    return real


def response_text(status: int, body: dict) -> str:
    return (
        f"HTTP/1.1 {status} {REASONS[status]}\n"
        "Content-Type: application/json\n\n"
        f"{json.dumps(body, indent=2, sort_keys=True)}\n"
    )


def shortened_as(expected, actual):
    """``actual``, with the strings ``expected`` shortens shortened alike.

    A string of a ``.resp`` ending in :data:`SHORTENED` shows how the answer's
    starts (the whole page of a preview): it stands for any string starting so.
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {
            key: shortened_as(expected.get(key), item) for key, item in actual.items()
        }
    if (
        isinstance(expected, list)
        and isinstance(actual, list)
        and len(expected) == len(actual)
    ):
        return [shortened_as(*pair) for pair in zip(expected, actual, strict=True)]
    if (
        isinstance(expected, str)
        and isinstance(actual, str)
        and expected.endswith(SHORTENED)
        and actual.startswith(expected.removesuffix(SHORTENED))
    ):
        return expected
    return actual


def parse_response(text: str) -> tuple[int, dict]:
    head, _, body = text.partition("\n\n")
    return int(head.split()[1]), json.loads(body)


@pytest.mark.parametrize("name", sorted(path.stem for path in EXAMPLES.glob("*.req")))
def test_example(name, example_page, rest_client, functional_portal):
    method, path, headers, body = parse_request((EXAMPLES / f"{name}.req").read_text())
    kind = headers.get("Authorization", " ").split(" ")[0].lower()
    if "Cookie" in headers:
        kind = "cookie"
    client = rest_client("editor", auth=kind) if kind else rest_client()
    if name in PREPARE:
        PREPARE[name](example_page, rest_client("editor"))
    portal_url = functional_portal.absolute_url()
    url = f"{DOCS_URL}{path.removeprefix('/Plone')}".replace(DOCS_URL, portal_url)
    response = client.request(
        method, url, body=body, headers=credentials(headers, client)
    )
    # The docs' URLs and times, whatever the test server's are.
    text = TIMES.sub(DOCS_TIME, response.text.replace(portal_url, DOCS_URL))
    actual = json.loads(LOCAL_TIMES.sub(DOCS_LOCAL_TIME, text))
    expected_file = EXAMPLES / f"{name}.resp"
    if expected_file.exists():
        actual = shortened_as(parse_response(expected_file.read_text())[1], actual)
    if WRITE:
        expected_file.write_text(response_text(response.status_int, actual))
    assert parse_response(expected_file.read_text()) == (
        response.status_int,
        actual,
    )
    assert re.match(r"application/json\b", response.headers["Content-Type"])
