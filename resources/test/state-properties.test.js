// The state model's promises as properties (fast-check): random layouts
// (slots with allowed types and a maximum), a random stored page, and random
// sequences of what an editor does (add, move, remove, duplicate, settings,
// layout switch, undo, redo, revert, keyboard moves, saves, someone else's
// save, the conflict and re-applying). After every step: nothing is lost or
// doubled, every slot keeps its constraints, the save body is one the server
// accepts and stores as shown, undo then redo changes nothing and undoing
// everything gives the arrangement loaded or saved last.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOnly } from '../src/editor/saving.js';
import { EditorState, UNPLACED } from '../src/state.js';
import { toData } from '../src/state/snapshot.js';
import { counterIds } from './fixtures.js';
import { plan, planSettings, read } from './server-model.js';

const TYPES = ['text', 'image', 'listing', 'html'];
// The user may not add, edit or duplicate these (someone else may).
const RESTRICTED = new Set(['html']);
// A stored widget's type may be no longer registered (its add-on removed).
const GONE = 'gone';
const SLOT_NAMES = ['s1', 's2', 's3', 's4'];
const DIRECTIONS = ['up', 'down', 'left', 'right'];
// A few hundred runs in the suite; FC_RUNS=20000 to search harder.
const RUNS = Number(globalThis.process.env.FC_RUNS) || 300;
const TIMEOUT = Math.max(20000, RUNS * 30);

// --- generators ---------------------------------------------------------------

const slotArb = (name) =>
  fc.record({
    name: fc.constant(name),
    title: fc.constant(name.toUpperCase()),
    allowed: fc.option(fc.subarray(TYPES), { nil: null }),
    max: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  });

const layoutArb = (name) =>
  fc
    .uniqueArray(fc.constantFrom(...SLOT_NAMES), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map(slotArb)))
    .map((slots) => ({ name, title: name, slots }));

const layoutsArb = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => layoutArb(`L${i}`))));

const storedArb = fc.array(
  fc.record({
    type: fc.constantFrom(...TYPES, GONE),
    slot: fc.constantFrom(...SLOT_NAMES, 'gone'),
    v: fc.integer({ min: 0, max: 2 }),
  }),
  { maxLength: 6 },
);

const pick = fc.nat({ max: 20 });
const where = fc.option(fc.nat({ max: 4 }), { nil: undefined });
const slotPick = fc.nat({ max: 4 }); // the last value is the tray

const editArb = fc.oneof(
  fc.record({ op: fc.constant('add'), type: fc.constantFrom(...TYPES), slot: fc.option(slotPick, { nil: null }), index: where }),
  fc.record({ op: fc.constant('move'), w: pick, slot: slotPick, index: where }),
  fc.record({ op: fc.constant('remove'), w: pick }),
  fc.record({ op: fc.constant('duplicate'), w: pick }),
  fc.record({ op: fc.constant('settings'), w: pick, v: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('layout'), layout: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('undo') }),
  fc.record({ op: fc.constant('redo') }),
);

const commandArb = fc.oneof(
  { weight: 8, arbitrary: editArb },
  fc.record({ op: fc.constant('revert') }),
  fc.record({ op: fc.constant('discardNew') }),
  fc.record({ op: fc.constant('pickUp'), w: pick }),
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('keyboard'),
      w: pick,
      steps: fc.array(fc.constantFrom(...DIRECTIONS), { minLength: 1, maxLength: 6 }),
      end: fc.constantFrom('drop', 'cancel', 'undo', 'stay'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('step'), direction: fc.constantFrom(...DIRECTIONS) }) },
  fc.record({ op: fc.constant('drop') }),
  fc.record({ op: fc.constant('cancel') }),
  fc.record({ op: fc.constant('undoRedo') }),
  fc.record({ op: fc.constant('undoAll') }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('save') }) },
  fc.record({ op: fc.constant('beginSave') }),
  fc.record({ op: fc.constant('endSave') }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('otherSaves'), edits: fc.array(editArb, { minLength: 1, maxLength: 6 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('reapply'),
      choices: fc.array(fc.boolean(), { maxLength: 4 }),
      wait: fc.boolean(),
    }),
  },
  fc.record({ op: fc.constant('resolve'), choices: fc.array(fc.boolean(), { maxLength: 4 }) }),
  fc.record({ op: fc.constant('discardPending') }),
  fc.record({ op: fc.constant('reload') }),
);

// --- the world: the editor, the server, what the test remembers ----------------

