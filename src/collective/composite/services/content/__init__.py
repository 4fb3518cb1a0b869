"""plone.restapi's content ``POST`` (adding an item) and ``PATCH`` on
composite pages: their body has no member for the arrangement, and refuses
the ones a client would guess (``composite``, an arrangement's layout in
``layout``)."""
