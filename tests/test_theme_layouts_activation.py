"""Activating a theme checks its layouts: the Manager sees each refused one."""

from collective.composite.layouts.theme_plugin import CompositeLayoutsPlugin
from collective.composite.layouts.theme_plugin import report
from plone.app.theming.utils import applyTheme
from plone.app.theming.utils import getTheme
from Products.statusmessages.interfaces import IStatusMessage
from theme_fixtures import feature_files
from theme_fixtures import ttw_theme
from zope.globalrequest import setRequest

import logging
import pytest


@pytest.fixture
def request_(portal):
    setRequest(portal.REQUEST)
    yield portal.REQUEST
    setRequest(None)


def broken_feature_theme() -> None:
    """The theme ``ttw`` whose ``feature`` design template places no slot."""
    files = feature_files()
    files["composite-layouts/feature/feature_design.pt"] = "<div>no slots</div>"
    ttw_theme("ttw", files)


def activate_through_the_control_panel(name: str) -> None:
    applyTheme(getTheme(name))


def test_activating_a_theme_with_a_broken_pair_shows_why(request_, caplog):
    broken_feature_theme()
    with caplog.at_level(logging.ERROR):
        activate_through_the_control_panel("ttw")
    [message] = IStatusMessage(request_).show()
    assert message.type == "error"
    assert message.message.startswith("The theme's layout 'feature' is refused:")
    assert "feature_design.pt does not place the declared slot 'lead'" in (
        message.message
    )
    assert "Layout 'feature' of the theme 'ttw' is not a valid template pair" in (
        caplog.text
    )


def test_activating_a_theme_with_valid_pairs_says_nothing(request_):
    ttw_theme("ttw", feature_files())
    activate_through_the_control_panel("ttw")
    assert IStatusMessage(request_).show() == []


def test_importing_and_enabling_at_once_shows_each_refusal_once(request_):
    broken_feature_theme()
    report("ttw")
    report("ttw")
    assert len(IStatusMessage(request_).show()) == 1


def test_importing_and_enabling_at_once_logs_each_refusal_once(request_, caplog):
    broken_feature_theme()
    with caplog.at_level(logging.ERROR):
        report("ttw")
        report("ttw")
    assert caplog.text.count("Layout 'feature' of the theme 'ttw' is not") == 1


def test_discovery_at_start_up_logs_a_refusal_without_a_message(request_, caplog):
    broken_feature_theme()
    with caplog.at_level(logging.ERROR):
        CompositeLayoutsPlugin().onDiscovery("ttw", {}, {})
    assert "Layout 'feature' of the theme 'ttw' is not a valid template pair" in (
        caplog.text
    )
    assert IStatusMessage(request_).show() == []
