// The server's rules for arrangements, as the property tests of the state
// model check the editor against them: what a save accepts
// (arrangement/validation.py ``plan``), how it stores the order, and how a
// read places the stored widgets into the layout's slots
// (arrangement/reading.py ``place``). A model, not the server: only what the
// editor's save body can get wrong.

const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WIDGET_KEYS = new Set(['id', 'type', 'settings', 'slot']);

/** A refused save, naming the value's path as the server's 400 does. */
export class Refused extends Error {
  constructor(message, field) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

function accepts(slot, type) {
  return slot.allowed == null || slot.allowed.includes(type);
}

/**
 * The stored records of a valid save body: the server's ``plan``.
 * @param {Map<string, object>} layouts by name
 * @param {Set<string>} types the registered widget types
 * @param {object} data the body without its version
 * @param {object} [stored] the stored records (``{layout, records}``)
 * @param {Set<string>} [restricted] the types the user lacks the add permission of
 * @returns {{layout: string, records: Map<string, {type, settings, slot, position}>}}
 * @throws {Refused} where the server answers 400
 */
export function plan(layouts, types, data, stored = null, restricted = new Set()) {
  for (const key of Object.keys(data)) {
    if (!['layout', 'slots', 'unplaced'].includes(key)) throw new Refused('unknown key', key);
  }
  const layout = layouts.get(data.layout);
  if (!layout) throw new Refused('unknown layout', 'layout');
  if (!data.slots || typeof data.slots !== 'object') throw new Refused('slots must be a mapping', 'slots');
  const entries = [];
  for (const [name, widgets] of Object.entries(data.slots)) {
    const slot = layout.slots.find((s) => s.name === name);
    if (!slot) throw new Refused('unknown slot', `slots.${name}`);
    if (!Array.isArray(widgets)) throw new Refused('a list of widgets is expected', `slots.${name}`);
    widgets.forEach((widget, index) => entries.push([`slots.${name}.${index}`, widget, slot]));
    if (slot.max != null && widgets.length > slot.max) throw new Refused('slot full', `slots.${name}`);
  }
  if (!Array.isArray(data.unplaced)) throw new Refused('a list of widgets is expected', 'unplaced');
  data.unplaced.forEach((widget, index) => entries.push([`unplaced.${index}`, widget, null]));
  const records = new Map();
  const positions = new Map();
  for (const [path, widget, slot] of entries) {
    for (const key of Object.keys(widget)) {
      if (!WIDGET_KEYS.has(key)) throw new Refused('unknown widget key', `${path}.${key}`);
    }
    if (typeof widget.id !== 'string' || !WIDGET_ID.test(widget.id)) throw new Refused('bad id', `${path}.id`);
    if (typeof widget.type !== 'string' || !widget.type) throw new Refused('a widget needs a type', `${path}.type`);
    // A stored widget sent back unchanged needs no type (its add-on may be gone).
    const record = stored && stored.records.get(widget.id);
    const kept = record && record.type === widget.type && JSON.stringify(record.settings) === JSON.stringify(widget.settings);
    if (!kept && !types.has(widget.type)) throw new Refused('unknown type', `${path}.type`);
    if (!kept && restricted.has(widget.type)) throw new Refused('you may not add such widgets', `${path}.type`);
    const slotName = 'slot' in widget ? widget.slot : slot && slot.name;
    if (slot && slotName !== slot.name) throw new Refused('this widget is in another slot', `${path}.slot`);
    if (typeof slotName !== 'string' || !slotName) throw new Refused('an unplaced widget needs its slot', `${path}.slot`);
    const settings = widget.settings === undefined ? {} : widget.settings;
    if (!settings || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new Refused('settings must be a mapping', `${path}.settings`);
    }
    if (slot && !accepts(slot, widget.type)) throw new Refused('type not allowed', `${path}.type`);
    if (records.has(widget.id)) throw new Refused('listed twice', `${path}.id`);
    const position = positions.get(slotName) || 0;
    positions.set(slotName, position + 1);
    records.set(widget.id, { type: widget.type, settings: structuredClone(settings), slot: slotName, position });
  }
  return { layout: layout.name, records };
}

/**
 * The stored records after a settings-only body (``{widgets: {id:
 * {settings}}}``): the server's ``plan_settings``, every id a stored widget.
 * @throws {Refused} where the server answers 400
 */
export function planSettings(stored, widgets) {
  const records = new Map(stored.records);
  for (const [id, change] of Object.entries(widgets)) {
    const record = records.get(id);
    if (!record) throw new Refused('no such widget', `widgets.${id}`);
    records.set(id, { ...record, settings: structuredClone(change.settings) });
  }
  return { layout: stored.layout, records };
}

/**
 * The arrangement a read gives of stored records: the server's ``place``.
 * @returns {{layout, slots: Record<string, object[]>, unplaced: object[]}}
 */
export function read(layouts, stored) {
  const layout = layouts.get(stored.layout);
  const grouped = new Map();
  for (const [id, record] of stored.records) {
    if (!grouped.has(record.slot)) grouped.set(record.slot, []);
    grouped.get(record.slot).push([id, record]);
  }
  for (const items of grouped.values()) {
    items.sort((a, b) => a[1].position - b[1].position || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  const slots = {};
  const refused = [];
  for (const slot of layout.slots) {
    const shown = [];
    slots[slot.name] = shown;
    for (const item of grouped.get(slot.name) || []) {
      const fits = accepts(slot, item[1].type) && (slot.max == null || shown.length < slot.max);
      (fits ? shown : refused).push(item);
    }
  }
  const missing = [...grouped.keys()].filter((name) => !(name in slots)).sort();
  const widget = ([id, record]) => ({ id, type: record.type, settings: structuredClone(record.settings) });
  return {
    layout: layout.name,
    slots: Object.fromEntries(Object.entries(slots).map(([name, items]) => [name, items.map(widget)])),
    unplaced: [...missing.flatMap((name) => grouped.get(name)), ...refused].map((item) => ({
      ...widget(item),
      slot: item[1].slot,
    })),
  };
}
