// The state model while a save (a restore, an import) is under way: every
// change of the user's is refused and changes nothing, so the save's answer
// is applied to the arrangement it sent.
import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../src/state.js';
import { editor } from './fixtures.js';

const BUSY = { ok: false, reason: 'busy', messages: [{ key: 'refused.busy', params: {} }] };

// Every operation of the user's that changes the arrangement.
const CHANGES = {
  add: (state) => state.add('text', 'main'),
  move: (state) => state.move('a', 'main', 2),
  updateSettings: (state) => state.updateSettings('a', { text: '<p>New</p>' }),
  duplicate: (state) => state.duplicate('a'),
  remove: (state) => state.remove('a'),
  switchLayout: (state) => state.switchLayout('one-column'),
  revert: (state) => state.revert(),
  undo: (state) => state.undo(),
  redo: (state) => state.redo(),
  discardNew: (state) => state.discardNew('a'),
  pickUp: (state) => state.pickUp('a'),
  reapply: (state) => state.reapply(),
  resolve: (state) => state.resolve({}),
};

/** A state with an undo and a redo step to take, saving ``sent`` (the arrangement without ``b``). */
function saving() {
  const state = editor();
  state.remove('d');
  state.undo();
  state.remove('b');
  const sent = state.toSave;
  state.freeze();
  return { state, sent };
}

describe('while a save is under way', () => {
  for (const [name, change] of Object.entries(CHANGES)) {
    it(`refuses ${name}, changing nothing and telling nobody`, () => {
      const { state, sent } = saving();
      let told = 0;
      state.subscribe(() => (told += 1));
      expect(change(state)).toEqual(BUSY);
      expect(state.current).toBe(sent);
      expect(told).toBe(0);
    });
  }

  it('refuses to move or drop a widget picked up before, and still puts it back', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('down');
    const moved = state.current;
    state.freeze();
    expect(state.moveGrabbed('down')).toEqual(BUSY);
    expect(state.drop()).toEqual(BUSY);
    expect(state.current).toBe(moved);
    expect(state.cancelGrab().ok).toBe(true);
    expect(state.widgets('main').map((widget) => widget.id)).toEqual(['a', 'b', 'c']);
  });

  it('does not bring back, by an undo, what the save removed (it stays saved, not dirty)', () => {
    const { state, sent } = saving();
    state.undo();
    state.markSaved('v2', sent);
    state.thaw();
    expect(state.dirty).toBe(false);
    expect(state.canUndo).toBe(false);
    expect(state.widgets('main').map((widget) => widget.id)).toEqual(['a', 'c']);
    expect(state.widgets(UNPLACED)).toEqual([]);
  });

  it('takes changes again once thawed', () => {
    const { state } = saving();
    state.thaw();
    expect(state.frozen).toBe(false);
    expect(state.undo().ok).toBe(true);
    expect(state.widgets('main').map((widget) => widget.id)).toEqual(['a', 'b', 'c']);
  });
});
