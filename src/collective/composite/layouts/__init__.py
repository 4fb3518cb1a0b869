"""Layouts: named pairs of templates (real and design) with their slots.

- ``registry``: the registered layouts, their lookup and rendering (the
  ``composite:layout`` directive's handler is ``collective.composite.metaconfigure``);
- ``fuzzy``: the greeked text design templates show;
- ``previews``: a layout's preview image by URL;
- ``vocabulary``: the layouts offered on a page, for forms;
- ``templates/`` and ``static/``: the shipped layouts and their CSS.
"""
