// The editor's state model: the arrangement being edited, its constraints,
// undo/redo, layout switching, saving and the conflict flow, and the keyboard
// pick-up/move/drop model. Plain data, no DOM: the DOM layer (editor.js)
// projects it and calls its operations.
//
// Every operation returns a result object:
//   {ok: true, messages: [{key, params}], ...}
//   {ok: false, reason: 'slot-full' | ..., messages: [{key, params}]}
// A refused operation never changes the state.

import { LAYOUT_CLASH, MINE, THEIRS, UNPLACED, merge, widgetKey } from './merge.js';

export { LAYOUT_CLASH, MINE, THEIRS, UNPLACED, widgetKey };

const DIRECTIONS = ['up', 'down', 'left', 'right'];

function freezeWidget(widget) {
  const copy = {
    id: String(widget.id),
    type: String(widget.type),
    settings: deepCopy(widget.settings || {}),
  };
  if (widget.title != null && widget.title !== '') copy.title = String(widget.title);
  if (widget.slot != null && widget.slot !== '') copy.slot = String(widget.slot);
  return Object.freeze(copy);
}

function deepCopy(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function cloneSnapshot(snapshot) {
  const slots = {};
  for (const name of Object.keys(snapshot.slots)) slots[name] = snapshot.slots[name].slice();
  return { layout: snapshot.layout, slots, unplaced: snapshot.unplaced.slice() };
}

function widgetData(widget, withSlot, withTitle) {
  const data = { id: widget.id, type: widget.type, settings: deepCopy(widget.settings) };
  if (withSlot && widget.slot) data.slot = widget.slot;
  if (withTitle && widget.title) data.title = widget.title;
  return data;
}

function withoutSlot(widget) {
  if (!('slot' in widget)) return widget;
  const { slot, ...rest } = widget; // eslint-disable-line no-unused-vars
  return Object.freeze(rest);
}

function randomId() {
  const cryptoObject = globalThis.crypto;
  if (cryptoObject && typeof cryptoObject.randomUUID === 'function') {
    return cryptoObject.randomUUID().replace(/-/g, '');
  }
  let id = '';
  for (let i = 0; i < 32; i += 1) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

function refusal(reason, key, params) {
  return { ok: false, reason, messages: [{ key, params: params || {} }] };
}

function success(key, params, extra) {
  return { ok: true, messages: key ? [{ key, params: params || {} }] : [], ...extra };
}

export class EditorState {
  /**
   * @param {object} options
   * @param {object} options.arrangement `{layout, version, slots, unplaced}` as the REST service gives it
   * @param {Array} options.layouts layout descriptions `{name, title?, slots: [{name, title, allowed, max}]}`
   * @param {Array} options.widgetTypes `[{name, title, icon, restricted}]`; ``restricted`` says
   *   why the user may not edit or duplicate widgets of the type (empty when they may)
   * @param {() => string} [options.newId] id factory for new and duplicated widgets
   */
  constructor({ arrangement, layouts, widgetTypes, newId } = {}) {
    this.layouts = new Map();
    for (const layout of layouts || []) this.layouts.set(layout.name, layout);
    this.widgetTypes = new Map();
    for (const type of widgetTypes || []) this.widgetTypes.set(type.name, type);
    this.newId = newId || randomId;
    this.listeners = new Set();
    this.pending = null;
    // After "Re-apply": the clashes the user must choose for, and who saved
    // the version the kept changes are re-applied on.
    this.clashes = null;
    this.other = null;
    this.grab = null;
    // What made each snapshot (a ``what.*`` message), for "Undone: …".
    this.causes = new WeakMap();
    // The widgets the operation that made a snapshot moved, for re-applying
    // after a conflict (where the order alone cannot tell which one moved).
    this.moved = new WeakMap();
    // The last widget added from the palette, until something else happens.
    this.lastAdd = null;
    this._load(arrangement || {});
  }

  // --- reading -------------------------------------------------------------

  /** @returns {object} the description of the current layout */
  get layout() {
    return this._layout(this.current.layout, this.current.slots);
  }

  get layoutName() {
    return this.current.layout;
  }

  /** The version token the arrangement was read at. */
  get version() {
    return this._version;
  }

  /** True when the arrangement differs from the one last saved or loaded. */
  get dirty() {
    return serialize(this.current) !== serialize(this.baseline);
  }

  get canUndo() {
    return this.past.length > 0;
  }

  get canRedo() {
    return this.future.length > 0;
  }

  /** @returns {string[]} the slot names of the current layout, in order */
  slotNames() {
    return this.layout.slots.map((slot) => slot.name);
  }

  /** @returns {object|null} the slot description of the current layout */
  slot(name) {
    return this.layout.slots.find((slot) => slot.name === name) || null;
  }

  /** @returns {ReadonlyArray<object>} the widgets of a slot (or UNPLACED), in order */
  widgets(slotName) {
    if (slotName === UNPLACED) return this.current.unplaced.slice();
    return (this.current.slots[slotName] || []).slice();
  }

  /** @returns {{widget, slot: string, index: number}|null} where a widget is */
  find(id) {
    for (const name of Object.keys(this.current.slots)) {
      const index = this.current.slots[name].findIndex((widget) => widget.id === id);
      if (index >= 0) return { widget: this.current.slots[name][index], slot: name, index };
    }
    const index = this.current.unplaced.findIndex((widget) => widget.id === id);
    if (index >= 0) return { widget: this.current.unplaced[index], slot: UNPLACED, index };
    return null;
  }

  widgetType(name) {
    return this.widgetTypes.get(name) || null;
  }

  /** @returns {string} the title shown for a widget: its own, or its type's */
  widgetTitle(widget) {
    if (widget.title) return widget.title;
    const type = this.widgetType(widget.type);
    return type ? type.title || type.name : widget.type;
  }

  typeTitle(name) {
    const type = this.widgetType(name);
    return type ? type.title || type.name : name;
  }

  /** @returns {string|{key}} a slot's title for messages (the tray's is a message) */
  slotLabel(name) {
    if (name === UNPLACED) return { key: 'tray.title' };
    const slot = this.slot(name);
    return slot ? slot.title || slot.name : name;
  }

  /**
   * Why a slot would refuse a widget of ``type``, or null when it accepts it.
   * @param {string} type widget type name
   * @param {string} slotName a slot of the current layout, or UNPLACED
   * @param {string} [movingId] a widget already counted in the slot (a move within it)
   * @returns {object|null} a refusal result
   */
  refusal(type, slotName, movingId) {
    if (slotName === UNPLACED) {
      // The tray holds what the layout has no place for (as the server sees
      // it): a widget may be reordered there or taken out, not put in.
      if (movingId != null && this.current.unplaced.some((widget) => widget.id === movingId)) return null;
      return refusal('tray-only', 'refused.trayOnly', { slot: this.slotLabel(UNPLACED) });
    }
    const slot = this.slot(slotName);
    if (!slot) return refusal('unknown-slot', 'refused.unknownSlot', { slot: slotName });
    if (Array.isArray(slot.allowed) && !slot.allowed.includes(type)) {
      return refusal('not-allowed', 'refused.notAllowed', {
        type: this.typeTitle(type),
        slot: this.slotLabel(slotName),
      });
    }
    if (slot.max != null) {
      const count = (this.current.slots[slotName] || []).filter((widget) => widget.id !== movingId).length;
      if (count >= slot.max) {
        return refusal('slot-full', 'refused.slotFull', { slot: this.slotLabel(slotName), max: slot.max });
      }
    }
    return null;
  }

  /**
   * Why the user may not edit or duplicate widgets of ``type`` (the server
   * says so in the type's ``restricted``), or null when they may.
   * @returns {object|null} a refusal result
   */
  restricted(type) {
    const known = this.widgetType(type);
    if (!known || !known.restricted) return null;
    return refusal('restricted', 'refused.restricted', { type: this.typeTitle(type) });
  }

  /** @returns {{title, slot, position, count}} message params for a widget's place */
  placeParams(id) {
    const place = this.find(id);
    return {
      title: this.widgetTitle(place.widget),
      slot: this.slotLabel(place.slot),
      position: place.index + 1,
      count: this.widgets(place.slot).length,
    };
  }

  // --- listening -------------------------------------------------------------

  /**
   * Call ``listener(state)`` after every change.
   * @returns {() => void} unsubscribes
   */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  _notify() {
    for (const listener of this.listeners) listener(this);
  }

  // --- operations ----------------------------------------------------------

  /**
   * Add a new widget from the palette.
   * @param {string} type widget type name
   * @param {string} [slotName] target slot; the first slot accepting it when omitted
   * @param {number} [index] position in the slot; the end when omitted
   * @param {object} [settings]
   */
  add(type, slotName, index, settings) {
    this._dropGrab();
    if (!this.widgetTypes.has(type)) return refusal('unknown-type', 'refused.unknownType', { type });
    let target = slotName;
    if (target == null) {
      target = this.slotNames().find((name) => !this.refusal(type, name));
      if (target == null) return refusal('no-slot', 'refused.noSlot', { type: this.typeTitle(type) });
    }
    const refused = this.refusal(type, target);
    if (refused) return refused;
    const widget = freezeWidget({ id: this.newId(), type, settings: settings || {} });
    const next = cloneSnapshot(this.current);
    insert(listOf(next, target), widget, index);
    const future = this.future;
    this._commit(next, this._what('added', widget, this.slotLabel(target)));
    this.lastAdd = { id: widget.id, snapshot: this.current, future };
    return success('op.added', { title: this.widgetTitle(widget), slot: this.slotLabel(target) }, { id: widget.id });
  }

  /**
   * Move a widget within its slot, to another slot, or to/from the tray.
   * @param {string} id
   * @param {string} slotName target slot or UNPLACED
   * @param {number} [index] its position in the target after the move; the end when omitted
   */
  move(id, slotName, index) {
    this._dropGrab();
    const result = this._move(id, slotName, index);
    if (!result.ok) return result;
    if (!result.next) return success('op.unchanged', this.placeParams(id), { changed: false });
    this._commit(result.next, this._what('moved', this.find(id).widget, this.slotLabel(slotName)));
    this.moved.set(this.current, [id]);
    return success('op.moved', this.placeParams(id), { changed: true });
  }

  _move(id, slotName, index) {
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    const refused = this.refusal(place.widget.type, slotName, id);
    if (refused) return refused;
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot).splice(place.index, 1);
    // A widget taken out of the tray belongs to the slot it is put in.
    const widget = slotName === UNPLACED ? place.widget : withoutSlot(place.widget);
    insert(listOf(next, slotName), widget, index);
    if (serialize(next) === serialize(this.current)) return { ok: true, next: null };
    return { ok: true, next };
  }

  /**
   * Change a widget's settings (already validated by the server's form).
   * @param {string} id
   * @param {object} settings
   * @param {{title?: string}} [extra] a new display title
   */
  updateSettings(id, settings, extra = {}) {
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    const changed = { ...place.widget, settings: settings || {} };
    if (extra.title !== undefined) changed.title = extra.title;
    const widget = freezeWidget(changed);
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot)[place.index] = widget;
    const same = JSON.stringify(widget) === JSON.stringify(place.widget);
    if (!same) this._commit(next, this._what('updated', widget));
    return success('op.updated', { title: this.widgetTitle(widget) }, { changed: !same });
  }

  /** Copy a widget (new id, same settings) and place the copy right after it. */
  duplicate(id) {
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    const restricted = this.restricted(place.widget.type);
    if (restricted) return restricted;
    // A copy in the tray waits there beside its original, for the same slot.
    const refused = place.slot === UNPLACED ? null : this.refusal(place.widget.type, place.slot);
    if (refused) return refused;
    const copy = freezeWidget({ ...place.widget, id: this.newId() });
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot).splice(place.index + 1, 0, copy);
    this._commit(next, this._what('duplicated', place.widget));
    return success(
      'op.duplicated',
      { title: this.widgetTitle(place.widget), slot: this.slotLabel(place.slot) },
      { id: copy.id, original: id },
    );
  }

  /** Remove a widget (undo brings it back). */
  remove(id) {
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot).splice(place.index, 1);
    this._commit(next, this._what('removed', place.widget));
    return success('op.removed', { title: this.widgetTitle(place.widget) }, { id });
  }

  /**
   * Switch to another layout. Widgets whose slot the new layout lacks, or that
   * its slot refuses, go to the tray remembering their slot; widgets in the tray
   * whose slot the new layout has come back to it.
   */
  switchLayout(name) {
    this._dropGrab();
    const layout = this.layouts.get(name);
    if (!layout) return refusal('unknown-layout', 'refused.unknownLayout', { layout: name });
    if (name === this.current.layout) {
      return refusal('same-layout', 'refused.sameLayout', { layout: layout.title || name });
    }
    const next = arrange(layout, this._placedInOrder(), this.current.unplaced);
    this._commit(next.snapshot, { key: 'what.layout', params: { layout: layout.title || name } });
    // Counts are said only when something moved: "0 widgets moved" is noise.
    const messages = [{ key: 'op.layoutSwitched', params: { layout: layout.title || name } }];
    if (next.displaced) messages.push({ key: 'op.layoutDisplaced', params: { count: next.displaced } });
    if (next.restored) messages.push({ key: 'op.layoutRestored', params: { count: next.restored } });
    return { ok: true, messages, displaced: next.displaced, restored: next.restored };
  }

  _placedInOrder() {
    const placed = [];
    for (const slotName of Object.keys(this.current.slots)) {
      for (const widget of this.current.slots[slotName]) placed.push({ widget, slot: slotName });
    }
    return placed;
  }

  /** Go back to the arrangement last saved or loaded (undo brings the changes back). */
  revert() {
    this._dropGrab();
    if (!this.dirty) return success(null, null, { changed: false });
    this._commit(cloneSnapshot(this.baseline), { key: 'what.reverted', params: {} });
    return success('op.reverted', {}, { changed: true });
  }

  /** Take back the last change; the message says which (``op.undoneWhat``). */
  undo() {
    this._dropGrab();
    if (!this.past.length) return refusal('nothing-to-undo', 'refused.nothingToUndo');
    const cause = this.causes.get(this.current);
    this.future.push(this.current);
    this.current = this.past.pop();
    this._notify();
    return cause ? success('op.undoneWhat', { what: cause }) : success('op.undone');
  }

  /** Make the last undone change again; the message says which (``op.redoneWhat``). */
  redo() {
    this._dropGrab();
    if (!this.future.length) return refusal('nothing-to-redo', 'refused.nothingToRedo');
    this.past.push(this.current);
    this.current = this.future.pop();
    this._notify();
    const cause = this.causes.get(this.current);
    return cause ? success('op.redoneWhat', { what: cause }) : success('op.redone');
  }

  /**
   * Take back the add of a new widget whose settings were never applied (its
   * dialog was closed): as if it had not been added, so Redo does not bring an
   * unconfigured widget back and redoes what it could redo before. Should
   * something have changed since the add, the widget is removed instead.
   * @param {string} id the new widget
   */
  discardNew(id) {
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    const title = this.widgetTitle(place.widget);
    const added = this.lastAdd;
    if (added && added.id === id && added.snapshot === this.current && this.past.length) {
      this.current = this.past.pop();
      this.future = added.future;
      this.lastAdd = null;
      this._notify();
    } else {
      const next = cloneSnapshot(this.current);
      listOf(next, place.slot).splice(place.index, 1);
      this._commit(next, this._what('removed', place.widget));
    }
    return success('op.addCancelled', { title });
  }

  // What an operation did to a widget, said after "Undone:" or "Redone:".
  _what(kind, widget, slot) {
    const params = { title: this.widgetTitle(widget) };
    if (slot !== undefined) params.slot = slot;
    return { key: `what.${kind}`, params };
  }

  _commit(next, cause) {
    this.past.push(this.current);
    this.future = [];
    this.lastAdd = null;
    this.current = settle(this._layout(next.layout, next.slots), next);
    if (cause) this.causes.set(this.current, cause);
    this._notify();
  }

  // --- saving and conflicts --------------------------------------------------

  /**
   * The body of the PATCH request: the whole arrangement and the version it was read at.
   * @returns {{version, layout, slots, unplaced}}
   */
  toPatch() {
    // A move still in progress is not part of what is saved.
    const data = toData(this.grab ? this.grab.origin : this.current);
    return { version: this._version, ...data };
  }

  /**
   * The save succeeded: what is shown is now the saved arrangement.
   * @param {string} version the new version token from the server
   */
  markSaved(version) {
    this._dropGrab();
    this.baseline = this.current;
    this._version = String(version);
    this.past = [];
    this.future = [];
    this._notify();
    return success('save.saved');
  }

  /**
   * The save got a 409: load the server's newer arrangement and keep the
   * user's (with what it was based on) so it can be re-applied.
   * @param {object} serverArrangement the arrangement the REST service gives now
   */
  conflict(serverArrangement) {
    this._dropGrab();
    const kept = this.pending && !this.dirty;
    const mine = kept ? this.pending.mine : this.current;
    const base = kept ? this.pending.base : this.baseline;
    const moved = kept ? this.pending.moved : this._movedSinceBaseline();
    this.pending = { mine: cloneSnapshot(mine), base: cloneSnapshot(base), moved };
    this.clashes = null;
    this._load(serverArrangement);
    this._notify();
    return success('op.conflict');
  }

  _movedSinceBaseline() {
    const ids = new Set();
    for (const snapshot of [...this.past, this.current]) for (const id of this.moved.get(snapshot) || []) ids.add(id);
    return [...ids];
  }

  /** @returns {boolean} whether the user's version from a conflict is kept */
  get hasPending() {
    return this.pending !== null;
  }

  /** @returns {boolean} whether re-applying waits for the user's choice on clashes */
  get hasClashes() {
    return this.clashes !== null;
  }

  /**
   * Replay the user's kept changes (what they changed since the version they
   * started from) on the arrangement shown now, which keeps its newer version
   * token: what someone else saved meanwhile stays. Where the user changed
   * the same widget too (or both switched layout), nothing changes yet:
   * ``clashes`` lists, per widget, what clashed and what keeping either side
   * means, and ``resolve`` takes the user's choices. Undo goes back to the
   * arrangement shown before.
   * @param {{other?: string}} [options] ``other``: who saved the newer version
   * @returns {object} a result; ``clashes`` (the same as ``this.clashes``)
   *   when the user must choose first, else ``applied``: the changes re-applied
   */
  reapply({ other } = {}) {
    this._dropGrab();
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    this.other = other || null;
    const merged = this._merge({});
    if (!merged.clashes.length) return this._applyMerge(merged);
    this.clashes = merged.clashes.map((clash) => this._describeClash(clash));
    this._notify();
    return success(
      'merge.clashes',
      { version: this._otherVersion(), titles: this.clashes.map((clash) => clash.name).join(', ') },
      { clashes: this.clashes },
    );
  }

  /**
   * Re-apply the kept changes with the user's choice for every clash.
   * @param {Record<string, 'mine'|'theirs'>} choices by clash id
   * @returns {object} a result; refused (``unresolved``) while a clash has no choice
   */
  resolve(choices) {
    this._dropGrab();
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    const merged = this._merge(choices || {});
    if (merged.unresolved.length) {
      // The arrangement may have changed since: ask about the clashes as they are now.
      this.clashes = merged.clashes.map((clash) => this._describeClash(clash));
      const names = this.clashes.filter((clash) => merged.unresolved.includes(clash.id)).map((clash) => clash.name);
      this._notify();
      return { ...refusal('unresolved', 'merge.unresolved', { titles: names.join(', ') }), unresolved: merged.unresolved };
    }
    const kept = { mine: 0, theirs: 0 };
    for (const clash of merged.clashes) kept[choices[clash.id] === MINE ? 'mine' : 'theirs'] += 1;
    const result = this._applyMerge(merged);
    if (merged.clashes.length) result.messages.push({ key: 'merge.kept', params: kept });
    return { ...result, kept };
  }

  _merge(choices) {
    const { mine, base, moved } = this.pending;
    return merge({ base, mine, theirs: this.current, moved }, choices);
  }

  _applyMerge(merged) {
    const slots = {};
    for (const { slot } of merged.placed) slots[slot] = [];
    const layout = this._layout(merged.layout, slots);
    const placed = merged.placed.map(({ widget, slot }) => ({ widget: freezeWidget(widget), slot }));
    const { snapshot } = arrange(layout, placed, merged.unplaced.map(freezeWidget));
    const version = this._otherVersion();
    this.pending = null;
    this.clashes = null;
    this._commit(snapshot, { key: 'what.reapplied', params: {} });
    this.moved.set(this.current, merged.moved);
    const key = merged.applied === 1 ? 'merge.reappliedOne' : 'merge.reapplied';
    return success(key, { count: merged.applied, version }, { applied: merged.applied, changes: merged.changes });
  }

  _otherVersion() {
    return this.other ? { key: 'merge.versionOf', params: { name: this.other } } : { key: 'merge.newerVersion' };
  }

  // A clash as the user is asked about it: the widget's name, what happened,
  // and what keeping either side means (all as messages).
  _describeClash(clash) {
    if (clash.id === LAYOUT_CLASH) {
      const title = (name) => (this.layouts.get(name) || {}).title || name;
      return {
        id: clash.id,
        kind: 'layout',
        name: { key: 'clash.layoutName' },
        description: { key: 'clash.layout', params: { mine: title(clash.mine), theirs: title(clash.theirs) } },
        mine: { key: 'clash.mine.layout', params: { layout: title(clash.mine) } },
        theirs: { key: 'clash.theirs.layout', params: { layout: title(clash.theirs) } },
      };
    }
    const kind = clash.kinds.length > 1 ? 'settingsMoved' : clash.kinds[0];
    const named = clash.base || clash.mine || clash.theirs;
    const side = (which, snapshot) => {
      const widget = clash[which];
      if (!widget) return { title: this.widgetTitle(named) };
      return { title: this.widgetTitle(widget), slot: this._slotTitle(snapshot, widget.id) };
    };
    const mine = side('mine', this.pending.mine);
    const theirs = side('theirs', this.current);
    return {
      id: clash.id,
      kind,
      name: this.widgetTitle(named),
      description: { key: `clash.${kind}`, params: { mine: mine.slot, theirs: theirs.slot } },
      mine: { key: `clash.mine.${kind}`, params: mine },
      theirs: { key: `clash.theirs.${kind}`, params: theirs },
    };
  }

  // The title of the slot a widget is in (or remembers, in the tray).
  _slotTitle(snapshot, id) {
    let slot = null;
    for (const name of Object.keys(snapshot.slots)) {
      if (snapshot.slots[name].some((widget) => widget.id === id)) slot = name;
    }
    if (slot === null) {
      const waiting = snapshot.unplaced.find((widget) => widget.id === id);
      if (!waiting || !waiting.slot) return { key: 'tray.title' };
      slot = waiting.slot;
    }
    const layout = this.layouts.get(snapshot.layout);
    const found = layout && layout.slots.find((s) => s.name === slot);
    return found ? found.title || slot : slot;
  }

  /** Forget the user's kept arrangement. */
  discardPending() {
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    this.pending = null;
    this.clashes = null;
    this._notify();
    return success('op.pendingDiscarded');
  }

  /** @returns {object|null} the kept arrangement as JSON-able data (to survive a reload) */
  exportPending() {
    if (!this.pending) return null;
    // With the titles, to name widgets that clash after a reload.
    return {
      mine: toData(this.pending.mine, true),
      base: toData(this.pending.base, true),
      moved: this.pending.moved.slice(),
    };
  }

  /** Take back what ``exportPending`` gave (after a reload). */
  importPending(data) {
    if (!data || !data.mine || !data.base) return refusal('no-pending', 'refused.noPending');
    const moved = Array.isArray(data.moved) ? data.moved.map(String) : [];
    this.pending = { mine: snapshotOf(data.mine), base: snapshotOf(data.base), moved };
    this.clashes = null;
    this._notify();
    return success('conflict.restored');
  }

  // --- titles -----------------------------------------------------------------

  /**
   * Take the titles the server gave widgets along with their cards. A widget
   * takes its title only while it has the type and settings the title was
   * found for, wherever it is kept (undo, redo, a conflict's arrangements).
   * Titles are not saved: this is no undo step and leaves ``dirty`` alone.
   * @param {Array<{id: string, type: string, settings: object, title: string}>} named
   * @returns {{ok: true, messages: [], changed: number}} ``changed``: widgets retitled
   */
  setTitles(named) {
    const titles = new Map();
    for (const widget of named || []) {
      if (widget && widget.title) titles.set(String(widget.id), { key: widgetKey(widget), title: String(widget.title) });
    }
    const lists = new Set();
    for (const snapshot of this._snapshots()) {
      for (const list of Object.values(snapshot.slots)) lists.add(list);
      lists.add(snapshot.unplaced);
    }
    let changed = 0;
    for (const list of lists) {
      list.forEach((widget, index) => {
        const found = titles.get(widget.id);
        if (!found || widget.title === found.title || widgetKey(widget) !== found.key) return;
        list[index] = Object.freeze({ ...widget, title: found.title });
        changed += 1;
      });
    }
    // The clashes asked about name the widgets by their titles too.
    if (changed && this.clashes) this.clashes = this._merge({}).clashes.map((clash) => this._describeClash(clash));
    if (changed) this._notify();
    return success(null, null, { changed });
  }

  /**
   * The title known for a widget with these type and settings, from any
   * arrangement the editor keeps (shown, saved, undo, redo, a conflict's).
   * @param {{id: string, type: string, settings: object}} widget
   * @returns {string|null}
   */
  knownTitle(widget) {
    const key = widgetKey(widget);
    for (const snapshot of this._snapshots()) {
      for (const list of [...Object.values(snapshot.slots), snapshot.unplaced]) {
        const found = list.find((other) => other.id === String(widget.id) && other.title);
        if (found && widgetKey(found) === key) return found.title;
      }
    }
    return null;
  }

  _snapshots() {
    const snapshots = new Set([this.current, this.baseline, ...this.past, ...this.future]);
    if (this.grab) snapshots.add(this.grab.origin);
    if (this.pending) snapshots.add(this.pending.mine).add(this.pending.base);
    return snapshots;
  }

  // --- keyboard model --------------------------------------------------------

  /** @returns {string|null} the id of the picked-up widget */
  get grabbed() {
    return this.grab ? this.grab.id : null;
  }

  /** Pick a widget up for moving with the keyboard. */
  pickUp(id) {
    if (this.grab) return refusal('already-grabbed', 'refused.alreadyGrabbed');
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    this.grab = { id, origin: this.current };
    this._notify();
    return success('kb.pickedUp', this.placeParams(id));
  }

  /**
   * Move the picked-up widget one step. Up/down move within the slot and past
   * its ends into the previous/next slot; left/right go to the previous/next
   * slot. The tray comes after the last slot. Slots that refuse the widget are
   * skipped, and each skip is announced with its reason.
   * @param {'up'|'down'|'left'|'right'} direction
   */
  moveGrabbed(direction) {
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    if (!DIRECTIONS.includes(direction)) {
      return refusal('unknown-direction', 'refused.unknownDirection', { direction });
    }
    const id = this.grab.id;
    const place = this.find(id);
    const length = this.widgets(place.slot).length;
    if (direction === 'up' && place.index > 0) return this._stepTo(id, place.slot, place.index - 1, []);
    if (direction === 'down' && place.index < length - 1) {
      return this._stepTo(id, place.slot, place.index + 1, []);
    }
    const containers = [...this.slotNames(), UNPLACED];
    const step = direction === 'up' || direction === 'left' ? -1 : 1;
    const skipped = [];
    for (let i = containers.indexOf(place.slot) + step; i >= 0 && i < containers.length; i += step) {
      const name = containers[i];
      const refused = this.refusal(place.widget.type, name, id);
      if (refused) {
        skipped.push({ key: 'kb.skipped', params: { slot: this.slotLabel(name), reason: refused.messages[0] } });
        continue;
      }
      const size = this.widgets(name).length;
      let index;
      if (direction === 'up') index = size;
      else if (direction === 'down') index = 0;
      else index = Math.min(place.index, size);
      return this._stepTo(id, name, index, skipped);
    }
    const title = this.widgetTitle(place.widget);
    return {
      ok: false,
      reason: skipped.length ? 'refused' : 'edge',
      messages: [...skipped, { key: 'kb.cannotMove', params: { title } }],
    };
  }

  _stepTo(id, slotName, index, skipped) {
    const result = this._move(id, slotName, index);
    if (!result.ok) return result;
    if (result.next) {
      this.current = result.next;
      this._notify();
    }
    return { ok: true, messages: [...skipped, { key: 'kb.moved', params: this.placeParams(id) }] };
  }

  /** Drop the picked-up widget where it is (one undo step for the whole move). */
  drop() {
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    const { id, origin } = this.grab;
    this.grab = null;
    const changed = serialize(origin) !== serialize(this.current);
    if (changed) {
      this.past.push(origin);
      this.future = [];
      this.lastAdd = null;
      this.current = settle(this.layout, this.current);
      const place = this.find(id);
      this.causes.set(this.current, this._what('moved', place.widget, this.slotLabel(place.slot)));
      this.moved.set(this.current, [id]);
    }
    this._notify();
    return success('kb.dropped', this.placeParams(id), { changed });
  }

  /** Put the picked-up widget back where it was picked up. */
  cancelGrab() {
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    const { id, origin } = this.grab;
    this.grab = null;
    this.current = origin;
    this._notify();
    return success('kb.cancelled', this.placeParams(id));
  }

  // Any other operation ends a keyboard move by putting the widget back, so a
  // half-finished move never becomes part of the history unnoticed.
  _dropGrab() {
    if (this.grab) {
      this.current = this.grab.origin;
      this.grab = null;
    }
  }

  // --- loading ---------------------------------------------------------------

  _load(arrangement) {
    const layoutName = arrangement.layout || (this.layouts.size ? this.layouts.keys().next().value : '');
    const given = arrangement.slots || {};
    const layout = this._layout(layoutName, given);
    const snapshot = { layout: layoutName, slots: {}, unplaced: [] };
    for (const slot of layout.slots) {
      snapshot.slots[slot.name] = (given[slot.name] || []).map((widget) => withoutSlot(freezeWidget(widget)));
    }
    snapshot.unplaced = (arrangement.unplaced || []).map(freezeWidget);
    // Widgets in slots the layout does not know are kept in the tray.
    for (const name of Object.keys(given)) {
      if (snapshot.slots[name]) continue;
      for (const widget of given[name]) snapshot.unplaced.push(freezeWidget({ ...widget, slot: name }));
    }
    this.current = settle(layout, snapshot);
    this.baseline = this.current;
    this._version = arrangement.version == null ? '0' : String(arrangement.version);
    this.past = [];
    this.future = [];
    this.grab = null;
  }

  // A layout the editor was not told about (e.g. the server's after a
  // conflict) is described from the slots it has, without constraints.
  _layout(name, slots) {
    const known = this.layouts.get(name);
    if (known) return known;
    const synthetic = {
      name,
      title: name,
      slots: Object.keys(slots || {}).map((slot) => ({ name: slot, title: slot, allowed: null, max: null })),
    };
    this.layouts.set(name, synthetic);
    return synthetic;
  }
}

