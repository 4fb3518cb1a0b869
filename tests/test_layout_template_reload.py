"""Why the layout gallery's "edit a template, reload the gallery" loop needs
Zope's development mode (`make start DEBUG_MODE=on`): Plone patches page
template files to read a changed file again only in development mode
(Products.CMFPlone's templatecookcheck patch), so without it a layout's template
stays as it was first read until Zope restarts (docs/theme-developers.md)."""

from App.config import getConfiguration
from collective.composite.layouts.registry import LayoutTemplate
from pathlib import Path
from zope.publisher.browser import TestRequest

import os
import pytest


class View:
    """What a layout template is rendered for: here only its request counts."""

    context = None
    request = TestRequest()


@pytest.fixture
def edited(tmp_path: Path):
    """A layout template rendered once, then edited on disk.

    :returns: a function that renders the template again.
    """
    import Products.CMFPlone.patches.templatecookcheck  # noqa: F401 (Plone's patch)

    path = tmp_path / "template.pt"
    path.write_text('<main tal:content="slots/main">before</main>')
    template = LayoutTemplate(str(path))
    assert "the widgets" in render(template)
    path.write_text('<main class="edited" tal:content="slots/main"></main>')
    # A later modification time, as an editor's save gives it.
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))
    return lambda: render(template)


def render(template: LayoutTemplate) -> str:
    return template(View(), slots={"main": "the widgets"}, fuzzy=None)


def test_in_debug_mode_a_changed_layout_template_is_read_again(edited, monkeypatch):
    monkeypatch.setattr(getConfiguration(), "debug_mode", True)
    assert 'class="edited"' in edited()


def test_without_debug_mode_a_layout_template_is_not_read_again(edited, monkeypatch):
    monkeypatch.setattr(getConfiguration(), "debug_mode", False)
    assert 'class="edited"' not in edited()
