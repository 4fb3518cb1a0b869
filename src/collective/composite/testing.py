"""Test layers for collective.composite and for add-ons that build on it."""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.i18n.interfaces import ILanguageSchema
from plone.registry.interfaces import IRegistry
from plone.testing.zope import WSGI_SERVER_FIXTURE
from zope.component import getUtility

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


# Multilingual sites (plone.app.multilingual, pam), in both install orders.
# Plone loads pam's ZCML already; the layers install its profile with two
# languages (English, the default, and German), which gives the site a language
# root folder for each. The layers are stacked on FIXTURE, the second on the
# first. Set them up per test class, not for the whole session (pytest-plone's
# fixtures_factory(..., keep_session=False)): a sandbox layer stays the
# database and component registry of every test run while it is set up, those
# of other layers too.
MULTILINGUAL_PROFILE = "plone.app.multilingual:default"
MULTILINGUAL_LANGUAGES = ("en", "de")


class MultilingualLayer(PloneSandboxLayer):
    """collective.composite installed (:data:`FIXTURE`), then pam."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        settings = getUtility(IRegistry).forInterface(ILanguageSchema, prefix="plone")
        settings.available_languages = list(MULTILINGUAL_LANGUAGES)
        settings.default_language = MULTILINGUAL_LANGUAGES[0]
        applyProfile(portal, MULTILINGUAL_PROFILE)


class MultilingualPamFirstLayer(PloneSandboxLayer):
    """pam installed, then collective.composite: the ``Composite Page`` type
    is made again by the add-on's profile in a site that has pam already."""

    def setUpPloneSite(self, portal):
        portal.portal_types.manage_delObjects(["Composite Page"])
        applyProfile(portal, "collective.composite:default")


MULTILINGUAL_FIXTURE = MultilingualLayer()
MULTILINGUAL_PAM_FIRST_FIXTURE = MultilingualPamFirstLayer(
    bases=(MULTILINGUAL_FIXTURE,), name="MultilingualPamFirstLayer"
)

MULTILINGUAL_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MULTILINGUAL_FIXTURE,),
    name="CollectiveCompositeLayer:MultilingualIntegrationTesting",
)
MULTILINGUAL_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MULTILINGUAL_FIXTURE,),
    name="CollectiveCompositeLayer:MultilingualFunctionalTesting",
)
MULTILINGUAL_PAM_FIRST_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MULTILINGUAL_PAM_FIRST_FIXTURE,),
    name="CollectiveCompositeLayer:MultilingualPamFirstIntegrationTesting",
)
MULTILINGUAL_PAM_FIRST_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MULTILINGUAL_PAM_FIRST_FIXTURE,),
    name="CollectiveCompositeLayer:MultilingualPamFirstFunctionalTesting",
)

# The multilingual site served over HTTP, for browser tests; the server is the
# one ACCEPTANCE_TESTING starts, serving whichever database is set up.
MULTILINGUAL_ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(MULTILINGUAL_FIXTURE, WSGI_SERVER_FIXTURE),
    name="CollectiveCompositeLayer:MultilingualAcceptanceTesting",
)
