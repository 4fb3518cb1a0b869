// The editor's state model: the arrangement being edited, its constraints,
// undo/redo, layout switching, saving and the conflict flow, and the keyboard
// pick-up/move/drop model. Plain data, no DOM: the DOM layer (editor.js)
// projects it and calls its operations.
//
// Every operation returns a result object:
//   {ok: true, messages: [{key, params}], ...}
//   {ok: false, reason: 'slot-full' | ..., messages: [{key, params}]}
// A refused operation never changes the state.

/** Name of the tray of unplaced widgets where a slot name is expected. */
export const UNPLACED = '__unplaced__';

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

function widgetData(widget, withSlot) {
  const data = { id: widget.id, type: widget.type, settings: deepCopy(widget.settings) };
  if (withSlot && widget.slot) data.slot = widget.slot;
  return data;
}

/**
 * What a widget's card body is rendered from: its type and settings (keys in
 * a stable order), as a string to compare.
 * @param {{type: string, settings?: object}} widget
 * @returns {string}
 */
export function widgetKey(widget) {
  return `${widget.type}\n${stableJSON(widget.settings || {})}`;
}

function stableJSON(value) {
  if (Array.isArray(value)) return `[${value.map(stableJSON).join(',')}]`;
  if (value && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((name) => value[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${stableJSON(value[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
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
   * @param {Array} options.widgetTypes `[{name, title, icon}]`
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
    this.grab = null;
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
    this._commit(next);
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
    this._commit(result.next);
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
    if (!same) this._commit(next);
    return success('op.updated', { title: this.widgetTitle(widget) }, { changed: !same });
  }

  /** Copy a widget (new id, same settings) and place the copy right after it. */
  duplicate(id) {
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    // A copy in the tray waits there beside its original, for the same slot.
    const refused = place.slot === UNPLACED ? null : this.refusal(place.widget.type, place.slot);
    if (refused) return refused;
    const copy = freezeWidget({ ...place.widget, id: this.newId() });
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot).splice(place.index + 1, 0, copy);
    this._commit(next);
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
    this._commit(next);
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
    this._commit(next.snapshot);
    return success(
      'op.layoutSwitched',
      { layout: layout.title || name, unplaced: next.displaced, restored: next.restored },
      { displaced: next.displaced, restored: next.restored },
    );
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
    this._commit(cloneSnapshot(this.baseline));
    return success('op.reverted', {}, { changed: true });
  }

  undo() {
    this._dropGrab();
    if (!this.past.length) return refusal('nothing-to-undo', 'refused.nothingToUndo');
    this.future.push(this.current);
    this.current = this.past.pop();
    this._notify();
    return success('op.undone');
  }

  redo() {
    this._dropGrab();
    if (!this.future.length) return refusal('nothing-to-redo', 'refused.nothingToRedo');
    this.past.push(this.current);
    this.current = this.future.pop();
    this._notify();
    return success('op.redone');
  }

  _commit(next) {
    this.past.push(this.current);
    this.future = [];
    this.current = settle(this._layout(next.layout, next.slots), next);
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
    const mine = this.pending && !this.dirty ? this.pending.mine : this.current;
    const base = this.pending && !this.dirty ? this.pending.base : this.baseline;
    this.pending = { mine: cloneSnapshot(mine), base: cloneSnapshot(base) };
    this._load(serverArrangement);
    this._notify();
    return success('op.conflict');
  }

  /** @returns {boolean} whether the user's version from a conflict is kept */
  get hasPending() {
    return this.pending !== null;
  }

  /**
   * Put the user's kept arrangement back on top of the one now loaded (which
   * keeps its newer version token). Widgets someone else added meanwhile are
   * kept too: in their slot when the user's layout has it and accepts them,
   * else in the tray. Undo goes back to the server's arrangement.
   */
  reapply() {
    this._dropGrab();
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    const { mine, base } = this.pending;
    const known = new Set([...idsOf(mine), ...idsOf(base)]);
    const next = cloneSnapshot(mine);
    const layout = this._layout(next.layout, next.slots);
    let added = 0;
    for (const { widget, slot } of placesOf(this.current)) {
      if (known.has(widget.id)) continue;
      added += 1;
      const target = slot === UNPLACED ? null : layout.slots.find((s) => s.name === slot);
      if (target && next.slots[slot] && !refuses(target, widget.type, next.slots[slot].length)) {
        next.slots[slot].push(withoutSlot(widget));
      } else {
        next.unplaced.push(freezeWidget({ ...widget, slot: slot === UNPLACED ? widget.slot : slot }));
      }
    }
    this.pending = null;
    this._commit(next);
    return success('op.reapplied', {}, { added });
  }

  /** Forget the user's kept arrangement. */
  discardPending() {
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    this.pending = null;
    this._notify();
    return success('op.pendingDiscarded');
  }

  /** @returns {object|null} the kept arrangement as JSON-able data (to survive a reload) */
  exportPending() {
    if (!this.pending) return null;
    return { mine: toData(this.pending.mine), base: toData(this.pending.base) };
  }

  /** Take back what ``exportPending`` gave (after a reload). */
  importPending(data) {
    if (!data || !data.mine || !data.base) return refusal('no-pending', 'refused.noPending');
    this.pending = { mine: snapshotOf(data.mine), base: snapshotOf(data.base) };
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
    const snapshots = new Set([this.current, this.baseline, ...this.past, ...this.future]);
    if (this.grab) snapshots.add(this.grab.origin);
    if (this.pending) snapshots.add(this.pending.mine).add(this.pending.base);
    const lists = new Set();
    for (const snapshot of snapshots) {
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
    if (changed) this._notify();
    return success(null, null, { changed });
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
      this.current = settle(this.layout, this.current);
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

function toData(snapshot) {
  const slots = {};
  for (const name of Object.keys(snapshot.slots)) {
    slots[name] = snapshot.slots[name].map((widget) => widgetData(widget, false));
  }
  return {
    layout: snapshot.layout,
    slots,
    unplaced: snapshot.unplaced.map((widget) => widgetData(widget, true)),
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

function idsOf(snapshot) {
  return placesOf(snapshot).map(({ widget }) => widget.id);
}

function placesOf(snapshot) {
  const places = [];
  for (const name of Object.keys(snapshot.slots)) {
    for (const widget of snapshot.slots[name]) places.push({ widget, slot: name });
  }
  for (const widget of snapshot.unplaced) places.push({ widget, slot: UNPLACED });
  return places;
}
