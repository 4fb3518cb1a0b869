// The DOM layer of design mode: projects the state model (state.js) onto the
// markup the design view renders (docs/editor-markup.md). The Editor class is
// written in one module per concern (editor/): text, rendering, cards,
// dragging (SortableJS), events and the keyboard model, the focus, the
// toolbar, saving and the conflict flow; every server call goes through its
// client (api.js).
// Add-on modules (settings.js, lock.js, history.js) use its public methods and
// the ``composite:controls`` and ``composite:edit`` events.

import { CompositeApi } from './api.js';
import { unpackCards } from './editor/blocks.js';
import { Cards } from './editor/cards.js';
import { Dragging } from './editor/dragging.js';
import { Events } from './editor/events.js';
import { Focus } from './editor/focus.js';
import { keptKey } from './editor/kept.js';
import { CARD, PROBLEM, TRAY, escapeSelector } from './editor/markup.js';
import { Rendering } from './editor/render.js';
import { Saving } from './editor/saving.js';
import { Text } from './editor/text.js';
import { Toolbar } from './editor/toolbar.js';
import { mixin } from './mixin.js';
import { EditorState, widgetKey } from './state.js';

function readJSON(element, attribute, fallback) {
  const raw = element.getAttribute(attribute);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw);
  } catch (error) {
    console.error(`collective.composite: ${attribute} is not valid JSON`, error);
    return fallback;
  }
}

export class Editor {
  /**
   * @param {HTMLElement} root the element with ``data-composite-editor``
   * @param {object} [options]
   * @param {Function} [options.fetch] replaces ``window.fetch`` (tests)
   * @param {Storage} [options.storage] replaces ``sessionStorage`` (tests)
   * @param {() => string} [options.newId] id factory for new widgets (tests)
   */
  constructor(root, options = {}) {
    // First: what follows reads the cards (their titles, what they show).
    unpackCards(root);
    this.root = root;
    this.document = root.ownerDocument;
    this.window = this.document.defaultView;
    this.api = new CompositeApi(root, { fetch: options.fetch || ((...args) => this.window.fetch(...args)) });
    this.storage = options.storage === undefined ? safeSessionStorage(this.window) : options.storage;
    this.messages = readJSON(root, 'data-composite-messages', {});
    this.exitUrl = root.getAttribute('data-composite-exit-url') || '';
    this.iconUrl = root.getAttribute('data-composite-icon-url') || '';
    // Plone's login form, back to design mode (a save refused as logged out).
    this.loginUrl = root.getAttribute('data-composite-login-url') || '';
    // The kept changes are the user's, on this page: another user logging in
    // in the same tab does not get them.
    this.userId = root.getAttribute('data-composite-user') || '';
    this.stashKey = keptKey(this.api.saveUrl, this.userId);
    this.noticeKey = `collective.composite:notice:${this.api.saveUrl}`;

    this.state = new EditorState({
      arrangement: this._withTitles(readJSON(root, 'data-composite-arrangement', {})),
      layouts: readJSON(root, 'data-composite-layouts', []),
      widgetTypes: readJSON(root, 'data-composite-widget-types', []),
      newId: options.newId,
    });

    this.canvas = root.querySelector('[data-composite-canvas]') || root;
    this.tray = root.querySelector(TRAY);
    this.live = root.querySelector('[data-composite-live]') || this._makeLive();
    this.status = root.querySelector('[data-composite-status]');
    this.palette = root.querySelector('[data-composite-palette]');
    this.layoutMarkup = new Map();
    for (const template of root.querySelectorAll('template[data-composite-layout-template]')) {
      this.layoutMarkup.set(template.getAttribute('data-composite-layout-template'), template);
    }
    this.shownLayout = this.state.layoutName;
    this.cards = new Map();
    // What each card's body shows: the widgetKey it was rendered from; a card
    // the script built has none (see refreshCards).
    this.rendered = new Map();
    this.requested = new Map();
    // Bodies shown before, by widget id and widgetKey: undo and redo bring
    // them back without asking the server.
    this.bodies = new Map();
    for (const card of root.querySelectorAll(CARD)) {
      const id = card.getAttribute('data-widget-id');
      this.cards.set(id, card);
      if (card.querySelector(PROBLEM)) this.describeCard(card);
      const place = this.state.find(id);
      if (place) this.rendered.set(id, widgetKey(place.widget));
    }
    // Settles once every card request under way is answered.
    this.cardsLoaded = Promise.resolve();
    this.activeSlot = null;
    // The element of the editor that last had the focus (editor/focus.js).
    this.lastFocused = null;
    this.copySource = null;
    this.sortables = [];
    this._busy = false;
    // Settles when the call under way (whileBusy) is over.
    this._idle = Promise.resolve();
    this.dragging = false;
    this.renderWaits = false;
    this.leaving = false;
    // Set by the lock (lock.js) while someone else is designing the page.
    this._lockedOut = false;
    // The conflict flow: who saved the newer version, the clash panel shown.
    this.savedBy = null;
    this.clashPanel = null;

    this._listen();
    this.watchBar();
    this.state.subscribe(() => this.render());
    this._bindSortables();
    this._restoreStash();
    this._restoreNotice();
    this.render();
    root.compositeEditor = this;
  }

