// The state model: titles from the server and the keyboard model.
import { describe, expect, it } from 'vitest';
import { widgetKey } from '../src/state.js';
import { LAYOUTS, editor, ids, twoColumns } from './fixtures.js';

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
    expect(result.messages[0].params.reason.key).toBe('refused.slotFullOne');
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

  it('undoes only the move under way, as Escape does, and keeps the history', () => {
    const state = editor();
    state.remove('c');
    state.pickUp('a');
    state.moveGrabbed('right');
    const result = state.undo();
    expect(result.messages[0].key).toBe('kb.cancelled');
    expect(state.grabbed).toBeNull();
    expect(ids(state, 'main')).toEqual(['a', 'b']);
    expect(state.canUndo).toBe(true);
    state.undo();
    expect(ids(state, 'main')).toEqual(['a', 'b', 'c']);
  });

  it('keeps the move under way when there is nothing to redo', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('right');
    expect(state.redo().reason).toBe('nothing-to-redo');
    expect(state.grabbed).toBe('a');
    expect(ids(state, 'sidebar')).toEqual(['a', 'd']);
  });

  it('tells the listeners the widget is back when an operation refused ends the move', () => {
    const state = editor();
    state.pickUp('a');
    state.moveGrabbed('right');
    const seen = [];
    state.subscribe((s) => seen.push(ids(s, 'main')));
    expect(state.switchLayout('two-columns').ok).toBe(false);
    expect(state.grabbed).toBeNull();
    expect(seen).toEqual([['a', 'b', 'c']]);
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
