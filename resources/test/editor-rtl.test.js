// @vitest-environment jsdom
// A right-to-left page: the arrow keys follow the reading direction.
import { afterEach, describe, expect, it } from 'vitest';
import { card, cardIds, cleanUp, key, live, setUp, slot } from './dom.js';

afterEach(cleanUp);

describe('keyboard on a right-to-left page', () => {
  it('moves a card to the next slot, drawn on its left, with the left arrow', () => {
    const { root } = setUp();
    root.style.direction = 'rtl';
    key(card('a'), ' ');
    key(card('a'), 'ArrowLeft');
    expect(cardIds(slot('sidebar'))).toEqual(['a', 'd']);
    expect(live()).toBe('Welcome moved to position 1 of 2 in Sidebar.');
    key(card('a'), 'ArrowRight');
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(live()).toBe('Welcome moved to position 1 of 3 in Main.');
  });

  it('keeps the up and down arrows', () => {
    const { root } = setUp();
    root.style.direction = 'rtl';
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    expect(cardIds(slot('main'))).toEqual(['b', 'a', 'c']);
  });
});
