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

  'op.added': '{title} added to {slot}.',
  'op.moved': '{title} moved to position {position} of {count} in {slot}.',
  'op.unchanged': '{title} stays at position {position} of {count} in {slot}.',
  'op.updated': '{title} changed.',
  'op.duplicated': 'Copy of {title} added after it in {slot}.',
  'op.removed': '{title} removed. Undo brings it back.',
  'op.layoutSwitched':
    'Layout changed to {layout}. Widgets moved to the unplaced tray: {unplaced}. Widgets restored from it: {restored}.',
  'op.undone': 'Undone.',
  'op.redone': 'Redone.',
  'op.reverted': 'Unsaved changes discarded. Undo brings them back.',
  'op.conflict':
    'Someone else saved this page while you were editing. Their version is shown; your changes are kept and can be re-applied.',
  'op.reapplied': 'Your changes are re-applied on top of the newer version. Save to keep them.',
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

  'conflict.reapply': 'Re-apply my changes',
  'conflict.reload': 'Reload the page',
  'conflict.discard': 'Discard my changes',
  'conflict.restored':
    'You have changes kept from before the page was reloaded. Re-apply them on top of the newest version, or discard them.',

  'unload.warning': 'You have unsaved changes on this page.',
  'cancel.confirm': 'Discard your unsaved changes and leave design mode?',

  'action.edit': 'Edit',
  'action.duplicate': 'Duplicate',
  'action.remove': 'Remove',
  'card.edit': 'Edit {title}',
  'card.duplicate': 'Duplicate {title}',
  'card.remove': 'Remove {title}',
  'card.label': '{type}: {title}',

  'settings.title': 'Settings of {title}',
  'settings.close': 'Close without applying',

  'lock.held':
    '{name} has been designing this page since {time}. You can try things out, but saving waits until they leave or you take over.',
  'lock.heldWait':
    '{name} has been designing this page since {time}. You can try things out, but saving waits until they leave.',
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
