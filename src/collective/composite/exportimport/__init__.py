"""Moving a whole site: arrangements in plone.exportimport's and
collective.exportimport's exports.

Neither tool exports annotations, where an arrangement lives. Both serialize
each content item with plone.restapi's ``ISerializeToJson`` and create it again
with ``IDeserializeFromJson``, and both mark the request while they run. So
the add-on wraps those two adapters, for those marked requests only (plain
REST calls are untouched): an exported item gets one more member,
:data:`~collective.composite.exportimport.arrangements.MEMBER`, holding the
arrangement in the format of ``GET @composite-export``; an imported item with
that member gets the arrangement back through
:func:`collective.composite.arrangement.save`.

Items that are not composite now (their type unticked, the add-on
uninstalled) keep their arrangement and their composite view put aside, and
so do their copies in the new site: :mod:`.put_aside`.

Modules: :mod:`.arrangements` (the member: writing and reading it back),
:mod:`.put_aside` (items not composite now) and :mod:`.serializing` (the
wrapping adapters). The ZCML registers the wrappers
for each tool's request markers, only when that tool is installed.
"""
