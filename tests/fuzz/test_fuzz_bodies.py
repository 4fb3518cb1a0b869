"""Fuzzing the raw bodies and headers of every JSON write: malformed JSON,
odd encodings, over-deep nesting, oversized bodies, odd content types. Bodies
are read before the composite services are reached too (plone.restapi's JWT
plugin reads any JSON body for a login), so no answer may be a server error."""

from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from strategies import deep
from strategies import encode
from strategies import hostile_values

import pytest


ENDPOINTS = [
    ("PATCH", "@composite"),
    ("POST", "@composite-history/1/restore"),
    ("POST", "@composite-import"),
    ("POST", "@composite-lock"),
    ("DELETE", "@composite-lock"),
    ("POST", "@composite-cards"),
    ("POST", "@composite-preview"),
    # Plain Plone pages read JSON bodies too (through the JWT plugin).
    ("POST", "@@composite-widget-settings"),
    ("GET", "@composite"),
]

raw_bodies = st.one_of(
    st.binary(max_size=64),
    st.sampled_from(
        [
            b"",
            b"{",
            b"[]",
            b"null",
            b"NaN",
            b"1e400",
            b'{"version": "1"',
            b'{"version": "1"}}',
            b"\xef\xbb\xbf{}",
            b'{"version": "\xff"}',
            b'{"version": "\xed\xa0\x80"}',
            b'{"version": "\\ud800"}',
            b"\xfe\xff\x00{\x00}",
            b'{"login": "editor", "password": "x"}',
            b'{"login": ["editor"], "password": {}}',
            b'{"a": 1, "a": 2}',
            b"{}" * 1000,
            b"[" * 10_000 + b"]" * 10_000,
            b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
            b"[" * 100_000,
            b'{"version": "' + b"x" * 1_100_000 + b'"}',
        ]
    ),
    hostile_values.map(lambda value: encode({"version": value})),
    st.sampled_from([deep(depth) for depth in (1000, 10_000)]).map(
        lambda raw: encode({"version": "1", "slots": raw})
    ),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "application/json; charset=bogus",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
    ]
)


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@fuzz_settings
@given(data=st.data(), body=raw_bodies, content_type=content_types)
def test_a_malformed_body_is_refused_and_changes_nothing(
    fuzz_site, data, method, path, body, content_type
):
    site = fuzz_site
    site.reset({"slots": {"main": [{"id": "a", "type": "text", "settings": {}}]}})
    sender = data.draw(st.sampled_from([site.editor, site.bearer, site.anonymous]))
    before = site.snapshot()
    response = sender.request(
        method,
        f"{site.url}/{path}",
        body=body,
        headers={"Content-Type": content_type or None},
    )
    if method == "GET":
        site.check_unchanged(response, before)
    elif site.check(response, before):
        site.check_stored()
