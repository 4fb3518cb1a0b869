"""The built distribution carries everything a site needs, not just Python."""

from pathlib import Path

import pytest
import shutil
import subprocess
import sys
import zipfile


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    tmp_path = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    # setuptools stages the build in the source tree; leave the checkout clean.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    (wheel,) = tmp_path.glob("collective_composite-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


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
