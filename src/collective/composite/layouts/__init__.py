"""Layouts: named pairs of templates (real and design) with their slots.

- ``registry``: the registered layouts, their lookup and rendering (the
  ``composite:layout`` directive's handler is ``collective.composite.metaconfigure``);
- ``fuzzy``: the greeked text design templates show;
- ``previews``: a layout's preview image by URL;
- ``vocabulary``: the layouts offered on a page, for forms;
- ``theme_layouts``: the layouts the active Diazo theme ships
  (``composite-layouts/NAME/``), read with ``manifest``, rendered with the
  untrusted engine of ``restricted``, checked on activation by ``theme_plugin``;
- ``cli``: the ``composite-layouts`` console script: ``check`` reads ZCML
  without Zope (``zcml_scan``) and runs the start-up checks on it
  (``offline_check``) and on themes' layout folders (``theme_folder_check``);
  ``scaffold`` draws a design template from a real one (``scaffold``);
- ``templates/`` and ``static/``: the shipped layouts and their CSS.
"""
