"""A layer set up for one test module only, for layers that change the
database or the component registry of every other layer while they are set
up (a ``PloneSandboxLayer`` stacks a DemoStorage and a global registry on its
bases', and those are what later tests of the session see).

pytest-plone's ``fixtures_factory`` keeps a layer for the whole session, or,
with ``keep_session=False``, for one test class; module-level test functions
would set it up and tear it down around every test. :func:`module_layer`
gives a module-scoped fixture instead: the layer (and those of its bases not
set up yet) is set up before the module's first test that asks for it and
torn down after the module's last test.

zope.pytestlayer creates the fixtures of a layer only once per process
(whichever module asks first has them), so a layer used this way must not be
given to ``fixtures_factory`` anywhere else.
"""

from collections.abc import Callable
from collections.abc import Iterator
from plone.testing.layer import Layer
from zope.pytestlayer.fixture import function_fixture
from zope.pytestlayer.fixture import setup_layer
from zope.pytestlayer.fixture import teardown_layer

import pytest


def bottom_up(layer: Layer) -> list[Layer]:
    """``layer`` and all its bases, every base before the layers on it.

    :param layer: the top layer.
    :returns: the layers in set-up order.
    """
    order: list[Layer] = []

    def visit(each) -> None:
        for base in each.__bases__:
            if base is not object:
                visit(base)
        if each not in order:
            order.append(each)

    visit(layer)
    return order


def module_layer(layer: Layer, name: str) -> dict[str, Callable]:
    """Fixtures ``NAME_module`` (module scope: the layer set up) and ``NAME``
    (each test: the layers' ``testSetUp``/``testTearDown``), to put in the
    test module's globals.

    :param layer: the layer the module's tests run in.
    :param name: the fixture name the tests ask for.
    :returns: fixture name -> fixture.
    """

    @pytest.fixture(scope="module", name=f"{name}_module")
    def for_the_module(request) -> Iterator[Layer]:
        state = request.session.zopelayer_state
        started = [each for each in bottom_up(layer) if each not in state.current]
        for each in started:
            setup_layer(each, request)
        yield layer
        # Top first: each layer restores the database and registry it stacked.
        for each in reversed(started):
            teardown_layer(each, request)

    @pytest.fixture(name=name)
    def for_each_test(request) -> Layer:
        request.getfixturevalue(f"{name}_module")
        # function_fixture runs testSetUp now and testTearDown as a finalizer;
        # finalizers run last-in first-out, so the top layer's first.
        for each in bottom_up(layer):
            function_fixture(request, each)
        return layer

    return {f"{name}_module": for_the_module, name: for_each_test}
