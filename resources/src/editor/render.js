// The editor's rendering: the DOM brought in line with the state model. Cards
// are moved, never re-created; a layout switch swaps the design template; the
// controls follow the state. Methods of Editor (editor.js).

import { translateAll } from '../messages.js';
import { UNPLACED } from '../state.js';
import { CARD, SLOT, escapeSelector } from './markup.js';
import { markUpdated } from './timing.js';

// From this many cards on, the editor is marked ``composite-editor--many``,
// and the browser renders only the cards in view (editor.css).
export const MANY_CARDS = 40;

export class Rendering {
  /**
   * Bring the DOM in line with the state (cards are moved, never re-created).
   * During a pointer drag (SortableJS moves the card itself) this waits for
   * the drop.
   */
  render() {
    if (this.dragging) {
      this.renderWaits = true;
      return;
    }
    this.renderWaits = false;
    const state = this.state;
    if (state.layoutName !== this.shownLayout) this._swapLayout(state.layoutName);
    const shown = new Set();
    for (const name of state.slotNames()) {
      const container = this._slotElement(name) || this._makeSlot(name);
      this._place(container, state.widgets(name), shown);
    }
    if (this.tray) this._place(this.tray, state.widgets(UNPLACED), shown);
    for (const [id, card] of this.cards) {
      if (!shown.has(id) && card.parentNode) card.remove();
    }
    this.root.classList.toggle('composite-editor--many', shown.size >= MANY_CARDS);
    for (const id of shown) {
      const card = this.cards.get(id);
      card.classList.toggle('composite-card--grabbed', state.grabbed === id);
    }
    this._nameCards();
    this._markTarget();
    this.updateControls();
    markUpdated(this.window);
  }

  // Every card gets a name of its own: after the first card of a title, the
  // others of the same title (duplicates) are numbered in page order,
  // "Welcome (2)".
  _nameCards() {
    const seen = new Map();
    for (const name of [...this.state.slotNames(), UNPLACED]) {
      for (const widget of this.state.widgets(name)) {
        const title = this.state.widgetTitle(widget);
        const number = (seen.get(title) || 0) + 1;
        seen.set(title, number);
        const label = number > 1 ? this.t({ key: 'card.numbered', params: { title, number } }) : title;
        this._nameCard(this.cards.get(widget.id), title, label);
      }
    }
  }

  _nameCard(card, title, name) {
    if (card.getAttribute('data-composite-title') !== title) {
      card.setAttribute('data-composite-title', title);
      const label = card.querySelector('.composite-card__title');
      if (label) label.textContent = title;
    }
    if (card.getAttribute('data-composite-name') === name) return;
    card.setAttribute('data-composite-name', name);
    const type = this.state.typeTitle(card.getAttribute('data-widget-type'));
    card.setAttribute('aria-label', this.t({ key: 'card.label', params: { type, title: name } }));
    // The card's buttons say which widget they act on.
    for (const button of card.querySelectorAll('.composite-card__actions [data-composite-action]')) {
      const action = button.getAttribute('data-composite-action');
      button.setAttribute('aria-label', this.t({ key: `card.${action}`, params: { title: name } }));
    }
  }

  // The slot a new widget goes to is marked, and the palette says which it
  // is, and why it is not the chosen one when that one is full.
  _markTarget() {
    const target = this._targetSlot();
    for (const container of this.canvas.querySelectorAll(SLOT)) {
      container.classList.toggle('composite-slot--target', this.slotName(container) === target);
    }
    const hint = this.root.querySelector('[data-composite-palette-target]');
    if (!hint) return;
    const chosen = this._chosenSlot();
    const full = chosen && this.state.full(chosen);
    const messages = full ? [full.messages[0]] : [];
    if (target) messages.push({ key: 'slot.target', params: { slot: this.state.slotLabel(target) } });
    hint.hidden = !messages.length;
    hint.textContent = translateAll(this.messages, messages);
  }

  // The slot last focused or clicked, while it is a slot of the layout.
  _chosenSlot() {
    const name = this.activeSlot;
    return name && name !== UNPLACED && this.state.slot(name) ? name : null;
  }

  // The slot a new widget goes to: the chosen one, or the first with room
  // when the chosen one is full (as ``state.add`` picks it).
  _targetSlot() {
    const chosen = this._chosenSlot();
    if (!chosen || !this.state.full(chosen)) return chosen;
    return this.state.slotNames().find((name) => !this.state.full(name)) || null;
  }

  _place(container, widgets, shown) {
    const wanted = widgets.map((widget) => {
      shown.add(widget.id);
      return this._cardFor(widget);
    });
    const present = [...container.children].filter((child) => child.matches(CARD));
    const same = present.length === wanted.length && present.every((card, i) => card === wanted[i]);
    if (!same) {
      const focused = this.document.activeElement;
      // Only the cards out of place move, as few as can be (a keyboard step
      // or a drop moves one): re-inserting every card of a long page made the
      // browser lay it all out again (about 60 ms at 200 cards). Of as few
      // moves, those leaving the focused card alone are taken (a step down
      // moves the card below it up): moving the focused card blurred it, and
      // focusing it again made the browser restyle and lay out the page
      // within the key's handler (docs/performance.md).
      const unmoved = cardsInPlace(wanted, present, focused && focused.closest(CARD));
      let next = null;
      for (let i = wanted.length - 1; i >= 0; i -= 1) {
        const card = wanted[i];
        if (!unmoved.has(card)) moveCard(container, card, next);
        next = card;
      }
      // A focused card that had to move (to another slot, or where the
      // browser has no moveBefore) lost its focus: give it back.
      if (focused && wanted.includes(focused) && this.document.activeElement !== focused) focused.focus();
    }
    container.classList.toggle('composite-slot--empty', wanted.length === 0);
    // An empty slot is a tab stop, so it can be chosen as the place of a new
    // widget with the keyboard; any slot takes the focus when clicked.
    if (container !== this.tray) container.setAttribute('tabindex', wanted.length ? '-1' : '0');
  }

