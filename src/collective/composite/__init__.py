"""collective.composite: compose Plone pages from widgets in paired layouts."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "collective.composite"

_ = MessageFactory(PACKAGE_NAME)
