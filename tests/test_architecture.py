"""The structural rules of docs/architecture.md, checked on the source tree.

Each test reads the sources with :mod:`ast` (nothing is imported) and names
every module that breaks its rule.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ast
import pytest


ROOT = Path(__file__).parent.parent
SRC = ROOT / "src"
PACKAGE = "collective.composite"
JS_SRC = ROOT / "resources" / "src"

MAX_PYTHON_LINES = 450
MAX_JS_LINES = 400
# The i18n MessageFactory is the one underscore name every module imports.
I18N = "_"
# Only the arrangement package uses these modules of its own (see "One write
# surface"); others use its API (its __init__), locking, history, versioning.
ARRANGEMENT = f"{PACKAGE}.arrangement"
ARRANGEMENT_INTERNALS = tuple(
    f"{ARRANGEMENT}.{name}"
    for name in (
        "storage",
        "revisions",
        "positions",
        "reading",
        "validation",
        "saving",
        "shortcuts",
    )
)
SERVICES = f"{PACKAGE}.services"
# The layers: the core (with what every layer shares) below the views, the
# services and the modules they share.
CORE = (
    "arrangement",
    "layouts",
    "widgets",
    "catalog",
    "multilingual",
    "caching",
    "contentrules",
    "interfaces",
    "exceptions",
    "events",
)
VIEWS = ("browser", "design", "gallery")
UPPER_LAYERS = (
    *VIEWS,
    "services",
    "exportimport",
    "serializers",
    "refusals",
    "json_body",
    "form_fields",
)


@dataclass(frozen=True)
class Import:
    """One name a module imports: ``from module import name`` or ``import module``.

    :param module: the module the name is taken from, resolved to absolute.
    :param name: the imported name; None for ``import module``.
    :param target: the module the import brings in: ``module.name`` when that
        is a module of the add-on, else ``module``.
    :param alias: what the importing module calls it.
    :param line: the line of the import statement.
    """

    module: str
    name: str | None
    target: str
    alias: str
    line: int

    def __str__(self) -> str:
        return self.module if self.name is None else f"{self.module}.{self.name}"


@dataclass(frozen=True)
class Module:
    """A module of the add-on, by its dotted name, file and syntax tree."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    def __str__(self) -> str:
        return str(self.path.relative_to(ROOT))


def _module_path(name: str) -> Path | None:
    """:returns: the file of module ``name`` of the add-on, or None."""
    base = SRC.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@cache
