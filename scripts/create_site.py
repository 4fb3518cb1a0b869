"""Create the demo Plone site for `make start`, once; run with `zconsole run`
(or `bin/instance run` on the buildout route).

A second run keeps the existing site and its data: it only installs the profiles
below that it never installed on the site (one uninstalled in Site Setup stays
uninstalled) and runs the pending upgrade steps of the installed ones, so a
site made by an older checkout catches up with the code. The admin password comes
from the ADMIN_PASSWORD environment variable (default ``admin``) and is set on
every run, so the credentials printed at the end always work.
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Products.GenericSetup.tool import UNKNOWN
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN = "admin"
PASSWORD = os.environ.get("ADMIN_PASSWORD") or "admin"
EXTENSIONS = [
    "plone.app.caching:default",
    "collective.composite:default",
    "collective.composite:demo",
]
# The site attribute listing the EXTENSIONS this script installed.
APPLIED = "_create_site_installed_profiles"


def ensure_admin(app) -> None:
    """Create the admin user at the Zope root, or reset its password."""
    users = app.acl_users
    if users.getUserById(ADMIN) is None:
        users.userFolderAddUser(ADMIN, PASSWORD, ["Manager"], [])
    elif "users" in users.objectIds():
        # A PAS root user folder lacks PlonePAS's user management plugin, so the
        # password is set on its ZODB user manager.
        users.users.updateUserPassword(ADMIN, PASSWORD)
    else:
        users.userFolderEditUser(ADMIN, PASSWORD, ["Manager"], [])


def ensure_site(app) -> bool:
    """Create the classic Plone site if it is missing.

    :returns: True when the site was created by this call.
    """
    if SITE_ID in app.objectIds():
        return False
    # The distribution API ignores extension profiles; ensure_profiles applies them.
    addPloneSite(
        app,
        SITE_ID,
        title="Composite pages demo",
        distribution_name="classic",
        setup_content=False,
        default_language="en",
    )
    return True


def ensure_profiles(site) -> list[str]:
    """Install the EXTENSIONS profiles this script never installed on the
    site, and upgrade the installed ones.

    A profile the script installed once and the site no longer has was
    uninstalled by someone (*Site Setup → Add-ons*): it stays uninstalled.
    The site remembers the profiles the script installed (:data:`APPLIED`);
    a site made before it did counts those it has.

    :param site: the Plone site.
    :returns: the ids of the profiles installed by this call.
    """
    setup_tool = site.portal_setup

    def has(profile_id: str) -> bool:
        return setup_tool.getLastVersionForProfile(profile_id) != UNKNOWN

    applied = getattr(site, APPLIED, None)
    if applied is None:
        applied = [profile_id for profile_id in EXTENSIONS if has(profile_id)]
    installed = []
    for profile_id in EXTENSIONS:
        if has(profile_id):
            setup_tool.upgradeProfile(profile_id)
        elif profile_id not in applied:
            setup_tool.runAllImportStepsFromProfile(f"profile-{profile_id}")
            installed.append(profile_id)
    setattr(site, APPLIED, [*applied, *installed])
    return installed


def main(app) -> None:
    """Make sure the admin user, the site and its profiles exist; print how to log in.

    :param app: the Zope root, with a request.
    """
    ensure_admin(app)
    newSecurityManager(None, app.acl_users.getUserById(ADMIN).__of__(app.acl_users))
    created = ensure_site(app)
    site = app[SITE_ID]
    setSite(site)
    installed = ensure_profiles(site)
    transaction.commit()
    # Closing the database writes the FileStorage index, so the server starts fast.
    app._p_jar.db().close()
    print(f"Site /{SITE_ID} {'created' if created else 'kept with its data'}.")
    for profile_id in installed:
        print(f"Installed profile {profile_id}.")
    print(f"Log in as {ADMIN!r} with password {PASSWORD!r}.")


if __name__ == "__main__":
    main(app)  # noqa: F821 - `zconsole run` provides the Zope root as `app`
