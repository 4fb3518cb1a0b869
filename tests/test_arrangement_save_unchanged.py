"""A save that changes nothing writes nothing: the version stays, no revision
is recorded, no event notified; the checks of every save still apply."""

from arrangement_fixtures import checkpoint
from arrangement_fixtures import modified_events
from arrangement_fixtures import stored
from collective.composite import arrangement
from collective.composite import exceptions
from collective.composite.arrangement import history
from test_arrangement_save import as_data
from test_arrangement_save import note

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


@pytest.fixture
def two(page):
    """Notes A and B in ``main``, saved once: version 1."""
    arrangement.save(page, {"slots": {"main": [note("A"), note("B")]}}, "0")
    return arrangement.get(page)


def test_sending_back_what_was_read_keeps_the_version(page, two):
    assert arrangement.save(page, as_data(two), two.version) == "1"
    assert arrangement.get(page).version == "1"


def test_sending_back_what_was_read_records_no_revision(page, two):
    arrangement.save(page, as_data(two), two.version)
    assert [revision.number for revision in history.get_revisions(page)] == [1]


def test_sending_back_what_was_read_notifies_nothing(page, two):
    with modified_events() as events:
        arrangement.save(page, as_data(two), two.version)
    assert events == []


def test_sending_back_what_was_read_writes_nothing(page, two):
    checkpoint()
    arrangement.save(page, as_data(two), two.version)
    assert not stored(page)._p_changed


def test_settings_set_to_what_they_are_keep_the_version(page, two):
    first = two.slots["main"][0]
    arrangement.update_widget(page, first.id, dict(first.settings))
    assert arrangement.get(page).version == "1"


def test_the_current_layout_chosen_again_keeps_the_version(page, two):
    arrangement.set_layout(page, two.layout)
    assert arrangement.get(page).version == "1"


def test_a_move_and_its_undo_in_one_save_keep_the_version(page, two):
    data = as_data(two)
    data["slots"]["main"].reverse()
    data["slots"]["main"].reverse()
    assert arrangement.save(page, data, "1") == "1"


def test_the_first_save_of_a_page_is_recorded_even_when_empty(page):
    assert arrangement.save(page, {"slots": {}}, "0") == "1"
    assert [revision.number for revision in history.get_revisions(page)] == [1]


def test_a_stale_version_is_refused_even_when_nothing_would_change(page, two):
    arrangement.add_widget(page, "main", "note", {"title": "C"})
    with pytest.raises(exceptions.StaleVersion):
        arrangement.save(page, as_data(two), two.version)


def test_an_invalid_save_is_refused_even_when_it_would_change_nothing(page, two):
    data = as_data(two)
    data["layout"] = "no-such-layout"
    with pytest.raises(exceptions.UnknownLayout):
        arrangement.save(page, data, two.version)


def test_a_change_after_an_unchanged_save_is_the_next_version(page, two):
    arrangement.save(page, as_data(two), two.version)
    data = as_data(two)
    data["slots"]["main"].pop()
    assert arrangement.save(page, data, "1") == "2"
