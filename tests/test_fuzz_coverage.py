"""Every endpoint the add-on registers has a fuzz test (tests/fuzz).

The endpoints are read from the component registry of the test layer, kept
to the registrations of the add-on's own ZCML: its browser views, forms and
exception views, its plone.rest services (one per method), its ``?expand=``
component, its ``@controlpanels/`` panel, its vocabularies and its static
resource folders. Each must be in ``FUZZED`` (tests/fuzz/fuzzed.py) with fuzz
tests that exist, or in ``NOT_FUZZED`` with the reason; a new endpoint fails
here, by name, until a fuzz test is listed for it.
"""

from pathlib import Path
from plone.resource.interfaces import IResourceDirectory
from plone.restapi.controlpanels.interfaces import IControlpanel
from plone.restapi.interfaces import IExpandableElement
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.schema.interfaces import IVocabularyFactory

import ast
import collective.composite
import pytest
import re
import runpy


PACKAGE = Path(collective.composite.__file__).parent
FUZZ = Path(__file__).parent / "fuzz"
MAPPING = runpy.run_path(str(FUZZ / "fuzzed.py"))
FUZZED: dict[str, tuple[str, ...]] = MAPPING["FUZZED"]
NOT_FUZZED: dict[str, str] = MAPPING["NOT_FUZZED"]
# plone.rest's name of a service: METHOD_media_type_@name.
SERVICE = re.compile(r"(?P<method>[A-Z]+)_[a-z_+.-]*_(?P<name>@.+)\Z")


def registries() -> list:
    """The layer's global registry and the ones it stacks on."""
    found = []

    def walk(registry):
        if registry not in found:
            found.append(registry)
            for base in registry.__bases__:
                walk(base)

    walk(getGlobalSiteManager())
    return found


def ours(registration) -> bool:
    """Whether the add-on's ZCML made ``registration``."""
    path = getattr(registration.info, "file", None)
    return bool(path) and PACKAGE in Path(path).resolve().parents


def endpoint_key(registration) -> str | None:
    """The key of an adapter registration in ``FUZZED``, None when it is no
    endpoint (a layout, an indexer, a serializer...)."""
    name = registration.name
    provided = registration.provided
    if provided is IExpandableElement:
        return f"?expand={name}"
    if provided is IControlpanel:
        return f"@controlpanels/{name}"
    if provided is not Interface or len(registration.required) != 2:
        return None
    # A view: a multi-adapter of a context and a request to Interface.
    service = SERVICE.match(name)
    if service:
        return f"{service['method']} {service['name']}"
    context = registration.required[0]
    exception = getattr(context, "inherit", None)
    if isinstance(exception, type) and issubclass(exception, BaseException):
        return f"@@{name} for {exception.__name__}"
    return f"@@{name}"


def endpoints() -> dict[str, str]:
    """Every endpoint of the add-on.

    :returns: its key (see tests/fuzz/fuzzed.py) -> where it is registered.
    """
    found = {}
    for registry in registries():
        for registration in registry.registeredAdapters():
            key = endpoint_key(registration) if ours(registration) else None
            if key:
                found[key] = str(registration.info).strip().splitlines()[0]
        for registration in registry.registeredUtilities():
            if registration.provided is IVocabularyFactory and ours(registration):
                found[f"@vocabularies/{registration.name}"] = str(registration.info)
            if registration.provided is IResourceDirectory:
                directory = getattr(registration.component, "directory", "")
                if directory and PACKAGE in Path(directory).resolve().parents:
                    found[registration.name] = directory
    return found


def unfuzzed(found: dict[str, str], fuzzed: dict, exempt: dict) -> list[str]:
    """The endpoints of ``found`` in neither mapping, with where they are
    registered."""
    return [
        f"{key} ({where})"
        for key, where in sorted(found.items())
        if not fuzzed.get(key) and key not in exempt
    ]


def test_the_registry_lists_the_known_endpoints(portal):
    found = endpoints()
    # The enumeration itself: what it must find of each kind.
    for key in (
        "@@composite-view",
        "@@composite-other-languages",
        "@@composite-controlpanel",
        "@@revertversion",
        "GET @composite",
        "PATCH @composite",
        "DELETE @composite-lock",
        "@@index.html for Unauthorized",
        "@@index.html for ConflictError",
        "?expand=composite",
        "@controlpanels/composite",
        "@vocabularies/collective.composite.Layouts",
        "++plone++collective.composite.editor",
    ):
        assert key in found, sorted(found)
    # Layouts, indexers, the caching and export adapters are no endpoints.
    assert not [key for key in found if "one-column" in key or "Searchable" in key]


def test_every_endpoint_has_a_fuzz_test(portal):
    missing = unfuzzed(endpoints(), FUZZED, NOT_FUZZED)
    assert not missing, (
        "endpoints without a fuzz test (list one in tests/fuzz/fuzzed.py): "
        + ", ".join(missing)
    )


def test_a_missing_entry_is_named(portal):
    """The check fails for an endpoint left out of the mapping."""
    fuzzed = {k: v for k, v in FUZZED.items() if k != "@@composite-other-languages"}
    (missing,) = unfuzzed(endpoints(), fuzzed, NOT_FUZZED)
    assert missing.startswith("@@composite-other-languages ("), missing
    emptied = {**FUZZED, "POST @composite-import": ()}
    (missing,) = unfuzzed(endpoints(), emptied, NOT_FUZZED)
    assert missing.startswith("POST @composite-import ("), missing


def test_the_mappings_name_only_registered_endpoints(portal):
    found = endpoints()
    stale = sorted(set(FUZZED) - set(found)) + sorted(set(NOT_FUZZED) - set(found))
    assert not stale, f"not registered (any more): {stale}"
    assert not set(FUZZED) & set(NOT_FUZZED)


def defined_tests(module: Path) -> set[str]:
    """The tests of a module: ``test_name`` and ``Class::test_name``."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            found.add(node.name)
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test_")
            )
    return found


@pytest.mark.parametrize("key", sorted(FUZZED))
def test_the_listed_fuzz_tests_exist(key):
    for test in FUZZED[key]:
        module, _, name = test.partition("::")
        path = FUZZ / module
        assert path.is_file(), f"{key}: no module {module} in tests/fuzz"
        assert name in defined_tests(path), f"{key}: no test {test}"
