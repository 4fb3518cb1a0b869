"""The built distributions carry everything a site needs and metadata to release.

The wheel and the sdist are built once per module with the project's own build
backend (setup.py), without build isolation, so no network is needed.
"""

from email.message import Message
from email.parser import Parser
from io import BytesIO
from pathlib import Path

import ast
import gettext
import pytest
import shutil
import subprocess
import sys
import tarfile
import zipfile


ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "collective" / "composite" / "locales"
PROJECT = "https://github.com/collective/collective.composite"


def _build(kind: str, target: Path) -> Path:
    """Build the sdist or the wheel of the checkout into ``target``.

    :param kind: ``"sdist"`` or ``"wheel"``.
    :param target: an empty folder.
    :returns: the built file.
    """
    build = f"from setuptools import build_meta; build_meta.build_{kind}"
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; {build}(sys.argv[1])",
            str(target),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    # setuptools stages the build in the source tree; leave the checkout clean.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    (built,) = target.iterdir()
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    return zipfile.ZipFile(_build("wheel", tmp_path_factory.mktemp("wheel")))


@pytest.fixture(scope="module")
def wheel_names(wheel) -> set[str]:
    return set(wheel.namelist())


@pytest.fixture(scope="module")
def metadata(wheel) -> Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode("utf-8"))


@pytest.fixture(scope="module")
def sdist_names(tmp_path_factory) -> set[str]:
    sdist = _build("sdist", tmp_path_factory.mktemp("sdist"))
    with tarfile.open(sdist) as archive:
        # Names without the leading "collective_composite-<version>/".
        return {name.partition("/")[2] for name in archive.getnames()}


def test_wheel_contains_zcml_templates_profiles_static_and_locales(wheel_names):
    expected = [
        "collective/composite/configure.zcml",
        "collective/composite/meta.zcml",
        "collective/composite/layouts/templates/two_columns_design.pt",
        "collective/composite/profiles/default/metadata.xml",
        "collective/composite/static/editor/editor.js",
        "collective/composite/static/editor/editor.js.LEGAL.txt",
        "collective/composite/locales/de/LC_MESSAGES/collective.composite.po",
    ]
    assert [name for name in expected if name not in wheel_names] == []


def test_wheel_has_no_namespace_init(wheel_names):
    assert "collective/__init__.py" not in wheel_names


def test_wheel_ships_a_compiled_catalog_for_every_language(wheel):
    languages = sorted(po.parent.parent.name for po in LOCALES.glob("*/*/*.po"))
    assert "de" in languages
    for language in languages:
        name = f"collective/composite/locales/{language}/LC_MESSAGES/"
        mo = wheel.read(name + "collective.composite.mo")
        catalog = gettext.GNUTranslations(BytesIO(mo))
        assert catalog.info()["language"] == language
    german = gettext.GNUTranslations(
        BytesIO(
            wheel.read(
                "collective/composite/locales/de/LC_MESSAGES/collective.composite.mo"
            )
        )
    )
    assert german.gettext("A list of widgets is expected here.") == (
        "Hier wird eine Liste von Widgets erwartet."
    )


def test_wheel_metadata_is_releasable(metadata, wheel_names):
    classifiers = metadata.get_all("Classifier")
    for classifier in (
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Framework :: Plone",
        "Framework :: Plone :: 6.1",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ):
        assert classifier in classifiers
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert sorted(urls) == ["Changelog", "Documentation", "Source", "Tracker"]
    assert all(url.startswith(PROJECT) for url in urls.values())
    assert metadata["Requires-Python"] == ">=3.10"
    requires = metadata.get_all("Requires-Dist")
    assert "Products.CMFPlone>=6.1" in requires
    assert [r for r in requires if r.startswith(("setuptools", "pkg_resources"))] == []
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in wheel_names)


def test_sdist_holds_the_editor_sources_and_catalogs_but_no_node_modules(
    sdist_names,
):
    expected = [
        "LICENSE",
        "resources/package.json",
        "resources/package-lock.json",
        "resources/build.mjs",
        "resources/eslint.config.js",
        "resources/vitest.config.js",
        "src/collective/composite/locales/de/LC_MESSAGES/collective.composite.po",
    ]
    assert [name for name in expected if name not in sdist_names] == []
    assert any(name.startswith("resources/src/") for name in sdist_names)
    assert any(name.startswith("resources/test/") for name in sdist_names)
    assert [name for name in sdist_names if "node_modules" in name] == []
    assert [name for name in sdist_names if name.endswith(".mo")] == []


# Standard-library names the package could be tempted to use that Python 3.10
# lacks (3.11 and later); ``datetime.UTC`` broke 3.10 once.
NEWER_THAN_310 = {
    ("datetime", "UTC"),
    ("typing", "Self"),
    ("typing", "LiteralString"),
    ("typing", "Never"),
    ("typing", "NotRequired"),
    ("typing", "Required"),
    ("typing", "TypeVarTuple"),
    ("typing", "Unpack"),
    ("typing", "assert_never"),
    ("typing", "assert_type"),
    ("typing", "dataclass_transform"),
    ("typing", "override"),
    ("typing", "reveal_type"),
    ("enum", "StrEnum"),
    ("enum", "ReprEnum"),
    ("enum", "verify"),
    ("asyncio", "TaskGroup"),
    ("asyncio", "timeout"),
    ("contextlib", "chdir"),
    ("hashlib", "file_digest"),
    ("itertools", "batched"),
    ("operator", "call"),
    ("tomllib", None),
    ("wsgiref.types", None),
}
NEWER_BUILTINS = {"ExceptionGroup", "BaseExceptionGroup"}


def newer_than_310(text: str) -> list[tuple[int, str]]:
    """:returns: line and name of each use in ``text`` of a standard-library
    name newer than Python 3.10.

    :raises SyntaxError: for syntax Python 3.10's grammar refuses.
    """
    found = []
    for node in ast.walk(ast.parse(text, feature_version=(3, 10))):
        used = set()
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            used = {(node.module, alias.name) for alias in node.names}
            used.add((node.module, None))
        elif isinstance(node, ast.Import):
            used = {(alias.name, None) for alias in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used = {(node.value.id, node.attr)}
        elif isinstance(node, ast.Name) and node.id in NEWER_BUILTINS:
            found.append((node.lineno, node.id))
        found += [
            (node.lineno, ".".join(filter(None, name)))
            for name in sorted(used & NEWER_THAN_310, key=str)
        ]
    return found


def test_sources_are_python_310_without_newer_standard_library_names():
    """The package's modules parse with Python 3.10's grammar and use none of
    the standard library's names added since (no 3.10 interpreter needed)."""
    found = {
        str(source.relative_to(ROOT)): newer_than_310(source.read_text("utf-8"))
        for source in sorted((ROOT / "src").rglob("*.py"))
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_newer_names_and_syntax_are_found():
    text = (
        "from datetime import UTC\n"
        "import datetime, tomllib\n"
        "datetime.UTC\n"
        "raise ExceptionGroup('x', [])\n"
    )
    assert newer_than_310(text) == [
        (1, "datetime.UTC"),
        (2, "tomllib"),
        (3, "datetime.UTC"),
        (4, "ExceptionGroup"),
    ]
    with pytest.raises(SyntaxError):
        newer_than_310("try:\n    pass\nexcept* ValueError:\n    pass\n")
