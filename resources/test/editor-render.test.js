// @vitest-environment jsdom
// The DOM layer's rendering moves only the cards that are out of place, so a
// long page is not laid out again for a one-card change.
import { afterEach, describe, expect, it } from 'vitest';
import { MANY_CARDS, cardsInPlace } from '../src/editor/render.js';
import { card, cardIds, cleanUp, key, setUp, slot } from './dom.js';

afterEach(cleanUp);

// The cards inserted into ``container`` while ``change`` runs.
function insertedBy(container, change) {
  const observer = new MutationObserver(() => {});
  observer.observe(container, { childList: true });
  change();
  const records = observer.takeRecords();
  observer.disconnect();
  return records.flatMap((record) => [...record.addedNodes]).map((node) => node.getAttribute('data-widget-id'));
}

describe('rendering', () => {
  it('moves one card for a keyboard step down', () => {
    setUp();
    key(card('a'), ' ');
    expect(insertedBy(slot('main'), () => key(card('a'), 'ArrowDown'))).toHaveLength(1);
    expect(cardIds(slot('main'))).toEqual(['b', 'a', 'c']);
  });

  it('moves one card for a keyboard step up, and keeps its focus', () => {
    setUp();
    card('c').focus();
    key(card('c'), ' ');
    expect(insertedBy(slot('main'), () => key(card('c'), 'ArrowUp'))).toHaveLength(1);
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(document.activeElement).toBe(card('c'));
  });

  it('moves the card below for a keyboard step down: the focused card stays in the page', () => {
    setUp();
    card('a').focus();
    key(card('a'), ' ');
    const blurred = [];
    card('a').addEventListener('blur', () => blurred.push('a'));
    expect(insertedBy(slot('main'), () => key(card('a'), 'ArrowDown'))).toEqual(['b']);
    expect(cardIds(slot('main'))).toEqual(['b', 'a', 'c']);
    expect(document.activeElement).toBe(card('a'));
    expect(blurred).toEqual([]);
  });

  it('moves a card with moveBefore where the browser has it, so that it keeps its focus', () => {
    setUp();
    const moved = [];
    slot('main').moveBefore = function moveBefore(node, child) {
      moved.push(node.getAttribute('data-widget-id'));
      this.insertBefore(node, child);
    };
    key(card('c'), ' ');
    key(card('c'), 'ArrowUp');
    expect(moved).toEqual(['c']);
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
  });

  it('moves nothing when the order is unchanged', () => {
    const { editor } = setUp();
    expect(insertedBy(slot('main'), () => editor.render())).toEqual([]);
  });

  it('puts the cards after the slot’s other elements, in order', () => {
    const { editor } = setUp();
    const note = document.createElement('p');
    slot('main').insertBefore(note, card('b'));
    editor.state.move('a', 'main', 2);
    expect(cardIds(slot('main'))).toEqual(['b', 'c', 'a']);
    expect(slot('main').firstElementChild).toBe(note);
  });
});

describe('the cards left in place', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
  const ids = (cards) => [...cards].map((item) => item.id).sort();

  it('are the most cards already in order', () => {
    expect(ids(cardsInPlace([b, c, d, a], [a, b, c, d], null))).toEqual(['b', 'c', 'd']);
    expect(ids(cardsInPlace([d, a, b, c], [a, b, c, d], null))).toEqual(['a', 'b', 'c']);
  });

  it('include the focused card when as many others stay', () => {
    expect(ids(cardsInPlace([a, c, b, d], [a, b, c, d], b))).toEqual(['a', 'b', 'd']);
    expect(ids(cardsInPlace([a, c, b, d], [a, b, c, d], c))).toEqual(['a', 'c', 'd']);
  });

  it('leave out the focused card when keeping it would move more', () => {
    expect(ids(cardsInPlace([b, c, d, a], [a, b, c, d], a))).toEqual(['b', 'c', 'd']);
  });

  it('leave out new cards', () => {
    expect(ids(cardsInPlace([a, d, b], [a, b], d))).toEqual(['a', 'b']);
  });
});

describe('long pages', () => {
  it('are marked so that only the cards in view are rendered', () => {
    const { editor, root } = setUp();
    expect(root.classList.contains('composite-editor--many')).toBe(false);
    for (let i = 0; i < MANY_CARDS; i += 1) editor.state.add('text', 'main');
    expect(root.classList.contains('composite-editor--many')).toBe(true);
    while (editor.state.canUndo) editor.state.undo();
    expect(root.classList.contains('composite-editor--many')).toBe(false);
  });
});
