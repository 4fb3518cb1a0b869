"""1000 to 1001: the ``composite_references`` catalog index."""

from collective.composite.setuphandlers import add_references_index


def upgrade(context) -> None:
    """Add the index of the items pages show and index the composite pages in it,
    so that a change of an item refreshes the text of the pages showing it.

    :param context: the portal_setup tool.
    """
    add_references_index()
