"""Installer for the collective.composite package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)

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
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
    ],
    keywords="Python Plone CMS composite layout widgets page-builder",
    author="collective.composite developers",
    url="https://pypi.org/project/collective.composite",
    license="GPL-2.0-only",
    packages=find_namespace_packages("src", include=["collective.composite*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone>=6.2",
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
        "setuptools",
        "zope.annotation",
        "zope.component",
        "zope.configuration",
        "zope.i18nmessageid",
        "zope.interface",
        "zope.schema",
    ],
    extras_require={
        "test": [
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
    """,
)
