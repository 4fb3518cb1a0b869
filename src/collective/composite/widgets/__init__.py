"""Widgets: what a slot holds, one module a concept.

- ``types``: the registered widget types, their settings schemas and lookup;
- ``renderer``: the base renderer every type's renderer subclasses, and its
  ``compose`` hook (markup made without the template);
- ``markup``: values escaped as templates escape them, for composed markup;
- ``pictures``: responsive pictures of catalogued images;
- ``rendering``: rendering the widgets of a page for one request;
- ``shared_memo``: the process-wide memo the filters and listings share;
- ``text``, ``html``, ``image``, ``content``, ``listing``: the shipped types,
  registered in configure.zcml, with their helpers ``htmlfilter``,
  ``composed``, ``relative_links``, ``listingquery``, ``listingmarkup`` and
  ``uid``.
"""
