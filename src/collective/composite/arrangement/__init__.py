"""The arrangement of a composite page: its layout and the widgets in its slots.

This package is the only way to read or change an arrangement; the REST
services, the editor, the import, the history, versioning and working copies
all go through it. Its public API, imported as
``from collective.composite import arrangement``:

Reading (never writes)
    :func:`get` (an :class:`Arrangement` of :class:`Widget`\\ s),
    :func:`get_with_layout` (the same and its layout, for views rendering it),
    :func:`to_data` and :func:`entry_data` (an arrangement as :func:`save`
    takes it back), :func:`stored_data` (the same, of an item that is not
    composite any more), :data:`DEFAULT_LAYOUT`.

Writing
    :func:`save`, the one write: the whole arrangement, checked (design
    permission and *Modify portal content*, see :func:`may_design`; the
    page's lock; the version), validated before anything
    changes, recorded as a revision and notified as an
    :class:`~collective.composite.interfaces.IArrangementModifiedEvent`;
    :func:`preview` validates as :func:`save` and stores nothing.

Shortcuts, each a :func:`save` of one change
    :func:`set_layout`, :func:`add_widget`, :func:`move_widget`,
    :func:`update_widget`, :func:`update_widgets`, :func:`remove_widget`;
    the two changing settings only save them without reading the page's
    other widgets (the same checks, validation, records and revision).

The catalog's bookkeeping
    :func:`indexed_digest`, :func:`remember_indexed_digest`,
    :func:`storage_token` (changes with every save, for memos),
    :func:`settings_memo` (values worked out from a widget's stored settings,
    kept with them).

Modules of their own
    :mod:`~collective.composite.arrangement.rights` (who may design a page,
    and when: :func:`may_design`),
    :mod:`~collective.composite.arrangement.locking` (the design lock),
    :mod:`~collective.composite.arrangement.history` (revisions, restore),
    :mod:`~collective.composite.arrangement.versioning` (CMFEditions and
    plone.app.iterate).

The other modules (``reading``, ``validation``, ``saving``, ``shortcuts``,
``storage``, ``positions``, ``revisions``) are how it works, not its API.
"""

from collective.composite.arrangement.reading import Arrangement
from collective.composite.arrangement.reading import DEFAULT_LAYOUT
from collective.composite.arrangement.reading import entry_data
from collective.composite.arrangement.reading import get
from collective.composite.arrangement.reading import get_with_layout
from collective.composite.arrangement.reading import settings_memo
from collective.composite.arrangement.reading import stored_data
from collective.composite.arrangement.reading import to_data
from collective.composite.arrangement.reading import Widget
from collective.composite.arrangement.rights import may_design
from collective.composite.arrangement.saving import preview
from collective.composite.arrangement.saving import save
from collective.composite.arrangement.shortcuts import add_widget
from collective.composite.arrangement.shortcuts import move_widget
from collective.composite.arrangement.shortcuts import remove_widget
from collective.composite.arrangement.shortcuts import set_layout
from collective.composite.arrangement.shortcuts import update_widget
from collective.composite.arrangement.shortcuts import update_widgets
from collective.composite.arrangement.storage import indexed_digest
from collective.composite.arrangement.storage import remember_indexed_digest
from collective.composite.arrangement.storage import storage_token


__all__ = [
    "DEFAULT_LAYOUT",
    "Arrangement",
    "Widget",
    "add_widget",
    "entry_data",
    "get",
    "get_with_layout",
    "indexed_digest",
    "may_design",
    "move_widget",
    "preview",
    "remember_indexed_digest",
    "remove_widget",
    "save",
    "settings_memo",
    "set_layout",
    "storage_token",
    "stored_data",
    "to_data",
    "update_widget",
    "update_widgets",
]