function allWidgets(snapshot) {
  return [...Object.values(snapshot.slots).flat(), ...snapshot.unplaced];
}

function idsOf(snapshot) {
  return allWidgets(snapshot)
    .map((widget) => widget.id)
    .sort();
}

function contents(snapshot) {
  return Object.fromEntries(allWidgets(snapshot).map((w) => [w.id, JSON.stringify([w.type, w.settings])]));
}

class World {
  constructor(layouts, stored) {
    this.layouts = new Map(layouts.map((layout) => [layout.name, layout]));
    this.types = new Set(TYPES);
    const records = new Map();
    const positions = new Map();
    stored.forEach(({ type, slot, v }, i) => {
      const position = positions.get(slot) || 0;
      positions.set(slot, position + 1);
      records.set(`w${i}`, { type, settings: { v }, slot, position });
    });
    this.server = { layout: layouts[0].name, records, version: 1 };
    this.otherIds = counterIds('o');
    this.state = this.editor(counterIds('n'));
    this.start = toData(this.state.current);
    this.typeOf = new Map();
    this.saving = null;
    // Known and left: a widget of a type gone (or one the user may not add)
    // that the user's own save removed, brought back by undo or revert while
    // the save was under way, is a new widget to the server, which refuses it.
    this.removedByMe = new Map();
  }

  serverArrangement() {
    return { ...read(this.layouts, this.server), version: String(this.server.version) };
  }

  editor(newId, restricted = RESTRICTED) {
    return new EditorState({
      arrangement: this.serverArrangement(),
      layouts: [...this.layouts.values()],
      widgetTypes: TYPES.map((name) => ({ name, title: name, restricted: restricted.has(name) ? 'not you' : '' })),
      newId,
    });
  }

  // The server's PATCH: a stale version is a conflict, else the body must be valid.
  patch(body, mine = false) {
    if (body.version !== String(this.server.version)) return { status: 409 };
    const { version, widgets, ...data } = body; // eslint-disable-line no-unused-vars
    const back = allWidgets({ slots: data.slots || {}, unplaced: data.unplaced || [] }).some(
      (widget) => this.removedByMe.has(widget.id) && !this.server.records.has(widget.id),
    );
    if (back) return { status: 400 }; // the case known and left (see removedByMe)
    const restricted = mine ? RESTRICTED : new Set();
    const stored = widgets
      ? planSettings(this.server, widgets)
      : plan(this.layouts, this.types, data, this.server, restricted);
    for (const [id, record] of this.server.records) {
      if (mine && (record.type === GONE || RESTRICTED.has(record.type)) && !stored.records.has(id)) {
        this.removedByMe.set(id, record);
      }
    }
    this.server = { ...stored, version: this.server.version + 1 };
    return { status: 200, version: String(this.server.version) };
  }
}

function widgetAt(state, n) {
  const all = [...state.slotNames(), UNPLACED].flatMap((name) => state.widgets(name));
  return all.length ? all[n % all.length].id : 'none';
}

function slotAt(state, n) {
  const names = [...state.slotNames(), UNPLACED];
  return names[n % names.length];
}

// One edit, on any state model (the user's or someone else's).
function edit(state, command, layouts) {
  switch (command.op) {
    case 'add':
      // The palette offers only the types the user may add.
      if (state.restricted(command.type)) return null;
      return state.add(command.type, command.slot == null ? undefined : slotAt(state, command.slot), command.index);
    case 'move':
      return state.move(widgetAt(state, command.w), slotAt(state, command.slot), command.index);
    case 'remove':
      return state.remove(widgetAt(state, command.w));
    case 'duplicate':
      return state.duplicate(widgetAt(state, command.w));
    case 'settings': {
      // New settings come from the server's form of the widget's type: none for a type gone.
      const id = widgetAt(state, command.w);
      const place = state.find(id);
      if (place && (place.widget.type === GONE || state.restricted(place.widget.type))) return null;
      return state.updateSettings(id, { v: command.v });
    }
    case 'layout':
      return state.switchLayout(layouts[command.layout % layouts.length].name);
    case 'undo':
      return state.undo();
    case 'redo':
      return state.redo();
    default:
      throw new Error(command.op);
  }
}

// --- the promises ---------------------------------------------------------------

