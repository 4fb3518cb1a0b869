import { describe, expect, it } from 'vitest';
import { LAYOUT_CLASH, MINE, THEIRS, UNPLACED, diff, logical, merge } from '../src/merge.js';

// A widget: a text whose settings are its words.
function w(id, words = id) {
  return { id, type: 'text', settings: { text: `<p>${words}</p>` }, title: words };
}

// A snapshot from ids; a widget given as an object (w(...)) keeps its settings.
function snap(slots, { layout = 'two-columns', unplaced = [] } = {}) {
  const make = (item) => (typeof item === 'string' ? w(item) : item);
  const result = { layout, slots: {}, unplaced: unplaced.map(make) };
  for (const [name, items] of Object.entries(slots)) result.slots[name] = items.map(make);
  return result;
}

// The merged arrangement by logical slot: {slot: [id, ...]}, the tray as UNPLACED.
function arranged(result) {
  const slots = {};
  for (const { widget, slot } of result.placed) (slots[slot] ||= []).push(widget.id);
  if (result.unplaced.length) slots[UNPLACED] = result.unplaced.map((widget) => widget.id);
  return slots;
}

function widgetOf(result, id) {
  const found = [...result.placed.map((place) => place.widget), ...result.unplaced].find((widget) => widget.id === id);
  return found || null;
}

const BASE = () => snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] });

describe('diff', () => {
  it('finds what was added, removed and changed', () => {
    const base = logical(BASE());
    const other = logical(snap({ main: [w('alpha', 'Alpha changed'), 'beta', 'new'], sidebar: [] }));
    const found = diff(base, other);
    expect([...found.added]).toEqual(['new']);
    expect([...found.removed].sort()).toEqual(['delta', 'gamma']);
    expect([...found.changed]).toEqual(['alpha']);
    expect([...found.moved]).toEqual([]);
    expect(found.layout).toBe(false);
  });

  it('counts as moved only the widget that left its order, not the ones it passed', () => {
    const found = diff(logical(BASE()), logical(snap({ main: ['delta', 'alpha', 'beta'], sidebar: ['gamma'] })));
    expect([...found.moved]).toEqual(['delta']);
  });

  it('counts a widget moved to another slot as moved', () => {
    const found = diff(logical(BASE()), logical(snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] })));
    expect([...found.moved]).toEqual(['beta']);
  });

  it('does not count widgets a layout switch put in the tray as moved', () => {
    const switched = snap({ main: ['alpha', 'beta', 'delta'] }, { layout: 'one-column', unplaced: [{ ...w('gamma'), slot: 'sidebar' }] });
    const found = diff(logical(BASE()), logical(switched));
    expect(found.layout).toBe(true);
    expect([...found.moved]).toEqual([]);
  });
});

