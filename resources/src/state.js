// The editor's state model: the arrangement being edited, its constraints,
// undo/redo, layout switching, saving and the conflict flow, and the keyboard
// pick-up/move/drop model. Plain data, no DOM: the DOM layer (editor.js)
// projects it and calls its operations.
//
// Every operation returns a result object:
//   {ok: true, messages: [{key, params}], ...}
//   {ok: false, reason: 'slot-full' | ..., messages: [{key, params}]}
// A refused operation never changes the state (state/results.js).
//
// EditorState is written in one module per concern (state/): reading and
// loading here; the editing operations, saving and conflicts, titles and the
// keyboard model there.

import { LAYOUT_CLASH, MINE, THEIRS, UNPLACED, widgetKey } from './merge.js';
import { mixin } from './mixin.js';
import { Conflicts } from './state/conflicts.js';
import { Keyboard } from './state/keyboard.js';
import { Operations } from './state/operations.js';
import { refusal } from './state/results.js';
import { freezeWidget, sameArrangement, settle, withoutSlot } from './state/snapshot.js';
import { Titles } from './state/titles.js';

export { LAYOUT_CLASH, MINE, THEIRS, UNPLACED, widgetKey };

function randomId() {
  const cryptoObject = globalThis.crypto;
  if (cryptoObject && typeof cryptoObject.randomUUID === 'function') {
    return cryptoObject.randomUUID().replace(/-/g, '');
  }
  let id = '';
  for (let i = 0; i < 32; i += 1) id += Math.floor(Math.random() * 16).toString(16);
  return id;
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
    // While a call that changes the page on the server is under way (see freeze).
    this._frozen = false;
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
    // Asked several times per render (the toolbar, the history panel): the
    // answer is kept while the two snapshots are the same objects (snapshots
    // are replaced, never changed).
    const { current, baseline } = this;
    const memo = this._dirtyMemo;
    if (memo && memo.current === current && memo.baseline === baseline) return memo.dirty;
    const dirty = !sameArrangement(current, baseline);
    this._dirtyMemo = { current, baseline, dirty };
    return dirty;
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
    return this.full(slotName, movingId);
  }

  /**
   * Why a slot of the layout takes no more widgets of any type (it holds its
   * maximum), or null when it has room.
   * @param {string} slotName a slot of the current layout
   * @param {string} [movingId] a widget already counted in the slot (a move within it)
   * @returns {object|null} a refusal result
   */
  full(slotName, movingId) {
    const slot = this.slot(slotName);
    if (!slot || slot.max == null) return null;
    const count = (this.current.slots[slotName] || []).filter((widget) => widget.id !== movingId).length;
    if (count < slot.max) return null;
    // A message of its own for one: "at most 1 widgets" reads wrong.
    const key = slot.max === 1 ? 'refused.slotFullOne' : 'refused.slotFull';
    return refusal('slot-full', key, { slot: this.slotLabel(slotName), max: slot.max });
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

  /**
   * Why the user may not edit widgets of ``type``: it is registered no more
   * (its add-on was removed: such widgets are kept, and may be moved and
   * removed, but the server has no settings form for them), or the user may
   * not change widgets of it (``restricted``); null when they may.
   * @returns {object|null} a refusal result
   */
  unchangeable(type) {
    if (!this.widgetTypes.has(type)) return refusal('retired', 'card.retired', { type });
    return this.restricted(type);
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

  // --- a call under way -----------------------------------------------------

  /**
   * Refuse the user's changes from now on, until ``thaw``: a save (or a
   * restore, an import) is under way, and its answer is applied to the
   * arrangement it sent. A change meanwhile raced with that answer: an undo
   * past the save brought back, unsaved, what the save was deleting (a widget
   * the user may not add, whereupon every later save was refused), a change
   * made during a restore was lost with the reload. Taking a picked-up widget
   * back (``cancelGrab``), forgetting kept changes and what the editor itself
   * does with the answer (``markSaved``, ``conflict``, ``setTitles``) still go.
   */
  freeze() {
    this._frozen = true;
  }

  /** Take the user's changes again (see ``freeze``). */
  thaw() {
    this._frozen = false;
  }

  /** @returns {boolean} whether the user's changes are refused (see ``freeze``) */
  get frozen() {
    return this._frozen;
  }

  /** @returns {object|null} the refusal of every change while frozen, else null */
  frozenRefusal() {
    return this._frozen ? refusal('busy', 'refused.busy') : null;
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


  // Make ``next`` the current arrangement, an undo step caused by ``cause``.
  _commit(next, cause) {
    this.past.push(this.current);
    this.future = [];
    this.lastAdd = null;
    this.current = settle(this._layout(next.layout, next.slots), next);
    if (cause) this.causes.set(this.current, cause);
    this._notify();
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

mixin(EditorState, Operations, Conflicts, Titles, Keyboard);
