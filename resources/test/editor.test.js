// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { counterIds, twoColumns } from './fixtures.js';
import { editorMarkup } from './markup.js';

function setUp(options = {}) {
  document.body.innerHTML = editorMarkup(options);
  const root = document.querySelector('[data-composite-editor]');
  const storage = new Map();
  const fakeStorage = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
    removeItem: (key) => storage.delete(key),
  };
  if (options.stash) fakeStorage.setItem('collective.composite:pending:http://nohost/plone/page/++api++/@composite', options.stash);
  const editor = new Editor(root, { fetch: options.fetch || vi.fn(), storage: fakeStorage, newId: counterIds() });
  return { root, editor, storage };
}

const card = (id) => document.querySelector(`[data-widget-id="${id}"]`);
const slot = (name) => document.querySelector(`[data-composite-slot="${name}"]`);
const tray = () => document.querySelector('[data-composite-unplaced]');
const live = () => document.querySelector('[data-composite-live]').textContent.trim();
const status = () => document.querySelector('[data-composite-status]').textContent.trim();
const cardIds = (container) => [...container.querySelectorAll('[data-widget-id]')].map((el) => el.getAttribute('data-widget-id'));
const button = (action) => document.querySelector(`[data-composite-action="${action}"]:not([data-widget-id] *)`);

function key(element, name, extra = {}) {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...extra });
  element.dispatchEvent(event);
  return event;
}

function jsonResponse(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: String(status), json: async () => body };
}