function listOf(snapshot, slotName) {
  return slotName === UNPLACED ? snapshot.unplaced : snapshot.slots[slotName];
}

function insert(list, widget, index) {
  const at = index == null ? list.length : Math.max(0, Math.min(index, list.length));
  list.splice(at, 0, widget);
}

function refuses(slot, type, count) {
  if (Array.isArray(slot.allowed) && !slot.allowed.includes(type)) return true;
  return slot.max != null && count >= slot.max;
}

// Like the server, put a tray widget back at the end of its slot as soon as
// the layout has that slot with room for it, so what is shown is what a save
// stores.
function settle(layout, snapshot) {
  if (!snapshot.unplaced.some((widget) => widget.slot)) return snapshot;
  const slotByName = new Map(layout.slots.map((slot) => [slot.name, slot]));
  let next = null;
  for (const widget of snapshot.unplaced) {
    const target = widget.slot ? slotByName.get(widget.slot) : null;
    const slots = next ? next.slots : snapshot.slots;
    if (!target || !slots[widget.slot] || refuses(target, widget.type, slots[widget.slot].length)) continue;
    if (!next) next = cloneSnapshot(snapshot);
    next.unplaced.splice(next.unplaced.indexOf(widget), 1);
    next.slots[widget.slot].push(withoutSlot(widget));
  }
  return next || snapshot;
}