  // The REST service gives no titles: take each widget's from its card (or from
  // what the editor already knew), for announcements and built cards.
  _withTitles(arrangement) {
    const titled = (widget) => {
      if (!widget || widget.title) return widget;
      // A widget the editor knows takes its title only with the same settings
      // (another editor may have changed them: the cards bring their title).
      if (this.state) {
        const title = this.state.knownTitle(widget);
        return title ? { ...widget, title } : widget;
      }
      const card = this.root.querySelector(`[data-widget-id="${escapeSelector(widget.id)}"]`);
      if (!card) return widget;
      const label = card.querySelector('.composite-card__title');
      const title = card.getAttribute('data-composite-title') || (label && label.textContent.trim());
      return title ? { ...widget, title } : widget;
    };
    const slots = {};
    for (const [name, widgets] of Object.entries(arrangement.slots || {})) slots[name] = (widgets || []).map(titled);
    return { ...arrangement, slots, unplaced: (arrangement.unplaced || []).map(titled) };
  }

  /** Stop listening to the window and release SortableJS. */
  destroy() {
    this.window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.unwatchBar();
    if (this.lock) this.lock.destroy();
    for (const sortable of this.sortables) sortable.destroy();
    this.sortables = [];
    delete this.root.compositeEditor;
  }

  /**
   * Whether the whole arrangement may be replaced on the server (a restore,
   * an import): nothing unsaved or kept, no save under way, the lock ours.
   */
  get canReplace() {
    return !this.state.dirty && !this.state.hasPending && !this.busy && !this.lockedOut;
  }

  /** Whether a call that changes the page (a save, a restore, an import) is under way. */
  get busy() {
    return this._busy;
  }

  /** Whether someone else holds the design lock (see ``setLockedOut``). */
  get lockedOut() {
    return this._lockedOut;
  }

  /**
   * Run ``work`` as the call that changes the page: meanwhile Save, Undo and
   * Redo wait, ``canReplace`` is false, and the state model refuses the
   * user's changes (``EditorState.freeze``: the keys, the cards' buttons, a
   * drop, a layout switch say so); applying a widget's settings waits for the
   * answer (``afterBusy``). Another module's call (history.js) goes through
   * here too.
   * @template T
   * @param {() => Promise<T>} work
   * @returns {Promise<T>}
   */
  async whileBusy(work) {
    let done;
    this._idle = new Promise((resolve) => (done = resolve));
    this._busy = true;
    this.state.freeze();
    this.updateControls();
    try {
      return await work();
    } finally {
      this._busy = false;
      // A page being loaded again takes no more changes: they would be lost.
      if (!this.reloading) this.state.thaw();
      this.updateControls();
      done();
    }
  }

  /**
   * Run ``change`` now, or once the call under way (``whileBusy``) is over:
   * for a change the user already made elsewhere (the settings dialog), which
   * is not to be refused and lost.
   * @template T
   * @param {() => T} change
   * @returns {T|Promise<T>}
   */
  afterBusy(change) {
    if (!this.state.frozen) return change();
    return this._idle.then(() => (this.state.frozen ? this.afterBusy(change) : change()));
  }

  /**
   * Say whether someone else holds the design lock (lock.js): while they do,
   * Save, restore and import wait.
   * @param {boolean} value
   */
  setLockedOut(value) {
    this._lockedOut = Boolean(value);
    this.updateControls();
  }
}

mixin(Editor, Text, Rendering, Cards, Dragging, Events, Focus, Toolbar, Saving);

function safeSessionStorage(window) {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Start an editor on every ``[data-composite-editor]`` element of ``document``. */
export function start(document) {
  return [...document.querySelectorAll('[data-composite-editor]')]
    .filter((root) => !root.compositeEditor)
    .map((root) => new Editor(root));
}
