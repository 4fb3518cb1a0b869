"""A save that loses every retry to ZODB conflicts (issue 12): 503 with
Retry-After and a "try again" message in the services' JSON shape, never a 500
page; other requests keep the site's error page."""

from collective.composite import arrangement
from functional_fixtures import text_widget
from plone.restapi.services.site.get import SiteGet
from ZODB.POSException import ConflictError
from ZPublisher.HTTPRequest import HTTPRequest

import pytest


@pytest.fixture
def no_retry_delay(monkeypatch) -> None:
    # Zope waits a random while before each retry; the tests need not.
    monkeypatch.setattr(HTTPRequest, "delay_retry", lambda self: None)


@pytest.fixture
def conflicting(monkeypatch, no_retry_delay) -> list:
    """Every save conflicts; the list counts the attempts."""
    attempts = []

    def replace(*args, **kwargs):
        attempts.append(args)
        raise ConflictError("database conflict error")

    monkeypatch.setattr(arrangement, "save", replace)
    return attempts


def save(editor, page):
    body = {"version": "1", "slots": {"main": [text_widget("a", "Alpha")]}}
    return editor.patch(f"{page.absolute_url()}/@composite", json=body)


def test_a_save_losing_every_retry_answers_503_try_again(
    editor, two_columns_page, conflicting
):
    response = save(editor, two_columns_page)
    assert response.status_int == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json["error"]["type"] == "ConflictError"
    assert "Try again" in response.json["error"]["message"]


def test_zope_retried_the_save_before_answering(editor, two_columns_page, conflicting):
    save(editor, two_columns_page)
    assert len(conflicting) == 4


def test_nothing_was_saved(editor, two_columns_page, conflicting):
    save(editor, two_columns_page)
    assert arrangement.get(two_columns_page).version == "1"


def test_other_requests_keep_the_sites_error_answer(
    editor, two_columns_page, monkeypatch, no_retry_delay
):
    def reply(self):
        raise ConflictError("database conflict error")

    monkeypatch.setattr(SiteGet, "reply", reply)
    response = editor.get(f"{two_columns_page.aq_parent.absolute_url()}/@site")
    assert response.status_int == 500
    assert response.json["type"] == "ConflictError"
