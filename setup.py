"""Installer for the collective.composite package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup
from setuptools.command.build_py import build_py


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)


class build_py_with_mo(build_py):
    """Build the package and compile its message catalogs.

    The wheel ships a ``.mo`` next to each ``.po`` so a site in another language
    is translated without ``zope_i18n_compile_mo_files``. The ``.mo`` files are
    written into the build folder only: git and the sdist keep the ``.po``.
    python-gettext (a build requirement) is the compiler zope.i18n itself uses,
    so no GNU gettext is needed.
    """

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            # An editable install serves src/ as is; nothing is built to ship.
            return
        from pythongettext.msgfmt import Msgfmt

        locales = Path(self.build_lib, "collective", "composite", "locales")
        for po in locales.glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            mo.write_bytes(Msgfmt(str(po), name=po.stem).get())
            self.announce(f"compiled {mo}", level=2)


setup(
    name="collective.composite",
    version="1.0.0a1.dev0",
    description=(
        "Compose Plone pages from widgets in layouts that come as pairs: "
        "a real template for visitors and a simplified design template for editors."
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.1",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ],
    keywords="Python Plone CMS composite layout widgets page-builder",
    author="collective.composite developers",
    url="https://github.com/collective/collective.composite",
    project_urls={
        "Source": "https://github.com/collective/collective.composite",
        "Tracker": "https://github.com/collective/collective.composite/issues",
        "Documentation": (
            "https://github.com/collective/collective.composite/tree/main/docs"
        ),
        "Changelog": (
            "https://github.com/collective/collective.composite/blob/main/CHANGES.md"
        ),
    },
    license="GPL version 2",
    license_files=["LICENSE"],
    packages=find_namespace_packages("src", include=["collective.composite*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    cmdclass={"build_py": build_py_with_mo},
    python_requires=">=3.10",
    install_requires=[
        "Products.CMFPlone>=6.1",
        "Products.GenericSetup",
        "plone.api",
        "plone.app.caching",
        "plone.app.dexterity",
        "plone.app.layout",
        "plone.autoform",
        "plone.base",
        "plone.behavior",
        "plone.dexterity",
        "plone.protect",
        "plone.restapi",
        "plone.supermodel",
        "zope.annotation",
        "zope.component",
        "zope.configuration",
        "zope.i18nmessageid",
        "zope.interface",
        "zope.schema",
    ],
    extras_require={
        "test": [
            "collective.exportimport",
            "Plone",
            "plone.app.testing",
            "plone.testing",
            "playwright",
            "pytest",
            "pytest-plone",
            "psycopg2-binary",
            "RelStorage",
            "hypothesis",
            "zope.pytestlayer",
        ],
        "dev": [
            "i18ndude",
            "myst-parser",
            "ruff",
            "sphinx",
            "towncrier",
            "zc.buildout",
            "plone.recipe.zope2instance",
            "zpretty",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone
    [paste.filter_app_factory]
    json_depth = collective.composite.wsgi:json_depth_filter
    [console_scripts]
    composite-layouts = collective.composite.layouts.cli:main
    """,
)
