"""Smoke test of an installed collective.composite: create a site, install the
add-on, save a composite page and render it, through Zope's publisher.

Run with ``zconsole run zope.conf scripts/smoke.py`` in a fresh instance (see
``make smoke-plone61``); it exits non-zero, saying which step failed, at the
first thing that is not as expected. The requests go through Zope's WSGI
publisher in this process (no server, no port) with HTTP Basic auth, as a
script would send them.
"""

from AccessControl.SecurityManagement import newSecurityManager
from base64 import b64encode
from importlib.metadata import version
from io import BytesIO
from Products.CMFPlone.factory import addPloneSite
from wsgiref.util import setup_testing_defaults
from zope.component.hooks import setSite
from ZPublisher.WSGIPublisher import publish_module

import json
import platform
import sys
import time
import transaction


ADMIN, PASSWORD = "smoke-admin", "smoke-password"
GREETING = "Composite smoke test says hello"


class SmokeFailure(Exception):
    """A step of the smoke test did not give what it should."""


def request(method: str, path: str, body=None) -> tuple[int, str]:
    """Publish one request as the admin, with HTTP Basic auth.

    :param path: the path from the Zope root, e.g. ``/Plone/page/@composite``.
    :param body: a value sent as the JSON body, or None.
    :returns: the status code and the body, as text.
    """
    data = b"" if body is None else json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_ACCEPT": "application/json" if "@" in path else "text/html",
        "HTTP_AUTHORIZATION": "Basic "
        + b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode(),
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": BytesIO(data),
    }
    setup_testing_defaults(environ)
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(int(line.split()[0]))

    chunks = publish_module(environ, start_response)
    text = b"".join(chunks).decode("utf-8", "replace")
    if hasattr(chunks, "close"):
        chunks.close()
    return status[0], text


def expect(condition: bool, step: str, detail: str = "") -> None:
    if not condition:
        raise SmokeFailure(f"{step}: {detail[:2000]}")


def work_around_python_3130() -> None:
    """On Python 3.13.0 only, let Plone's versioning (Products.CMFEditions)
    set its pickler's ``persistent_id`` as every other Python does.

    3.13.0 made that attribute read-only by mistake (CPython gh-125631, fixed
    in 3.13.1), which fails every versioned save in Plone
    (Products.CMFPlone#4065). The only Python 3.13 this project's machines
    have is pyenv's 3.13.0: this job checks the add-on on Python 3.13, not
    that bug, so CMFEditions is given pickle's Python classes, which allow it.
    """
    if sys.version_info[:3] != (3, 13, 0):
        return
    from Products.CMFEditions import ArchivistTool

    import pickle

    ArchivistTool.Pickler = pickle._Pickler
    ArchivistTool.Unpickler = pickle._Unpickler
    print("Python 3.13.0: CMFEditions given pickle's Python classes (gh-125631)")


def main(app) -> None:
    """Site, add-on, page, save, render; prints each step and its time."""
    print(
        f"Python {platform.python_version()}, Products.CMFPlone "
        f"{version('Products.CMFPlone')}, plone.restapi {version('plone.restapi')}"
    )
    work_around_python_3130()
    started = time.monotonic()
    app.acl_users.userFolderAddUser(ADMIN, PASSWORD, ["Manager"], [])
    newSecurityManager(None, app.acl_users.getUserById(ADMIN).__of__(app.acl_users))
    site = addPloneSite(app, "Plone", distribution_name="classic", setup_content=False)
    setSite(site)
    site.portal_setup.runAllImportStepsFromProfile(
        "profile-collective.composite:default"
    )
    expect(
        site.portal_setup.getLastVersionForProfile("collective.composite:default")
        != "unknown",
        "install",
        "the profile collective.composite:default is not installed",
    )
    site.invokeFactory("Composite Page", "page", title="Smoke page")
    transaction.commit()
    elapsed = time.monotonic() - started
    print(f"site created, add-on installed, page added ({elapsed:.1f}s)")

    status, text = request("GET", "/Plone/page/@composite")
    expect(status == 200, "GET @composite", f"{status} {text}")
    version_before = json.loads(text)["version"]
    widget = {"type": "text", "settings": {"text": f"<p>{GREETING}</p>"}}
    status, text = request(
        "PATCH",
        "/Plone/page/@composite",
        {
            "version": version_before,
            "layout": "two-columns",
            "slots": {"main": [widget]},
        },
    )
    expect(status == 200, "PATCH @composite (save)", f"{status} {text}")
    saved = json.loads(text)
    expect(saved["version"] != version_before, "save", f"version unchanged: {text}")
    expect(saved["layout"] == "two-columns", "save", f"layout not stored: {text}")
    print(f"saved the arrangement, version {saved['version']}")

    status, text = request("GET", "/Plone/page")
    expect(status == 200, "render the page", f"{status} {text}")
    expect(GREETING in text, "render the page", "the saved text widget is missing")
    status, text = request("GET", "/Plone/page/@@composite-design")
    expect(status == 200, "render design mode", f"{status} {text}")
    print(f"smoke test passed in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    try:
        main(app)  # noqa: F821 - `zconsole run` provides the Zope root as `app`
    except SmokeFailure as failure:
        transaction.abort()
        print(f"SMOKE TEST FAILED at {failure}", file=sys.stderr)
        sys.exit(1)
