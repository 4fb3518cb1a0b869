// @vitest-environment jsdom
// The DOM layer: the keyboard, titles, dragging, the toolbar and the cards.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { twoColumns } from './fixtures.js';
import { button, card, cardIds, cleanUp, key, live, setUp, slot, status, tray } from './dom.js';
import { editorMarkup } from './markup.js';

afterEach(cleanUp);

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

  it('adds to the first slot with room when the chosen one is full, and says so in the palette', () => {
    const sidebar = [twoColumns().slots.sidebar[0], { id: 'e', type: 'text', settings: {}, title: 'Hours' }];
    const { root } = setUp({ arrangement: { ...twoColumns(), slots: { main: [], sidebar } } });
    card('e').focus();
    expect(slot('sidebar').classList.contains('composite-slot--target')).toBe(false);
    expect(slot('main').classList.contains('composite-slot--target')).toBe(true);
    button('add').click();
    const hint = root.querySelector('[data-composite-palette-target]');
    expect(hint.textContent).toBe('Sidebar is full: it holds at most 2 widgets. New widgets go to Main.');
    root.querySelector('[data-composite-add="text"]').click();
    expect(cardIds(slot('main'))).toEqual(['new1']);
    expect(live()).toBe('Text added to Main.');
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
