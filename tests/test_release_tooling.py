"""The files a release and a contributor rely on: news fragments, CI, pre-commit."""

from pathlib import Path

import re
import subprocess
import sys
import tomllib
import yaml


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROJECT = "https://github.com/collective/collective.composite"


def _towncrier_types() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [kind["directory"] for kind in config["tool"]["towncrier"]["type"]]


def _fragments() -> list[Path]:
    return sorted(p for p in (ROOT / "news").iterdir() if not p.name.startswith("."))


def test_news_fragments_are_named_issue_dot_type():
    """``<issue>.<type>[.<n>]`` as plone/meta does, ``+name.<type>`` without one."""
    types = "|".join(_towncrier_types())
    name = re.compile(rf"^(\d+|\+[\w-]+)\.({types})(\.\d+)?(\.md)?$")
    assert [p.name for p in _fragments() if not name.match(p.name)] == []


def test_towncrier_renders_every_fragment_with_its_issue_link():
    draft = subprocess.run(
        [str(BIN / "towncrier"), "build", "--draft", "--version", "0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for fragment in _fragments():
        first_line = fragment.read_text(encoding="utf-8").splitlines()[0].strip()
        assert first_line in draft, fragment.name
        issue = fragment.name.partition(".")[0]
        if issue.isdigit():
            assert f"[#{issue}]({PROJECT}/issues/{issue})" in draft


def _make_recipe(target: str) -> tuple[list[str], list[str]]:
    """The prerequisites and the commands of a Makefile target.

    :param target: the target's name.
    :returns: its prerequisites and its recipe lines, variables as written.
    """
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.startswith(f"{target}:")]
    prerequisites = lines[start].partition(":")[2].partition("##")[0].split()
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return prerequisites, recipe


def _lint_tools() -> set[str]:
    """The commands ``make lint`` runs, without their file and option arguments."""
    prerequisites, recipe = _make_recipe("lint")
    for prerequisite in prerequisites:
        if prerequisite.endswith("-check"):
            recipe += _make_recipe(prerequisite)[1]
    tools = set()
    for line in recipe:
        line = re.sub(r"^cd \S+ && ", "", line).replace("$(BIN)/", ".venv/bin/")
        words = []
        for word in line.split():
            if word.startswith(("-", "$")) or word in {"src", "tests", "scripts"}:
                break
            words.append(word)
        tools.add(" ".join(words))
    return tools


def test_pre_commit_runs_the_tools_of_make_lint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    tools = _lint_tools()
    assert {".venv/bin/ruff check", ".venv/bin/zpretty", "npm run lint"} <= tools
    assert [tool for tool in tools if not any(tool in e for e in entries)] == []
    assert [e for e in entries if not any(tool in e for tool in tools)] == []


def test_public_ci_workflow_runs_make_test():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["test"]
    commands = [step.get("run", "") for step in job["steps"]]
    assert commands[-1] == "make test"
    assert any("apt-get install" in c and "chromium" in c for c in commands)
    assert "python:3.11" in job["container"]
    assert any(
        step.get("with", {}).get("node-version") == "20" for step in job["steps"]
    )


def test_public_ci_workflow_smoke_tests_python_313():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["smoke-python313"]
    assert "python:3.13" in job["container"]
    assert job["steps"][-1]["run"] == "make smoke-python313"