function checkInvariants(world) {
  const { state } = world;
  const current = state.current;
  const ids = idsOf(current);
  expect(new Set(ids).size, 'a widget is there twice').toBe(ids.length);
  // The slots are the layout's, each within its constraints.
  const layout = world.layouts.get(current.layout);
  expect(Object.keys(current.slots)).toEqual(layout.slots.map((slot) => slot.name));
  for (const slot of layout.slots) {
    const widgets = current.slots[slot.name];
    if (slot.max != null) expect(widgets.length, `${slot.name} over its max`).toBeLessThanOrEqual(slot.max);
    if (slot.allowed) for (const widget of widgets) expect(slot.allowed).toContain(widget.type);
  }
  // A widget keeps its type for good.
  for (const widget of allWidgets(current)) {
    if (!world.typeOf.has(widget.id)) world.typeOf.set(widget.id, widget.type);
    expect(widget.type).toBe(world.typeOf.get(widget.id));
  }
  // What a save would send is accepted, and a read gives back what is shown.
  const body = state.toPatch();
  const { version, ...data } = body; // eslint-disable-line no-unused-vars
  const fresh = state.version === String(world.server.version);
  // Stale, the body is checked against the version the editor read (a 409 comes first).
  const read0 = toData(state.baseline);
  const known = { records: new Map(allWidgets(read0).map((w) => [w.id, { type: w.type, settings: w.settings }])) };
  const records = new Map([...world.removedByMe, ...(fresh ? world.server : known).records]);
  const stored = plan(world.layouts, world.types, data, { records }, RESTRICTED);
  const back = read(world.layouts, stored);
  const sent = toData(state.toSave);
  expect(back.slots).toEqual(sent.slots);
  expect(back.unplaced.map((w) => `${w.id}@${w.slot}`).sort()).toEqual(
    sent.unplaced.map((w) => `${w.id}@${w.slot}`).sort(),
  );
  // Up to date, the body as the editor sends it stores what is shown.
  if (fresh) {
    const sending = changesOnly(toData(state.baseline), body);
    const after = sending.widgets ? planSettings(world.server, sending.widgets) : stored;
    expect(read(world.layouts, after).slots, 'a save stores what is shown').toEqual(sent.slots);
  }
  // Dirty says whether there is something to save.
  expect(state.dirty).toBe(JSON.stringify(toData(current)) !== JSON.stringify(toData(state.baseline)));
}

