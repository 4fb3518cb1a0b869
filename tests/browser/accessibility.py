"""axe-core (from npm, resources/node_modules) run in the browser tests: the
serious and critical accessibility violations of what the add-on renders.

Plone's own toolbar and theme chrome are left out of the check: axe finds
problems there (contrast of the theme's search button, breadcrumbs and footer
links, an ``aria-expanded`` on the toolbar's collapse link) that the add-on
neither renders nor can fix; the same for TinyMCE's editor inside the settings
form, and for its item picker and query builder.
"""

from pathlib import Path
from playwright.sync_api import Frame
from playwright.sync_api import Page


AXE = Path(__file__).resolve().parents[2] / "resources/node_modules/axe-core/axe.min.js"
SERIOUS = ("serious", "critical")
PLONE_CHROME = [
    ["#edit-bar"],
    ["#portal-searchbox"],
    ["#portal-breadcrumbs"],
    ["#portal-footer-wrapper"],
]
# Plone's TinyMCE widget: its editing frame has no title and its resize handle
# lacks aria-valuenow (TinyMCE's markup, reported upstream-worthy, not ours).
TINYMCE = [[".tox-tinymce"]]
# Plone's item picker (its "Current path" home link has no text) and query
# builder (its "Reversed order" checkbox has no label; its placeholder and
# preview text are grey on white), both mockup's markup, not ours.
PLONE_WIDGETS = [
    *TINYMCE,
    [".pat-relateditems-container"],
    [".querystring-wrapper"],
    [".querystring-sort-wrapper"],
    [".querystring-preview-wrapper"],
]


def serious_violations(
    page: Page | Frame, include: str | None = None, exclude=PLONE_CHROME
) -> list[str]:
    """Run axe on a page (or frame) but Plone's chrome, or only on ``include``.

    :returns: one line per serious or critical violation.
    """
    assert AXE.exists(), "run `make js-install` for axe-core"
    page.add_script_tag(path=AXE)
    context = {"exclude": exclude}
    if include:
        context["include"] = [[include]]
    results = page.evaluate(
        "async (context) => await axe.run(context, {resultTypes: ['violations']})",
        context,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -- "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]
