"""``arrangement.update_widgets``: the settings of some widgets, in one save."""

from arrangement_fixtures import fake_components
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidget
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from test_history_record_sizes import written_classes
from test_storage_size import arranged

import pytest
import transaction


@pytest.fixture
def page(functional_portal):
    """A page of five notes, committed."""
    with fake_components():
        login(functional_portal, TEST_USER_NAME)
        yield arranged(functional_portal, 5)


def ids(page) -> list[str]:
    return [widget.id for widget in arrangement.get(page).slots["main"]]


def test_changes_the_settings_of_the_widgets_named_in_one_revision(page):
    first, _second, third = ids(page)[:3]
    before = len(history.get_revisions(page))
    arrangement.update_widgets(
        page, {first: {"title": "One"}, third: {"title": "Three"}}
    )
    titles = [w.settings["title"] for w in arrangement.get(page).slots["main"]]
    assert titles == ["One", "Note 1", "Three", "Note 3", "Note 4"]
    assert len(history.get_revisions(page)) == before + 1


def test_writes_what_update_widget_writes(page):
    first, second = ids(page)[:2]
    transaction.commit()
    arrangement.update_widget(page, first, {"title": "One"})
    transaction.commit()
    alone = sorted(written_classes(page))
    arrangement.update_widgets(page, {second: {"title": "Two"}})
    transaction.commit()
    assert sorted(written_classes(page)) == alone


def test_names_an_unknown_widget_by_its_id(page):
    with pytest.raises(UnknownWidget) as raised:
        arrangement.update_widgets(page, {"nope": {}})
    assert raised.value.field == "nope"


def test_names_an_invalid_setting_by_the_widget_id(page):
    second = ids(page)[1]
    with pytest.raises(InvalidSettings) as raised:
        arrangement.update_widgets(page, {second: {"colour": "red"}})
    assert raised.value.field == f"{second}.settings.colour"
