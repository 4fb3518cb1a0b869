// The editor's focus for keyboard users: it never falls out of the editor when
// the control holding it is disabled or taken away, and a card moved with the
// keys stays in view. Methods of Editor (editor.js).

import { BAR, TOOLBAR } from './markup.js';

export class Focus {
  /**
   * Give the focus back to the editor when the control that last held it was
   * disabled or taken out of the page (Undo with nothing left to undo, Save
   * while and after saving, a button of a message that went away): the
   * browser would leave it on the page's body, where a keyboard user loses
   * their place and the editor's keys (Ctrl+Z) no longer reach it. It goes to
   * the toolbar, which does nothing when Enter is pressed again.
   */
  keepFocus() {
    const last = this.lastFocused;
    if (!last || (last.isConnected && !last.disabled)) return;
    const active = this.document.activeElement;
    // The focus went somewhere of its own (a dialog, another card): leave it.
    if (active && active !== last && active !== this.document.body) return;
    const toolbar = this.root.querySelector(TOOLBAR) || this.root;
    if (!toolbar.hasAttribute('tabindex')) toolbar.setAttribute('tabindex', '-1');
    toolbar.focus({ preventScroll: true });
  }

  /**
   * Keep a card moved with the keys in the window, below the sticky toolbar:
   * it keeps the focus while it moves (render.js), so the browser does not
   * scroll to it. This waits for the next frame, where the browser lays the
   * page out anyway, rather than laying it out in the key's handler
   * (docs/performance.md).
   * @param {Element} card
   */
  keepInView(card) {
    const window = this.window;
    if (typeof card.scrollIntoView !== 'function' || typeof window.requestAnimationFrame !== 'function') return;
    window.requestAnimationFrame(() => {
      if (!card.isConnected) return;
      const bar = this.root.querySelector(BAR);
      const margin = `${bar ? bar.offsetHeight : 0}px`;
      if (this.root.style.getPropertyValue('--composite-bar-height') !== margin) {
        this.root.style.setProperty('--composite-bar-height', margin);
      }
      card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }
}
