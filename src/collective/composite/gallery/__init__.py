"""The layout gallery: ``@@composite-layout-gallery`` on the site root.

Theme developers and integrators see every layout registered for the request's
browser layers, its real and its design template rendered side by side with
sample widgets in every slot, its slots, where it is registered and what the
pairing checks say of it. The package holds the view (``view``), finding the
layouts with their registrations (``registrations``) and rendering each one's
two halves (``specimens``).
"""
