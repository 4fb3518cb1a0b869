"""Pytest fixtures shared by the whole suite."""

from collective.composite.testing import ACCEPTANCE_TESTING
from collective.composite.testing import FUNCTIONAL_TESTING
from collective.composite.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = ["pytest_plone"]

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
