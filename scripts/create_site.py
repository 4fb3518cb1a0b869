"""Create the demo Plone site for `make start`, once; run with `zconsole run`.

A second run keeps the existing site and its data. The admin password comes from
the ADMIN_PASSWORD environment variable (default ``admin``).
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN = "admin"
PASSWORD = os.environ.get("ADMIN_PASSWORD") or "admin"
EXTENSIONS = [
    "plone.app.caching:default",
    "collective.composite:default",
]


def ensure_admin(app) -> None:
    """Create the admin user at the Zope root, or reset its password."""
    users = app.acl_users
    if users.getUserById(ADMIN) is None:
        users.userFolderAddUser(ADMIN, PASSWORD, ["Manager"], [])
    else:
        users.userFolderEditUser(ADMIN, PASSWORD, ["Manager"], [])


def ensure_site(app) -> bool:
    """Create the Plone site with the add-on (and its demo profiles) if missing.

    :returns: True when the site was created by this call.
    """
    if SITE_ID in app.objectIds():
        return False
    site = addPloneSite(
        app,
        SITE_ID,
        title="Composite pages demo",
        distribution_name="classic",
        setup_content=False,
        extension_ids=EXTENSIONS,
        default_language="en",
    )
    setSite(site)
    return True


app = makerequest(app)  # noqa: F821 - `app` is provided by zconsole
ensure_admin(app)
newSecurityManager(None, app.acl_users.getUserById(ADMIN).__of__(app.acl_users))
created = ensure_site(app)
transaction.commit()
print(f"Site /{SITE_ID} {'created' if created else 'kept with its data'}.")
print(f"Log in as {ADMIN!r} with password {PASSWORD!r}.")
