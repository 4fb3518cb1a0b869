import { describe, expect, it } from 'vitest';
import { EditorState, UNPLACED, widgetKey } from '../src/state.js';
import { LAYOUTS, WIDGET_TYPES, counterIds, ids, twoColumns } from './fixtures.js';

function editor(arrangement = twoColumns(), layouts = LAYOUTS) {
  return new EditorState({ arrangement, layouts, widgetTypes: WIDGET_TYPES, newId: counterIds() });
}

function allIds(state) {
  return [...state.slotNames().flatMap((name) => ids(state, name)), ...ids(state, UNPLACED)].sort();
}

describe('loading', () => {
  it('reads the arrangement, its version and the layout slots', () => {
    const state = editor();
    expect(state.layoutName).toBe('two-columns');
    expect(state.version).toBe('v1');
    expect(state.slotNames()).toEqual(['main', 'sidebar']);
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(ids(state, 'sidebar')).toEqual(['d']);
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
  });

  it('gives a never-arranged page empty slots and version "0"', () => {
    const state = editor({ layout: 'one-column', slots: {}, unplaced: [] });
    expect(state.version).toBe('0');
    expect(state.widgets('main')).toEqual([]);
  });

  it('keeps widgets of slots the layout does not know in the tray', () => {
    const data = twoColumns();
    data.slots.gone = [{ id: 'z', type: 'text', settings: {} }];
    const state = editor(data);
    expect(state.widgets(UNPLACED)).toEqual([{ id: 'z', type: 'text', settings: {}, slot: 'gone' }]);
  });
});

describe('moving', () => {
  it('reorders within a slot', () => {
    const state = editor();
    const result = state.move('c', 'main', 0);
    expect(result.ok).toBe(true);
    expect(ids(state, 'main')).toEqual(['c', 'a', 'b']);
    expect(result.messages[0]).toEqual({
      key: 'op.moved',
      params: { title: 'News', slot: 'Main', position: 1, count: 3 },
    });
    expect(state.dirty).toBe(true);
  });

  it('moves between slots at the given position', () => {
    const state = editor();
    expect(state.move('a', 'sidebar', 0).ok).toBe(true);
    expect(ids(state, 'main')).toEqual(['b', 'c']);
    expect(ids(state, 'sidebar')).toEqual(['a', 'd']);
  });

  it('appends when no position is given and clamps a position past the end', () => {
    const state = editor();
    state.move('a', 'main');
    expect(ids(state, 'main')).toEqual(['b', 'c', 'a']);
    state.move('b', 'main', 99);
    expect(ids(state, 'main')).toEqual(['c', 'a', 'b']);
  });

  it('takes a widget out of the tray into a slot', () => {
    const state = editor();
    state.switchLayout('one-column'); // d goes to the tray
    state.move('d', 'main', 1);
    expect(ids(state, 'main')).toEqual(['a', 'd', 'b', 'c']);
    expect(ids(state, UNPLACED)).toEqual([]);
    expect(state.find('d').widget.slot).toBeUndefined();
  });

  it('refuses to put a placed widget into the tray, saying why', () => {
    const state = editor();
    const result = state.move('b', UNPLACED);
    expect(result.reason).toBe('tray-only');
    expect(result.messages[0]).toEqual({ key: 'refused.trayOnly', params: { slot: { key: 'tray.title' } } });
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
  });

  it('reorders within the tray', () => {
    const state = editor({
      layout: 'one-column',
      version: '2',
      slots: { main: [] },
      unplaced: [
        { id: 'x', type: 'text', settings: {}, slot: 'left' },
        { id: 'y', type: 'text', settings: {}, slot: 'right' },
      ],
    });
    expect(state.move('y', UNPLACED, 0).ok).toBe(true);
    expect(ids(state, UNPLACED)).toEqual(['y', 'x']);
  });

  it('puts a tray widget back in its slot as soon as the slot has room, as the server does', () => {
    const state = editor({
      layout: 'landing',
      version: '2',
      slots: { hero: [{ id: 'h1', type: 'image', settings: {} }] },
      unplaced: [{ id: 'h2', type: 'text', settings: {}, slot: 'hero' }],
    });
    expect(ids(state, UNPLACED)).toEqual(['h2']);
    state.move('h1', 'main');
    expect(ids(state, 'hero')).toEqual(['h2']);
    expect(ids(state, UNPLACED)).toEqual([]);
    state.undo();
    expect(ids(state, 'hero')).toEqual(['h1']);
    expect(ids(state, UNPLACED)).toEqual(['h2']);
  });

  it('does not record a move to where the widget already is', () => {
    const state = editor();
    const result = state.move('b', 'main', 1);
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(state.canUndo).toBe(false);
    expect(state.dirty).toBe(false);
  });

  it('refuses to move an unknown widget', () => {
    const state = editor();
    expect(state.move('nope', 'main', 0)).toMatchObject({ ok: false, reason: 'unknown-widget' });
  });

  it('refuses an unknown slot', () => {
    const state = editor();
    const result = state.move('a', 'footer', 0);
    expect(result.reason).toBe('unknown-slot');
    expect(result.messages[0]).toEqual({ key: 'refused.unknownSlot', params: { slot: 'footer' } });
  });
});

