"""The Plone 6.1 smoke job's files: what CI runs after ``make test`` (the
job itself, ``make smoke-plone61``, installs a venv of its own and is not run
by the test suite)."""

from pathlib import Path

import re


ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    text = (ROOT / "constraints-plone61.txt").read_text(encoding="utf-8")
    return dict(re.findall(r"^([\w.\-\[\]]+)==(\S+)$", text, re.M))


def test_the_constraints_are_plone_61s():
    versions = pins()
    assert versions["Plone"].startswith("6.1.")
    assert versions["Products.CMFPlone"].startswith("6.1.")
    assert versions["Zope"].startswith("5.")


def test_the_constraints_leave_the_add_on_unpinned():
    assert "collective.composite" not in pins()


def test_ci_runs_the_smoke_job_after_the_tests():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines.index("make smoke-plone61") > lines.index("make test")


def test_the_makefile_installs_from_the_constraints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "smoke-plone61:" in makefile
    assert "SMOKE_CONSTRAINTS=constraints-plone61.txt" in makefile
    assert "PIP_CONSTRAINT=$(CURDIR)/$(SMOKE_CONSTRAINTS)" in makefile
    assert "scripts/smoke.py" in makefile