function run(world, command, log) {
  const { state } = world;
  const before = state.current;
  // Any operation but a keyboard step first puts a widget being moved back.
  const settled = state.grab ? state.grab.origin : state.current;
  let result;
  switch (command.op) {
    case 'add':
    case 'move':
    case 'remove':
    case 'duplicate':
    case 'settings':
    case 'layout':
    case 'undo':
    case 'redo':
      result = edit(state, command, [...world.layouts.values()]);
      break;
    case 'revert':
      result = state.revert();
      break;
    case 'discardNew':
      result = state.lastAdd ? state.discardNew(state.lastAdd.id) : null;
      break;
    case 'pickUp':
      result = state.pickUp(widgetAt(state, command.w));
      break;
    case 'step':
      result = state.moveGrabbed(command.direction);
      break;
    case 'keyboard': {
      result = state.pickUp(widgetAt(state, command.w));
      if (!result.ok) break;
      for (const direction of command.steps) {
        state.moveGrabbed(direction);
        checkInvariants(world);
      }
      if (command.end === 'drop') result = state.drop();
      else if (command.end === 'cancel') result = state.cancelGrab();
      else if (command.end === 'undo') result = state.undo();
      break;
    }
    case 'drop':
      result = state.drop();
      break;
    case 'cancel': {
      const origin = state.grab && state.grab.origin;
      result = state.cancelGrab();
      if (origin) expect(toData(state.current)).toEqual(toData(origin));
      break;
    }
    case 'undoRedo': {
      if (state.grab || !state.canUndo) return;
      const was = toData(state.current);
      state.undo();
      state.redo();
      expect(toData(state.current), 'undo then redo').toEqual(was);
      return;
    }
    case 'undoAll': {
      state.cancelGrab();
      for (let i = 0; i < 500 && state.canUndo; i += 1) state.undo();
      expect(toData(state.current), 'undo back to the start').toEqual(world.start);
      return;
    }
    case 'save': {
      const saved = state.toSave;
      // As the editor sends it: only the changed settings when nothing else changed.
      const answer = world.patch(changesOnly(toData(state.baseline), state.toPatch()), true);
      if (answer.status === 400) return;
      if (answer.status === 409) {
        // Unchanged since the last conflict (a move under way is put back): the kept version stays.
        const unchanged = JSON.stringify(toData(saved)) === JSON.stringify(toData(state.baseline));
        const mine = idsOf(state.pending && unchanged ? state.pending.mine : saved);
        state.conflict(world.serverArrangement());
        expect(idsOf(state.pending.mine), 'the kept version').toEqual(mine);
        world.saving = null;
        world.start = toData(state.current);
      } else {
        state.markSaved(answer.version, saved);
        if (!state.past.length) world.start = toData(saved);
      }
      break;
    }
    case 'beginSave':
      if (world.saving) return;
      world.saving = { saved: state.toSave, body: changesOnly(toData(state.baseline), state.toPatch()) };
      return;
    case 'endSave': {
      if (!world.saving) return;
      const { saved, body } = world.saving;
      world.saving = null;
      const answer = world.patch(body, true);
      if (answer.status !== 200) return;
      state.markSaved(answer.version, saved);
      // Undo reaches back to what was saved, unless the user undid past it meanwhile.
      if ((state.past.length === 0 && state.toSave === saved) || state.past[0] === saved) world.start = toData(saved);
      break;
    }
    case 'otherSaves': {
      const other = world.editor(world.otherIds, new Set());
      for (const step of command.edits) edit(other, step, [...world.layouts.values()]);
      world.patch(other.toPatch());
      return;
    }
    case 'reapply': {
      if (!state.pending) return;
      const mine = state.pending.mine;
      const base = state.pending.base;
      const theirs = state.current;
      result = state.reapply();
      // The user may go on arranging before choosing (see 'resolve').
      if (result.clashes && command.wait) break;
      if (result.clashes) {
        const choices = Object.fromEntries(
          result.clashes.map((clash, i) => [clash.id, command.choices[i] ? 'mine' : 'theirs']),
        );
        result = state.resolve(choices);
        expect(result.ok).toBe(true);
      }
      // Nothing either side kept or added is lost.
      const merged = new Set(idsOf(state.current));
      const inMine = new Set(idsOf(mine));
      const inTheirs = new Set(idsOf(theirs));
      const inBase = new Set(idsOf(base));
      for (const id of inMine) {
        if (inTheirs.has(id) || !inBase.has(id)) expect(merged.has(id), `${id} lost by the merge`).toBe(true);
      }
      for (const id of inTheirs) if (!inBase.has(id)) expect(merged.has(id), `${id} of theirs lost`).toBe(true);
      for (const id of merged) expect(inMine.has(id) || inTheirs.has(id)).toBe(true);
      break;
    }
    case 'resolve': {
      if (!state.clashes) return;
      const choices = Object.fromEntries(
        state.clashes.map((clash, i) => [clash.id, command.choices[i] ? 'mine' : 'theirs']),
      );
      result = state.resolve(choices);
      // Refused only when the clashes changed meanwhile: they are asked about again.
      if (!result.ok) expect(result.reason).toBe('unresolved');
      break;
    }
    case 'discardPending':
      result = state.discardPending();
      break;
    case 'reload': {
      // The page is loaded again: unsaved changes go, a kept version stays.
      const kept = state.exportPending();
      world.state = world.editor(counterIds(`r${log.length}n`));
      world.saving = null;
      world.start = toData(world.state.current);
      if (kept) {
        world.state.importPending(JSON.parse(JSON.stringify(kept)));
        expect(toData(world.state.pending.mine)).toEqual(toData(state.pending.mine));
      }
      break;
    }
    default:
      throw new Error(command.op);
  }
  log.push(command);
  // Nothing appears or goes but what the operation says.
  const kinds = { add: 1, duplicate: 1, remove: -1, discardNew: -1 };
  if (result && result.ok && command.op in kinds) {
    const now = idsOf(state.current);
    const was = idsOf(before);
    if (kinds[command.op] === 1) expect(now).toEqual([...was, result.id].sort());
    else expect(now.length).toBe(was.length - 1);
  }
  // A layout switch says how many widgets it put in the tray and took out.
  if (command.op === 'layout' && result.ok) {
    expect(state.current.unplaced.length).toBe(settled.unplaced.length + result.displaced - result.restored);
  }
  if (['move', 'layout', 'pickUp', 'step', 'drop', 'cancel', 'keyboard'].includes(command.op)) {
    expect(contents(state.current), 'a move changes no widget').toEqual(contents(before));
  }
}

