// The state model's ``dirty``: right after every change, and cheap to ask
// again while nothing changed (the toolbar and the history panel ask it on
// every render).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameArrangement, snapshotOf } from '../src/state/snapshot.js';
import { editor } from './fixtures.js';

afterEach(() => vi.restoreAllMocks());

describe('dirty', () => {
  it('follows a move, its undo and its redo', () => {
    const state = editor();
    expect(state.dirty).toBe(false);
    state.move('c', 'main', 0);
    expect(state.dirty).toBe(true);
    state.undo();
    expect(state.dirty).toBe(false);
    state.redo();
    expect(state.dirty).toBe(true);
  });

  it('is false again when a change is moved back by hand', () => {
    const state = editor();
    state.move('c', 'main', 0);
    state.move('c', 'main', 2);
    expect(state.dirty).toBe(false);
  });

  it('serializes nothing when asked again with the same snapshots', () => {
    const state = editor();
    state.move('c', 'main', 0);
    expect(state.dirty).toBe(true);
    const stringify = vi.spyOn(JSON, 'stringify');
    expect(state.dirty).toBe(true);
    expect(stringify).not.toHaveBeenCalled();
  });

  it('compares the snapshots widget by widget, not serialized', () => {
    const state = editor();
    state.move('c', 'main', 0);
    const stringify = vi.spyOn(JSON, 'stringify');
    expect(state.dirty).toBe(true);
    expect(stringify).not.toHaveBeenCalled();
  });
});

describe('sameArrangement', () => {
  const data = {
    layout: 'two-columns',
    slots: { main: [{ id: 'a', type: 'text', settings: { text: 'A' } }], sidebar: [] },
    unplaced: [{ id: 'b', type: 'html', settings: {}, slot: 'footer' }],
  };

  it('compares widgets by their data when they are not the same objects', () => {
    expect(sameArrangement(snapshotOf(data), snapshotOf(data))).toBe(true);
    const changed = { ...data, slots: { ...data.slots, main: [{ id: 'a', type: 'text', settings: { text: 'B' } }] } };
    expect(sameArrangement(snapshotOf(data), snapshotOf(changed))).toBe(false);
  });

  it('tells apart the layout, the slots and where an unplaced widget came from', () => {
    const base = snapshotOf(data);
    expect(sameArrangement(base, snapshotOf({ ...data, layout: 'one-column' }))).toBe(false);
    expect(sameArrangement(base, snapshotOf({ ...data, slots: { sidebar: [], main: data.slots.main } }))).toBe(false);
    expect(sameArrangement(base, snapshotOf({ ...data, unplaced: [{ ...data.unplaced[0], slot: 'main' }] }))).toBe(false);
  });
});