describe('merging changes to different widgets', () => {
  // They (saved first): changed Alpha's text, removed Gamma, moved Beta to the sidebar.
  const theirs = () => snap({ main: [w('alpha', 'Alpha by A'), 'delta'], sidebar: ['beta'] });

  it("keeps their text change, removal and move while replaying the editor's move", () => {
    const mine = snap({ main: ['delta', 'alpha', 'beta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs: theirs() });
    expect(result.clashes).toEqual([]);
    expect(arranged(result)).toEqual({ main: ['delta', 'alpha'], sidebar: ['beta'] });
    expect(widgetOf(result, 'alpha').settings).toEqual({ text: '<p>Alpha by A</p>' });
    expect(result).toMatchObject({ layout: 'two-columns', changes: 1, applied: 1, unresolved: [] });
  });

  it("keeps the editor's settings where only they changed them, at their place", () => {
    const mine = snap({ main: ['alpha', 'beta', w('delta', 'Delta by B')], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs: snap({ main: ['alpha', 'beta'], sidebar: ['gamma', 'delta'] }) });
    expect(result.clashes).toEqual([]);
    expect(arranged(result)).toEqual({ main: ['alpha', 'beta'], sidebar: ['gamma', 'delta'] });
    expect(widgetOf(result, 'delta').settings).toEqual({ text: '<p>Delta by B</p>' });
  });

  it('removes what the editor removed and keeps what they added', () => {
    const mine = snap({ main: ['alpha', 'delta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs: snap({ main: ['alpha', 'beta', 'delta', 'new'], sidebar: ['gamma'] }) });
    expect(arranged(result)).toEqual({ main: ['alpha', 'delta', 'new'], sidebar: ['gamma'] });
    expect(result.applied).toBe(1);
  });

  it('counts a widget both removed as one change, without a clash', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] });
    const result = merge({ base: BASE(), mine, theirs: snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] }) });
    expect(result).toMatchObject({ clashes: [], changes: 1, applied: 1 });
    expect(arranged(result)).toEqual({ main: ['alpha', 'beta', 'delta'] });
  });

  it('takes the same settings from both without a clash', () => {
    const same = w('alpha', 'Same words');
    const result = merge({
      base: BASE(),
      mine: snap({ main: [same, 'beta', 'delta'], sidebar: ['gamma'] }),
      theirs: snap({ main: [same, 'beta', 'delta'], sidebar: ['gamma'] }),
    });
    expect(result.clashes).toEqual([]);
    expect(widgetOf(result, 'alpha').settings).toEqual(same.settings);
  });

  it('takes a widget both moved to the same place without a clash', () => {
    const moved = snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    const result = merge({ base: BASE(), mine: moved, theirs: snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] }) });
    expect(result.clashes).toEqual([]);
    expect(arranged(result)).toEqual({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
  });
});

