"""scripts/create_site.py: what `make start` does before serving, run twice.

The two runs happen once for the module, in subprocesses (``zconsole run``) on a
fresh var/ folder; between them the test marks the site, as a user's work would.
The tests then read the database directly.
"""

from contextlib import contextmanager
from pathlib import Path
from ZODB.DB import DB
from ZODB.FileStorage import FileStorage

import importlib.util
import os
import pytest
import subprocess
import sys
import transaction


SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
ZCONSOLE = Path(sys.executable).with_name("zconsole")
PROFILE = "collective.composite:default"


def write_instance(var: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "write_instance", SCRIPTS / "write_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_instance(var, "localhost", "8080")


def create_site(conf: Path, password: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_ID",)}
    env["ADMIN_PASSWORD"] = password
    result = subprocess.run(
        [str(ZCONSOLE), "run", str(conf), str(SCRIPTS / "create_site.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@contextmanager
def opened(var: Path):
    """The Zope root of the instance's database, committed on success."""
    db = DB(FileStorage(str(var / "filestorage" / "Data.fs")))
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        yield connection.root()["Application"]
        manager.commit()
    finally:
        manager.abort()
        connection.close()
        db.close()


def password_works(app, password: str) -> bool:
    credentials = {"login": "admin", "password": password}
    return app.acl_users.users.authenticateCredentials(credentials) is not None


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    var = tmp_path_factory.mktemp("start") / "var"
    conf = write_instance(var)
    first = create_site(conf, "first-secret")
    with opened(var) as app:
        after_first = {
            "installed": app.Plone.portal_setup.getLastVersionForProfile(PROFILE),
            "first password": password_works(app, "first-secret"),
        }
        app.Plone.composite_test_marker = "work of a user"
    second = create_site(conf, "second-secret")
    with opened(var) as app:
        after_second = {
            "marker": getattr(app.Plone, "composite_test_marker", None),
            "first password": password_works(app, "first-secret"),
            "second password": password_works(app, "second-secret"),
        }
    return {
        "first": first,
        "second": second,
        "after first": after_first,
        "after second": after_second,
    }


def test_first_run_creates_the_site(runs):
    assert "Site /Plone created." in runs["first"]


def test_first_run_installs_the_addon(runs):
    assert f"Installed profile {PROFILE}." in runs["first"]
    assert runs["after first"]["installed"] != "unknown"


def test_first_run_sets_and_prints_the_admin_password(runs):
    assert "Log in as 'admin' with password 'first-secret'." in runs["first"]
    assert runs["after first"]["first password"] is True


def test_second_run_keeps_the_site_and_its_data(runs):
    assert "Site /Plone kept with its data." in runs["second"]
    assert runs["after second"]["marker"] == "work of a user"


def test_second_run_installs_nothing_again(runs):
    assert "Installed profile" not in runs["second"]


def test_second_run_changes_the_admin_password(runs):
    assert "Log in as 'admin' with password 'second-secret'." in runs["second"]
    assert runs["after second"]["second password"] is True
    assert runs["after second"]["first password"] is False
