"""The settings in ``@composite`` are JSON as stored, and made JSON-compatible
by plone.restapi's converter only when they are not."""

from collective.composite import arrangement
from collective.composite.serializers import widget_data
from datetime import date
from plone.restapi.serializer.converters import json_compatible

import pytest


@pytest.mark.parametrize(
    "settings",
    [
        {"text": "<p>Hi</p>"},
        {"query": [{"i": "portal_type", "v": ["Document"]}], "limit": 3},
        {"flag": True, "ratio": 0.5, "nothing": None},
    ],
)
def test_json_settings_are_sent_as_the_converter_would(settings):
    widget = arrangement.Widget("w1", "note", settings, "main")
    assert widget_data(widget)["settings"] == json_compatible(settings)


def test_other_values_still_go_through_the_converter():
    widget = arrangement.Widget("w1", "note", {"day": date(2026, 12, 6)}, "main")
    assert widget_data(widget)["settings"] == {"day": "2026-12-06"}


def test_a_translatable_message_is_not_plain_json():
    from collective.composite.serializers import is_json
    from zope.i18nmessageid import Message

    assert is_json({"a": [1, "b", None, True, 1.5]})
    assert not is_json({"label": Message("Save", domain="plone")})
    assert not is_json({1: "a"})
