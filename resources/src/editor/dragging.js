// The editor's dragging with the pointer and by touch (SortableJS): every slot
// shows whether it takes the dragged widget, and a drop goes through the state
// model, which may refuse it. Methods of Editor (editor.js).

import Sortable, { AutoScroll } from 'sortablejs/modular/sortable.core.esm.js';
import { UNPLACED } from '../state.js';
import { CARD, SLOT, TRAY } from './markup.js';

Sortable.mount(new AutoScroll());

/** How long a finger rests on a card before it drags it (and does not scroll). */
export const TOUCH_HOLD_MS = 250;

/** How far (CSS pixels) a finger resting on a card may tremble and still pick it up (Android's touch slop). */
export const TOUCH_SLOP_PX = 8;

/** How long the other cards take to slide aside while a card is dragged. */
export const SLIDE_MS = 150;

// A finger dragging a card in the top or bottom sixth of the window (past
// the editor's sticky bar) scrolls the page, this far (in pixels) a frame.
const EDGE_PARTS = 6;
const EDGE_STEP = 12;

// Users who asked their system for less motion get cards that move aside at
// once, without sliding (WCAG 2.3.3).
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

export class Dragging {
  _containers() {
    const containers = [...this.canvas.querySelectorAll(SLOT)];
    if (this.tray) containers.push(this.tray);
    return containers;
  }

  slotName(container) {
    if (container.matches(TRAY)) return UNPLACED;
    return container.getAttribute('data-composite-slot');
  }

  /** @returns {boolean} whether the user asked for less motion */
  reducedMotion() {
    const { matchMedia } = this.window;
    return typeof matchMedia === 'function' && matchMedia.call(this.window, REDUCED_MOTION).matches;
  }

  _bindSortables() {
    for (const sortable of this.sortables) sortable.destroy();
    const animation = this.reducedMotion() ? 0 : SLIDE_MS;
    this.sortables = this._containers().map((container) => {
      const sortable = Sortable.create(container, {
        group: 'collective.composite',
        draggable: CARD,
        filter: 'button, a, input, select, textarea, [contenteditable]',
        preventOnFilter: false,
        // A finger drags a card once held on it for a moment, and scrolls the
        // page when it moves at once: a swipe to scroll over a card on a
        // phone used to drag the card instead.
        delay: TOUCH_HOLD_MS,
        delayOnTouchOnly: true,
        animation,
        ghostClass: 'composite-card--ghost',
        chosenClass: 'composite-card--chosen',
        dragClass: 'composite-card--drag',
        onStart: (event) => this.startDrag(event.item.getAttribute('data-widget-id')),
        onMove: (event) => this.checkDrop(event.dragged.getAttribute('data-widget-id'), event.to),
        onEnd: (event) =>
          this.endDrag(event.item.getAttribute('data-widget-id'), event.to, event.newDraggableIndex),
      });
      // Where the browser drags natively, SortableJS's constructor gives a
      // resting finger one device pixel to stray before it lets the card go,
      // whatever it is told: a finger trembles more, and a card held still
      // was not picked up. So it is told again here, in device pixels as it
      // counts them there.
      sortable.option('touchStartThreshold', TOUCH_SLOP_PX * this.window.devicePixelRatio);
      return sortable;
    });
  }

  /** Mark every slot as accepting the dragged widget or refusing it, with the reason. */
  startDrag(id) {
    this.dragging = true;
    this._scrollForFinger();
    const place = this.state.find(id);
    if (!place) return;
    this.dragRefusal = null;
    this.root.classList.add('composite-editor--dragging');
    for (const container of this._containers()) {
      const refused = this.state.frozenRefusal() || this.state.refusal(place.widget.type, this.slotName(container), id);
      container.classList.toggle('composite-slot--accepts', !refused);
      container.classList.toggle('composite-slot--refused', Boolean(refused));
      if (refused) container.setAttribute('data-composite-refusal', this.t(refused.messages[0]));
      else container.removeAttribute('data-composite-refusal');
    }
  }

  /**
   * May the widget be dropped into ``container``? Refusing shows why.
   * @returns {boolean}
   */
  checkDrop(id, container) {
    const place = this.state.find(id);
    if (!place) return false;
    const refused = this.state.frozenRefusal() || this.state.refusal(place.widget.type, this.slotName(container), id);
    this.dragRefusal = refused;
    if (refused) {
      container.classList.add('composite-slot--refused');
      container.setAttribute('data-composite-refusal', this.t(refused.messages[0]));
    }
    return !refused;
  }

  /** The drag ended over ``container`` at ``index`` (SortableJS already moved the card). */
  endDrag(id, container, index) {
    try {
      return this._endDrag(id, container, index);
    } finally {
      // What changed during the drag (e.g. a card's title) shows now.
      if (this.renderWaits) this.render();
      // The card has the focus, as after a move with the keys: the browser
      // left it on the page's body, where Ctrl+Z does not reach the editor.
      const card = this.cards.get(id);
      if (card && card.isConnected) card.focus({ preventScroll: true });
    }
  }

  _endDrag(id, container, index) {
    const refused = this.dragRefusal;
    this._clearDragMarks();
    const result = this.state.move(id, this.slotName(container), index);
    if (!result.ok) {
      this.render();
      // While a save is under way, the card goes back and the reason is said as such.
      if (result.reason === 'busy') this.report(result);
      else this.report({ ok: false, messages: [{ key: 'drop.refused', params: { reason: result.messages[0] } }] });
      return result;
    }
    if (refused) {
      // Released over a slot that refused it: the card stays at the last place
      // that accepted it; say why, and where that is.
      const messages = [{ key: 'drop.refused', params: { reason: refused.messages[0] } }];
      this.report({ ok: false, messages: result.changed ? [...messages, ...result.messages] : messages });
      return refused;
    }
    if (result.changed) this.report(result);
    return result;
  }

  // SortableJS scrolls the page while a card is dragged near the window's
  // edge only when the browser drags it (the mouse's drags): a finger's drag,
  // its own, left the page standing, so a card went no further than the
  // window showed (SortableJS issue #2079). The page scrolls for it here.
  _scrollForFinger() {
    const win = this.window;
    // Only a finger's drag (SortableJS's own) sends pointer events: the
    // browser's drags cancel them, and scroll by themselves. Before the
    // finger moves, every comparison with ``y`` is false.
    let y;
    this.onFinger = (event) => {
      y = event.clientY;
    };
    win.addEventListener('pointermove', this.onFinger);
    this.edging = win.setInterval(() => {
      const edge = win.innerHeight / EDGE_PARTS;
      const step = (y > win.innerHeight - edge) - (y < edge);
      // At once: a theme's smooth scrolling, restarted every frame, never moves.
      if (step) win.scrollBy({ top: step * EDGE_STEP, behavior: 'instant' });
    }, 16);
  }

  _clearDragMarks() {
    this.window.removeEventListener('pointermove', this.onFinger);
    this.window.clearInterval(this.edging);
    this.dragging = false;
    this.dragRefusal = null;
    this.root.classList.remove('composite-editor--dragging');
    for (const container of this._containers()) {
      container.classList.remove('composite-slot--accepts', 'composite-slot--refused');
      container.removeAttribute('data-composite-refusal');
    }
  }
}
