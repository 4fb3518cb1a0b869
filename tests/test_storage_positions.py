"""Ordering keys: always one between two others, short for common edits."""

from collective.composite.arrangement.positions import DIGITS
from collective.composite.arrangement.positions import key_between
from collective.composite.arrangement.positions import keys_between
from collective.composite.arrangement.positions import reorder
from hypothesis import given
from hypothesis import strategies as st

import pytest


keys = st.text(alphabet=DIGITS, min_size=1, max_size=8).filter(
    lambda key: not key.endswith("0")
)


def valid(key):
    return key and set(key) <= set(DIGITS) and not key.endswith("0")


@given(keys, keys)
def test_key_between_two_keys_sorts_between_them(a, b):
    if a == b:
        return
    low, high = sorted((a, b))
    key = key_between(low, high)
    assert low < key < high
    assert valid(key)


@given(keys)
def test_key_between_open_ends(a):
    assert key_between(a, None) > a
    assert key_between(None, a) < a
    assert valid(key_between(a, None))
    assert valid(key_between(None, a))


def test_key_between_refuses_wrong_order():
    with pytest.raises(ValueError, match="does not sort before"):
        key_between("b", "a")


def test_appending_a_thousand_keeps_keys_short():
    key = None
    for _ in range(1000):
        key = key_between(key, None)
    assert len(key) <= 40


def test_inserting_repeatedly_at_the_front_keeps_keys_short():
    key = "V"
    for _ in range(100):
        new = key_between(None, key)
        assert new < key
        key = new
    assert len(key) <= 30


@given(st.one_of(st.none(), keys), st.integers(min_value=0, max_value=300))
def test_keys_between_are_ascending_and_inside_bounds(low, count):
    made = keys_between(low, None, count)
    assert len(made) == count
    assert made == sorted(set(made))
    assert all(valid(key) and (low is None or key > low) for key in made)


def test_keys_between_a_gap_stay_short():
    made = keys_between("V", "W", 500)
    assert made[0] > "V"
    assert made[-1] < "W"
    assert made == sorted(made)
    assert max(len(key) for key in made) <= 6


@given(st.permutations(range(12)), st.integers(min_value=0, max_value=5))
def test_reorder_gives_ascending_keys_in_the_new_order(order, added):
    current = dict(zip(map(str, range(12)), keys_between(None, None, 12), strict=True))
    ids = [str(n) for n in order] + [f"new{n}" for n in range(added)]
    positions = reorder(ids, current)
    new_keys = [positions[widget_id] for widget_id in ids]
    assert new_keys == sorted(set(new_keys))


def test_reorder_moving_one_of_a_hundred_rewrites_one():
    ids = [str(n) for n in range(100)]
    current = dict(zip(ids, keys_between(None, None, 100), strict=True))
    moved = ids[:10] + ids[11:60] + [ids[10]] + ids[60:]
    positions = reorder(moved, current)
    assert [i for i in ids if positions[i] != current[i]] == [ids[10]]


def test_reorder_keeps_widgets_already_in_order_around_new_ones():
    current = {"a": "V", "b": "X"}
    positions = reorder(["new", "a", "other", "b"], current)
    assert positions["a"] == "V"
    assert positions["b"] == "X"
    assert positions["new"] < "V" < positions["other"] < "X"
