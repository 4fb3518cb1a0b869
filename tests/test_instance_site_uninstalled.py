"""scripts/create_site.py after the add-on was uninstalled in Site Setup: the
next `make start` keeps it uninstalled, and the demo pages once each.

Like tests/test_instance_site.py, in subprocesses (``zconsole run``) on a
fresh var/ folder: the site is made, its memory of the profiles the script
installed taken away (as a site made by an older checkout lacks it), the
script run again (which counts the profiles the site has), the add-on
uninstalled, and the script run once more.
"""

from contextlib import suppress
from test_instance_site import create_site
from test_instance_site import opened
from test_instance_site import write_instance
from test_instance_site import ZCONSOLE

import pytest
import subprocess


PROFILE = "collective.composite:default"
UNINSTALL = """
from AccessControl.SecurityManagement import newSecurityManager
from plone.base.utils import get_installer
from zope.component.hooks import setSite
import transaction

site = app.Plone
setSite(site)
newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
get_installer(site).uninstall_product("collective.composite")
transaction.commit()
"""


@pytest.fixture(scope="module")
def restarted(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("uninstalled")
    var = folder / "var"
    conf = write_instance(var)
    create_site(conf, "secret")
    with opened(var) as app, suppress(AttributeError):
        del app.Plone._create_site_installed_profiles
    create_site(conf, "secret")
    script = folder / "uninstall.py"
    script.write_text(UNINSTALL, encoding="utf-8")
    subprocess.run(
        [str(ZCONSOLE), "run", str(conf), str(script)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    output = create_site(conf, "secret")
    with opened(var) as app:
        site = app.Plone
        return {
            "output": output,
            "version": site.portal_setup.getLastVersionForProfile(PROFILE),
            "ids": sorted(site.objectIds()),
        }


def test_the_restart_keeps_the_site(restarted):
    assert "Site /Plone kept with its data." in restarted["output"]


def test_the_uninstalled_addon_stays_uninstalled(restarted):
    assert "Installed profile" not in restarted["output"]
    assert restarted["version"] == "unknown"


def test_the_demo_pages_are_there_once(restarted):
    assert {"about", "programme"} <= set(restarted["ids"])
    assert not [name for name in restarted["ids"] if name.startswith("programme-")]
