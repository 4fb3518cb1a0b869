"""plone.restapi services: they translate HTTP and JSON into calls on the core."""
