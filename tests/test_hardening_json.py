"""The strict JSON reader of every endpoint (issue 12): what Python's json
module lets through and the add-on refuses, each with the path of the value."""

from collective.composite.json_body import loads
from collective.composite.json_body import MAX_DEPTH
from collective.composite.json_body import MAX_INTEGER
from collective.composite.refusals import Refusal

import pytest


def refusal_of(text) -> Refusal:
    with pytest.raises(Refusal) as refused:
        loads(text)
    return refused.value


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_naming_the_field(number):
    refusal = refusal_of(f'{{"slots": {{"main": [{{"v": {number}}}]}}}}')
    assert (refusal.status, refusal.details["field"]) == (400, "slots.main.0.v")


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 400 + ".0"])
def test_a_float_overflowing_to_infinity_is_refused(number):
    refusal = refusal_of(f'{{"query": [{{"v": {number}}}]}}')
    assert refusal.details["field"] == "query.0.v"


def test_an_integer_of_5000_digits_is_refused_without_reading_it():
    refusal = refusal_of('{"limit": ' + "9" * 5000 + "}")
    assert (refusal.status, refusal.details["field"]) == (400, "limit")


def test_an_integer_beyond_javascripts_exact_range_is_refused():
    assert refusal_of(f'{{"limit": {MAX_INTEGER + 1}}}').details["field"] == "limit"


def test_the_largest_exact_integers_are_read():
    assert loads(f"[{MAX_INTEGER}, -{MAX_INTEGER}]") == [MAX_INTEGER, -MAX_INTEGER]


def test_a_lone_surrogate_in_a_string_is_refused_naming_the_field():
    refusal = refusal_of(
        '{"slots": {"main": [{"settings": {"text": "<p>\\ud800</p>"}}]}}'
    )
    assert refusal.details["field"] == "slots.main.0.settings.text"


def test_a_lone_low_surrogate_is_refused():
    assert refusal_of('["\\udc00"]').details["field"] == "0"


def test_a_lone_surrogate_in_a_key_is_refused_naming_it():
    refusal = refusal_of('{"settings": {"\\ud800x": 1}}')
    assert refusal.details["field"] == "settings.\ud800x"


def test_a_surrogate_pair_is_one_character_and_read():
    assert loads('{"text": "\\ud83d\\ude00"}') == {"text": "\U0001f600"}


def test_nesting_to_the_limit_is_read():
    value = loads(nested(MAX_DEPTH))
    for _level in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_nesting_beyond_the_limit_is_refused_naming_where():
    refusal = refusal_of('{"slots": {"main": ' + nested(MAX_DEPTH) + "}}")
    assert refusal.status == 400
    assert refusal.details["field"] == "slots.main" + ".0" * (MAX_DEPTH - 2)


def test_nesting_10000_deep_is_refused_without_recursion_error():
    assert refusal_of(nested(10_000)).status == 400


def test_brackets_in_strings_do_not_count_as_nesting():
    text = '["' + "[" * 10_000 + '"]'
    assert loads(text) == ["[" * 10_000]


def test_invalid_utf8_is_refused():
    assert refusal_of(b'{"text": "\xed\xa0\x80"}').type == "DeserializationError"


def test_a_field_name_prefixes_the_path():
    with pytest.raises(Refusal) as refused:
        loads('{"slots": []', field="arrangement")
    assert refused.value.details["field"] == "arrangement"
    with pytest.raises(Refusal) as refused:
        loads('{"slots": [NaN]}', field="arrangement")
    assert refused.value.details["field"] == "arrangement.slots.0"


def test_below_a_member_named_empty_the_path_keeps_its_place():
    # Found by the fuzz suite: the member "" vanished from the path, which
    # then named "0" at the top of the body.
    assert refusal_of('{"": [NaN]}').details["field"] == ".0"
    assert refusal_of('{"": {"": [NaN]}}').details["field"] == "..0"