  _cardFor(widget) {
    let card = this.cards.get(widget.id);
    if (!card) {
      // A copy looks like its original until the settings form re-renders it.
      const source = this.copySource && this.copySource.getAttribute('data-widget-id');
      card = this.copySource ? this._copyCard(this.copySource, widget.id) : this._buildCard(widget);
      this.cards.set(widget.id, card);
      if (source && this.rendered.has(source)) this.rendered.set(widget.id, this.rendered.get(source));
    }
    return card;
  }

  _slotElement(name) {
    return this.canvas.querySelector(`[data-composite-slot="${escapeSelector(name)}"]`);
  }

  // A design template without a container for a slot still shows its widgets.
  _makeSlot(name) {
    const slot = this.state.slot(name);
    const container = this.document.createElement('div');
    container.className = 'composite-slot';
    container.setAttribute('data-composite-slot', name);
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', slot ? slot.title || name : name);
    this.canvas.append(container);
    this._bindSortables();
    return container;
  }

  _swapLayout(name) {
    for (const card of this.cards.values()) card.remove();
    if (!this.layoutMarkup.has(this.shownLayout)) {
      // Keep the markup the page came with, so switching back finds it.
      const template = this.document.createElement('template');
      template.content.append(...[...this.canvas.childNodes].map((node) => node.cloneNode(true)));
      this.layoutMarkup.set(this.shownLayout, template);
    }
    this.canvas.textContent = '';
    const template = this.layoutMarkup.get(name);
    if (template) this.canvas.append(template.content.cloneNode(true));
    for (const card of this.canvas.querySelectorAll(CARD)) card.remove();
    this.shownLayout = name;
    this._bindSortables();
    // The layout buttons say which is pressed in updateControls, which render
    // calls after this.
  }

  /**
   * Enable and disable the toolbar as the state, a call under way and the
   * lock allow; tells the add-on modules with ``composite:controls``.
   */
  updateControls() {
    const state = this.state;
    const set = (action, disabled) => {
      for (const button of this.root.querySelectorAll(`[data-composite-action="${action}"]`)) {
        button.disabled = disabled;
      }
    };
    set('undo', !state.canUndo || this.busy);
    set('redo', !state.canRedo || this.busy);
    // While kept changes clash, saving waits for the user's choices.
    set('save', !state.dirty || this.busy || this.lockedOut || state.hasClashes);
    this.root.classList.toggle('composite-editor--dirty', state.dirty);
    this.root.classList.toggle('composite-editor--busy', this.busy);
    for (const button of this.root.querySelectorAll('[data-composite-switch-layout]')) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-composite-switch-layout') === state.layoutName));
    }
    // The history panel and the import follow the editor's state too.
    this.root.dispatchEvent(new this.window.CustomEvent('composite:controls'));
    this.keepFocus();
  }
}

/**
 * Put ``card`` before ``next`` (null: last) in ``container``. Where the
 * browser has ``moveBefore``, a card already in the page is moved without
 * being taken out of it: it keeps the focus, and nothing is blurred and
 * focused again.
 * @param {Element} container
 * @param {Element} card
 * @param {Element|null} next
 */
function moveCard(container, card, next) {
  if (typeof container.moveBefore === 'function' && card.isConnected && container.isConnected) {
    container.moveBefore(card, next);
  } else {
    container.insertBefore(card, next);
  }
}

/**
 * The cards that keep their place when ``container`` is brought from the
 * order ``present`` to ``wanted``: the longest run of them already in order
 * (the fewest cards move), and of the runs that long one with ``focused``.
 * @param {Element[]} wanted the container's cards, in order
 * @param {Element[]} present the cards in the container now, in order
 * @param {Element|null} focused the card holding the focus
 * @returns {Set<Element>}
 */
export function cardsInPlace(wanted, present, focused) {
  const positions = new Map(present.map((card, index) => [card, index]));
  const longest = longestInOrder(wanted, positions);
  const at = positions.get(focused);
  if (at === undefined || !wanted.includes(focused) || longest.includes(focused)) return new Set(longest);
  const index = wanted.indexOf(focused);
  const around = [
    ...longestInOrder(wanted.slice(0, index).filter((card) => positions.get(card) < at), positions),
    focused,
    ...longestInOrder(wanted.slice(index + 1).filter((card) => positions.get(card) > at), positions),
  ];
  return new Set(around.length >= longest.length ? around : longest);
}

// The longest subsequence of ``cards`` whose ``positions`` increase (cards
// without a position are left out): patience sorting, O(n log n).
function longestInOrder(cards, positions) {
  const tails = [];
  const previous = [];
  cards.forEach((card, index) => {
    const position = positions.get(card);
    if (position === undefined) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (positions.get(cards[tails[middle]]) < position) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? tails[low - 1] : -1;
    tails[low] = index;
  });
  const run = [];
  for (let index = tails.length ? tails[tails.length - 1] : -1; index >= 0; index = previous[index]) run.push(cards[index]);
  return run.reverse();
}
