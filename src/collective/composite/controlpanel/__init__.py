"""Site Setup's "Composite pages": the add-on's settings
(:class:`~collective.composite.interfaces.ICompositeSettings`) as a
plone.app.registry form (``@@composite-controlpanel``) and as plone.restapi's
``@controlpanels/composite``."""
