"""The smoke jobs' files: what CI runs after ``make test`` (the jobs
themselves, ``make smoke-plone61`` and ``make smoke-python313``, install a venv
of their own and are not run by the test suite)."""

from pathlib import Path

import re
import subprocess


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


def ci_commands() -> list[str]:
    return [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_ci_runs_the_smoke_job_after_the_tests():
    lines = ci_commands()
    assert lines.index("make smoke-plone61") > lines.index("make test")


def test_ci_runs_the_python313_smoke_job_after_the_tests():
    lines = ci_commands()
    assert lines.index("make smoke-python313") > lines.index("make test")


def test_the_python313_job_without_python313_stops_naming_it():
    done = subprocess.run(
        ["make", "--no-print-directory", "smoke-python313", "PYTHON313="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "No Python 3.13" in done.stderr
    assert "venv" not in done.stdout


def test_the_python313_job_takes_the_interpreter_it_is_given():
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "smoke-python313", "PYTHON313=/x/py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "SMOKE_PYTHON=/x/py" in done.stdout
    assert "SMOKE_VENV=.venv-python313" in done.stdout


def test_the_makefile_installs_from_the_constraints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "smoke-plone61:" in makefile
    assert "SMOKE_CONSTRAINTS=constraints-plone61.txt" in makefile
    assert "PIP_CONSTRAINT=$(CURDIR)/$(SMOKE_CONSTRAINTS)" in makefile
    assert "scripts/smoke.py" in makefile
