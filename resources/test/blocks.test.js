// @vitest-environment jsdom
// Card blocks: the editor puts the cards the view sent as JSON in their
// place before it reads the page, so it starts on the same DOM as when the
// page held the cards as elements.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unpackCards } from '../src/editor/blocks.js';
import { cardIds, cleanUp, key, live, setUp, slot, tray } from './dom.js';
import { cardBlock } from './markup.js';

afterEach(cleanUp);

const cardsOf = (container) =>
  [...container.querySelectorAll('[data-widget-id]')].map((card) => card.outerHTML.replace(/\s+/g, ' ').trim());

describe('card blocks', () => {
  it('are replaced with their cards before the editor reads the page', () => {
    setUp({ cardBlocks: false });
    const asElements = cardsOf(document.body);
    cleanUp();

    const { root, editor } = setUp();
    expect(root.querySelector('script')).toBe(null);
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(cardIds(slot('sidebar'))).toEqual(['d']);
    // The same cards as an editor started on cards sent as elements.
    expect(cardsOf(document.body)).toEqual(asElements);
    expect([...editor.cards.keys()]).toEqual(['a', 'b', 'c', 'd']);
    key(editor.cards.get('a'), ' ');
    expect(live()).toContain('Picked up Welcome,');
  });

  it('keep markup that would end or change a script element', () => {
    const text = '</script><script>window.__xss=1</script><!-- <script> & > "quoted" \u2028 ünïcödé';
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const card = `<div data-widget-id="x" tabindex="0" title="${escaped.replace(/"/g, '&quot;')}"><p>${escaped}</p></div>`;
    document.body.innerHTML = `<section data-composite-unplaced>${cardBlock([card])}</section>`;
    expect(document.querySelectorAll('script')).toHaveLength(1);
    unpackCards(document.body);
    expect(document.querySelector('script')).toBe(null);
    expect(cardIds(tray())).toEqual(['x']);
    expect(tray().querySelector('p').textContent).toBe(text);
    expect(tray().querySelector('[data-widget-id]').title).toBe(text);
    expect(window.__xss).toBeUndefined();
  });

  it('put their cards where they stand, between what else the slot holds', () => {
    document.body.innerHTML =
      '<div data-composite-slot="main"><p class="hint">first</p>' +
      cardBlock(['<div data-widget-id="a"></div>', '<div data-widget-id="b"></div>']) +
      '<p class="hint">last</p></div>';
    unpackCards(document.body);
    expect([...slot('main').children].map((child) => child.getAttribute('data-widget-id') || child.textContent)).toEqual([
      'first',
      'a',
      'b',
      'last',
    ]);
  });

  it('that are not JSON are left alone, and said so', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    document.body.innerHTML = '<div data-composite-slot="main"><script type="application/json" data-composite-cards>[oops</script></div>';
    unpackCards(document.body);
    expect(error).toHaveBeenCalled();
    expect(slot('main').querySelector('script')).not.toBe(null);
    error.mockRestore();
  });
});
