// The state model's ``dirty``: right after every change, and cheap to ask
// again while nothing changed (the toolbar and the history panel ask it on
// every render).
import { afterEach, describe, expect, it, vi } from 'vitest';
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
});