describe('adding and duplicating by the editor', () => {
  it('puts a copy right after its original, wherever they moved the original', () => {
    const mine = snap({ main: ['alpha', 'copy', 'beta', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['beta', 'delta'], sidebar: ['gamma', 'alpha'] });
    const result = merge({ base: BASE(), mine, theirs });
    // The copy's neighbours in the editor's version: after Alpha (now in the
    // sidebar), so before Beta in the main slot.
    expect(arranged(result)).toEqual({ main: ['copy', 'beta', 'delta'], sidebar: ['gamma', 'alpha'] });
    expect(result.clashes).toEqual([]);
  });

  it('keeps a copy of a widget they removed', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma', 'copy'] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(arranged(result)).toEqual({ main: ['alpha', 'beta', 'delta'], sidebar: ['copy'] });
    expect(result).toMatchObject({ clashes: [], changes: 1, applied: 1 });
  });

  it('keeps several added widgets in the order the editor gave them', () => {
    const mine = snap({ main: ['first', 'second', 'alpha', 'beta', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['theirs', 'alpha', 'beta', 'delta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(arranged(result).main).toEqual(['theirs', 'first', 'second', 'alpha', 'beta', 'delta']);
  });
});

describe('clashes', () => {
  it('reports both changing the same settings, and keeps theirs until the editor chooses', () => {
    const mine = snap({ main: [w('alpha', 'Alpha by B'), 'beta', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: [w('alpha', 'Alpha by A'), 'beta', 'delta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes).toEqual([
      { id: 'alpha', kinds: ['settings'], base: w('alpha'), mine: w('alpha', 'Alpha by B'), theirs: w('alpha', 'Alpha by A') },
    ]);
    expect(result.unresolved).toEqual(['alpha']);
    expect(widgetOf(result, 'alpha').title).toBe('Alpha by A');
    expect(result).toMatchObject({ changes: 1, applied: 0 });
  });

  it("takes either side's settings as the editor chooses", () => {
    const mine = snap({ main: [w('alpha', 'Alpha by B'), 'beta', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: [w('alpha', 'Alpha by A'), 'beta', 'delta'], sidebar: ['gamma'] });
    expect(widgetOf(merge({ base: BASE(), mine, theirs }, { alpha: MINE }), 'alpha').title).toBe('Alpha by B');
    const keptTheirs = merge({ base: BASE(), mine, theirs }, { alpha: THEIRS });
    expect(widgetOf(keptTheirs, 'alpha').title).toBe('Alpha by A');
    expect(keptTheirs.unresolved).toEqual([]);
  });

  it('reports a widget moved to different slots by both, and places it as chosen', () => {
    const mine = snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    const theirs = snap({ main: ['alpha', 'delta'], sidebar: ['gamma'], footer: ['beta'] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['moved']]]);
    expect(arranged(result).footer).toEqual(['beta']);
    expect(arranged(merge({ base: BASE(), mine, theirs }, { beta: MINE }))).toEqual({
      main: ['alpha', 'delta'],
      sidebar: ['gamma', 'beta'],
    });
  });

  it('reports a widget moved by both within its slot to different places', () => {
    const mine = snap({ main: ['beta', 'alpha', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'delta', 'beta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs, moved: ['beta'] });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['moved']]]);
    expect(arranged(merge({ base: BASE(), mine, theirs, moved: ['beta'] }, { beta: MINE })).main).toEqual([
      'beta',
      'alpha',
      'delta',
    ]);
  });

  it('reads two swapped widgets as the move the editor made', () => {
    const mine = snap({ main: ['beta', 'alpha', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] });
    expect(merge({ base: BASE(), mine, theirs, moved: ['beta'] }).moved).toEqual(['beta']);
    expect(merge({ base: BASE(), mine, theirs, moved: ['alpha'] }).moved).toEqual(['alpha']);
  });

  it('reads their swap of two widgets as a move of the one the editor changed too', () => {
    const mine = snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    const theirs = snap({ main: ['beta', 'alpha', 'delta'], sidebar: ['gamma'] });
    expect(merge({ base: BASE(), mine, theirs }).clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['moved']]]);
  });

  it('reports settings and place in one clash when both changed both', () => {
    const mine = snap({ main: ['alpha', 'delta'], sidebar: ['gamma', w('beta', 'Beta by B')] });
    const theirs = snap({ main: [w('beta', 'Beta by A'), 'alpha', 'delta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs }, { beta: MINE });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['settings', 'moved']]]);
    expect(arranged(result)).toEqual({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    expect(widgetOf(result, 'beta').title).toBe('Beta by B');
    expect(result).toMatchObject({ changes: 2, applied: 2 });
  });

  it('reports a widget the editor removed and they changed', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [w('gamma', 'Gamma by A')] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['gamma', ['removedChanged']]]);
    expect(arranged(result).sidebar).toEqual(['gamma']);
    expect(arranged(merge({ base: BASE(), mine, theirs }, { gamma: MINE }))).toEqual({ main: ['alpha', 'beta', 'delta'] });
  });

  it('reports a widget the editor removed and they moved', () => {
    const mine = snap({ main: ['alpha', 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'delta'], sidebar: ['beta', 'gamma'] });
    expect(merge({ base: BASE(), mine, theirs }).clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['removedChanged']]]);
  });

  it('reports a widget the editor changed and they removed, and brings it back when the editor keeps their own version', () => {
    const mine = snap({ main: ['alpha', w('beta', 'Beta by B'), 'delta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'delta'], sidebar: ['gamma'] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['beta', ['changedRemoved']]]);
    expect(result.clashes[0].theirs).toBe(null);
    expect(arranged(result).main).toEqual(['alpha', 'delta']);
    const back = merge({ base: BASE(), mine, theirs }, { beta: MINE });
    expect(arranged(back).main).toEqual(['alpha', 'beta', 'delta']);
    expect(widgetOf(back, 'beta').title).toBe('Beta by B');
    expect(back).toMatchObject({ changes: 1, applied: 1 });
  });

  it('reports a widget the editor moved and they removed', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta', 'gamma'], sidebar: [] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] });
    const result = merge({ base: BASE(), mine, theirs }, { gamma: MINE });
    expect(result.clashes.map((c) => [c.id, c.kinds])).toEqual([['gamma', ['changedRemoved']]]);
    expect(arranged(result).main).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('leaves alone a widget the editor did not touch and they removed', () => {
    const mine = snap({ main: ['delta', 'alpha', 'beta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: [] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes).toEqual([]);
    expect(arranged(result)).toEqual({ main: ['delta', 'alpha', 'beta'] });
  });
});

describe('layouts', () => {
  it("switches to the editor's layout, keeping by slot name what they moved", () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'] }, { layout: 'one-column', unplaced: [{ ...w('gamma'), slot: 'sidebar' }] });
    const theirs = snap({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.layout).toBe('one-column');
    expect(result.clashes).toEqual([]);
    // The caller places the sidebar's widgets in the tray of the one-column layout.
    expect(arranged(result)).toEqual({ main: ['alpha', 'delta'], sidebar: ['gamma', 'beta'] });
    expect(result).toMatchObject({ changes: 1, applied: 1 });
  });

  it("keeps their layout and replays the editor's moves in it", () => {
    const mine = snap({ main: ['delta', 'alpha', 'beta'], sidebar: ['gamma'] });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'] }, { layout: 'one-column', unplaced: [{ ...w('gamma'), slot: 'sidebar' }] });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.layout).toBe('one-column');
    expect(arranged(result)).toEqual({ main: ['delta', 'alpha', 'beta'], sidebar: ['gamma'] });
  });

  it('takes a layout both chose without a clash', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] }, { layout: 'three-columns' });
    const result = merge({ base: BASE(), mine, theirs: snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] }, { layout: 'three-columns' }) });
    expect(result).toMatchObject({ layout: 'three-columns', clashes: [] });
  });

  it('reports different layouts chosen by both', () => {
    const mine = snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] }, { layout: 'one-column' });
    const theirs = snap({ main: ['alpha', 'beta', 'delta'], sidebar: ['gamma'] }, { layout: 'landing' });
    const result = merge({ base: BASE(), mine, theirs });
    expect(result.clashes).toEqual([
      { id: LAYOUT_CLASH, kinds: ['layout'], base: 'two-columns', mine: 'one-column', theirs: 'landing' },
    ]);
    expect(result.layout).toBe('landing');
    expect(merge({ base: BASE(), mine, theirs }, { [LAYOUT_CLASH]: MINE }).layout).toBe('one-column');
  });
});

describe('unplaced widgets', () => {
  const base = () => snap({ main: ['alpha'] }, { unplaced: [{ ...w('old'), slot: 'footer' }, w('loose'), w('stray')] });

  it('takes a widget the editor took out of the tray to its slot', () => {
    const mine = snap({ main: ['alpha', 'old'] }, { unplaced: [w('loose'), w('stray')] });
    const theirs = snap({ main: ['alpha', 'new'] }, { unplaced: [{ ...w('old'), slot: 'footer' }, w('loose'), w('stray')] });
    const result = merge({ base: base(), mine, theirs });
    expect(arranged(result)).toEqual({ main: ['alpha', 'old', 'new'], [UNPLACED]: ['loose', 'stray'] });
    expect(widgetOf(result, 'old')).not.toHaveProperty('slot');
  });

  it('replays a reordering of the tray', () => {
    const mine = snap({ main: ['alpha'] }, { unplaced: [{ ...w('old'), slot: 'footer' }, w('stray'), w('loose')] });
    const theirs = snap({ main: [] }, { unplaced: [{ ...w('old'), slot: 'footer' }, w('loose'), w('stray'), w('alpha')] });
    theirs.unplaced[3] = { ...w('alpha'), slot: 'main' };
    const result = merge({ base: base(), mine, theirs });
    expect(arranged(result)).toMatchObject({ main: ['alpha'], footer: ['old'], [UNPLACED]: ['stray', 'loose'] });
  });

  it('keeps a tray widget they removed removed when the editor did not touch it', () => {
    const mine = snap({ main: ['old', 'alpha'] }, { unplaced: [w('loose'), w('stray')] });
    const theirs = snap({ main: ['alpha'] }, { unplaced: [{ ...w('old'), slot: 'footer' }, w('stray')] });
    const result = merge({ base: base(), mine, theirs });
    expect(arranged(result)).toEqual({ main: ['old', 'alpha'], [UNPLACED]: ['stray'] });
  });
});
