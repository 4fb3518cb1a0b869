"""scripts/write_instance.py: the instance configuration that `make start` serves."""

from configparser import ConfigParser
from pathlib import Path
from Zope2.Startup.options import ZopeWSGIOptions

import importlib.util
import os
import pytest
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "write_instance.py"


@pytest.fixture(scope="module")
def write_instance():
    spec = importlib.util.spec_from_file_location("write_instance", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_instance


@pytest.fixture
def var(tmp_path) -> Path:
    return tmp_path / "var"


@pytest.fixture
def zope_ini(write_instance, var) -> ConfigParser:
    conf = write_instance(var, "127.0.0.1", "8765")
    parser = ConfigParser(interpolation=None)
    parser.read(conf.with_name("zope.ini"))
    return parser


def test_zope_conf_is_valid_for_zope_and_points_into_var(write_instance, var):
    conf = write_instance(var, "localhost", "8080")
    root = ZopeWSGIOptions(str(conf))().configroot
    storage = root.databases[0].config.storage.config
    assert Path(storage.path) == var.resolve() / "filestorage" / "Data.fs"
    assert Path(storage.blob_dir) == var.resolve() / "blobstorage"
    assert Path(root.clienthome) == var.resolve()


def test_zope_conf_keeps_debug_mode_off(write_instance, var):
    conf = write_instance(var, "localhost", "8080")
    assert ZopeWSGIOptions(str(conf))().configroot.debug_mode is False


def test_zope_conf_has_debug_mode_on_when_asked(write_instance, var):
    conf = write_instance(var, "localhost", "8080", "on")
    assert ZopeWSGIOptions(str(conf))().configroot.debug_mode is True


def test_rewriting_without_debug_mode_turns_it_off_again(write_instance, var):
    write_instance(var, "localhost", "8080", "on")
    conf = write_instance(var, "localhost", "8080")
    assert ZopeWSGIOptions(str(conf))().configroot.debug_mode is False


@pytest.mark.parametrize("debug_mode", ["", "yes", "true", "ON"])
def test_bad_debug_mode_refused_before_writing(write_instance, var, debug_mode):
    with pytest.raises(ValueError, match="DEBUG_MODE must be on or off"):
        write_instance(var, "localhost", "8080", debug_mode)
    assert not var.exists()


def test_the_script_takes_debug_mode_as_fourth_argument(var):
    written = subprocess.run(
        [sys.executable, str(SCRIPT), str(var), "localhost", "8080", "on"],
        capture_output=True,
        text=True,
        check=True,
    )
    conf = Path(written.stdout.strip())
    assert ZopeWSGIOptions(str(conf))().configroot.debug_mode is True


def make_start_writes(*variables: str) -> str:
    """The command writing the instance that `make start` runs with
    ``variables``, dry (``make -n`` runs nothing)."""
    # A DEBUG_MODE of the caller's environment would be make's default.
    env = {name: value for name, value in os.environ.items() if name != "DEBUG_MODE"}
    dry = subprocess.run(
        ["make", "-n", "start", *variables],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [line for line in dry.stdout.splitlines() if "write_instance" in line]
    return line


def test_make_start_passes_debug_mode_on_when_asked():
    assert make_start_writes("DEBUG_MODE=on").endswith(" on")


def test_make_start_keeps_debug_mode_off_by_default():
    assert make_start_writes().endswith(" off")


def test_zope_ini_listens_on_host_and_port(zope_ini):
    assert zope_ini["server:main"]["listen"] == "127.0.0.1:8765"


def test_zope_ini_logs_into_var(zope_ini, var):
    logs = {zope_ini[f"handler_{name}"]["args"] for name in ("accesslog", "eventlog")}
    assert logs == {
        f"('{var.resolve()}/log/access.log', 'a')",
        f"('{var.resolve()}/log/event.log', 'a')",
    }


@pytest.mark.parametrize("folder", ["filestorage", "blobstorage", "log", "cache"])
def test_data_folder_created(write_instance, var, folder):
    write_instance(var, "localhost", "8080")
    assert (var / folder).is_dir()


def test_rewriting_keeps_data_and_takes_the_new_port(write_instance, var):
    write_instance(var, "localhost", "8080")
    data = var / "filestorage" / "Data.fs"
    data.write_bytes(b"FS21 existing data")
    conf = write_instance(var, "localhost", "9090")
    assert data.read_bytes() == b"FS21 existing data"
    assert "listen = localhost:9090" in conf.with_name("zope.ini").read_text()


@pytest.mark.parametrize("port", ["", "http", "0", "65536", "-1"])
def test_bad_port_refused_before_writing(write_instance, var, port):
    with pytest.raises(ValueError, match="PORT"):
        write_instance(var, "localhost", port)
    assert not var.exists()
