// The editor's toolbar and card actions: the palette of widget types, adding,
// editing (the settings form, settings.js), Cancel and Preview. Methods of
// Editor (editor.js).

import { ServiceError } from '../api.js';
import { UNPLACED } from '../state.js';

const ADD = '[data-composite-action="add"]';

export class Toolbar {
  togglePalette(button) {
    if (!this.palette) return;
    if (this.paletteOpen) {
      this.closePalette();
      return;
    }
    this.palette.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const first = this.palette.querySelector('[data-composite-add]');
    if (first) first.focus();
  }

  /** Whether the palette of widget types is shown. */
  get paletteOpen() {
    return Boolean(this.palette && !this.palette.hidden);
  }

  /**
   * Hide the palette of widget types.
   * @param {{focus?: boolean}} [options] ``focus``: give the focus to Add widget
   *   (Escape in the palette), as a keyboard user expects of a closed menu
   */
  closePalette({ focus = false } = {}) {
    if (!this.palette) return;
    this.palette.hidden = true;
    const buttons = this.root.querySelectorAll(ADD);
    for (const button of buttons) button.setAttribute('aria-expanded', 'false');
    if (focus && buttons.length) buttons[0].focus();
  }

  // Whether ``element`` is in the palette or is its Add widget button.
  _inPalette(element) {
    return Boolean(element.closest && (this.palette.contains(element) || element.closest(ADD)));
  }

  /**
   * Add a widget of ``type`` to the slot last focused when it accepts it, else
   * to the first slot that does, and ask for its settings.
   */
  addWidget(type) {
    let slotName;
    const target = this._targetSlot();
    if (target && !this.state.refusal(type, target)) slotName = target;
    const result = this.state.add(type, slotName);
    this.report(result);
    if (!result.ok) return result;
    this.closePalette();
    this.cards.get(result.id).focus();
    this.edit(result.id, true);
    return result;
  }

  /**
   * The settings of a widget just added from the palette were closed without
   * applying: the widget is not added after all (no undo step; Redo redoes
   * what it could before). The focus goes where the widget was.
   * @param {string} id
   */
  discardNew(id) {
    // Closed during a save: once it is answered.
    if (this.state.frozen) return this.afterBusy(() => this.discardNew(id));
    const place = this.state.find(id);
    const result = this.state.discardNew(id);
    this.report(result);
    if (result.ok) this._focusNear(place.slot, place.index);
    return result;
  }

  /** Ask the settings form (the design view's script) to edit a widget. */
  edit(id, isNew) {
    const place = this.state.find(id);
    if (!place) return;
    // No form for a type registered no more, nor for one the user may not change.
    const refused = this.state.unchangeable(place.widget.type);
    if (refused) {
      this.report(refused);
      return;
    }
    this.root.dispatchEvent(
      new this.window.CustomEvent('composite:edit', {
        bubbles: true,
        detail: { id, isNew, widget: place.widget, slot: place.slot === UNPLACED ? null : place.slot, editor: this },
      }),
    );
  }

  cancel() {
    if (this.exitUrl) {
      if (this.state.dirty && !this.window.confirm(this.t({ key: 'cancel.confirm' }))) return;
      // Changes kept over a reload (a conflict, logging in again) are given up too.
      this._clearStash();
      this.leaving = true;
      this.window.location.assign(this.exitUrl);
      return;
    }
    this._afterHistory(this.state.revert());
  }

  // Undo, redo and revert may bring back settings a card no longer shows.
  _afterHistory(result) {
    this.report(result);
    if (result.ok) this.refreshCards();
    return result;
  }

  /**
   * Show the real rendering of the unsaved arrangement in a new window
   * (``POST @composite-preview``). The window opens at once, while the click
   * is still being handled, so that browsers do not block it; the page is
   * written into it once the server answers.
   * @returns {Promise<{ok: boolean}>|undefined} nothing without a preview URL
   */
  preview() {
    if (!this.api.previewUrl) return undefined;
    const win = this.window.open('', 'composite-preview');
    return this._showPreview(win);
  }

  async _showPreview(win) {
    let html;
    try {
      html = await this.api.preview(this.state.toPatch());
    } catch (error) {
      if (win) win.close();
      const reason = error instanceof ServiceError ? error.message : this.t({ key: 'save.offline' });
      this.report({ ok: false, messages: [{ key: 'preview.failed', params: { error: reason } }] });
      return { ok: false };
    }
    if (!win || win.closed) return { ok: false };
    // The whole page, with a <base href> to the page, replaces the blank one.
    win.document.open();
    win.document.write(html);
    win.document.close();
    return { ok: true };
  }
}
