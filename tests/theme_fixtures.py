"""Helpers of the theme layout tests: a file-system theme shipping a layout
pair (``tests/theme_layouts_fixture/fixture-theme``), through-the-web themes
written into the site's persistent resource directory, and activating one."""

from contextlib import contextmanager
from pathlib import Path
from plone.app.theming.interfaces import IThemeSettings
from plone.app.theming.utils import getOrCreatePersistentResourceDirectory
from plone.registry.interfaces import IRegistry
from plone.resource.directory import FilesystemResourceDirectory
from plone.resource.interfaces import IResourceDirectory
from zope.component import getGlobalSiteManager
from zope.component import getUtility


FIXTURE_THEME = Path(__file__).parent / "theme_layouts_fixture" / "fixture-theme"
FEATURE = FIXTURE_THEME / "composite-layouts" / "feature"

RULES = """<?xml version="1.0" encoding="UTF-8"?>
<rules xmlns="http://namespaces.plone.org/diazo"></rules>
"""


@contextmanager
def file_system_theme():
    """``fixture-theme`` registered as plone:static would (``++theme++``)."""
    directory = FilesystemResourceDirectory(str(FIXTURE_THEME))
    registry = getGlobalSiteManager()
    name = "++theme++fixture-theme"
    registry.registerUtility(directory, IResourceDirectory, name=name)
    try:
        yield directory
    finally:
        registry.unregisterUtility(directory, IResourceDirectory, name=name)


def feature_files(folder: str = "composite-layouts/feature") -> dict[str, str]:
    """The fixture theme's valid ``feature`` pair, as files of a TTW theme."""
    return {f"{folder}/{path.name}": path.read_text() for path in FEATURE.iterdir()}


def ttw_theme(name: str, files: dict[str, str]):
    """A theme written through the web (in the ZODB, not committed).

    :param files: path in the theme -> text.
    :returns: the theme's resource directory.
    """
    themes = getOrCreatePersistentResourceDirectory()
    themes.makeDirectory(name)
    theme = themes[name]
    theme.writeFile(
        "manifest.cfg",
        f"[theme]\ntitle = {name}\nrules = /++theme++{name}/rules.xml\n",
    )
    theme.writeFile("rules.xml", RULES)
    for path, text in files.items():
        theme.writeFile(path, text)
    return theme


def activate(name: str | None, enabled: bool = True) -> None:
    """Make ``name`` the current theme, as the theming control panel does."""
    settings = getUtility(IRegistry).forInterface(IThemeSettings, False)
    settings.currentTheme = name
    settings.enabled = enabled