// Place widgets into a layout's slots by slot name, the rest into the tray.
function arrange(layout, placed, unplaced) {
  const snapshot = { layout: layout.name, slots: {}, unplaced: [] };
  for (const slot of layout.slots) snapshot.slots[slot.name] = [];
  const slotByName = new Map(layout.slots.map((slot) => [slot.name, slot]));
  let displaced = 0;
  for (const { widget, slot } of placed) {
    const target = slotByName.get(slot);
    if (target && !refuses(target, widget.type, snapshot.slots[slot].length)) {
      snapshot.slots[slot].push(widget);
    } else {
      displaced += 1;
      snapshot.unplaced.push(freezeWidget({ ...widget, slot }));
    }
  }
  let restored = 0;
  const stillUnplaced = [];
  for (const widget of unplaced) {
    const target = widget.slot ? slotByName.get(widget.slot) : null;
    if (target && !refuses(target, widget.type, snapshot.slots[widget.slot].length)) {
      snapshot.slots[widget.slot].push(withoutSlot(widget));
      restored += 1;
    } else {
      stillUnplaced.push(widget);
    }
  }
  snapshot.unplaced = [...stillUnplaced, ...snapshot.unplaced];
  return { snapshot, displaced, restored };
}

function toData(snapshot, withTitles = false) {
  const slots = {};
  for (const name of Object.keys(snapshot.slots)) {
    slots[name] = snapshot.slots[name].map((widget) => widgetData(widget, false, withTitles));
  }
  return {
    layout: snapshot.layout,
    slots,
    unplaced: snapshot.unplaced.map((widget) => widgetData(widget, true, withTitles)),
  };
}

function snapshotOf(data) {
  const slots = {};
  for (const name of Object.keys(data.slots || {})) {
    slots[name] = data.slots[name].map((widget) => withoutSlot(freezeWidget(widget)));
  }
  return { layout: data.layout, slots, unplaced: (data.unplaced || []).map(freezeWidget) };
}

function serialize(snapshot) {
  return JSON.stringify(toData(snapshot));
}
