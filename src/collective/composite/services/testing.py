"""Moved to tests/ (rest_client.py, functional_fixtures.py): this re-export
stays only while test modules still import it, and goes with them. It works
only under pytest, with tests/ on the path."""

from functional_fixtures import arrange  # noqa: F401
from functional_fixtures import composite_document  # noqa: F401
from functional_fixtures import editor  # noqa: F401
from functional_fixtures import last_transaction  # noqa: F401
from functional_fixtures import PASSWORD  # noqa: F401
from functional_fixtures import rest_client  # noqa: F401
from functional_fixtures import rest_users  # noqa: F401
from functional_fixtures import target  # noqa: F401
from functional_fixtures import text_widget  # noqa: F401
from functional_fixtures import USERS  # noqa: F401
from rest_client import PublisherApp  # noqa: F401
from rest_client import RESTClient  # noqa: F401

import pytest


@pytest.fixture
def composite_page(functional_page):
    """The old name of ``functional_page``."""
    return functional_page
