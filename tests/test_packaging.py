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


def _python310() -> str | None:
    """A Python 3.10 interpreter, if this machine has one."""
    for candidate in (
        shutil.which("python3.10"),
        *Path.home().glob(".pyenv/versions/3.10*/bin/python3.10"),
    ):
        if (
            candidate
            and subprocess.run(
                [
                    str(candidate),
                    "-c",
                    "import sys; assert sys.version_info[:2] == (3, 10)",
                ],
                capture_output=True,
            ).returncode
            == 0
        ):
            return str(candidate)
    return None


def test_sources_compile_and_import_the_standard_library_on_python_310():
    """The package's modules are valid Python 3.10 and use no newer stdlib name.

    Only the standard library is checked: Plone's packages are not installed for
    3.10 here (``datetime.UTC``, new in 3.11, broke 3.10 once).
    """
    python = _python310()
    if python is None:
        pytest.skip("no Python 3.10 on this machine")
    imports = set()
    sources = sorted((ROOT / "src").rglob("*.py"))
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                top = node.module.partition(".")[0]
                if top in sys.stdlib_module_names:
                    imports |= {(node.module, alias.name) for alias in node.names}
            elif isinstance(node, ast.Import):
                imports |= {
                    (alias.name, None)
                    for alias in node.names
                    if alias.name.partition(".")[0] in sys.stdlib_module_names
                }
    check = (
        "import importlib, importlib.util, sys\n"
        "for path in sys.argv[2:]:\n"
        "    compile(open(path, encoding='utf-8').read(), path, 'exec')\n"
        "for module, name in eval(sys.argv[1]):\n"
        "    found = importlib.import_module(module)\n"
        "    assert name is None or hasattr(found, name) or importlib.util.find_spec(\n"
        "        f'{module}.{name}'\n"
        "    ), (module, name)\n"
    )
    result = subprocess.run(
        [python, "-c", check, repr(sorted(imports, key=str)), *map(str, sources)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
