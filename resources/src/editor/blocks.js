// Card blocks: the design view sends the cards of each slot and of the tray
// as one <script type="application/json" data-composite-cards>, a JSON array
// of the cards' HTML, so that Plone's theme transform does not parse them as
// elements (design/card_blocks.py, docs/performance.md). The editor puts the
// cards in their block's place before anything reads the page: from then on,
// the DOM is the markup docs/editor-markup.md describes.

import { CARD_BLOCK } from './markup.js';

/**
 * Replace every card block inside ``root`` with the cards it holds.
 * @param {Element} root
 */
export function unpackCards(root) {
  for (const block of root.querySelectorAll(CARD_BLOCK)) {
    let cards;
    try {
      cards = JSON.parse(block.textContent);
    } catch (error) {
      console.error('collective.composite: a card block is not valid JSON', error);
      continue;
    }
    // One parse for the whole slot; the view's HTML, trusted as when the
    // page held the cards itself.
    block.insertAdjacentHTML('beforebegin', cards.join('\n'));
    block.remove();
  }
}
