// A fixture of the markup contract in docs/editor-markup.md, as the design
// view renders it for a two-columns page: the cards of each slot in a card
// block (design/card_blocks.py), or, with ``cardBlocks: false``, as elements.
import { LAYOUTS, WIDGET_TYPES, twoColumns } from './fixtures.js';

const escape = (value) =>
  String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function card(widget, typeTitle) {
  return `
    <div class="composite-card" data-widget-id="${widget.id}" data-widget-type="${widget.type}"
         tabindex="0" role="group" aria-label="${escape(`${typeTitle}: ${widget.title}`)}"
         aria-describedby="composite-instructions">
      <span class="composite-card__handle" aria-hidden="true"></span>
      <span class="composite-card__title">${escape(widget.title)}</span>
      <div class="composite-card__body"><p>design rendering of ${escape(widget.title)}</p></div>
      <span class="composite-card__actions">
        <button type="button" data-composite-action="edit">Edit</button>
        <button type="button" data-composite-action="duplicate">Duplicate</button>
        <button type="button" data-composite-action="remove">Remove</button>
      </span>
    </div>`;
}

/**
 * The cards' HTML in a card block, escaped as the view escapes it.
 * @param {string[]} cards
 */
export function cardBlock(cards) {
  if (!cards.length) return '';
  const data = JSON.stringify(cards).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<script type="application/json" data-composite-cards>${data}</script>`;
}

export function editorMarkup({
  arrangement = twoColumns(),
  messages = {},
  cardsUrl = '',
  historyUrl = '',
  cardBlocks = true,
  loginUrl = '',
  user = '',
} = {}) {
  const types = Object.fromEntries(WIDGET_TYPES.map((type) => [type.name, type.title]));
  const slot = (name, title) => {
    const cards = (arrangement.slots[name] || []).map((widget) => card(widget, types[widget.type]));
    return `<div class="composite-slot" data-composite-slot="${name}" role="region" aria-label="${title}">${
      cardBlocks ? cardBlock(cards) : cards.join('')
    }</div>`;
  };
  return `
  <div class="composite-editor" data-composite-editor
       data-composite-arrangement="${escape(JSON.stringify(arrangement))}"
       data-composite-layouts="${escape(JSON.stringify(LAYOUTS))}"
       data-composite-widget-types="${escape(JSON.stringify(WIDGET_TYPES))}"
       data-composite-messages="${escape(JSON.stringify(messages))}"
       data-composite-save-url="http://nohost/plone/page/++api++/@composite"
       data-composite-csrf-token="secret-token"
       data-composite-preview-url="http://nohost/plone/page/++api++/@composite-preview"
       ${cardsUrl ? `data-composite-cards-url="${escape(cardsUrl)}"` : ''}
       ${historyUrl ? `data-composite-history-url="${escape(historyUrl)}"` : ''}
       ${loginUrl ? `data-composite-login-url="${escape(loginUrl)}"` : ''}
       ${user ? `data-composite-user="${escape(user)}"` : ''}>
    <div role="toolbar" aria-label="Design mode">
      <button type="button" data-composite-action="save">Save</button>
      <button type="button" data-composite-action="cancel">Cancel</button>
      <button type="button" data-composite-action="undo">Undo</button>
      <button type="button" data-composite-action="redo">Redo</button>
      <button type="button" data-composite-action="preview">Preview</button>
      <button type="button" data-composite-action="add" aria-expanded="false" aria-controls="composite-palette">Add widget</button>
    </div>
    <div id="composite-palette" data-composite-palette hidden>
      <p data-composite-palette-target hidden></p>
      <button type="button" data-composite-add="text">Text</button>
      <button type="button" data-composite-add="image">Image</button>
    </div>
    <div role="group" aria-label="Layout">
      <button type="button" data-composite-switch-layout="one-column" aria-pressed="false">One column</button>
      <button type="button" data-composite-switch-layout="two-columns" aria-pressed="true">Two columns</button>
    </div>
    <div data-composite-status></div>
    <div data-composite-canvas>
      <div class="greeked-header">Site header</div>
      <div class="row">${slot('main', 'Main')}${slot('sidebar', 'Sidebar')}</div>
    </div>
    <template data-composite-layout-template="one-column">
      <div class="greeked-header">Site header</div>
      <div class="composite-slot" data-composite-slot="main" role="region" aria-label="Main"></div>
    </template>
    <section data-composite-unplaced role="region" aria-label="Unplaced widgets"></section>
    <p id="composite-instructions" data-composite-instructions hidden>
      Press Space or Enter to pick up a widget, the arrow keys to move it, Space to drop it, Escape to cancel.
    </p>
    <div data-composite-live class="composite-live" aria-live="polite" role="status"></div>
  </div>`;
}
