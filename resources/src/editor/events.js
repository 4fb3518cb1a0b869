// The editor's events: clicks on the toolbar and the cards, focus (which slot
// new widgets go to), the keyboard model (pick up, move, drop) and the warning
// before leaving with unsaved changes. Methods of Editor (editor.js).

import { UNPLACED } from '../state.js';
import { CARD, SLOT, TRAY } from './markup.js';

const KEY_DIRECTIONS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
// A right-to-left page draws the previous slot on the right: the arrows follow
// what the editor sees, the state model's left and right stay document order.
const RTL_KEY_DIRECTIONS = { ...KEY_DIRECTIONS, ArrowLeft: 'right', ArrowRight: 'left' };

export class Events {
  _listen() {
    this.root.addEventListener('click', (event) => this._onClick(event));
    this.root.addEventListener('keydown', (event) => this._onKeydown(event));
    this.root.addEventListener('focusin', (event) => this._onFocus(event));
    this.root.addEventListener('pointerdown', (event) => {
      const grabbed = this.state.grabbed;
      if (grabbed && !this.cards.get(grabbed).contains(event.target)) this.report(this.state.cancelGrab());
    });
    this.onBeforeUnload = (event) => {
      if (this.leaving || !(this.state.dirty || this.state.hasPending)) return undefined;
      const text = this.t({ key: 'unload.warning' });
      event.preventDefault();
      event.returnValue = text;
      return text;
    };
    this.window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  _onFocus(event) {
    this.lastFocused = event.target;
    const container = event.target.closest(`${SLOT}, ${TRAY}`);
    if (!container || !this.root.contains(container)) return;
    const name = this.slotName(container);
    if (name === this.activeSlot) return;
    this.activeSlot = name;
    this._markTarget();
  }

  _onClick(event) {
    // Logging in again (a save refused as logged out): the changes are kept
    // over it, and the link is followed.
    if (event.target.closest('[data-composite-login]')) return this.keepForLogin();
    const conflict = event.target.closest('[data-composite-conflict]');
    if (conflict) return this._onConflictAction(conflict.getAttribute('data-composite-conflict'));
    const layoutButton = event.target.closest('[data-composite-switch-layout]');
    if (layoutButton) return this.report(this.state.switchLayout(layoutButton.getAttribute('data-composite-switch-layout')));
    const addButton = event.target.closest('[data-composite-add]');
    if (addButton) return this.addWidget(addButton.getAttribute('data-composite-add'));
    const button = event.target.closest('[data-composite-action]');
    if (!button || button.disabled) return undefined;
    const action = button.getAttribute('data-composite-action');
    const card = button.closest(CARD);
    if (card) return this._onCardAction(action, card.getAttribute('data-widget-id'));
    switch (action) {
      case 'save':
        return this.save();
      case 'cancel':
        return this.cancel();
      case 'undo':
        return this._afterHistory(this.state.undo());
      case 'redo':
        return this._afterHistory(this.state.redo());
      case 'preview':
        return this.preview();
      case 'add':
        return this.togglePalette(button);
      default:
        return undefined;
    }
  }

  _onCardAction(action, id) {
    if (action === 'edit') return this.edit(id, false);
    if (action === 'duplicate') {
      this.copySource = this.cards.get(id);
      let result;
      try {
        result = this.state.duplicate(id);
      } finally {
        this.copySource = null;
      }
      if (result.ok) this.cards.get(result.id).focus();
      return this.report(result);
    }
    if (action === 'remove') {
      const place = this.state.find(id);
      const result = this.state.remove(id);
      if (result.ok) this._focusNear(place.slot, place.index);
      return this.report(result);
    }
    return undefined;
  }

  _focusNear(slotName, index) {
    const widgets = this.state.widgets(slotName);
    const next = widgets[Math.min(index, widgets.length - 1)];
    if (next) this.cards.get(next.id).focus();
    else {
      const container = slotName === UNPLACED ? this.tray : this._slotElement(slotName);
      if (container) {
        if (!container.hasAttribute('tabindex')) container.setAttribute('tabindex', '-1');
        container.focus();
      }
    }
  }

  _onKeydown(event) {
    const target = event.target;
    const isCard = target.matches && target.matches(CARD);
    const typing = target.closest && target.closest('input, textarea, select, [contenteditable]');
    if (!typing && (event.ctrlKey || event.metaKey) && !event.altKey) {
      const key = event.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        const redo = key === 'y' || event.shiftKey;
        this._afterHistory(redo ? this.state.redo() : this.state.undo());
        return;
      }
    }
    const grabbed = this.state.grabbed;
    if (event.key === 'Escape' && grabbed) {
      event.preventDefault();
      this.report(this.state.cancelGrab());
      this.cards.get(grabbed).focus();
      return;
    }
    if (event.key === 'Escape' && this.paletteOpen && this._inPalette(target)) {
      event.preventDefault();
      this.closePalette({ focus: true });
      return;
    }
    if (!isCard) return;
    const id = target.getAttribute('data-widget-id');
    if (event.key === ' ' || event.key === 'Spacebar' || event.key === 'Enter') {
      event.preventDefault();
      if (grabbed === id) {
        this.report(this.state.drop());
        return;
      }
      // Tabbing to another card and picking it up puts the first one back.
      const messages = grabbed ? this.state.cancelGrab().messages : [];
      const result = this.state.pickUp(id);
      this.report({ ...result, messages: [...messages, ...result.messages] });
      return;
    }
    if (grabbed !== id) return;
    const rtl = this.window.getComputedStyle(this.root).direction === 'rtl';
    const direction = (rtl ? RTL_KEY_DIRECTIONS : KEY_DIRECTIONS)[event.key];
    if (direction) {
      event.preventDefault();
      const result = this.state.moveGrabbed(direction);
      const card = this.cards.get(id);
      card.focus();
      this.keepInView(card);
      this.report(result, result.ok ? null : 'warning');
    }
  }
}