describe('the state model, whatever the user does', () => {
  it('loses nothing, keeps the constraints, saves what the server accepts', () => {
    fc.assert(
      fc.property(layoutsArb, storedArb, fc.array(commandArb, { maxLength: 40, size: 'medium' }), (layouts, stored, commands) => {
        const world = new World(layouts, stored);
        checkInvariants(world);
        const log = [];
        for (const command of commands) {
          run(world, command, log);
          checkInvariants(world);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('re-applying after a conflict', () => {
  const placed = (data) => ({
    layout: data.layout,
    slots: data.slots,
    tray: data.unplaced.map((w) => `${w.id}@${w.slot}`).sort(),
  });

  it('gives the user\u2019s arrangement when the newer version changed nothing', () => {
    fc.assert(
      fc.property(layoutsArb, storedArb, fc.array(editArb, { maxLength: 12 }), (layouts, stored, edits) => {
        const world = new World(layouts, stored);
        const { state } = world;
        for (const step of edits) edit(state, step, layouts);
        const mine = toData(state.current);
        world.patch(world.editor(world.otherIds, new Set()).toPatch());
        state.conflict(world.serverArrangement());
        const result = state.reapply();
        expect(result.clashes).toBeUndefined();
        expect(placed(toData(state.current))).toEqual(placed(mine));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('gives the newer version when the user changed nothing', () => {
    fc.assert(
      fc.property(layoutsArb, storedArb, fc.array(editArb, { maxLength: 12 }), (layouts, stored, edits) => {
        const world = new World(layouts, stored);
        const other = world.editor(world.otherIds, new Set());
        for (const step of edits) edit(other, step, layouts);
        world.patch(other.toPatch());
        const theirs = toData(world.editor(counterIds('x'), new Set()).current);
        world.state.conflict(world.serverArrangement());
        const result = world.state.reapply();
        expect(result.clashes).toBeUndefined();
        expect(placed(toData(world.state.current))).toEqual(placed(theirs));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

// The shrunk cases the properties found, kept as plain tests.
describe('a widget whose type is no longer registered', () => {
  const layouts = [{ name: 'L0', title: 'L0', slots: [{ name: 's1', title: 'S1', allowed: null, max: null }] }];
  const widgetTypes = [{ name: 'text', title: 'Text' }];
  const gone = { id: 'w0', type: GONE, settings: { v: 0 } };

  it('is not duplicated: the server would refuse the copy, and with it every save', () => {
    const state = new EditorState({
      arrangement: { layout: 'L0', version: '1', slots: { s1: [gone] }, unplaced: [] },
      layouts,
      widgetTypes,
      newId: counterIds(),
    });
    const result = state.duplicate('w0');
    expect(result.reason).toBe('unknown-type');
    expect(result.messages).toEqual([{ key: 'refused.unknownType', params: { type: GONE } }]);
    expect(state.widgets('s1').map((widget) => widget.id)).toEqual(['w0']);
    expect(state.canUndo).toBe(false);
  });

  it('stays removed when someone else removed it, even with the user\u2019s move kept', () => {
    const text = { id: 'w1', type: 'text', settings: {} };
    const state = new EditorState({
      arrangement: { layout: 'L0', version: '1', slots: { s1: [text, gone] }, unplaced: [] },
      layouts,
      widgetTypes,
    });
    state.move('w0', 's1', 0);
    state.conflict({ layout: 'L0', version: '2', slots: { s1: [text] }, unplaced: [] });
    const result = state.reapply();
    expect(result.clashes).toBeUndefined();
    expect(state.toPatch().slots).toEqual({ s1: [{ id: 'w1', type: 'text', settings: {} }] });
  });
});

describe('a widget of a type the user may not add', () => {
  it('stays removed when someone else removed it, even with the user\u2019s move kept', () => {
    const layouts = [{ name: 'L0', title: 'L0', slots: [{ name: 's1', title: 'S1', allowed: null, max: null }] }];
    const text = { id: 'w1', type: 'text', settings: {} };
    const embed = { id: 'w0', type: 'html', settings: { v: 0 } };
    const state = new EditorState({
      arrangement: { layout: 'L0', version: '1', slots: { s1: [text, embed] }, unplaced: [] },
      layouts,
      widgetTypes: [
        { name: 'text', title: 'Text', restricted: '' },
        { name: 'html', title: 'HTML', restricted: 'Only Managers may.' },
      ],
    });
    state.move('w0', 's1', 0);
    state.conflict({ layout: 'L0', version: '2', slots: { s1: [text] }, unplaced: [] });
    const result = state.reapply();
    expect(result.clashes).toBeUndefined();
    expect(state.toPatch().slots).toEqual({ s1: [{ id: 'w1', type: 'text', settings: {} }] });
  });
});
