// The editor's focus for keyboard users: it never falls out of the editor when
// the control holding it is disabled or taken away, and a card moved with the
// keys, what Tab goes to and a failed save's message stay in view, below the
// sticky bar. Methods of Editor (editor.js).

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
      this.measureBar();
      card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }

  /**
   * Bring the status message into the window when it is out of it (a save
   * refused while the user works far down a long page): a failure must be
   * seen, not only heard. It comes below the sticky bar (its scroll-padding).
   */
  revealStatus() {
    const status = this.status;
    if (!status || !status.textContent || typeof status.scrollIntoView !== 'function') return;
    const box = status.getBoundingClientRect();
    const bar = this.root.querySelector(BAR);
    const clear = bar ? bar.getBoundingClientRect().bottom : 0;
    if (box.top >= clear && box.bottom <= this.window.innerHeight) return;
    status.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Follow how much of the window the sticky bar covers: the page's
   * ``scroll-padding-top`` (editor.css) keeps what gets the focus (Tab,
   * Shift+Tab, a card moved with the keys) or is scrolled to below it, not
   * under it. The bar changes height with the window (it wraps; on a small
   * screen its heading scrolls away).
   */
  watchBar() {
    const bar = this.root.querySelector(BAR);
    if (!bar) return;
    this.onBarResize = () => this.measureBar();
    const Observer = this.window.ResizeObserver;
    if (typeof Observer === 'function') {
      this.barObserver = new Observer(this.onBarResize);
      this.barObserver.observe(bar);
    }
    this.window.addEventListener('resize', this.onBarResize);
    this.measureBar();
  }

  /** Stop following the bar (``destroy``). */
  unwatchBar() {
    if (this.barObserver) this.barObserver.disconnect();
    if (this.onBarResize) this.window.removeEventListener('resize', this.onBarResize);
    this.barObserver = null;
  }

  /**
   * Set ``--composite-bar-height`` on the page: the height of the bar that
   * stays at the top of the window; nothing when the bar does not stay. All
   * of it, also where part of it scrolls away (a negative ``top``): near the
   * top of the page that part still covers the window.
   */
  measureBar() {
    const bar = this.root.querySelector(BAR);
    if (!bar) return;
    const position = this.window.getComputedStyle(bar).position;
    const covers = position === 'sticky' || position === 'fixed' ? bar.offsetHeight : 0;
    const value = `${Math.round(covers)}px`;
    const page = this.document.documentElement;
    if (page.style.getPropertyValue('--composite-bar-height') !== value) {
      page.style.setProperty('--composite-bar-height', value);
    }
  }
}
