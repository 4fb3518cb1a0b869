// The state model's editing operations: add, move, change, duplicate, remove,
// switch layout, revert, undo and redo. Methods of EditorState (state.js).

import { UNPLACED } from '../merge.js';
import { refusal, success } from './results.js';
import {
  arrange,
  cloneSnapshot,
  freezeWidget,
  insert,
  listOf,
  sameArrangement,
  sameValue,
  withoutSlot,
} from './snapshot.js';

export class Operations {
  /**
   * Add a new widget from the palette.
   * @param {string} type widget type name
   * @param {string} [slotName] target slot; the first slot accepting it when omitted
   * @param {number} [index] position in the slot; the end when omitted
   * @param {object} [settings]
   */
  add(type, slotName, index, settings) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
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
    const busy = this.frozenRefusal();
    if (busy) return busy;
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
    if (sameArrangement(next, this.current)) return { ok: true, next: null };
    return { ok: true, next };
  }

  /**
   * Change a widget's settings (already validated by the server's form).
   * @param {string} id
   * @param {object} settings
   * @param {{title?: string}} [extra] a new display title
   */
  updateSettings(id, settings, extra = {}) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    // Applying the settings as they were changes nothing: no undo step, and
    // the editor says so rather than "changed".
    if (sameValue(settings || {}, place.widget.settings)) {
      return success('op.settingsUnchanged', { title: this.widgetTitle(place.widget) }, { changed: false });
    }
    const changed = { ...place.widget, settings: settings || {} };
    if (extra.title !== undefined) changed.title = extra.title;
    const widget = freezeWidget(changed);
    const next = cloneSnapshot(this.current);
    listOf(next, place.slot)[place.index] = widget;
    this._commit(next, this._what('updated', widget));
    return success('op.updated', { title: this.widgetTitle(widget) }, { changed: true });
  }

  /** Copy a widget (new id, same settings) and place the copy right after it. */
  duplicate(id) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    this._dropGrab();
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    // A copy is a new widget, which the server takes only of a registered
    // type: a widget whose add-on is gone may stay, and move, but not be copied.
    if (!this.widgetTypes.has(place.widget.type)) {
      return refusal('unknown-type', 'refused.unknownType', { type: place.widget.type });
    }
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
    const busy = this.frozenRefusal();
    if (busy) return busy;
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
    const busy = this.frozenRefusal();
    if (busy) return busy;
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
    const busy = this.frozenRefusal();
    if (busy) return busy;
    this._dropGrab();
    if (!this.dirty) return success(null, null, { changed: false });
    this._commit(cloneSnapshot(this.baseline), { key: 'what.reverted', params: {} });
    return success('op.reverted', {}, { changed: true });
  }

  /** Take back the last change; the message says which (``op.undoneWhat``). */
  undo() {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    // A keyboard move under way is the latest change: undo takes back just
    // that, as Escape does.
    if (this.grab) return this.cancelGrab();
    if (!this.past.length) return refusal('nothing-to-undo', 'refused.nothingToUndo');
    const cause = this.causes.get(this.current);
    this.future.push(this.current);
    this.current = this.past.pop();
    this._notify();
    return cause ? success('op.undoneWhat', { what: cause }) : success('op.undone');
  }

  /** Make the last undone change again; the message says which (``op.redoneWhat``). */
  redo() {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    if (!this.future.length) return refusal('nothing-to-redo', 'refused.nothingToRedo');
    this._dropGrab();
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
    const busy = this.frozenRefusal();
    if (busy) return busy;
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
}
