"""``catalog.at_commit``: what a transaction collects is acted on once, just
before it commits (see tests/test_search_references.py and
tests/test_catalog_rebuild.py for its two uses)."""

from collective.composite.catalog import at_commit

import pytest
import transaction


KEY = object()
OTHER = object()


@pytest.fixture
def acted():
    """The calls of :func:`act`: ``(args, a copy of what was collected)``;
    the test runs in a transaction of its own, aborted afterwards."""
    transaction.begin()
    calls = []
    yield calls
    transaction.abort()


def act(calls: list, *rest) -> None:
    *args, collected = rest
    calls.append((tuple(args), dict(collected)))


def test_one_transaction_collects_into_one_dict(acted):
    first = at_commit.collecting(KEY, act, acted)
    first["a"] = 1
    assert at_commit.collecting(KEY, act, acted) is first


def test_it_acts_once_on_all_it_collected(acted):
    at_commit.collecting(KEY, act, acted)["a"] = 1
    at_commit.collecting(KEY, act, acted)["b"] = 2
    transaction.commit()
    assert acted == [((), {"a": 1, "b": 2})]


def test_the_first_calls_arguments_come_first(acted):
    at_commit.collecting(KEY, act, acted, "catalog")["a"] = 1
    at_commit.collecting(KEY, act, acted, "ignored")["b"] = 2
    transaction.commit()
    assert acted == [(("catalog",), {"a": 1, "b": 2})]


def test_it_acts_before_the_commit(acted):
    order = []
    at_commit.collecting(KEY, lambda collected: order.append("act"))
    transaction.get().addAfterCommitHook(lambda ok: order.append(f"committed {ok}"))
    transaction.commit()
    assert order == ["act", "committed True"]


def test_an_abort_drops_what_was_collected(acted):
    at_commit.collecting(KEY, act, acted)["a"] = 1
    transaction.abort()
    transaction.commit()
    assert acted == []


def test_the_next_transaction_starts_empty(acted):
    at_commit.collecting(KEY, act, acted)["a"] = 1
    transaction.commit()
    assert at_commit.collecting(KEY, act, acted) == {}
    transaction.commit()
    assert acted == [((), {"a": 1}), ((), {})]


def test_a_savepoints_rollback_keeps_what_was_collected(acted):
    at_commit.collecting(KEY, act, acted)["a"] = 1
    savepoint = transaction.savepoint()
    at_commit.collecting(KEY, act, acted)["b"] = 2
    savepoint.rollback()
    transaction.commit()
    assert acted == [((), {"a": 1, "b": 2})]


def test_nothing_is_collected_once_it_acts(acted):
    during = []

    def collect_again(collected):
        during.append(at_commit.collecting(KEY, collect_again))

    at_commit.collecting(KEY, collect_again)
    transaction.commit()
    assert during == [None]


def test_each_key_is_its_own_work(acted):
    at_commit.collecting(KEY, act, acted, "one")["a"] = 1
    at_commit.collecting(OTHER, act, acted, "other")["b"] = 2
    transaction.commit()
    assert acted == [(("one",), {"a": 1}), (("other",), {"b": 2})]