def modules() -> tuple[Module, ...]:
    """:returns: every Python module of the add-on, parsed."""
    found = []
    for path in sorted((SRC / "collective" / "composite").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(Module(".".join(parts), path, ast.parse(path.read_text())))
    return tuple(found)


@cache
def imports(module: Module) -> tuple[Import, ...]:
    """:returns: every import of ``module``, anywhere in it, resolved."""
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(
                    Import(
                        alias.name,
                        None,
                        alias.name,
                        alias.asname or alias.name.split(".")[0],
                        node.lineno,
                    )
                )
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                target = submodule if _module_path(submodule) else source
                found.append(
                    Import(
                        source,
                        alias.name,
                        target,
                        alias.asname or alias.name,
                        node.lineno,
                    )
                )
    return tuple(found)


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module
    package = module.name.split(".")
    if not module.is_package:
        package = package[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@cache
def endpoints() -> frozenset[str]:
    """:returns: the endpoint packages of the services (``services/<endpoint>/``)."""
    folder = SRC.joinpath(*SERVICES.split("."))
    return frozenset(
        f"{SERVICES}.{path.parent.name}" for path in folder.glob("*/__init__.py")
    )


def endpoint_of(name: str) -> str | None:
    """:returns: the endpoint package module ``name`` belongs to, or None."""
    return next((end for end in endpoints() if _inside(name, end)), None)


def concept(name: str) -> str:
    """The package a module belongs to, as far as private names go: a folder
    below the add-on (an endpoint of the services counts as its own), or a
    module at the top of it; "" for the add-on's own ``__init__``."""
    if not _inside(name, PACKAGE):
        return name.split(".")[0]
    endpoint = endpoint_of(name)
    if endpoint:
        return endpoint
    parts = name[len(PACKAGE) + 1 :].split(".")
    return parts[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != I18N


def _breaches(check) -> list[str]:
    """:returns: every breach of ``check`` in the add-on, as ``path:line: what``."""
    return [
        f"{module}:{line}: {what}"
        for module in modules()
        for line, what in check(module)
    ]


def _attribute_uses(module: Module):
    """:returns: (line, module, attribute) for each ``alias.attribute`` of
    ``module`` whose alias names an imported module of the add-on."""
    aliases = {
        imported.alias: imported.target
        for imported in imports(module)
        if _inside(imported.target, PACKAGE) and _module_path(imported.target)
    }
    for node in ast.walk(module.tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            yield node.lineno, aliases[node.value.id], node.attr


# The rules: each yields (line, what) for every breach in one module.


def private_imports(module: Module):
    """``from x import _name`` (the i18n ``_`` aside) of another package."""
    for imported in imports(module):
        names = [imported.name] if imported.name else imported.module.split(".")
        if any(_private(name) for name in names) and concept(
            imported.target
        ) != concept(module.name):
            yield imported.line, f"imports {imported}"


def private_uses(module: Module):
    """``module._name`` on a module of another package."""
    for line, target, attribute in _attribute_uses(module):
        if _private(attribute) and concept(target) != concept(module.name):
            yield line, f"uses {target}.{attribute}"


def arrangement_internals(module: Module):
    """Outside the arrangement package: one of its internal modules (storage,
    revisions...) imported, or any of its private names imported or used."""
    if _inside(module.name, ARRANGEMENT):
        return
    for imported in imports(module):
        if any(_inside(imported.target, inner) for inner in ARRANGEMENT_INTERNALS):
            yield imported.line, f"imports {imported.target}"
        elif (
            _inside(imported.target, ARRANGEMENT)
            and imported.name
            and _private(imported.name)
        ):
            yield imported.line, f"imports {imported}"
    for line, target, attribute in _attribute_uses(module):
        if _inside(target, ARRANGEMENT) and _private(attribute):
            yield line, f"uses {target}.{attribute}"


def views_on_services(module: Module):
    """``browser/`` or ``design/`` importing from ``services/``."""
    if concept(module.name) not in VIEWS:
        return
    for imported in imports(module):
        if _inside(imported.target, SERVICES):
            yield imported.line, f"imports {imported.target}"


def core_on_upper_layers(module: Module):
    """The core importing a view, a service or what they share."""
    if concept(module.name) not in CORE:
        return
    for imported in imports(module):
        if concept(imported.target) in UPPER_LAYERS or _inside(
            imported.target, SERVICES
        ):
            yield imported.line, f"imports {imported.target}"


def endpoint_on_endpoint(module: Module):
    """A module of ``services/`` importing an endpoint package not its own."""
    if not _inside(module.name, SERVICES):
        return
    own = endpoint_of(module.name)
    for imported in imports(module):
        other = endpoint_of(imported.target)
        if other and other != own:
            yield imported.line, f"imports {imported.target}"


RULES = (
    private_imports,
    private_uses,
    arrangement_internals,
    views_on_services,
    core_on_upper_layers,
    endpoint_on_endpoint,
)


def test_python_modules_stay_small():
    too_long = {
        str(module): size
        for module in modules()
        if (size := len(module.path.read_text().splitlines())) >= MAX_PYTHON_LINES
    }
    assert not too_long, f"modules of {MAX_PYTHON_LINES} lines or more: {too_long}"


def test_javascript_modules_stay_small():
    paths = sorted(JS_SRC.rglob("*.js"))
    assert paths, f"no JavaScript in {JS_SRC}"
    too_long = {
        str(path.relative_to(ROOT)): size
        for path in paths
        if (size := len(path.read_text().splitlines())) >= MAX_JS_LINES
    }
    assert not too_long, f"JS modules of {MAX_JS_LINES} lines or more: {too_long}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_the_source_tree_keeps_the_rule(rule):
    breaches = _breaches(rule)
    assert not breaches, "\n".join([rule.__doc__, *breaches])


def test_the_services_have_endpoint_packages():
    """Else the endpoint rule would have nothing to check."""
    assert f"{SERVICES}.composite" in endpoints()
    assert f"{SERVICES}.lock" in endpoints()


# Each rule must be able to fail: it finds the breach in a module written to
# break it, and lets the same import pass where the rule allows it.
BREACHES = [
    (
        private_imports,
        "design.fake",
        "from collective.composite.widgets.rendering import _render",
        "widgets.fake",
    ),
    (
        private_imports,
        "design.fake",
        "from ..widgets.rendering import _render",
        "widgets.fake",
    ),
    (
        private_uses,
        "design.fake",
        "from collective.composite.widgets import rendering\nrendering._render()",
        "widgets.fake",
    ),
    (
        arrangement_internals,
        "catalog.fake",
        "from collective.composite.arrangement.storage import find",
        "arrangement.fake",
    ),
    (
        arrangement_internals,
        "catalog.fake",
        "from ..arrangement import revisions",
        "arrangement.fake",
    ),
    (
        arrangement_internals,
        "catalog.fake",
        "from collective.composite import arrangement\narrangement._writable(1)",
        "arrangement.fake",
    ),
    (
        views_on_services,
        "design.fake",
        "from collective.composite.services.base import CompositeService",
        "services.fake",
    ),
    (
        views_on_services,
        "browser.fake",
        "import collective.composite.services.base",
        "services.fake",
    ),
    (
        core_on_upper_layers,
        "widgets.fake",
        "from collective.composite.design import cards",
        "design.fake",
    ),
    (
        core_on_upper_layers,
        "arrangement.fake",
        "from collective.composite.serializers import composite_data",
        "design.fake",
    ),
    (
        endpoint_on_endpoint,
        "services.lock.fake",
        "from collective.composite.services.composite.patch import changes",
        "services.composite.fake",
    ),
    (
        endpoint_on_endpoint,
        "services.fake",
        "from collective.composite.services.composite import patch",
        "services.composite.fake",
    ),
]


def _fake(name: str, source: str) -> Module:
    """A module of the add-on called ``name`` (below the add-on) with ``source``."""
    name = f"{PACKAGE}.{name}"
    path = SRC.joinpath(*name.split(".")).with_suffix(".py")
    return Module(name, path, ast.parse(source))


@pytest.mark.parametrize(
    ("rule", "breaker", "source", "allowed"),
    BREACHES,
    ids=[f"{rule.__name__}-{breaker}" for rule, breaker, _source, _allowed in BREACHES],
)
def test_each_rule_finds_its_breach(rule, breaker, source, allowed):
    assert list(rule(_fake(breaker, source)))
    assert not list(rule(_fake(allowed, source)))


def test_the_i18n_message_factory_is_no_private_name():
    source = "from collective.composite import _"
    assert not list(private_imports(_fake("design.fake", source)))
