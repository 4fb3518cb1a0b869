"""plone.restapi's ``PATCH @history`` (revert to a content version) on
composite pages, with the arrangement's rules around the revert."""
