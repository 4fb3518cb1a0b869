"""An invalid choice in a widget's settings names the allowed values (issue 13,
hole 5), not only "Constraint not satisfied"."""

from collective.composite.exceptions import InvalidSettings
from collective.composite.widgets.types import get_widget_type

import pytest


UID = "0123456789abcdef0123456789abcdef"


def refusal(portal, type_name: str, settings: dict) -> str:
    with pytest.raises(InvalidSettings) as raised:
        get_widget_type(type_name).clean(settings, portal)
    return str(raised.value)


def test_a_value_outside_a_choice_names_the_allowed_values(portal):
    message = refusal(portal, "content", {"uid": UID, "display": "huge"})
    assert "'display'" in message
    assert (
        '"huge" is not one of the allowed values: "title", "summary", "full".'
        in message
    )
    assert "Constraint not satisfied" not in message


def test_other_fields_keep_their_reason(portal):
    message = refusal(portal, "content", {"uid": "nope"})
    assert "allowed values" not in message
