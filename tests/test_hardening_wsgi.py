"""JSON nested 10,000 deep made plone.restapi's JWT plugin raise RecursionError
(500) for anonymous users on any URL (issue 12). The WSGI filter that
``make start`` and the documented setups put in front of Zope answers 400."""

from collective.composite.wsgi import JSONDepthFilter
from collective.composite.wsgi import MAX_DEPTH
from configparser import ConfigParser
from io import BytesIO
from paste.deploy import loadfilter
from pathlib import Path
from rest_client import PublisherApp
from wsgi_pipeline import pipeline
from wsgi_pipeline import write_zope_ini

import json
import pytest
import webtest


ROOT = Path(__file__).resolve().parent.parent
DEEP = b"[" * 10_000 + b"]" * 10_000


def nested(depth: int) -> bytes:
    return b'{"a": ' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


class Recorder:
    """A WSGI app that keeps what it was given."""

    body = None

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(length)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"passed"]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def post(app, body: bytes, content_type: str = "application/json"):
    # With lint: the filter must keep to WSGI (PEP 3333); the real server is
    # tested in test_make_start.py.
    return webtest.TestApp(app, lint=True).post(
        "/", body, headers={"Content-Type": content_type}, expect_errors=True
    )


class TestFilter:
    def test_refuses_json_nested_10000_deep_with_400(self, recorder):
        response = post(JSONDepthFilter(recorder), DEEP)
        assert response.status_int == 400
        assert response.json["error"]["type"] == "DeserializationError"
        assert recorder.body is None

    def test_refuses_one_level_beyond_the_limit(self, recorder):
        response = post(JSONDepthFilter(recorder), nested(MAX_DEPTH + 1))
        assert response.status_int == 400

    def test_passes_the_limit_on_with_the_body_intact(self, recorder):
        body = nested(MAX_DEPTH)
        assert post(JSONDepthFilter(recorder), body).text == "passed"
        assert recorder.body == body

    def test_brackets_and_escaped_quotes_in_strings_do_not_count(self, recorder):
        body = json.dumps({"a": '\\"' + "[" * 500, "b": "{" * 500}).encode()
        assert post(JSONDepthFilter(recorder), body).text == "passed"
        assert recorder.body == body

    @pytest.mark.parametrize(
        "content_type", ["application/json; charset=utf-8", "application/ld+json"]
    )
    def test_checks_every_json_media_type(self, recorder, content_type):
        response = post(JSONDepthFilter(recorder), DEEP, content_type)
        assert response.status_int == 400

    def test_leaves_other_bodies_alone(self, recorder):
        assert post(JSONDepthFilter(recorder), DEEP, "text/plain").text == "passed"
        assert recorder.body == DEEP

    def test_reads_a_body_larger_than_a_chunk_without_a_length(self, recorder):
        body = json.dumps({"a": ["x" * 100_000] * 20}).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "CONTENT_TYPE": "application/json",
            "wsgi.input": BytesIO(body),
        }
        result = JSONDepthFilter(recorder)(environ, lambda status, headers: None)
        assert (list(result), recorder.body) == ([b"passed"], body)

    def test_is_the_paste_filter_of_the_distribution(self, recorder):
        factory = loadfilter("egg:collective.composite#json_depth")
        assert post(factory(recorder), DEEP).status_int == 400


@pytest.fixture
def zope_ini(tmp_path) -> Path:
    """The zope.ini that ``make start`` writes."""
    return write_zope_ini(tmp_path / "var")


class TestMakeStart:
    def test_zope_ini_puts_the_filter_in_front_of_zope(self, zope_ini):
        parser = ConfigParser(interpolation=None)
        parser.read(zope_ini)
        assert (
            parser["filter:json_depth"]["use"] == "egg:collective.composite#json_depth"
        )
        members = parser["pipeline:main"]["pipeline"].split()
        assert members.index("json_depth") == members.index("zope") - 1

    # Without the filter each answered 500 (RecursionError in the JWT plugin).
    @pytest.mark.parametrize("path", ["/", "/plone", "/plone/@login"])
    def test_anonymous_deep_json_gets_400(
        self, zope_ini, functional_app, functional_portal, path
    ):
        app = webtest.TestApp(pipeline(zope_ini, PublisherApp(functional_app)))
        response = app.post(
            path,
            DEEP,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            expect_errors=True,
        )
        assert response.status_int == 400
        assert "nested deeper than" in response.json["error"]["message"]

    def test_a_shallow_login_passes_through_to_zope(
        self, zope_ini, functional_app, functional_portal
    ):
        app = webtest.TestApp(pipeline(zope_ini, PublisherApp(functional_app)))
        response = app.post(
            "/plone/@login",
            json.dumps({"login": "nobody", "password": "wrong"}).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            expect_errors=True,
        )
        assert response.status_int == 401


def test_buildout_puts_the_filter_in_front_of_zope():
    parser = ConfigParser(interpolation=None)
    parser.read(ROOT / "buildout.cfg")
    members = parser["instance"]["pipeline"].split()
    assert members[-2:] == ["egg:collective.composite#json_depth", "zope"]
