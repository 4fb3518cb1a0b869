"""The bounded memo of computed strings (filtered HTML, listing results)."""

from collective.composite.widgets.shared_memo import Memo


def test_keeps_a_value():
    memo = Memo(100)
    memo.set("key", "value")
    assert memo.get("key") == "value"


def test_unknown_key_is_none():
    assert Memo(100).get("key") is None


def test_forgets_the_least_recently_used_beyond_its_capacity():
    memo = Memo(100)
    memo.set("a", "x" * 10)
    memo.set("b", "x" * 10)
    memo.get("a")
    for number in range(9):
        memo.set(number, "x" * 10)
    assert memo.get("a") == "x" * 10
    assert memo.get("b") is None


def test_does_not_keep_a_value_over_a_tenth_of_its_capacity():
    memo = Memo(100)
    memo.set("big", "x" * 11)
    assert memo.get("big") is None


def test_a_value_set_again_is_counted_once():
    memo = Memo(100)
    for _ in range(20):
        memo.set("same", "x" * 10)
    memo.set("other", "x" * 10)
    assert memo.get("same") == "x" * 10


def test_clear_forgets_everything():
    memo = Memo(100)
    memo.set("key", "value")
    memo.clear()
    assert memo.get("key") is None
    assert len(memo) == 0
