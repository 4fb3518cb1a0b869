"""The design-mode editor's messages, translated on the server.

The keys and English defaults are those of ``resources/src/messages.js``
(``DEFAULT_MESSAGES``, a test keeps them equal); the editor fills in the
``{placeholders}`` itself, so they pass through translation untouched.
"""

from collective.composite import _
from zope.i18n import translate


EDITOR_MESSAGES = {
    "tray.title": _("tray.title", default="Unplaced widgets"),
    "refused.notAllowed": _(
        "refused.notAllowed", default="{type} widgets are not allowed in {slot}."
    ),
    "refused.slotFull": _(
        "refused.slotFull", default="{slot} is full: it holds at most {max} widgets."
    ),
    "refused.trayOnly": _(
        "refused.trayOnly",
        default="Only widgets this layout has no place for wait among the "
        "unplaced widgets. To take a widget off the page, remove it "
        "(Undo brings it back).",
    ),
    "refused.noSlot": _(
        "refused.noSlot", default="No slot of this layout accepts {type} widgets."
    ),
    "refused.unknownSlot": _(
        "refused.unknownSlot", default="There is no slot called {slot}."
    ),
    "refused.unknownWidget": _(
        "refused.unknownWidget", default="That widget is no longer on the page."
    ),
    "refused.unknownType": _(
        "refused.unknownType", default="There is no widget type called {type}."
    ),
    "refused.unknownLayout": _(
        "refused.unknownLayout", default="There is no layout called {layout}."
    ),
    "refused.sameLayout": _(
        "refused.sameLayout", default="{layout} is already the layout of this page."
    ),
    "refused.nothingToUndo": _("refused.nothingToUndo", default="Nothing to undo."),
    "refused.nothingToRedo": _("refused.nothingToRedo", default="Nothing to redo."),
    "refused.noPending": _(
        "refused.noPending", default="There are no kept changes to re-apply."
    ),
    "refused.notGrabbed": _("refused.notGrabbed", default="No widget is picked up."),
    "refused.alreadyGrabbed": _(
        "refused.alreadyGrabbed", default="A widget is already picked up."
    ),
    "refused.unknownDirection": _(
        "refused.unknownDirection", default="Unknown direction {direction}."
    ),
    "refused.restricted": _(
        "refused.restricted", default="You may not edit or duplicate {type} widgets."
    ),
    "op.added": _("op.added", default="{title} added to {slot}."),
    "op.moved": _(
        "op.moved", default="{title} moved to position {position} of {count} in {slot}."
    ),
    "op.unchanged": _(
        "op.unchanged",
        default="{title} stays at position {position} of {count} in {slot}.",
    ),
    "op.updated": _("op.updated", default="{title} changed."),
    "op.duplicated": _(
        "op.duplicated", default="Copy of {title} added after it in {slot}."
    ),
    "op.removed": _("op.removed", default="{title} removed. Undo brings it back."),
    "op.layoutSwitched": _("op.layoutSwitched", default="Layout changed to {layout}."),
    "op.layoutDisplaced": _(
        "op.layoutDisplaced", default="Widgets moved to the unplaced tray: {count}."
    ),
    "op.layoutRestored": _(
        "op.layoutRestored",
        default="Widgets restored from the unplaced tray: {count}.",
    ),
    "op.undone": _("op.undone", default="Undone."),
    "op.redone": _("op.redone", default="Redone."),
    "op.undoneWhat": _("op.undoneWhat", default="Undone: {what}."),
    "op.redoneWhat": _("op.redoneWhat", default="Redone: {what}."),
    "op.addCancelled": _("op.addCancelled", default="{title} not added."),
    "what.added": _("what.added", default="adding {title} to {slot}"),
    "what.moved": _("what.moved", default="moving {title} to {slot}"),
    "what.updated": _("what.updated", default="changing {title}"),
    "what.duplicated": _("what.duplicated", default="duplicating {title}"),
    "what.removed": _("what.removed", default="removing {title}"),
    "what.layout": _("what.layout", default="changing the layout to {layout}"),
    "what.reverted": _("what.reverted", default="discarding the unsaved changes"),
    "what.reapplied": _("what.reapplied", default="re-applying your changes"),
    "op.reverted": _(
        "op.reverted", default="Unsaved changes discarded. Undo brings them back."
    ),
    "op.conflict": _(
        "op.conflict",
        default="Someone else saved this page while you were editing. Their "
        "version is shown; your changes are kept and can be "
        "re-applied.",
    ),
    "op.pendingDiscarded": _(
        "op.pendingDiscarded", default="Your kept changes are discarded."
    ),
    "kb.pickedUp": _(
        "kb.pickedUp",
        default="Picked up {title}, position {position} of {count} in {slot}."
        " Arrow keys move it, Space drops it, Escape cancels.",
    ),
    "kb.moved": _(
        "kb.moved", default="{title} moved to position {position} of {count} in {slot}."
    ),
    "kb.skipped": _("kb.skipped", default="Skipped {slot}: {reason}"),
    "kb.cannotMove": _(
        "kb.cannotMove", default="{title} cannot move further in that direction."
    ),
    "kb.dropped": _(
        "kb.dropped",
        default="{title} dropped at position {position} of {count} in {slot}.",
    ),
    "kb.cancelled": _(
        "kb.cancelled",
        default="Move cancelled. {title} is back at position {position} of "
        "{count} in {slot}.",
    ),
    "drop.refused": _("drop.refused", default="Cannot drop here: {reason}"),
    "save.saving": _("save.saving", default="Saving…"),
    "save.saved": _("save.saved", default="Saved."),
    "save.nothing": _("save.nothing", default="There are no changes to save."),
    "save.invalid": _(
        "save.invalid", default="The server refused the arrangement: {error}"
    ),
    "save.forbidden": _(
        "save.forbidden",
        default="You are not allowed to change this page (any more). Your "
        "changes are not saved.",
    ),
    "save.failed": _(
        "save.failed",
        default="Saving failed ({status}). Your changes are kept; try again.",
    ),
    "save.offline": _(
        "save.offline",
        default="The server cannot be reached. Your changes are kept; try again.",
    ),
    "save.busy": _(
        "save.busy",
        default="The site was too busy to save your changes. They are kept; try again.",
    ),
    "conflict.reapply": _("conflict.reapply", default="Re-apply my changes"),
    "conflict.reload": _("conflict.reload", default="Reload the page"),
    "conflict.discard": _("conflict.discard", default="Discard my changes"),
    "conflict.restored": _(
        "conflict.restored",
        default="You have changes kept from before the page was reloaded. "
        "Re-apply them on top of the newest version, or discard them.",
    ),
    "merge.reapplied": _(
        "merge.reapplied",
        default="Your {count} changes were re-applied on top of {version}. "
        "Check, then save.",
    ),
    "merge.reappliedOne": _(
        "merge.reappliedOne",
        default="Your change was re-applied on top of {version}. Check, then save.",
    ),
    "merge.versionOf": _("merge.versionOf", default="{name}'s version"),
    "merge.newerVersion": _("merge.newerVersion", default="the newer version"),
    "merge.clashes": _(
        "merge.clashes",
        default="Some of your changes clash with {version}, on: {titles}. "
        "Choose for each what to keep.",
    ),
    "merge.title": _("merge.title", default="Clashing changes"),
    "merge.intro": _(
        "merge.intro",
        default="You and the other editor changed the same widgets. For each, "
        "choose which version to keep, then apply your choices. Nothing is "
        "stored until you save.",
    ),
    "merge.apply": _("merge.apply", default="Apply my choices"),
    "merge.unresolved": _(
        "merge.unresolved", default="Choose what to keep for: {titles}."
    ),
    "merge.kept": _(
        "merge.kept",
        default="Of the clashing widgets, your version is kept for {mine} and "
        "theirs for {theirs}.",
    ),
    "merge.chosen": _("merge.chosen", default="{name}: {choice}"),
    "clash.layoutName": _("clash.layoutName", default="Layout"),
    "clash.settings": _("clash.settings", default="You both changed its settings."),
    "clash.moved": _(
        "clash.moved", default="You moved it to {mine}; they moved it to {theirs}."
    ),
    "clash.settingsMoved": _(
        "clash.settingsMoved",
        default="You both changed its settings and moved it: you to {mine}, "
        "they to {theirs}.",
    ),
    "clash.removedChanged": _(
        "clash.removedChanged", default="You removed it; they changed it."
    ),
    "clash.changedRemoved": _(
        "clash.changedRemoved", default="You changed it; they removed it."
    ),
    "clash.layout": _(
        "clash.layout", default="You chose the layout {mine}; they chose {theirs}."
    ),
    "clash.mine.settings": _(
        "clash.mine.settings", default="Keep mine: {title} with your settings"
    ),
    "clash.theirs.settings": _(
        "clash.theirs.settings", default="Keep theirs: {title} with their settings"
    ),
    "clash.mine.moved": _(
        "clash.mine.moved", default="Keep mine: {title} in {slot}, where you put it"
    ),
    "clash.theirs.moved": _(
        "clash.theirs.moved",
        default="Keep theirs: {title} in {slot}, where they put it",
    ),
    "clash.mine.settingsMoved": _(
        "clash.mine.settingsMoved",
        default="Keep mine: {title} with your settings, in {slot}",
    ),
    "clash.theirs.settingsMoved": _(
        "clash.theirs.settingsMoved",
        default="Keep theirs: {title} with their settings, in {slot}",
    ),
    "clash.mine.removedChanged": _(
        "clash.mine.removedChanged", default="Keep mine: remove {title}"
    ),
    "clash.theirs.removedChanged": _(
        "clash.theirs.removedChanged",
        default="Keep theirs: keep {title} with their changes",
    ),
    "clash.mine.changedRemoved": _(
        "clash.mine.changedRemoved",
        default="Keep mine: bring {title} back with your changes",
    ),
    "clash.theirs.changedRemoved": _(
        "clash.theirs.changedRemoved", default="Keep theirs: leave {title} removed"
    ),
    "clash.mine.layout": _(
        "clash.mine.layout", default="Keep mine: the layout {layout}"
    ),
    "clash.theirs.layout": _(
        "clash.theirs.layout", default="Keep theirs: the layout {layout}"
    ),
    "unload.warning": _(
        "unload.warning", default="You have unsaved changes on this page."
    ),
    "cancel.confirm": _(
        "cancel.confirm", default="Discard your unsaved changes and leave design mode?"
    ),
    "action.edit": _("action.edit", default="Edit"),
    "action.duplicate": _("action.duplicate", default="Duplicate"),
    "action.remove": _("action.remove", default="Remove"),
    "card.edit": _("card.edit", default="Edit {title}"),
    "card.duplicate": _("card.duplicate", default="Duplicate {title}"),
    "card.remove": _("card.remove", default="Remove {title}"),
    "card.label": _("card.label", default="{type}: {title}"),
    "card.numbered": _("card.numbered", default="{title} ({number})"),
    "slot.target": _("slot.target", default="New widgets go to {slot}."),
    "settings.title": _("settings.title", default="Settings of {title}"),
    "settings.close": _("settings.close", default="Close without applying"),
    "lock.held": _(
        "lock.held",
        default="{name} has been designing this page since {time}. You can try "
        "things out, but saving waits until they leave or you take over.",
    ),
    "lock.heldWait": _(
        "lock.heldWait",
        default="{name} has been designing this page since {time}. You can try "
        "things out, but saving waits until they leave.",
    ),
    "lock.lost": _(
        "lock.lost",
        default="{name} took over this page at {time}: it is no longer yours to "
        "save. Your changes stay here; take over again to save them.",
    ),
    "lock.lostWait": _(
        "lock.lostWait",
        default="{name} has locked this page since {time}: it is no longer "
        "yours to save. Your changes stay here; saving waits until they leave.",
    ),
    "lock.takeOver": _("lock.takeOver", default="Take over"),
    "lock.yours": _(
        "lock.yours", default="You are designing this page now: saving is possible."
    ),
    "lock.failed": _("lock.failed", default="Taking over failed ({status})."),
    "lock.saveBlocked": _(
        "lock.saveBlocked",
        default="Someone else is designing this page: take over before saving.",
    ),
    "history.loading": _("history.loading", default="Loading the history…"),
    "history.empty": _("history.empty", default="No revision is saved yet."),
    "history.failed": _(
        "history.failed", default="The history cannot be loaded ({status})."
    ),
    "history.revision": _("history.revision", default="Revision {number}"),
    "history.current": _("history.current", default="Current"),
    "history.restore": _("history.restore", default="Restore"),
    "history.restoreLabel": _(
        "history.restoreLabel", default="Restore revision {number}"
    ),
    "history.blocked": _(
        "history.blocked",
        default="Save or discard your changes first: restoring and importing "
        "replace the whole arrangement.",
    ),
    "history.restoring": _("history.restoring", default="Restoring revision {number}…"),
    "history.restored": _(
        "history.restored",
        default="Revision {number} is restored: it is the current arrangement now.",
    ),
    "history.restoreFailed": _(
        "history.restoreFailed", default="Restoring revision {number} failed: {error}"
    ),
    "history.stale": _(
        "history.stale",
        default="Someone else saved this page meanwhile. Their version is shown "
        "and the history is up to date; try again if you still want to.",
    ),
    "import.notJson": _(
        "import.notJson",
        default="{file} is not an exported arrangement: it is not valid JSON.",
    ),
    "import.importing": _("import.importing", default="Importing {file}…"),
    "import.done": _("import.done", default="The arrangement of {file} is imported."),
    "import.failed": _("import.failed", default="Importing {file} failed: {error}"),
    "export.failed": _("export.failed", default="Exporting failed: {error}"),
}


def editor_messages(request) -> dict[str, str]:
    """:returns: every editor message translated for ``request``, by key."""
    return {
        key: translate(msg, context=request) for key, msg in EDITOR_MESSAGES.items()
    }
