"""Pytest fixtures shared by the whole suite: the layers' (``portal``,
``functional_portal``, ... from pytest-plone) and, as plugins, one module of
fixtures per layer (integration_fixtures, functional_fixtures), the ZCML
directive tests' (zcml_fixtures), the multilingual layers'
(multilingual_fixtures) and the image uploads' (upload_fixtures)."""

from collective.composite.testing import ACCEPTANCE_TESTING
from collective.composite.testing import FUNCTIONAL_TESTING
from collective.composite.testing import INTEGRATION_TESTING
from collective.composite.widgets.types import WidgetType
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = [
    "pytest_plone",
    "integration_fixtures",
    "functional_fixtures",
    "zcml_fixtures",
    "multilingual_fixtures",
    "upload_fixtures",
]

globals().update(
    fixtures_factory(
        (
            (ACCEPTANCE_TESTING, "acceptance"),
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def package_name() -> str:
    return "collective.composite"


@pytest.fixture
def template_calls(monkeypatch) -> list:
    """The names of the widget types whose template was called, in order."""
    calls = []
    original = WidgetType.render

    def counted(self, renderer, design=False):
        calls.append(self.name)
        return original(self, renderer, design)

    monkeypatch.setattr(WidgetType, "render", counted)
    return calls
