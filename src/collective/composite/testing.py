"""Test layers for collective.composite and for add-ons that build on it."""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import os


class CompositeLayer(PloneSandboxLayer):
    """A Plone site with collective.composite installed."""

    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.composite
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        # The .mo files are not committed: zope.i18n compiles them from the
        # .po files when the ZCML registers the catalogs, as in the instance.
        os.environ.setdefault("zope_i18n_compile_mo_files", "true")
        self.loadZCML(package=collective.composite)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "collective.composite:default")


FIXTURE = CompositeLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="CollectiveCompositeLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE,), name="CollectiveCompositeLayer:FunctionalTesting"
)

ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="CollectiveCompositeLayer:AcceptanceTesting",
)
