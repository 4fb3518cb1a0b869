"""Checking a theme's layouts when the theme is found, imported or activated.

plone.app.theming calls its theme plugins (named ``IThemePlugin`` utilities)
when it discovers the file-system themes at start-up, when its control panel
imports a theme from a Zip file and when the control panel activates a theme.
This plugin checks the theme's ``composite-layouts`` folders then (with
``layouts.theme_layouts.theme_problems``): each refused layout is logged, and
the Manager who imported or activated the theme sees why on the next page, the
control panel. The theme itself is activated all the same: its other layouts,
its rules and its CSS are not at fault.
"""

from collective.composite import _
from collective.composite.layouts.theme_layouts import refusal
from collective.composite.layouts.theme_layouts import theme_problems
from plone.app.theming.interfaces import IThemePlugin
from Products.statusmessages.interfaces import IStatusMessage
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.interface import implementer

import logging


logger = logging.getLogger(__name__)
# The request annotation naming the refused layouts already shown to the user.
_SHOWN = "collective.composite.theme_layouts.shown"


@implementer(IThemePlugin)
class CompositeLayoutsPlugin:
    """Checks the layouts a theme ships; takes no settings of its own."""

    dependencies = ()

    def onDiscovery(self, theme, settings, dependenciesSettings):
        report(theme, show=False)

    def onCreated(self, theme, settings, dependenciesSettings):
        report(theme)

    def onEnabled(self, theme, settings, dependenciesSettings):
        report(theme)

    def onDisabled(self, theme, settings, dependenciesSettings):
        pass

    def onRequest(self, request, theme, settings, dependenciesSettings):
        pass


def report(theme: str, show: bool = True) -> dict[str, list[str]]:
    """Check a theme's layouts; log each one refused and tell the user.

    :param theme: the theme's name.
    :param show: add a status message per refused layout to the request.
    :returns: layout name -> its problems, for the refused ones.
    """
    problems = theme_problems(theme)
    request = getRequest() if show else None
    # Importing a theme and enabling it at once reports twice: say it once.
    annotations = IAnnotations(request, None) if request is not None else None
    shown = set() if annotations is None else annotations.setdefault(_SHOWN, set())
    for name, reasons in problems.items():
        if (theme, name) in shown:
            continue
        shown.add((theme, name))
        logger.error(refusal(theme, name, reasons))
        if request is not None:
            IStatusMessage(request).add(
                _(
                    "The theme's layout '${name}' is refused: ${problems}",
                    mapping={"name": name, "problems": " ".join(reasons)},
                ),
                "error",
            )
    return problems
