// The state model: undo and redo, discarding a new widget, switching layout.
import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../src/state.js';
import { LAYOUTS, allIds, editor, ids, twoColumns } from './fixtures.js';

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

  it('keeps a change made while the save was under way, unsaved and undoable', () => {
    const state = editor();
    state.remove('a');
    const saved = state.toSave;
    state.move('c', 'main', 0);
    state.markSaved('v2', saved);
    expect(state.version).toBe('v2');
    expect(ids(state, 'main')).toEqual(['c', 'b']);
    expect(state.dirty).toBe(true);
    state.undo();
    expect(ids(state, 'main')).toEqual(['b', 'c']);
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
  });

  it('keeps a keyboard move under way when the arrangement before it is saved', () => {
    const state = editor();
    state.remove('a');
    state.pickUp('b');
    state.moveGrabbed('down');
    state.markSaved('v2');
    expect(state.grabbed).toBe('b');
    expect(ids(state, 'main')).toEqual(['c', 'b']);
    expect(state.canUndo).toBe(false);
    state.drop();
    expect(state.dirty).toBe(true);
    state.undo();
    expect(ids(state, 'main')).toEqual(['b', 'c']);
    expect(state.dirty).toBe(false);
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
