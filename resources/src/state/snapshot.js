// The plain data the state model keeps: frozen widgets, snapshots of an
// arrangement (``{layout, slots, unplaced}``) and the arrangement's JSON, and
// how a layout's constraints place widgets into its slots.

import { UNPLACED, stableJSON } from '../merge.js';

export function freezeWidget(widget) {
  const copy = {
    id: String(widget.id),
    type: String(widget.type),
    settings: deepCopy(widget.settings || {}),
  };
  if (widget.title != null && widget.title !== '') copy.title = String(widget.title);
  if (widget.slot != null && widget.slot !== '') copy.slot = String(widget.slot);
  return Object.freeze(copy);
}

export function deepCopy(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Whether two JSON values hold the same data. The order of an object's keys
 * does not count: the server's settings form returns a widget's settings in
 * its schema's order, which need not be the order they were stored in.
 */
export function sameValue(a, b) {
  return stableJSON(a) === stableJSON(b);
}

export function cloneSnapshot(snapshot) {
  const slots = {};
  for (const name of Object.keys(snapshot.slots)) slots[name] = snapshot.slots[name].slice();
  return { layout: snapshot.layout, slots, unplaced: snapshot.unplaced.slice() };
}

export function widgetData(widget, withSlot, withTitle) {
  const data = { id: widget.id, type: widget.type, settings: deepCopy(widget.settings) };
  if (withSlot && widget.slot) data.slot = widget.slot;
  if (withTitle && widget.title) data.title = widget.title;
  return data;
}

export function withoutSlot(widget) {
  if (!('slot' in widget)) return widget;
  const rest = { ...widget };
  delete rest.slot;
  return Object.freeze(rest);
}

export function listOf(snapshot, slotName) {
  return slotName === UNPLACED ? snapshot.unplaced : snapshot.slots[slotName];
}

export function insert(list, widget, index) {
  const at = index == null ? list.length : Math.max(0, Math.min(index, list.length));
  list.splice(at, 0, widget);
}

export function refuses(slot, type, count) {
  if (Array.isArray(slot.allowed) && !slot.allowed.includes(type)) return true;
  return slot.max != null && count >= slot.max;
}

// Like the server, put a tray widget back at the end of its slot as soon as
// the layout has that slot with room for it, so what is shown is what a save
// stores.
export function settle(layout, snapshot) {
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
export function arrange(layout, placed, unplaced) {
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

export function toData(snapshot, withTitles = false) {
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

export function snapshotOf(data) {
  const slots = {};
  for (const name of Object.keys(data.slots || {})) {
    slots[name] = data.slots[name].map((widget) => withoutSlot(freezeWidget(widget)));
  }
  return { layout: data.layout, slots, unplaced: (data.unplaced || []).map(freezeWidget) };
}

/**
 * Whether two snapshots hold the same arrangement (``toData`` gives the same
 * data), without serializing them whole: snapshots share their unchanged
 * widgets (frozen), so most widgets compare as the same object or by their
 * ids, and only the others as data. A keyboard step or a drop asks this several times, and
 * serializing a page of 200 widgets takes about a millisecond.
 * @param {object} a
 * @param {object} b
 * @returns {boolean}
 */
export function sameArrangement(a, b) {
  if (a === b) return true;
  const names = Object.keys(a.slots);
  const others = Object.keys(b.slots);
  return (
    a.layout === b.layout &&
    names.length === others.length &&
    names.every((name, index) => name === others[index] && sameWidgets(a.slots[name], b.slots[name], false)) &&
    sameWidgets(a.unplaced, b.unplaced, true)
  );
}

function sameWidgets(a, b, withSlot) {
  const same = (widget, other) =>
    widget === other ||
    (widget.id === other.id &&
      sameValue(widgetData(widget, withSlot), widgetData(other, withSlot)));
  return a.length === b.length && a.every((widget, index) => same(widget, b[index]));
}
