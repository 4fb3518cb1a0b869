// Message keys of the editor with their English defaults.
//
// The state model and the DOM layer never hold user-visible text: they produce
// `{key, params}` objects, and `translate` turns them into text with the
// messages the design view passes (see docs/editor-markup.md), falling back to
// these defaults. A param may itself be a `{key, params}` object.

export const DEFAULT_MESSAGES = Object.freeze({
  'tray.title': 'Unplaced widgets',

  'refused.notAllowed': '{type} widgets are not allowed in {slot}.',
  'refused.slotFull': '{slot} is full: it holds at most {max} widgets.',
  'refused.trayOnly':
    'Only widgets this layout has no place for wait among the unplaced widgets. To take a widget off the page, remove it (Undo brings it back).',
  'refused.noSlot': 'No slot of this layout accepts {type} widgets.',
  'refused.unknownSlot': 'There is no slot called {slot}.',
  'refused.unknownWidget': 'That widget is no longer on the page.',
  'refused.unknownType': 'There is no widget type called {type}.',
  'refused.unknownLayout': 'There is no layout called {layout}.',
  'refused.sameLayout': '{layout} is already the layout of this page.',
  'refused.nothingToUndo': 'Nothing to undo.',
  'refused.nothingToRedo': 'Nothing to redo.',
  'refused.noPending': 'There are no kept changes to re-apply.',
  'refused.notGrabbed': 'No widget is picked up.',
  'refused.alreadyGrabbed': 'A widget is already picked up.',
  'refused.unknownDirection': 'Unknown direction {direction}.',
  'refused.restricted': 'You may not edit or duplicate {type} widgets.',

  'op.added': '{title} added to {slot}.',
  'op.moved': '{title} moved to position {position} of {count} in {slot}.',
  'op.unchanged': '{title} stays at position {position} of {count} in {slot}.',
  'op.updated': '{title} changed.',
  'op.duplicated': 'Copy of {title} added after it in {slot}.',
  'op.removed': '{title} removed. Undo brings it back.',
  'op.layoutSwitched': 'Layout changed to {layout}.',
  'op.layoutDisplaced': 'Widgets moved to the unplaced tray: {count}.',
  'op.layoutRestored': 'Widgets restored from the unplaced tray: {count}.',
  'op.undone': 'Undone.',
  'op.redone': 'Redone.',
  'op.undoneWhat': 'Undone: {what}.',
  'op.redoneWhat': 'Redone: {what}.',
  'op.addCancelled': '{title} not added.',

  'what.added': 'adding {title} to {slot}',
  'what.moved': 'moving {title} to {slot}',
  'what.updated': 'changing {title}',
  'what.duplicated': 'duplicating {title}',
  'what.removed': 'removing {title}',
  'what.layout': 'changing the layout to {layout}',
  'what.reverted': 'discarding the unsaved changes',
  'what.reapplied': 're-applying your changes',
  'op.reverted': 'Unsaved changes discarded. Undo brings them back.',
  'op.conflict':
    'Someone else saved this page while you were editing. Their version is shown; your changes are kept and can be re-applied.',
  'op.pendingDiscarded': 'Your kept changes are discarded.',

  'kb.pickedUp':
    'Picked up {title}, position {position} of {count} in {slot}. Arrow keys move it, Space drops it, Escape cancels.',
  'kb.moved': '{title} moved to position {position} of {count} in {slot}.',
  'kb.skipped': 'Skipped {slot}: {reason}',
  'kb.cannotMove': '{title} cannot move further in that direction.',
  'kb.dropped': '{title} dropped at position {position} of {count} in {slot}.',
  'kb.cancelled': 'Move cancelled. {title} is back at position {position} of {count} in {slot}.',

  'drop.refused': 'Cannot drop here: {reason}',

  'save.saving': 'Saving…',
  'save.saved': 'Saved.',
  'save.nothing': 'There are no changes to save.',
  'save.invalid': 'The server refused the arrangement: {error}',
  'save.forbidden': 'You are not allowed to change this page (any more). Your changes are not saved.',
  'save.failed': 'Saving failed ({status}). Your changes are kept; try again.',
  'save.offline': 'The server cannot be reached. Your changes are kept; try again.',
  'save.busy': 'The site was too busy to save your changes. They are kept; try again.',

  'conflict.reapply': 'Re-apply my changes',
  'conflict.reload': 'Reload the page',
  'conflict.discard': 'Discard my changes',
  'conflict.restored':
    'You have changes kept from before the page was reloaded. Re-apply them on top of the newest version, or discard them.',

  'merge.reapplied': 'Your {count} changes were re-applied on top of {version}. Check, then save.',
  'merge.reappliedOne': 'Your change was re-applied on top of {version}. Check, then save.',
  'merge.versionOf': "{name}'s version",
  'merge.newerVersion': 'the newer version',
  'merge.clashes': 'Some of your changes clash with {version}, on: {titles}. Choose for each what to keep.',
  'merge.title': 'Clashing changes',
  'merge.intro':
    'You and the other editor changed the same widgets. For each, choose which version to keep, then apply your choices. Nothing is stored until you save.',
  'merge.apply': 'Apply my choices',
  'merge.unresolved': 'Choose what to keep for: {titles}.',
  'merge.kept': 'Of the clashing widgets, your version is kept for {mine} and theirs for {theirs}.',
  'merge.chosen': '{name}: {choice}',
  'clash.layoutName': 'Layout',
  'clash.settings': 'You both changed its settings.',
  'clash.moved': 'You moved it to {mine}; they moved it to {theirs}.',
  'clash.settingsMoved': 'You both changed its settings and moved it: you to {mine}, they to {theirs}.',
  'clash.removedChanged': 'You removed it; they changed it.',
  'clash.changedRemoved': 'You changed it; they removed it.',
  'clash.layout': 'You chose the layout {mine}; they chose {theirs}.',
  'clash.mine.settings': 'Keep mine: {title} with your settings',
  'clash.theirs.settings': 'Keep theirs: {title} with their settings',
  'clash.mine.moved': 'Keep mine: {title} in {slot}, where you put it',
  'clash.theirs.moved': 'Keep theirs: {title} in {slot}, where they put it',
  'clash.mine.settingsMoved': 'Keep mine: {title} with your settings, in {slot}',
  'clash.theirs.settingsMoved': 'Keep theirs: {title} with their settings, in {slot}',
  'clash.mine.removedChanged': 'Keep mine: remove {title}',
  'clash.theirs.removedChanged': 'Keep theirs: keep {title} with their changes',
  'clash.mine.changedRemoved': 'Keep mine: bring {title} back with your changes',
  'clash.theirs.changedRemoved': 'Keep theirs: leave {title} removed',
  'clash.mine.layout': 'Keep mine: the layout {layout}',
  'clash.theirs.layout': 'Keep theirs: the layout {layout}',

  'unload.warning': 'You have unsaved changes on this page.',
  'cancel.confirm': 'Discard your unsaved changes and leave design mode?',

  'action.edit': 'Edit',
  'action.duplicate': 'Duplicate',
  'action.remove': 'Remove',
  'card.edit': 'Edit {title}',
  'card.duplicate': 'Duplicate {title}',
  'card.remove': 'Remove {title}',
  'card.label': '{type}: {title}',
  'card.numbered': '{title} ({number})',
  'slot.target': 'New widgets go to {slot}.',

  'settings.title': 'Settings of {title}',
  'settings.close': 'Close without applying',

  'lock.held':
    '{name} has been designing this page since {time}. You can try things out, but saving waits until they leave or you take over.',
  'lock.heldWait':
    '{name} has been designing this page since {time}. You can try things out, but saving waits until they leave.',
  'lock.lost':
    '{name} took over this page at {time}: it is no longer yours to save. Your changes stay here; take over again to save them.',
  'lock.lostWait':
    '{name} has locked this page since {time}: it is no longer yours to save. Your changes stay here; saving waits until they leave.',
  'lock.takeOver': 'Take over',
  'lock.yours': 'You are designing this page now: saving is possible.',
  'lock.failed': 'Taking over failed ({status}).',
  'lock.saveBlocked': 'Someone else is designing this page: take over before saving.',

  'history.loading': 'Loading the history…',
  'history.empty': 'No revision is saved yet.',
  'history.failed': 'The history cannot be loaded ({status}).',
  'history.revision': 'Revision {number}',
  'history.current': 'Current',
  'history.restore': 'Restore',
  'history.restoreLabel': 'Restore revision {number}',
  'history.blocked': 'Save or discard your changes first: restoring and importing replace the whole arrangement.',
  'history.restoring': 'Restoring revision {number}…',
  'history.restored': 'Revision {number} is restored: it is the current arrangement now.',
  'history.restoreFailed': 'Restoring revision {number} failed: {error}',
  'history.stale':
    'Someone else saved this page meanwhile. Their version is shown and the history is up to date; try again if you still want to.',

  'import.notJson': '{file} is not an exported arrangement: it is not valid JSON.',
  'import.importing': 'Importing {file}…',
  'import.done': 'The arrangement of {file} is imported.',
  'import.failed': 'Importing {file} failed: {error}',
  'export.failed': 'Exporting failed: {error}',
});

/**
 * Turn a message object into text.
 * @param {Record<string,string>} messages translated messages (may be partial)
 * @param {{key: string, params?: object}|string} message
 * @returns {string}
 */
export function translate(messages, message) {
  if (typeof message === 'string') return message;
  if (!message || typeof message.key !== 'string') return '';
  const template =
    (messages && Object.prototype.hasOwnProperty.call(messages, message.key) && messages[message.key]) ||
    DEFAULT_MESSAGES[message.key] ||
    message.key;
  const params = message.params || {};
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (value && typeof value === 'object') return translate(messages, value);
    return String(value);
  });
}

/**
 * Translate a list of message objects into one sentence sequence.
 * @returns {string}
 */
export function translateAll(messages, list) {
  return (list || []).map((m) => translate(messages, m)).filter(Boolean).join(' ');
}

/**
 * A point in time (ISO 8601) as the page's language writes it, or "?".
 * @param {string|null} iso
 * @param {Document} document its ``<html lang>`` gives the language
 * @returns {string}
 */
export function formatTime(iso, document) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '?';
  const lang = (document && document.documentElement.lang) || undefined;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}