afterEach(() => {
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('keyboard', () => {
  it('picks up, moves, says why it cannot go to refusing slots, and drops, announcing each step', () => {
    const { editor } = setUp();
    card('b').focus();
    expect(key(card('b'), ' ').defaultPrevented).toBe(true);
    expect(live()).toBe(
      'Picked up Photo, position 2 of 3 in Main. Arrow keys move it, Space drops it, Escape cancels.',
    );
    expect(card('b').classList.contains('composite-card--grabbed')).toBe(true);

    key(card('b'), 'ArrowDown');
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(live()).toBe('Photo moved to position 3 of 3 in Main.');
    expect(document.activeElement).toBe(card('b'));

    key(card('b'), 'ArrowRight');
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(live()).toBe(
      'Skipped Sidebar: Image widgets are not allowed in Sidebar. ' +
        'Skipped Unplaced widgets: Only widgets this layout has no place for wait among the unplaced widgets. ' +
        'To take a widget off the page, remove it (Undo brings it back). ' +
        'Photo cannot move further in that direction.',
    );

    key(card('b'), 'ArrowUp');
    key(card('b'), 'ArrowUp');
    expect(cardIds(slot('main'))).toEqual(['b', 'a', 'c']);
    key(card('b'), ' ');
    expect(live()).toBe('Photo dropped at position 1 of 3 in Main.');
    expect(card('b').classList.contains('composite-card--grabbed')).toBe(false);
    expect(editor.state.dirty).toBe(true);
    expect(button('undo').disabled).toBe(false);
    expect(button('save').disabled).toBe(false);
  });

  it('moves a card to another slot', () => {
    setUp();
    key(card('a'), ' ');
    key(card('a'), 'ArrowRight');
    expect(live()).toBe('Welcome moved to position 1 of 2 in Sidebar.');
    key(card('a'), 'Enter');
    expect(cardIds(slot('sidebar'))).toEqual(['a', 'd']);
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
  });

  it('cancels with Escape and puts the card back', () => {
    setUp();
    key(card('a'), 'Enter');
    key(card('a'), 'ArrowRight');
    expect(cardIds(slot('sidebar'))).toEqual(['a', 'd']);
    key(card('a'), 'Escape');
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(cardIds(slot('sidebar'))).toEqual(['d']);
    expect(live()).toBe('Move cancelled. Welcome is back at position 1 of 3 in Main.');
    expect(button('undo').disabled).toBe(true);
  });

  it('puts a picked-up card back when another one is picked up, and cancels with Escape from anywhere', () => {
    setUp();
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    key(card('c'), ' ');
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(live()).toBe(
      'Move cancelled. Welcome is back at position 1 of 3 in Main. ' +
        'Picked up News, position 3 of 3 in Main. Arrow keys move it, Space drops it, Escape cancels.',
    );
    key(card('c'), 'ArrowUp');
    key(button('save'), 'Escape');
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(document.activeElement).toBe(card('c'));
  });

  it('says so at the edge, visibly too', () => {
    setUp();
    key(card('a'), ' ');
    key(card('a'), 'ArrowUp');
    expect(live()).toBe('Welcome cannot move further in that direction.');
    expect(status()).toBe('Welcome cannot move further in that direction.');
  });

  it('speaks the translations the design view passes', () => {
    setUp({ messages: { 'kb.pickedUp': '{title} aufgenommen ({position}/{count}, {slot}).' } });
    key(card('c'), ' ');
    expect(live()).toBe('News aufgenommen (3/3, Main).');
  });

  it('undoes and redoes with the keyboard shortcuts', () => {
    setUp();
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    key(card('a'), ' ');
    key(card('a'), 'z', { ctrlKey: true });
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    key(card('a'), 'z', { ctrlKey: true, shiftKey: true });
    expect(cardIds(slot('main'))).toEqual(['b', 'a', 'c']);
  });
});

describe('titles', () => {
  it('takes a widget title from its card when the arrangement has none', () => {
    const arrangement = {
      layout: 'one-column',
      version: '3',
      slots: { main: [{ id: 'a', type: 'text', settings: {}, title: 'Welcome' }] },
      unplaced: [],
    };
    document.body.innerHTML = editorMarkup({ arrangement });
    const root = document.querySelector('[data-composite-editor]');
    const data = JSON.parse(root.getAttribute('data-composite-arrangement'));
    delete data.slots.main[0].title;
    root.setAttribute('data-composite-arrangement', JSON.stringify(data));
    const editor = new Editor(root, { fetch: vi.fn(), storage: null });
    key(card('a'), ' ');
    expect(live()).toContain('Picked up Welcome,');
    editor.destroy();
  });
});

describe('dragging', () => {
  it('marks slots that refuse the dragged card with the reason', () => {
    const { editor, root } = setUp();
    editor.startDrag('b');
    expect(root.classList.contains('composite-editor--dragging')).toBe(true);
    expect(slot('main').classList.contains('composite-slot--accepts')).toBe(true);
    expect(slot('sidebar').classList.contains('composite-slot--refused')).toBe(true);
    expect(slot('sidebar').getAttribute('data-composite-refusal')).toBe('Image widgets are not allowed in Sidebar.');
    expect(editor.checkDrop('b', slot('sidebar'))).toBe(false);
    expect(editor.checkDrop('b', slot('main'))).toBe(true);
    expect(editor.checkDrop('b', tray())).toBe(false);
  });

  it('shows why a drop was refused and leaves the card where it was', () => {
    const { editor } = setUp();
    editor.startDrag('b');
    editor.checkDrop('b', slot('sidebar'));
    // Released over the refusing sidebar: SortableJS leaves the card in main.
    const result = editor.endDrag('b', slot('main'), 1);
    expect(result.ok).toBe(false);
    expect(status()).toBe('Cannot drop here: Image widgets are not allowed in Sidebar.');
    expect(live()).toBe('Cannot drop here: Image widgets are not allowed in Sidebar.');
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(slot('sidebar').classList.contains('composite-slot--refused')).toBe(false);
    expect(editor.state.dirty).toBe(false);
  });

  it('puts a card the state refuses back even when the DOM had moved it', () => {
    const { editor } = setUp();
    editor.startDrag('a');
    editor.endDrag('a', slot('sidebar'), 0); // fine: text is allowed, sidebar has room
    editor.startDrag('c');
    slot('sidebar').prepend(card('c'));
    const result = editor.endDrag('c', slot('sidebar'), 0);
    expect(result.reason).toBe('not-allowed');
    expect(cardIds(slot('sidebar'))).toEqual(['a', 'd']);
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
    expect(status()).toBe('Cannot drop here: Content item widgets are not allowed in Sidebar.');
  });

  it('moves the card in the state on an accepted drop', () => {
    const { editor } = setUp();
    editor.startDrag('d');
    slot('main').prepend(card('d'));
    editor.endDrag('d', slot('main'), 0);
    expect(editor.state.widgets('main').map((w) => w.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(cardIds(slot('main'))).toEqual(['d', 'a', 'b', 'c']);
    expect(live()).toBe('Latest moved to position 1 of 4 in Main.');
  });
});

describe('toolbar and cards', () => {
  it('removes a card and brings it back with Undo', () => {
    setUp();
    card('b').querySelector('[data-composite-action="remove"]').click();
    expect(card('b')).toBeNull();
    expect(live()).toBe('Photo removed. Undo brings it back.');
    expect(document.activeElement).toBe(card('c'));
    button('undo').click();
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(button('undo').disabled).toBe(true);
    expect(button('redo').disabled).toBe(false);
  });

  it('duplicates a card right after the original, looking like it', () => {
    setUp();
    card('a').querySelector('[data-composite-action="duplicate"]').click();
    expect(cardIds(slot('main'))).toEqual(['a', 'new1', 'b', 'c']);
    expect(card('new1').querySelector('.composite-card__body').textContent).toBe('design rendering of Welcome');
    expect(card('new1').querySelector('.composite-card__title').textContent).toBe('Welcome');
    expect(document.activeElement).toBe(card('new1'));
  });

  it('numbers cards of the same title, so a duplicate has a name of its own', () => {
    setUp();
    card('a').querySelector('[data-composite-action="duplicate"]').click();
    expect(card('a').getAttribute('aria-label')).toBe('Text: Welcome');
    expect(card('new1').getAttribute('aria-label')).toBe('Text: Welcome (2)');
    expect(card('new1').querySelector('[data-composite-action="remove"]').getAttribute('aria-label')).toBe(
      'Remove Welcome (2)',
    );
  });

  it('numbers by page order: a copy moved before its original is the first', () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="duplicate"]').click();
    editor.state.move('new1', 'main', 0);
    expect(card('new1').getAttribute('aria-label')).toBe('Text: Welcome');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Welcome (2)');
    expect(card('a').querySelector('[data-composite-action="edit"]').getAttribute('aria-label')).toBe('Edit Welcome (2)');
  });

  it('builds a card in the layout the server renders: title, buttons, then body', () => {
    const { root } = setUp();
    root.querySelector('[data-composite-add="text"]').click();
    const parts = [...card('new1').children].map((child) => child.className);
    expect(parts.slice(-3)).toEqual(['composite-card__title', 'composite-card__actions', 'composite-card__body']);
  });

  it('adds a widget from the palette to the focused slot and asks for its settings', () => {
    const { root } = setUp();
    const edits = [];
    root.addEventListener('composite:edit', (event) => edits.push(event.detail));
    card('d').focus();
    button('add').click();
    expect(document.querySelector('[data-composite-palette]').hidden).toBe(false);
    expect(button('add').getAttribute('aria-expanded')).toBe('true');
    document.querySelector('[data-composite-add="text"]').click();
    expect(cardIds(slot('sidebar'))).toEqual(['d', 'new1']);
    const added = card('new1');
    expect(added.getAttribute('role')).toBe('group');
    expect(added.getAttribute('tabindex')).toBe('0');
    expect(added.getAttribute('aria-label')).toBe('Text: Text');
    expect(document.querySelector('[data-composite-palette]').hidden).toBe(true);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ id: 'new1', isNew: true, slot: 'sidebar' });
  });

  it('makes an empty slot a tab stop, and a slot with cards focusable by a click', () => {
    setUp({ arrangement: { ...twoColumns(), slots: { main: twoColumns().slots.main, sidebar: [] } } });
    expect(slot('sidebar').getAttribute('tabindex')).toBe('0');
    expect(slot('main').getAttribute('tabindex')).toBe('-1');
  });

  it('adds to an empty slot once it has the focus, and says so in the palette', () => {
    const { root } = setUp({ arrangement: { ...twoColumns(), slots: { main: twoColumns().slots.main, sidebar: [] } } });
    slot('sidebar').focus();
    expect(slot('sidebar').classList.contains('composite-slot--target')).toBe(true);
    button('add').click();
    const hint = root.querySelector('[data-composite-palette-target]');
    expect(hint.hidden).toBe(false);
    expect(hint.textContent).toBe('New widgets go to Sidebar.');
    root.querySelector('[data-composite-add="text"]').click();
    expect(cardIds(slot('sidebar'))).toEqual(['new1']);
    expect(live()).toBe('Text added to Sidebar.');
    expect(slot('sidebar').getAttribute('tabindex')).toBe('-1');
  });

  it('no longer offers an empty slot once it holds a card, and again once it is empty', () => {
    setUp();
    card('d').querySelector('[data-composite-action="remove"]').click();
    expect(slot('sidebar').getAttribute('tabindex')).toBe('0');
    expect(document.activeElement).toBe(slot('sidebar'));
  });

  it('says what undo and redo took back and made again', () => {
    setUp();
    card('b').querySelector('[data-composite-action="remove"]').click();
    button('undo').click();
    expect(live()).toBe('Undone: removing Photo.');
    button('redo').click();
    expect(live()).toBe('Redone: removing Photo.');
  });

  it('says only the new layout when switching moves no widget', () => {
    setUp({ arrangement: { ...twoColumns(), slots: { main: twoColumns().slots.main, sidebar: [] } } });
    document.querySelector('[data-composite-switch-layout="one-column"]').click();
    expect(live()).toBe('Layout changed to One column.');
  });

  it('updates a card after its settings were edited', () => {
    const { editor } = setUp();
    editor.updateSettings('a', { text: '<p>new</p>' }, { title: 'Hello', html: '<p>new rendering</p>' });
    expect(card('a').querySelector('.composite-card__title').textContent).toBe('Hello');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Hello');
    expect(card('a').querySelector('.composite-card__body').innerHTML).toBe('<p>new rendering</p>');
    expect(editor.state.toPatch().slots.main[0].settings).toEqual({ text: '<p>new</p>' });
  });

  it('switches layout, keeping the cards of missing slots in the tray, and back', () => {
    setUp();
    document.querySelector('[data-composite-switch-layout="one-column"]').click();
    expect(slot('sidebar')).toBeNull();
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(cardIds(tray())).toEqual(['d']);
    expect(document.querySelector('[data-composite-switch-layout="one-column"]').getAttribute('aria-pressed')).toBe('true');
    button('undo').click();
    expect(cardIds(slot('sidebar'))).toEqual(['d']);
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(cardIds(tray())).toEqual([]);
    expect(document.querySelector('.greeked-header')).not.toBeNull();
  });

  it('warns before leaving with unsaved changes', () => {
    setUp();
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    card('a').querySelector('[data-composite-action="remove"]').click();
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
  });
});

