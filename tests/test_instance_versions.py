"""scripts/versions_cfg.py: buildout's pins are exactly pip's constraints."""

from configparser import ConfigParser
from pathlib import Path

import importlib.util
import pytest


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def versions_cfg():
    spec = importlib.util.spec_from_file_location(
        "versions_cfg", ROOT / "scripts" / "versions_cfg.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_constraint_becomes_a_buildout_pin(versions_cfg):
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(versions_cfg.versions_cfg(constraints))
    expected = dict(
        line.split("==")
        for line in constraints.splitlines()
        if line and not line.startswith("#")
    )
    assert dict(parser["versions"]) == expected


def test_pins_named_in_the_issue_are_kept(versions_cfg):
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    pins = dict(versions_cfg.pins(constraints))
    assert pins["Products.CMFPlone"] == "6.2.2"
    assert pins["plone.app.layout"] == "6.0.2"


def test_comments_and_blank_lines_are_skipped(versions_cfg):
    text = "# header\n\nzope.interface==8.7  # why\n"
    assert versions_cfg.pins(text) == [("zope.interface", "8.7")]


@pytest.mark.parametrize(
    "line",
    ["plone.api>=3", "-e .", "plone.api", "https://example.org/x.whl"],
)
def test_anything_but_an_exact_pin_is_refused(versions_cfg, line):
    with pytest.raises(ValueError, match="line 2 is not an exact pin"):
        versions_cfg.pins(f"zope.interface==8.7\n{line}\n")
