// The parts of the design view's markup the editor finds by selector
// (docs/editor-markup.md).

export const CARD = '[data-widget-id]';
export const SLOT = '[data-composite-slot]';
export const TRAY = '[data-composite-unplaced]';
// The toolbar, and the bar that holds it at the top of the window (sticky).
export const TOOLBAR = '[role="toolbar"]';
export const BAR = '.composite-editor__bar';
// The cards of a slot or of the tray as the view sends them (editor/blocks.js).
export const CARD_BLOCK = 'script[data-composite-cards]';
// What a card's body says when its widget cannot be shown (an error or a
// missing item), and the instructions of the keys every card is described by.
export const PROBLEM = '.composite-card--error, .composite-card--missing';
export const INSTRUCTIONS = '[data-composite-instructions][id]';

/**
 * ``value`` quoted for an attribute selector.
 * @param {string} value
 * @returns {string}
 */
export function escapeSelector(value) {
  return globalThis.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
}