describe('saving', () => {
  it('PATCHes the arrangement with the version and the CSRF token', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { version: 'v2' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://nohost/plone/page/++api++/@composite');
    expect(init.method).toBe('PATCH');
    expect(init.headers).toMatchObject({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': 'secret-token',
    });
    const body = JSON.parse(init.body);
    expect(body.version).toBe('v1');
    expect(body.layout).toBe('two-columns');
    expect(body.slots.main.map((w) => w.id)).toEqual(['b', 'c']);
    expect(body.unplaced).toEqual([]);
    expect(editor.state.version).toBe('v2');
    expect(editor.state.dirty).toBe(false);
    expect(button('save').disabled).toBe(true);
    expect(button('undo').disabled).toBe(true);
    expect(status()).toBe('Saved.');
  });

  it('keeps the changes and names the error on a 400', async () => {
    const fetch = vi.fn(async () => jsonResponse(400, { type: 'BadRequest', message: 'settings.image: required' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(status()).toBe('The server refused the arrangement: settings.image: required');
    expect(editor.state.dirty).toBe(true);
  });

  it('keeps the changes and says to try again on a 503 (the save lost to other saves)', async () => {
    const fetch = vi.fn(async () => jsonResponse(503, { error: { type: 'ConflictError', message: 'busy' } }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'busy' });
    expect(status()).toBe('The site was too busy to save your changes. They are kept; try again.');
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
  });

  it('on a 409 loads the newer arrangement, keeps the user one and re-applies it', async () => {
    const server = {
      layout: 'two-columns',
      version: 'v2',
      slots: {
        main: [{ id: 'a', type: 'text', settings: {}, title: 'Welcome' }],
        sidebar: [{ id: 'd', type: 'listing', settings: {}, title: 'Latest' }],
      },
      unplaced: [],
    };
    const fetch = vi.fn(async (url, init) => (init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, server)));
    const { editor, storage } = setUp({ fetch });
    key(card('c'), ' ');
    key(card('c'), 'ArrowUp');
    key(card('c'), ' ');
    const result = await editor.save();
    expect(result.reason).toBe('conflict');
    expect(fetch.mock.calls[1][1].method).toBe('GET');
    expect(status()).toContain('Someone else saved this page while you were editing.');
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(storage.size).toBe(1);

    document.querySelector('[data-composite-conflict="reapply"]').click();
    // They removed "b" and "c"; the user moved "c": that clashes, "b" stays removed.
    const panel = document.querySelector('[data-composite-clashes]');
    expect(panel.getAttribute('aria-labelledby')).toBe('composite-clashes-title');
    expect(document.activeElement.id).toBe('composite-clashes-title');
    expect(status()).toBe('Some of your changes clash with the newer version, on: News. Choose for each what to keep.');
    expect(live()).toBe(status());
    const group = panel.querySelector('fieldset');
    expect(group.querySelector('legend').textContent).toBe('News');
    expect(document.getElementById(group.getAttribute('aria-describedby')).textContent).toBe(
      'You changed it; they removed it.',
    );
    const labels = [...group.querySelectorAll('label')].map((label) => label.textContent.trim());
    expect(labels).toEqual(['Keep mine: bring News back with your changes', 'Keep theirs: leave News removed']);
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(button('save').disabled).toBe(true);
    expect(storage.size).toBe(1);

    panel.querySelector('.composite-clashes__apply').click();
    expect(status()).toBe('Choose what to keep for: News.');
    const asked = panel.querySelector('fieldset');
    expect(document.activeElement).toBe(asked.querySelector('input'));

    asked.querySelector('input[value="mine"]').click();
    expect(live()).toBe('News: Keep mine: bring News back with your changes');
    panel.querySelector('.composite-clashes__apply').click();
    expect(document.querySelector('[data-composite-clashes]')).toBeNull();
    expect(cardIds(slot('main'))).toEqual(['a', 'c']);
    expect(status()).toBe(
      'Your change was re-applied on top of the newer version. Check, then save. ' +
        'Of the clashing widgets, your version is kept for 1 and theirs for 0.',
    );
    expect(editor.state.version).toBe('v2');
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
    expect(storage.size).toBe(0);
    expect(JSON.parse(JSON.stringify(editor.state.toPatch())).version).toBe('v2');
  });

  it('keeps their version when the kept changes are discarded from the clash panel', async () => {
    const server = {
      layout: 'two-columns',
      version: 'v2',
      slots: { main: [{ id: 'a', type: 'text', settings: {}, title: 'Welcome' }], sidebar: [] },
      unplaced: [],
    };
    const fetch = vi.fn(async (url, init) => (init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, server)));
    const { editor, storage } = setUp({ fetch });
    key(card('b'), ' ');
    key(card('b'), 'ArrowUp');
    key(card('b'), ' ');
    await editor.save();
    document.querySelector('[data-composite-conflict="reapply"]').click();
    const panel = document.querySelector('[data-composite-clashes]');
    expect(panel.querySelector('legend').textContent).toBe('Photo');
    panel.querySelector('[data-composite-conflict="discard"]').click();
    expect(document.querySelector('[data-composite-clashes]')).toBeNull();
    expect(editor.state.hasPending).toBe(false);
    expect(status()).toBe('Your kept changes are discarded.');
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(storage.size).toBe(0);
  });

  it("says whose version the changes were re-applied on", async () => {
    const server = {
      layout: 'two-columns',
      version: '7',
      slots: { main: [], sidebar: [{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Latest' }] },
      unplaced: [],
    };
    const history = { items: [{ version: '7', user: { id: 'jane', fullname: 'Jane Doe' } }] };
    const fetch = vi.fn(async (url, init) => {
      if (init.method === 'PATCH') return jsonResponse(409, {});
      return jsonResponse(200, url.endsWith('@composite-history') ? history : server);
    });
    const { editor } = setUp({ fetch, historyUrl: 'http://nohost/plone/page/++api++/@composite-history' });
    document.querySelector('[data-composite-switch-layout="one-column"]').click();
    await editor.save();
    document.querySelector('[data-composite-conflict="reapply"]').click();
    expect(status()).toBe("Your change was re-applied on top of Jane Doe's version. Check, then save.");
    expect(editor.state.layoutName).toBe('one-column');
  });

  it('offers the kept changes again after a reload', () => {
    const base = twoColumns();
    const mine = twoColumns();
    mine.slots.main = [mine.slots.main[2], mine.slots.main[0], mine.slots.main[1]];
    const stash = JSON.stringify({ mine, base, moved: ['c'] });
    const { editor } = setUp({ stash });
    expect(status()).toContain('You have changes kept from before the page was reloaded.');
    document.querySelector('[data-composite-conflict="reapply"]').click();
    expect(editor.state.toPatch().slots.main.map((w) => w.id)).toEqual(['c', 'a', 'b']);
  });

  it('says there is nothing to save when nothing changed', async () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch });
    const result = await editor.save();
    expect(result.reason).toBe('unchanged');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('cards from the server', () => {
  const CARDS_URL = 'http://nohost/plone/page/@@composite-cards';
  const evening = { id: 'e', type: 'text', settings: { text: '<p>Evening news</p>' } };

  // Someone else changed the text of "a" and added "e", then saved.
  function theirs() {
    return {
      layout: 'two-columns',
      version: 'v2',
      slots: {
        main: [{ id: 'a', type: 'text', settings: { text: '<p>Good evening</p>' } }, evening],
        sidebar: [{ id: 'd', type: 'listing', settings: { query: [] } }],
      },
      unplaced: [],
    };
  }

  function excerpt(text) {
    return `<div class="composite-card composite-card--text"><p class="composite-card__excerpt">${text}</p></div>`;
  }

  const rendered = {
    a: { id: 'a', title: 'Good evening', html: excerpt('Good evening') },
    e: { id: 'e', title: 'Evening news', html: excerpt('Evening news') },
    x: { id: 'x', title: 'Kept text', html: excerpt('Kept text') },
  };

  // PATCH answers 409, GET the other editor's arrangement, the cards URL the
  // cards asked for.
  function server({ arrangement = theirs(), cards } = {}) {
    return vi.fn(async (url, init) => {
      if (url === CARDS_URL) {
        if (cards) return cards(init);
        const ids = JSON.parse(init.body.get('ids'));
        return jsonResponse(200, { cards: ids.map((id) => rendered[id]) });
      }
      return init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, arrangement);
    });
  }

  const cardRequests = (fetch) => fetch.mock.calls.filter(([url]) => url === CARDS_URL);

  async function conflict(fetch) {
    const context = setUp({ fetch, cardsUrl: CARDS_URL });
    key(card('c'), ' ');
    key(card('c'), 'ArrowUp');
    key(card('c'), ' ');
    const result = await context.editor.save();
    expect(result.reason).toBe('conflict');
    await context.editor.cardsLoaded;
    return context;
  }

  it('after a conflict asks once for the cards of widgets the page does not show as they are', async () => {
    const fetch = server();
    await conflict(fetch);
    const requests = cardRequests(fetch);
    expect(requests).toHaveLength(1);
    const [, init] = requests[0];
    expect(init.method).toBe('POST');
    expect(init.body.get('_authenticator')).toBe('secret-token');
    expect(JSON.parse(init.body.get('ids'))).toEqual(['a', 'e']);
    const arrangement = JSON.parse(init.body.get('arrangement'));
    expect(arrangement.version).toBe('v2');
    expect(arrangement.slots.main.map((w) => w.id)).toEqual(['a', 'e']);
  });

  it('shows the server rendering of a widget another editor added, named by its title', async () => {
    await conflict(server());
    const added = card('e');
    expect(added.querySelector('.composite-card__body .composite-card__excerpt').textContent).toBe('Evening news');
    expect(added.querySelector('.composite-card__title').textContent).toBe('Evening news');
    expect(added.getAttribute('aria-label')).toBe('Text: Evening news');
    expect(added.querySelector('[data-composite-action="remove"]').getAttribute('aria-label')).toBe('Remove Evening news');
    expect(added.getAttribute('tabindex')).toBe('0');
    expect(added.getAttribute('aria-describedby')).toBe('composite-instructions');
    expect(cardIds(slot('main'))).toEqual(['a', 'e']);
  });

  it('shows the new rendering of a widget another editor changed', async () => {
    await conflict(server());
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Good evening');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Good evening');
  });

  it('keeps the focus, the conflict message and the arrangement as they were', async () => {
    const { editor } = setUp({ fetch: server(), cardsUrl: CARDS_URL });
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    key(card('a'), ' ');
    card('a').focus();
    await editor.save();
    await editor.cardsLoaded;
    expect(document.activeElement).toBe(card('a'));
    expect(live()).toBe(
      'Someone else saved this page while you were editing. Their version is shown; your changes are kept and can be re-applied.',
    );
    expect(status()).toContain('Someone else saved this page while you were editing.');
    expect(editor.state.dirty).toBe(false);
    expect(editor.state.canUndo).toBe(false);
    key(card('e'), ' ');
    expect(live()).toBe('Picked up Evening news, position 2 of 2 in Main. Arrow keys move it, Space drops it, Escape cancels.');
  });

  it('asks for no card when every card shows its widget as it is', async () => {
    const arrangement = { ...twoColumnsAsRendered(), version: 'v2' };
    const fetch = server({ arrangement });
    await conflict(fetch);
    expect(cardRequests(fetch)).toHaveLength(0);
  });

  it('after re-applying kept changes from before a reload fills the cards of kept widgets', async () => {
    const kept = { id: 'x', type: 'text', settings: { text: '<p>Kept text</p>' } };
    const stash = JSON.stringify({
      mine: { layout: 'two-columns', slots: { main: [kept], sidebar: [] }, unplaced: [] },
      base: { layout: 'two-columns', slots: { main: [], sidebar: [] }, unplaced: [] },
    });
    const fetch = server();
    const { editor } = setUp({ stash, fetch, cardsUrl: CARDS_URL });
    expect(cardRequests(fetch)).toHaveLength(0);
    document.querySelector('[data-composite-conflict="reapply"]').click();
    await editor.cardsLoaded;
    expect(JSON.parse(cardRequests(fetch)[0][1].body.get('ids'))).toEqual(['x']);
    expect(card('x').querySelector('.composite-card__excerpt').textContent).toBe('Kept text');
    expect(card('x').getAttribute('aria-label')).toBe('Text: Kept text');
  });

  it('does not keep the save waiting for the cards', async () => {
    const fetch = server({ cards: () => new Promise(() => {}) });
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result.reason).toBe('conflict');
    expect(editor.busy).toBe(false);
    expect(cardRequests(fetch)).toHaveLength(1);
    expect(card('e').querySelector('.composite-card__title').textContent).toBe('Text');
  });

  it('leaves the plain card when the server cannot render it, and asks again next time', async () => {
    const fetch = server({ cards: async () => jsonResponse(400, { error: { message: 'nope' } }) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { editor } = await conflict(fetch);
    expect(card('e').querySelector('.composite-card__title').textContent).toBe('Text');
    expect(card('e').querySelector('.composite-card__body').textContent).toBe('');
    expect(status()).toContain('Someone else saved this page');
    await editor.refreshCards();
    expect(cardRequests(fetch)).toHaveLength(2);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('ignores a rendering of settings the widget no longer has', async () => {
    let answer;
    const fetch = server({
      cards: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.state.conflict(theirs());
    const loading = editor.refreshCards();
    editor.updateSettings('e', { text: '<p>Changed meanwhile</p>' }, { html: excerpt('Changed meanwhile') });
    answer(jsonResponse(200, { cards: [rendered.a, rendered.e] }));
    expect(await loading).toBe(1);
    expect(card('e').querySelector('.composite-card__body').textContent).toBe('Changed meanwhile');
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Good evening');
  });

  it('shows again what a card showed when undo and redo bring its settings back, without asking', () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.updateSettings('a', { text: '<p>Hello</p>' }, { title: 'Hello', html: excerpt('Hello') });
    button('undo').click();
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('design rendering of Welcome');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Welcome');
    button('redo').click();
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Hello');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks for a card when undo or redo brings back settings no card showed', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { cards: [{ id: 'a', title: 'Hi', html: excerpt('Hi') }] }));
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    // A script changing settings without a new body for the card.
    editor.updateSettings('a', { text: '<p>Hi</p>' });
    button('undo').click();
    expect(fetch).not.toHaveBeenCalled();
    key(card('a'), 'y', { ctrlKey: true });
    await editor.cardsLoaded;
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetch.mock.calls[0][1].body.get('ids'))).toEqual(['a']);
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Hi');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Hi');
  });

  it('leaves a card picked up with the keyboard picked up when the cards come', async () => {
    let answer;
    const fetch = server({
      cards: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.state.conflict(theirs());
    const loading = editor.refreshCards();
    card('e').focus();
    key(card('e'), ' ');
    answer(jsonResponse(200, { cards: [rendered.a, rendered.e] }));
    await loading;
    expect(editor.state.grabbed).toBe('e');
    expect(document.activeElement).toBe(card('e'));
    key(card('e'), 'ArrowUp');
    expect(live()).toBe('Evening news moved to position 1 of 2 in Main.');
    key(card('e'), ' ');
    expect(cardIds(slot('main'))).toEqual(['e', 'a']);
  });

  it('waits for a pointer drag to end before renaming a card', () => {
    const { editor } = setUp({ cardsUrl: CARDS_URL });
    editor.startDrag('d');
    slot('main').prepend(card('d'));
    editor.state.setTitles([{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Newest' }]);
    expect(cardIds(slot('main'))).toEqual(['d', 'a', 'b', 'c']);
    expect(card('d').getAttribute('aria-label')).toBe('Listing: Latest');
    editor.endDrag('d', slot('main'), 0);
    expect(cardIds(slot('main'))).toEqual(['d', 'a', 'b', 'c']);
    expect(card('d').getAttribute('aria-label')).toBe('Listing: Newest');
  });

  it('a duplicate shows what its original shows without asking the server', async () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    card('a').querySelector('[data-composite-action="duplicate"]').click();
    await editor.refreshCards();
    expect(fetch).not.toHaveBeenCalled();
  });
});

// The fixture's arrangement as GET @composite gives it (without titles).
function twoColumnsAsRendered() {
  const data = twoColumns();
  for (const widgets of Object.values(data.slots)) for (const widget of widgets) delete widget.title;
  return data;
}
