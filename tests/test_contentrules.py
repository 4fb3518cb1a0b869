"""Plone's content rules on *Object modified*, with a logger action, when an
editor saves a page's arrangement through the published site."""

from collective.composite import arrangement
from functional_fixtures import text_widget
from page_fixtures import as_manager
from plone import api
from plone.app.contentrules.actions.logger import LoggerAction
from plone.app.contentrules.api import assign_rule
from plone.app.contentrules.rule import Rule
from plone.contentrules.engine.interfaces import IRuleStorage
from zope.component import getUtility
from zope.lifecycleevent.interfaces import IObjectModifiedEvent

import logging
import pytest
import transaction


@pytest.fixture
def page(functional_portal, rest_users):
    """A Composite Page in a folder whose rule on *Object modified* logs the
    modified object and the user, committed."""
    as_manager(functional_portal)
    folder = api.content.create(
        container=functional_portal, type="Folder", id="section", title="Section"
    )
    page = api.content.create(
        container=folder, type="Composite Page", id="page", title="Reading room"
    )
    rule = Rule()
    rule.title = "Tell the webmaster"
    rule.event = IObjectModifiedEvent
    action = LoggerAction()
    action.targetLogger = "webmaster"
    action.loggingLevel = logging.WARNING
    action.message = "modified &c by &u"
    rule.actions.append(action)
    getUtility(IRuleStorage)["tell-the-webmaster"] = rule
    assign_rule(folder, "tell-the-webmaster")
    transaction.commit()
    return page


@pytest.fixture
def told(caplog):
    """pytest's caplog, catching what the rule logs (see :func:`messages`)."""
    caplog.set_level(logging.WARNING, logger="webmaster")
    return caplog


def messages(told) -> list[str]:
    return [
        record.getMessage() for record in told.records if record.name == "webmaster"
    ]


def save(editor, page, body: dict):
    response = editor.patch(
        f"{page.absolute_url()}/@composite",
        json={"version": arrangement.get(page).version, **body},
    )
    assert response.status_int == 200
    return response


def test_saving_an_arrangement_runs_the_rule_once_with_the_page(page, editor, told):
    save(editor, page, {"slots": {"main": [text_widget("a", "Quiet")]}})
    assert messages(told) == ["modified <Item at /plone/section/page> by editor"]


def test_a_save_changing_nothing_runs_no_rule(page, editor, told):
    save(editor, page, {"slots": {"main": [text_widget("a", "Quiet")]}})
    told.clear()
    save(editor, page, {"slots": {"main": [text_widget("a", "Quiet")]}})
    assert messages(told) == []


def test_the_page_keeps_its_modification_date(page, editor, told):
    modified = page.modified()
    save(editor, page, {"layout": "two-columns"})
    assert messages(told)
    assert page.modified() == modified
