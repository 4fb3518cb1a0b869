// The state model: saving, conflicts and the clashes after them.
import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../src/state.js';
import { editor, ids, twoColumns } from './fixtures.js';

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

  it('gives the unsaved changes as a conflict keeps them, to re-apply after logging in again', () => {
    const state = editor();
    expect(state.exportChanges()).toBeNull();
    state.remove('b');
    // A move in progress is not kept.
    state.pickUp('a');
    state.moveGrabbed('down');
    expect(ids(state, 'main')).toEqual(['c', 'a']);
    const kept = JSON.parse(JSON.stringify(state.exportChanges()));
    expect(kept.mine.slots.main.map((widget) => widget.id)).toEqual(['a', 'c']);
    expect(kept.base.slots.main.map((widget) => widget.id)).toEqual(['a', 'b', 'c']);
    expect(state.hasPending).toBe(false);

    const back = editor(serverVersion());
    expect(back.importPending(kept).ok).toBe(true);
    expect(back.reapply().ok).toBe(true);
    expect(back.version).toBe('v2');
    expect(ids(back, 'main')).toEqual(['a']);
    expect(ids(back, 'sidebar')).toEqual(['d', 'e']);
  });

  it('gives the kept version of a conflict as it is, while nothing changed since', () => {
    const state = editor();
    state.remove('b');
    state.conflict(serverVersion());
    expect(state.exportChanges()).toEqual(state.exportPending());
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
