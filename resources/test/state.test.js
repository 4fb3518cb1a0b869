// The state model: loading, moving, constraints, adding, settings, duplicate, remove.
import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../src/state.js';
import { editor, ids, twoColumns } from './fixtures.js';

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

  it('says a slot is full whatever the type, and not a slot without a maximum', () => {
    const state = editor();
    expect(state.full('sidebar')).toBeNull();
    state.move('a', 'sidebar');
    expect(state.full('sidebar').messages[0]).toEqual({ key: 'refused.slotFull', params: { slot: 'Sidebar', max: 2 } });
    expect(state.full('sidebar', 'a')).toBeNull();
    expect(state.full('main')).toBeNull();
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

  it('records no step for the same settings in another key order, and says nothing changed', () => {
    const state = editor();
    const result = state.updateSettings('c', { view: 'summary', uid: 'uid-2' }, { title: 'News' });
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(result.messages).toEqual([{ key: 'op.settingsUnchanged', params: { title: 'News' } }]);
    expect(state.canUndo).toBe(false);
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