describe('constraints', () => {
  it('refuses a type the slot does not allow, naming type and slot, and changes nothing', () => {
    const state = editor();
    const before = JSON.stringify(state.toPatch());
    const result = state.move('b', 'sidebar', 0);
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('not-allowed');
    expect(result.messages[0]).toEqual({ key: 'refused.notAllowed', params: { type: 'Image', slot: 'Sidebar' } });
    expect(JSON.stringify(state.toPatch())).toBe(before);
    expect(state.canUndo).toBe(false);
    expect(state.dirty).toBe(false);
  });

  it('refuses a move into a full slot with its maximum', () => {
    const state = editor();
    expect(state.move('a', 'sidebar').ok).toBe(true);
    const result = state.move('c', 'sidebar');
    expect(result.reason).toBe('not-allowed');
    state.add('text', 'main');
    const full = state.move('new1', 'sidebar');
    expect(full.reason).toBe('slot-full');
    expect(full.messages[0]).toEqual({ key: 'refused.slotFull', params: { slot: 'Sidebar', max: 2 } });
    expect(ids(state, 'sidebar')).toEqual(['d', 'a']);
  });

  it('lets a widget move within a full slot', () => {
    const state = editor();
    state.move('a', 'sidebar');
    expect(state.move('a', 'sidebar', 0).ok).toBe(true);
    expect(ids(state, 'sidebar')).toEqual(['a', 'd']);
  });

  it('reports the refusal without acting through refusal()', () => {
    const state = editor();
    expect(state.refusal('text', 'sidebar')).toBeNull();
    expect(state.refusal('html', 'sidebar').reason).toBe('not-allowed');
    expect(state.refusal('html', UNPLACED).reason).toBe('tray-only');
  });
});

describe('adding', () => {
  it('adds a widget of a type to a slot with a new id and empty settings', () => {
    const state = editor();
    const result = state.add('text', 'sidebar', 0);
    expect(result).toMatchObject({ ok: true, id: 'new1' });
    expect(state.widgets('sidebar')[0]).toEqual({ id: 'new1', type: 'text', settings: {} });
    expect(result.messages[0]).toEqual({ key: 'op.added', params: { title: 'Text', slot: 'Sidebar' } });
  });

  it('adds to the first slot that accepts the type when no slot is given', () => {
    const state = editor({ layout: 'landing', version: '3', slots: { hero: [{ id: 'h', type: 'image', settings: {} }] } });
    const result = state.add('html');
    expect(result.ok).toBe(true);
    expect(ids(state, 'feature-1')).toEqual(['new1']);
  });

  it('refuses when no slot accepts the type', () => {
    const layouts = [{ name: 'strict', slots: [{ name: 'main', title: 'Main', allowed: ['text'], max: null }] }];
    const state = editor({ layout: 'strict', version: '1', slots: { main: [] } }, layouts);
    const result = state.add('image');
    expect(result).toMatchObject({ ok: false, reason: 'no-slot' });
    expect(result.messages[0]).toEqual({ key: 'refused.noSlot', params: { type: 'Image' } });
    expect(state.widgets('main')).toEqual([]);
  });

  it('refuses an unknown type and a refusing slot', () => {
    const state = editor();
    expect(state.add('video', 'main').reason).toBe('unknown-type');
    expect(state.add('image', 'sidebar').reason).toBe('not-allowed');
    expect(state.canUndo).toBe(false);
  });

  it('keeps the given settings', () => {
    const state = editor();
    state.add('text', 'main', 1, { text: '<p>Hi</p>' });
    expect(state.widgets('main')[1].settings).toEqual({ text: '<p>Hi</p>' });
  });
});

describe('settings, duplicate and remove', () => {
  it('updates settings and title, undo restores them', () => {
    const state = editor();
    state.updateSettings('a', { text: '<p>B</p>' }, { title: 'Hello' });
    expect(state.find('a').widget).toEqual({ id: 'a', type: 'text', settings: { text: '<p>B</p>' }, title: 'Hello' });
    expect(state.dirty).toBe(true);
    state.undo();
    expect(state.find('a').widget.settings).toEqual({ text: '<p>A</p>' });
    expect(state.dirty).toBe(false);
  });

  it('duplicates with a new id and a copy of the settings, right after the original', () => {
    const state = editor();
    const result = state.duplicate('b');
    expect(result).toMatchObject({ ok: true, id: 'new1', original: 'b' });
    expect(ids(state, 'main')).toEqual(['a', 'b', 'new1', 'c']);
    const copy = state.find('new1').widget;
    const original = state.find('b').widget;
    expect(copy.settings).toEqual(original.settings);
    expect(copy.settings).not.toBe(original.settings);
    expect(copy.type).toBe('image');
    expect(copy.title).toBe('Photo');
  });

  it('refuses to duplicate into a full slot', () => {
    const state = editor();
    expect(state.duplicate('d').ok).toBe(true);
    const result = state.duplicate('d');
    expect(result.reason).toBe('slot-full');
    expect(ids(state, 'sidebar')).toEqual(['d', 'new1']);
  });

  it('duplicates in the tray, the copy remembering the slot', () => {
    const state = editor();
    state.switchLayout('one-column');
    state.duplicate('d');
    expect(ids(state, UNPLACED)).toEqual(['d', 'new1']);
    expect(state.find('new1').widget.slot).toBe('sidebar');
  });

  it('removes a widget and undo brings it back in its place', () => {
    const state = editor();
    const result = state.remove('b');
    expect(result.messages[0]).toEqual({ key: 'op.removed', params: { title: 'Photo' } });
    expect(ids(state, 'main')).toEqual(['a', 'c']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(state.find('b').widget.settings).toEqual({ image: 'uid-1' });
  });

  it('refuses to remove, duplicate or edit an unknown widget', () => {
    const state = editor();
    expect(state.remove('x').reason).toBe('unknown-widget');
    expect(state.duplicate('x').reason).toBe('unknown-widget');
    expect(state.updateSettings('x', {}).reason).toBe('unknown-widget');
  });
});

describe('undo and redo', () => {
  it('undoes and redoes every operation in order', () => {
    const state = editor();
    state.move('c', 'main', 0); // c a b
    state.add('text', 'sidebar'); // sidebar d new1
    state.duplicate('a'); // c a new2 b
    state.remove('c'); // a new2 b
    state.switchLayout('one-column');
    expect(ids(state, UNPLACED)).toEqual(['d', 'new1']);

    state.undo();
    expect(state.layoutName).toBe('two-columns');
    expect(ids(state, 'sidebar')).toEqual(['d', 'new1']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['c', 'a', 'new2', 'b']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['c', 'a', 'b']);
    state.undo();
    expect(ids(state, 'sidebar')).toEqual(['d']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(state.canUndo).toBe(false);
    expect(state.dirty).toBe(false);

    state.redo();
    state.redo();
    expect(ids(state, 'main')).toEqual(['c', 'a', 'b']);
    expect(ids(state, 'sidebar')).toEqual(['d', 'new1']);
    expect(state.canRedo).toBe(true);
  });

  it('drops the redo steps when a new operation is made', () => {
    const state = editor();
    state.move('a', 'main');
    state.undo();
    expect(state.canRedo).toBe(true);
    state.remove('c');
    expect(state.canRedo).toBe(false);
    expect(state.redo()).toMatchObject({ ok: false, reason: 'nothing-to-redo' });
  });

  it('says which operation undo took back and redo made again', () => {
    const state = editor();
    state.move('a', 'sidebar', 0);
    expect(state.undo().messages).toEqual([
      { key: 'op.undoneWhat', params: { what: { key: 'what.moved', params: { title: 'Welcome', slot: 'Sidebar' } } } },
    ]);
    expect(state.redo().messages).toEqual([
      { key: 'op.redoneWhat', params: { what: { key: 'what.moved', params: { title: 'Welcome', slot: 'Sidebar' } } } },
    ]);
  });

  it('names a layout switch and a keyboard move when undoing them', () => {
    const state = editor();
    state.switchLayout('one-column');
    expect(state.undo().messages[0].params.what).toEqual({ key: 'what.layout', params: { layout: 'One column' } });
    state.pickUp('a');
    state.moveGrabbed('down');
    state.drop();
    expect(state.undo().messages[0].params.what).toEqual({
      key: 'what.moved',
      params: { title: 'Welcome', slot: 'Main' },
    });
  });

  it('refuses undo with nothing to undo', () => {
    const result = editor().undo();
    expect(result).toMatchObject({ ok: false, reason: 'nothing-to-undo' });
    expect(result.messages[0].key).toBe('refused.nothingToUndo');
  });

  it('clears the history once saved', () => {
    const state = editor();
    state.remove('a');
    state.markSaved('v2');
    expect(state.version).toBe('v2');
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
    expect(state.undo().ok).toBe(false);
    expect(ids(state, 'main')).toEqual(['b', 'c']);
  });

  it('reverts to the saved arrangement, and undo brings the changes back', () => {
    const state = editor();
    state.remove('a');
    state.move('d', 'main', 0);
    state.revert();
    expect(state.dirty).toBe(false);
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['d', 'b', 'c']);
  });

  it('notifies listeners on every change', () => {
    const state = editor();
    const seen = [];
    const unsubscribe = state.subscribe((s) => seen.push(s.dirty));
    state.remove('a');
    state.undo();
    unsubscribe();
    state.redo();
    expect(seen).toEqual([true, false]);
  });
});

describe('discarding a new widget', () => {
  it('takes the add back without a step to redo', () => {
    const state = editor();
    const { id } = state.add('text', 'sidebar');
    const result = state.discardNew(id);
    expect(result.messages).toEqual([{ key: 'op.addCancelled', params: { title: 'Text' } }]);
    expect(state.find(id)).toBe(null);
    expect(state.canRedo).toBe(false);
    expect(state.canUndo).toBe(false);
    expect(state.dirty).toBe(false);
  });

  it('leaves what could be redone before the add to redo', () => {
    const state = editor();
    state.remove('b');
    state.undo();
    const { id } = state.add('text', 'main');
    state.discardNew(id);
    expect(state.canRedo).toBe(true);
    state.redo();
    expect(state.find('b')).toBe(null);
  });

  it('removes the widget as one step when something changed since the add', () => {
    const state = editor();
    const { id } = state.add('text', 'main');
    state.move('a', 'main', 2);
    state.discardNew(id);
    expect(state.find(id)).toBe(null);
    expect(ids(state, 'main')).toEqual(['b', 'c', 'a']);
    expect(state.canRedo).toBe(false);
  });

  it('refuses a widget that is not on the page', () => {
    expect(editor().discardNew('nowhere').reason).toBe('unknown-widget');
  });
});

describe('switching layout', () => {
  it('says only the layout when no widget moves to or from the tray', () => {
    const data = twoColumns();
    data.slots.sidebar = [];
    const empty = editor(data);
    expect(empty.switchLayout('one-column').messages).toEqual([
      { key: 'op.layoutSwitched', params: { layout: 'One column' } },
    ]);
  });

  it('says how many widgets came back from the tray', () => {
    const state = editor();
    state.switchLayout('one-column');
    expect(state.switchLayout('two-columns').messages).toEqual([
      { key: 'op.layoutSwitched', params: { layout: 'Two columns' } },
      { key: 'op.layoutRestored', params: { count: 1 } },
    ]);
  });

  it('puts widgets of missing slots in the tray and restores them when switching back', () => {
    const state = editor();
    const result = state.switchLayout('one-column');
    expect(result).toMatchObject({ ok: true, displaced: 1, restored: 0 });
    expect(result.messages).toEqual([
      { key: 'op.layoutSwitched', params: { layout: 'One column' } },
      { key: 'op.layoutDisplaced', params: { count: 1 } },
    ]);
    expect(state.slotNames()).toEqual(['main']);
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(state.widgets(UNPLACED)).toEqual([{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Latest', slot: 'sidebar' }]);

    const back = state.switchLayout('two-columns');
    expect(back).toMatchObject({ ok: true, displaced: 0, restored: 1 });
    expect(ids(state, 'sidebar')).toEqual(['d']);
    expect(state.widgets(UNPLACED)).toEqual([]);
    expect(state.dirty).toBe(false);
  });

  it('loses nothing across several switches', () => {
    const state = editor();
    const before = allIds(state);
    for (const name of ['three-columns', 'landing', 'one-column', 'two-columns', 'landing']) {
      expect(state.switchLayout(name).ok).toBe(true);
      expect(allIds(state)).toEqual(before);
    }
    state.switchLayout('two-columns');
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(ids(state, 'sidebar')).toEqual(['d']);
  });

  it('puts widgets the new slot refuses in the tray with their slot', () => {
    const data = {
      layout: 'one-column',
      version: '1',
      slots: { main: [{ id: 'x', type: 'text', settings: {} }, { id: 'y', type: 'html', settings: {} }] },
    };
    const layouts = [...LAYOUTS, { name: 'strict', slots: [{ name: 'main', title: 'Main', allowed: ['text'], max: null }] }];
    const state = editor(data, layouts);
    state.switchLayout('strict');
    expect(ids(state, 'main')).toEqual(['x']);
    expect(state.widgets(UNPLACED)).toEqual([{ id: 'y', type: 'html', settings: {}, slot: 'main' }]);
    state.switchLayout('one-column');
    expect(ids(state, 'main')).toEqual(['x', 'y']);
  });

  it('refuses an unknown layout and the current one', () => {
    const state = editor();
    expect(state.switchLayout('nope').reason).toBe('unknown-layout');
    expect(state.switchLayout('two-columns').reason).toBe('same-layout');
    expect(state.canUndo).toBe(false);
  });
});

describe('saving', () => {
  it('gives the whole arrangement and the version it was read at', () => {
    const state = editor();
    state.move('a', 'sidebar', 0);
    state.switchLayout('one-column');
    expect(state.toPatch()).toEqual({
      version: 'v1',
      layout: 'one-column',
      slots: {
        main: [
          { id: 'b', type: 'image', settings: { image: 'uid-1' } },
          { id: 'c', type: 'content', settings: { uid: 'uid-2', view: 'summary' } },
        ],
      },
      unplaced: [
        { id: 'a', type: 'text', settings: { text: '<p>A</p>' }, slot: 'sidebar' },
        { id: 'd', type: 'listing', settings: { query: [] }, slot: 'sidebar' },
      ],
    });
  });

  it('sends the slot a tray widget came from', () => {
    const state = editor();
    state.switchLayout('one-column');
    expect(state.toPatch().unplaced).toEqual([
      { id: 'd', type: 'listing', settings: { query: [] }, slot: 'sidebar' },
    ]);
  });
});

describe('conflicts', () => {
  function serverVersion() {
    // Someone else removed "c", added "e" to the sidebar and saved.
    return {
      layout: 'two-columns',
      version: 'v2',
      slots: {
        main: [
          { id: 'a', type: 'text', settings: { text: '<p>theirs</p>' }, title: 'Welcome' },
          { id: 'b', type: 'image', settings: { image: 'uid-1' }, title: 'Photo' },
        ],
        sidebar: [
          { id: 'd', type: 'listing', settings: { query: [] }, title: 'Latest' },
          { id: 'e', type: 'text', settings: { text: '<p>E</p>' }, title: 'Theirs' },
        ],
      },
      unplaced: [],
    };
  }

  it('loads the newer arrangement and keeps the user one, with titles and moves', () => {
    const state = editor();
    state.move('c', 'main', 0);
    state.remove('b');
    const mine = state.toPatch();
    const result = state.conflict(serverVersion());
    expect(result.messages[0].key).toBe('op.conflict');
    expect(state.version).toBe('v2');
    expect(ids(state, 'main')).toEqual(['a', 'b']);
    expect(state.dirty).toBe(false);
    expect(state.hasPending).toBe(true);
    const kept = state.exportPending();
    expect(kept.mine.slots.main).toEqual([
      { ...mine.slots.main[0], title: 'News' },
      { ...mine.slots.main[1], title: 'Welcome' },
    ]);
    expect(kept.moved).toEqual(['c']);
  });

  it("re-applies the user's changes on top of theirs, keeping what they saved", () => {
    const state = editor();
    state.move('d', 'main', 0);
    state.remove('b');
    state.conflict(serverVersion());
    const result = state.reapply();
    expect(result).toMatchObject({ ok: true, applied: 2, changes: 2 });
    expect(result.messages).toEqual([
      { key: 'merge.reapplied', params: { count: 2, version: { key: 'merge.newerVersion' } } },
    ]);
    expect(state.hasPending).toBe(false);
    expect(state.dirty).toBe(true);
    const patch = state.toPatch();
    expect(patch.version).toBe('v2');
    expect(patch.slots.main.map((w) => w.id)).toEqual(['d', 'a']);
    // Their text of "a" stays: the user did not change it.
    expect(patch.slots.main[1].settings).toEqual({ text: '<p>theirs</p>' });
    expect(patch.slots.sidebar.map((w) => w.id)).toEqual(['e']);

    state.undo();
    expect(ids(state, 'main')).toEqual(['a', 'b']);
    expect(state.dirty).toBe(false);
  });

  it('names who saved the newer version', () => {
    const state = editor();
    state.remove('b');
    state.conflict(serverVersion());
    expect(state.reapply({ other: 'Jane Doe' }).messages).toEqual([
      { key: 'merge.reappliedOne', params: { count: 1, version: { key: 'merge.versionOf', params: { name: 'Jane Doe' } } } },
    ]);
  });

  it('puts their additions in the tray when the user layout lacks the slot', () => {
    const state = editor();
    state.switchLayout('one-column');
    state.conflict(serverVersion());
    state.reapply();
    expect(state.layoutName).toBe('one-column');
    expect(state.widgets(UNPLACED).map((w) => [w.id, w.slot])).toEqual([
      ['d', 'sidebar'],
      ['e', 'sidebar'],
    ]);
  });

  it('survives a page reload through export and import', () => {
    const state = editor();
    state.remove('b');
    state.conflict(serverVersion());
    const kept = JSON.parse(JSON.stringify(state.exportPending()));

    const reloaded = editor(serverVersion());
    expect(reloaded.importPending(kept).ok).toBe(true);
    reloaded.reapply();
    expect(reloaded.version).toBe('v2');
    expect(ids(reloaded, 'main')).toEqual(['a']);
    expect(ids(reloaded, 'sidebar')).toEqual(['d', 'e']);
  });

  it('discards the kept version on request', () => {
    const state = editor();
    state.remove('a');
    state.conflict(serverVersion());
    expect(state.discardPending().ok).toBe(true);
    expect(state.hasPending).toBe(false);
    expect(state.reapply().reason).toBe('no-pending');
  });

  it('keeps the first kept version through a second conflict before re-applying', () => {
    const state = editor();
    state.remove('b');
    state.conflict(serverVersion());
    state.conflict({ ...serverVersion(), version: 'v3' });
    state.reapply();
    expect(state.version).toBe('v3');
    expect(ids(state, 'main')).toEqual(['a']);
  });
});

describe('clashes after a conflict', () => {
  // Someone else changed the text of "a" and moved "d" to the main slot.
  function theirs() {
    const data = twoColumns();
    data.version = 'v2';
    data.slots.main[0] = { ...data.slots.main[0], settings: { text: '<p>theirs</p>' }, title: 'Their welcome' };
    data.slots.main.push(data.slots.sidebar.pop());
    return data;
  }

  function clashing() {
    const state = editor();
    state.updateSettings('a', { text: '<p>mine</p>' }, { title: 'My welcome' });
    state.remove('c');
    state.conflict(theirs());
    return state;
  }

  it('asks per widget before changing anything', () => {
    const state = clashing();
    const result = state.reapply({ other: 'Jane Doe' });
    expect(result.ok).toBe(true);
    expect(result.messages).toEqual([
      {
        key: 'merge.clashes',
        params: { version: { key: 'merge.versionOf', params: { name: 'Jane Doe' } }, titles: 'Welcome' },
      },
    ]);
    expect(state.hasClashes).toBe(true);
    expect(state.hasPending).toBe(true);
    expect(state.dirty).toBe(false);
    expect(state.clashes).toEqual([
      {
        id: 'a',
        kind: 'settings',
        name: 'Welcome',
        description: { key: 'clash.settings', params: { mine: 'Main', theirs: 'Main' } },
        mine: { key: 'clash.mine.settings', params: { title: 'My welcome', slot: 'Main' } },
        theirs: { key: 'clash.theirs.settings', params: { title: 'Their welcome', slot: 'Main' } },
      },
    ]);
  });

  it('refuses to resolve without a choice for every clash', () => {
    const state = clashing();
    state.reapply();
    const result = state.resolve({});
    expect(result).toMatchObject({ ok: false, reason: 'unresolved', unresolved: ['a'] });
    expect(result.messages).toEqual([{ key: 'merge.unresolved', params: { titles: 'Welcome' } }]);
    expect(state.hasClashes).toBe(true);
  });

  it("keeps the user's version of a clashing widget when chosen", () => {
    const state = clashing();
    state.reapply();
    const result = state.resolve({ a: 'mine' });
    expect(result.ok).toBe(true);
    expect(result.messages[1]).toEqual({ key: 'merge.kept', params: { mine: 1, theirs: 0 } });
    expect(state.find('a').widget.settings).toEqual({ text: '<p>mine</p>' });
    expect(state.hasClashes).toBe(false);
    expect(state.hasPending).toBe(false);
    expect(state.dirty).toBe(true);
  });

  it('keeps their version of a clashing widget when chosen, and every other change of the user', () => {
    const state = clashing();
    state.reapply();
    state.resolve({ a: 'theirs' });
    expect(state.find('a').widget.settings).toEqual({ text: '<p>theirs</p>' });
    expect(ids(state, 'main')).toEqual(['a', 'b', 'd']);
  });

  it('names the slots where a widget moved by both would go', () => {
    const state = editor();
    state.move('a', 'sidebar', 0);
    const data = twoColumns();
    data.version = 'v2';
    data.layout = 'three-columns';
    data.slots = { left: [data.slots.main[0]], main: data.slots.main.slice(1), right: data.slots.sidebar };
    state.conflict(data);
    state.reapply();
    expect(state.clashes.map((c) => [c.kind, c.description.params, c.mine.params.slot])).toEqual([
      ['moved', { mine: 'Sidebar', theirs: 'Left' }, 'Sidebar'],
    ]);
    state.resolve({ a: 'theirs' });
    expect(state.layoutName).toBe('three-columns');
    expect(ids(state, 'left')).toEqual(['a']);
  });

  it('asks about a layout both switched', () => {
    const state = editor();
    state.switchLayout('one-column');
    state.conflict({ ...twoColumns(), layout: 'landing', version: 'v2' });
    state.reapply();
    expect(state.clashes).toEqual([
      {
        id: '__layout__',
        kind: 'layout',
        name: { key: 'clash.layoutName' },
        description: { key: 'clash.layout', params: { mine: 'One column', theirs: 'Landing page' } },
        mine: { key: 'clash.mine.layout', params: { layout: 'One column' } },
        theirs: { key: 'clash.theirs.layout', params: { layout: 'Landing page' } },
      },
    ]);
    state.resolve({ __layout__: 'mine' });
    expect(state.layoutName).toBe('one-column');
  });

  it('names their version of a clashing widget by the title its card brings', () => {
    const state = editor();
    state.updateSettings('a', { text: '<p>mine</p>' }, { title: 'My welcome' });
    const data = theirs();
    delete data.slots.main[0].title;
    state.conflict(data);
    state.reapply();
    expect(state.clashes[0].theirs.params.title).toBe('Text');
    state.setTitles([{ id: 'a', type: 'text', settings: { text: '<p>theirs</p>' }, title: 'Their welcome' }]);
    expect(state.clashes[0].theirs.params.title).toBe('Their welcome');
    expect(state.clashes[0].name).toBe('Welcome');
  });

  it('knows a title only for the settings it was found with', () => {
    const state = editor();
    state.updateSettings('a', { text: '<p>mine</p>' }, { title: 'My welcome' });
    expect(state.knownTitle({ id: 'a', type: 'text', settings: { text: '<p>A</p>' } })).toBe('Welcome');
    expect(state.knownTitle({ id: 'a', type: 'text', settings: { text: '<p>mine</p>' } })).toBe('My welcome');
    expect(state.knownTitle({ id: 'a', type: 'text', settings: { text: '<p>theirs</p>' } })).toBe(null);
  });

  it('forgets the clashes when the kept changes are discarded', () => {
    const state = clashing();
    state.reapply();
    state.discardPending();
    expect(state.hasClashes).toBe(false);
    expect(state.resolve({ a: 'mine' }).reason).toBe('no-pending');
  });
});

describe('titles from the server', () => {
  const named = (id, settings, title, type = 'text') => ({ id, type, settings, title });

  it('renames a widget without an undo step and without making the arrangement dirty', () => {
    const state = editor();
    let notified = 0;
    state.subscribe(() => {
      notified += 1;
    });
    const result = state.setTitles([named('a', { text: '<p>A</p>' }, 'A as the server says')]);
    expect(result).toMatchObject({ ok: true, changed: 1 });
    expect(state.find('a').widget.title).toBe('A as the server says');
    expect(state.widgetTitle(state.find('a').widget)).toBe('A as the server says');
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
    expect(notified).toBe(1);
  });

  it('renames only a widget that still has the settings the title was found for', () => {
    const state = editor();
    const result = state.setTitles([named('a', { text: '<p>other</p>' }, 'Other')]);
    expect(result.changed).toBe(0);
    expect(state.find('a').widget.title).toBe('Welcome');
  });

  it('renames the widget in what undo, redo and a conflict keep', () => {
    const state = editor();
    state.move('a', 'main', 2);
    state.conflict({ ...twoColumns(), version: 'v2' });
    state.setTitles([named('a', { text: '<p>A</p>' }, 'Renamed')]);
    state.reapply();
    expect(state.find('a').widget.title).toBe('Renamed');
    state.undo();
    expect(state.find('a').widget.title).toBe('Renamed');
  });

  it('does not notify when nothing changes', () => {
    const state = editor();
    let notified = 0;
    state.subscribe(() => {
      notified += 1;
    });
    expect(state.setTitles([named('a', { text: '<p>A</p>' }, 'Welcome'), named('zz', {}, 'Nobody')]).changed).toBe(0);
    expect(notified).toBe(0);
  });

  it('compares settings whatever the order of their keys', () => {
    expect(widgetKey({ type: 'content', settings: { uid: 'u', view: 'summary' } })).toBe(
      widgetKey({ type: 'content', settings: { view: 'summary', uid: 'u' } }),
    );
    expect(widgetKey({ type: 'text', settings: {} })).not.toBe(widgetKey({ type: 'html', settings: {} }));
    expect(widgetKey({ type: 'text' })).toBe(widgetKey({ type: 'text', settings: {} }));
  });
});

describe('keyboard model', () => {
  it('announces the pick-up with the position', () => {
    const state = editor();
    const result = state.pickUp('b');
    expect(result.ok).toBe(true);
    expect(state.grabbed).toBe('b');
    expect(result.messages).toEqual([
      { key: 'kb.pickedUp', params: { title: 'Photo', slot: 'Main', position: 2, count: 3 } },
    ]);
  });

  it('moves up and down within a slot', () => {
    const state = editor();
    state.pickUp('b');
    const up = state.moveGrabbed('up');
    expect(ids(state, 'main')).toEqual(['b', 'a', 'c']);
    expect(up.messages).toEqual([{ key: 'kb.moved', params: { title: 'Photo', slot: 'Main', position: 1, count: 3 } }]);
    state.moveGrabbed('down');
    state.moveGrabbed('down');
    expect(ids(state, 'main')).toEqual(['a', 'c', 'b']);
  });

  it('says why nothing after the last slot takes the widget', () => {
    const state = editor();
    state.pickUp('d'); // the last slot's only widget
    expect(state.moveGrabbed('down').messages).toEqual([
      {
        key: 'kb.skipped',
        params: { slot: { key: 'tray.title' }, reason: { key: 'refused.trayOnly', params: { slot: { key: 'tray.title' } } } },
      },
      { key: 'kb.cannotMove', params: { title: 'Latest' } },
    ]);
    expect(ids(state, 'sidebar')).toEqual(['d']);
  });

  it('skips a refusing slot on the way to one that accepts', () => {
    const state = editor(twoColumns(), [
      ...LAYOUTS,
      {
        name: 'strict',
        slots: [
          { name: 'main', title: 'Main', allowed: null, max: null },
          { name: 'sidebar', title: 'Sidebar', allowed: ['text'], max: null },
          { name: 'footer', title: 'Footer', allowed: null, max: null },
        ],
      },
    ]);
    state.switchLayout('strict');
    state.pickUp('c'); // content, the last in main
    const result = state.moveGrabbed('down');
    expect(result.ok).toBe(true);
    expect(result.messages).toEqual([
      {
        key: 'kb.skipped',
        params: {
          slot: 'Sidebar',
          reason: { key: 'refused.notAllowed', params: { type: 'Content item', slot: 'Sidebar' } },
        },
      },
      { key: 'kb.moved', params: { title: 'News', slot: 'Footer', position: 1, count: 1 } },
    ]);
    expect(ids(state, 'footer')).toEqual(['c']);
  });

  it('moves between slots with left and right, keeping the position when it can', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('right');
    expect(ids(state, 'sidebar')).toEqual(['a', 'd']);
    state.moveGrabbed('left');
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
  });

  it('goes up from the top of a slot to the end of the previous one', () => {
    const state = editor();
    state.pickUp('d');
    const result = state.moveGrabbed('up');
    expect(result.ok).toBe(true);
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('says so at the edge and changes nothing', () => {
    const state = editor();
    state.pickUp('a');
    const result = state.moveGrabbed('left');
    expect(result).toMatchObject({ ok: false, reason: 'edge' });
    expect(result.messages).toEqual([{ key: 'kb.cannotMove', params: { title: 'Welcome' } }]);
    expect(state.moveGrabbed('up').reason).toBe('edge');
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
  });

  it('refuses with the reason when every slot that way refuses', () => {
    const state = editor(twoColumns(), LAYOUTS);
    state.switchLayout('landing'); // hero (image/text, max 1), feature-1, main
    state.add('image', 'hero');
    state.pickUp('a'); // main
    state.moveGrabbed('left'); // feature-1
    const result = state.moveGrabbed('left'); // hero is full
    expect(result.reason).toBe('refused');
    expect(result.messages[0]).toMatchObject({ key: 'kb.skipped', params: { slot: 'Hero' } });
    expect(result.messages[0].params.reason.key).toBe('refused.slotFull');
    expect(ids(state, 'feature-1')).toEqual(['a']);
  });

  it('drops as one undo step', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('down');
    state.moveGrabbed('down');
    state.moveGrabbed('right');
    const result = state.drop();
    expect(result.messages[0]).toEqual({
      key: 'kb.dropped',
      params: { title: 'Welcome', slot: 'Sidebar', position: 2, count: 2 },
    });
    expect(state.grabbed).toBeNull();
    expect(ids(state, 'sidebar')).toEqual(['d', 'a']);
    state.undo();
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(ids(state, 'sidebar')).toEqual(['d']);
    expect(state.canUndo).toBe(false);
  });

  it('records nothing when dropped where it was picked up', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('down');
    state.moveGrabbed('up');
    expect(state.drop()).toMatchObject({ ok: true, changed: false });
    expect(state.canUndo).toBe(false);
  });

  it('cancels back to the original position', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('down');
    state.moveGrabbed('right');
    expect(state.dirty).toBe(true);
    const result = state.cancelGrab();
    expect(result.messages).toEqual([
      { key: 'kb.cancelled', params: { title: 'Welcome', slot: 'Main', position: 1, count: 3 } },
    ]);
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
  });

  it('leaves a move in progress out of what is saved, and ends it on any other operation', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('right');
    expect(state.toPatch().slots.sidebar.map((w) => w.id)).toEqual(['d']);
    state.remove('c');
    expect(state.grabbed).toBeNull();
    expect(ids(state, 'main')).toEqual(['a', 'b']);
  });

  it('refuses keyboard steps without a picked-up widget', () => {
    const state = editor();
    expect(state.moveGrabbed('up').reason).toBe('not-grabbed');
    expect(state.drop().reason).toBe('not-grabbed');
    expect(state.cancelGrab().reason).toBe('not-grabbed');
    state.pickUp('a');
    expect(state.pickUp('b').reason).toBe('already-grabbed');
    expect(state.moveGrabbed('sideways').reason).toBe('unknown-direction');
  });
});
