// The DOM layer of design mode: projects the state model (state.js) onto the
// markup the design view renders (docs/editor-markup.md), drives SortableJS for
// pointer and touch dragging, the keyboard model, the toolbar, saving and the
// conflict flow. All text comes from message keys (messages.js).

import Sortable, { AutoScroll } from 'sortablejs/modular/sortable.core.esm.js';
import { translate, translateAll } from './messages.js';
import { showClashes } from './clashes.js';
import { EditorState, UNPLACED, widgetKey } from './state.js';

Sortable.mount(new AutoScroll());

const KEY_DIRECTIONS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const CARD = '[data-widget-id]';
const SLOT = '[data-composite-slot]';
const TRAY = '[data-composite-unplaced]';

function readJSON(element, attribute, fallback) {
  const raw = element.getAttribute(attribute);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw);
  } catch (error) {
    console.error(`collective.composite: ${attribute} is not valid JSON`, error); // eslint-disable-line no-console
    return fallback;
  }
}

function escapeSelector(value) {
  return globalThis.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
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
    this.root = root;
    this.document = root.ownerDocument;
    this.window = this.document.defaultView;
    this.fetch = options.fetch || ((...args) => this.window.fetch(...args));
    this.storage = options.storage === undefined ? safeSessionStorage(this.window) : options.storage;
    this.messages = readJSON(root, 'data-composite-messages', {});
    this.saveUrl = root.getAttribute('data-composite-save-url') || '';
    this.csrfToken = root.getAttribute('data-composite-csrf-token') || '';
    this.csrfHeader = root.getAttribute('data-composite-csrf-header') || 'X-CSRF-TOKEN';
    this.previewUrl = root.getAttribute('data-composite-preview-url') || '';
    this.exitUrl = root.getAttribute('data-composite-exit-url') || '';
    this.iconUrl = root.getAttribute('data-composite-icon-url') || '';
    this.cardsUrl = root.getAttribute('data-composite-cards-url') || '';
    this.stashKey = `collective.composite:pending:${this.saveUrl}`;
    this.noticeKey = `collective.composite:notice:${this.saveUrl}`;

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
      const place = this.state.find(id);
      if (place) this.rendered.set(id, widgetKey(place.widget));
    }
    // Settles once every card request under way is answered.
    this.cardsLoaded = Promise.resolve();
    this.activeSlot = null;
    this.copySource = null;
    this.sortables = [];
    this.busy = false;
    this.dragging = false;
    this.renderWaits = false;
    this.leaving = false;
    // Set by the lock (lock.js) while someone else is designing the page.
    this.lockedOut = false;
    // The conflict flow: who saved the newer version, the clash panel shown.
    this.savedBy = null;
    this.clashPanel = null;

    this._listen();
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

  // --- text ------------------------------------------------------------------

  t(message) {
    return translate(this.messages, message);
  }

  /** Say ``messages`` (``[{key, params}]``) in the live region. */
  announce(messages) {
    const text = translateAll(this.messages, messages);
    if (!text) return;
    // Screen readers skip an unchanged live region: make a repeat differ.
    this.live.textContent = this.live.textContent === text ? `${text}\u00a0` : text;
  }

  /** Announce a result and show it visibly when it is a refusal or an error. */
  report(result, kind) {
    this.announce(result.messages);
    if (!this.status) return;
    const visibleKind = kind || (result.ok ? null : 'error');
    if (!visibleKind) {
      if (!this.status.querySelector('[data-composite-conflict]')) this.status.textContent = '';
      return;
    }
    this._showStatus(translateAll(this.messages, result.messages), visibleKind);
  }

  _showStatus(text, kind, actions = []) {
    if (!this.status) return;
    this.status.textContent = '';
    this.status.setAttribute('data-kind', kind);
    const paragraph = this.document.createElement('p');
    paragraph.textContent = text;
    this.status.append(paragraph);
    for (const [name, key] of actions) {
      const button = this.document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-composite-conflict', name);
      button.textContent = this.t({ key });
      this.status.append(button);
    }
  }

  _makeLive() {
    const live = this.document.createElement('div');
    live.setAttribute('data-composite-live', '');
    live.setAttribute('aria-live', 'polite');
    live.className = 'composite-live';
    this.root.append(live);
    return live;
  }

  // --- rendering -------------------------------------------------------------

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
    for (const id of shown) {
      const card = this.cards.get(id);
      card.classList.toggle('composite-card--grabbed', state.grabbed === id);
    }
    this._nameCards();
    this._markTarget();
    this._updateControls();
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

  // The slot a new widget goes to is marked, and the palette says which it is.
  _markTarget() {
    const target = this._targetSlot();
    for (const container of this.canvas.querySelectorAll(SLOT)) {
      container.classList.toggle('composite-slot--target', this.slotName(container) === target);
    }
    const hint = this.root.querySelector('[data-composite-palette-target]');
    if (!hint) return;
    hint.hidden = !target;
    hint.textContent = target ? this.t({ key: 'slot.target', params: { slot: this.state.slotLabel(target) } }) : '';
  }

  // The slot last focused or clicked, while it is a slot of the layout.
  _targetSlot() {
    const name = this.activeSlot;
    return name && name !== UNPLACED && this.state.slot(name) ? name : null;
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
      for (const card of wanted) container.append(card);
      // Moving a focused card in the DOM drops its focus: give it back.
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

  _copyCard(original, id) {
    const copy = original.cloneNode(true);
    copy.setAttribute('data-widget-id', id);
    copy.classList.remove('composite-card--grabbed', 'composite-card--chosen', 'composite-card--ghost');
    for (const element of copy.querySelectorAll('[id]')) element.removeAttribute('id');
    return copy;
  }

  // A card for a widget the page was not rendered with (added, or someone
  // else's after a conflict), with an empty body: the settings form or
  // refreshCards fill it with the server's rendering.
  _buildCard(widget) {
    const doc = this.document;
    const type = this.state.widgetType(widget.type) || { name: widget.type, title: widget.type };
    const title = this.state.widgetTitle(widget);
    const card = doc.createElement('div');
    card.className = 'composite-card';
    card.setAttribute('data-widget-id', widget.id);
    card.setAttribute('data-widget-type', widget.type);
    card.setAttribute('tabindex', '0');
    card.setAttribute('role', 'group');
    card.setAttribute('data-composite-title', title);
    card.setAttribute('aria-label', this.t({ key: 'card.label', params: { type: type.title || type.name, title } }));
    const instructions = this.root.querySelector('[data-composite-instructions][id]');
    if (instructions) card.setAttribute('aria-describedby', instructions.id);
    const handle = doc.createElement('span');
    handle.className = 'composite-card__handle';
    handle.setAttribute('aria-hidden', 'true');
    card.append(handle);
    if (this.iconUrl && type.icon) {
      const icon = doc.createElement('img');
      icon.className = 'composite-card__icon';
      icon.alt = '';
      icon.src = this.iconUrl.replace('{icon}', encodeURIComponent(type.icon));
      card.append(icon);
    }
    const label = doc.createElement('span');
    label.className = 'composite-card__title';
    label.textContent = title;
    card.append(label);
    const actions = doc.createElement('span');
    actions.className = 'composite-card__actions';
    // Widgets the user may not change can still be moved and removed; the
    // card says why Edit and Duplicate are missing.
    const restricted = type.restricted || '';
    for (const action of restricted ? ['remove'] : ['edit', 'duplicate', 'remove']) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = `composite-card__${action}`;
      button.setAttribute('data-composite-action', action);
      button.textContent = this.t({ key: `action.${action}` });
      button.setAttribute('aria-label', this.t({ key: `card.${action}`, params: { title } }));
      actions.append(button);
    }
    // The body comes last, as in the cards the server renders (one layout).
    const body = doc.createElement('div');
    body.className = 'composite-card__body';
    card.append(actions);
    if (restricted) {
      const note = doc.createElement('p');
      note.className = 'composite-card__restricted';
      note.textContent = restricted;
      card.append(note);
    }
    card.append(body);
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
    for (const button of this.root.querySelectorAll('[data-composite-switch-layout]')) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-composite-switch-layout') === name));
    }
  }

  _updateControls() {
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
  }

  /**
   * Whether the whole arrangement may be replaced on the server (a restore,
   * an import): nothing unsaved or kept, no save under way, the lock ours.
   */
  get canReplace() {
    return !this.state.dirty && !this.state.hasPending && !this.busy && !this.lockedOut;
  }

  // --- dragging ----------------------------------------------------------------

  _containers() {
    const containers = [...this.canvas.querySelectorAll(SLOT)];
    if (this.tray) containers.push(this.tray);
    return containers;
  }

  slotName(container) {
    if (container.matches(TRAY)) return UNPLACED;
    return container.getAttribute('data-composite-slot');
  }

  _bindSortables() {
    for (const sortable of this.sortables) sortable.destroy();
    this.sortables = this._containers().map((container) =>
      Sortable.create(container, {
        group: 'collective.composite',
        draggable: CARD,
        filter: 'button, a, input, select, textarea, [contenteditable]',
        preventOnFilter: false,
        animation: 150,
        ghostClass: 'composite-card--ghost',
        chosenClass: 'composite-card--chosen',
        dragClass: 'composite-card--drag',
        onStart: (event) => this.startDrag(event.item.getAttribute('data-widget-id')),
        onMove: (event) => this.checkDrop(event.dragged.getAttribute('data-widget-id'), event.to),
        onEnd: (event) =>
          this.endDrag(event.item.getAttribute('data-widget-id'), event.to, event.newDraggableIndex),
      }),
    );
  }

  /** Mark every slot as accepting the dragged widget or refusing it, with the reason. */
  startDrag(id) {
    this.dragging = true;
    const place = this.state.find(id);
    if (!place) return;
    this.dragRefusal = null;
    this.root.classList.add('composite-editor--dragging');
    for (const container of this._containers()) {
      const refused = this.state.refusal(place.widget.type, this.slotName(container), id);
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
    const refused = this.state.refusal(place.widget.type, this.slotName(container), id);
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
    }
  }

  _endDrag(id, container, index) {
    const refused = this.dragRefusal;
    this._clearDragMarks();
    const result = this.state.move(id, this.slotName(container), index);
    if (!result.ok) {
      this.render();
      this.report({ ok: false, messages: [{ key: 'drop.refused', params: { reason: result.messages[0] } }] });
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

  _clearDragMarks() {
    this.dragging = false;
    this.dragRefusal = null;
    this.root.classList.remove('composite-editor--dragging');
    for (const container of this._containers()) {
      container.classList.remove('composite-slot--accepts', 'composite-slot--refused');
      container.removeAttribute('data-composite-refusal');
    }
  }

  // --- events ----------------------------------------------------------------

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

  /** Stop listening to the window and release SortableJS. */
  destroy() {
    this.window.removeEventListener('beforeunload', this.onBeforeUnload);
    if (this.lock) this.lock.destroy();
    for (const sortable of this.sortables) sortable.destroy();
    this.sortables = [];
    delete this.root.compositeEditor;
  }

  _onFocus(event) {
    const container = event.target.closest(`${SLOT}, ${TRAY}`);
    if (!container || !this.root.contains(container)) return;
    const name = this.slotName(container);
    if (name === this.activeSlot) return;
    this.activeSlot = name;
    this._markTarget();
  }

  _onClick(event) {
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
    const direction = KEY_DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      const result = this.state.moveGrabbed(direction);
      this.cards.get(id).focus();
      this.report(result, result.ok ? null : 'warning');
    }
  }

  // --- toolbar ---------------------------------------------------------------

  togglePalette(button) {
    if (!this.palette) return;
    const open = this.palette.hidden;
    this.palette.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      const first = this.palette.querySelector('[data-composite-add]');
      if (first) first.focus();
    }
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
    if (this.palette) {
      this.palette.hidden = true;
      for (const button of this.root.querySelectorAll('[data-composite-action="add"]')) {
        button.setAttribute('aria-expanded', 'false');
      }
    }
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
    const restricted = this.state.restricted(place.widget.type);
    if (restricted) {
      this.report(restricted);
      return;
    }
    this.root.dispatchEvent(
      new this.window.CustomEvent('composite:edit', {
        bubbles: true,
        detail: { id, isNew, widget: place.widget, slot: place.slot === UNPLACED ? null : place.slot, editor: this },
      }),
    );
  }

  /**
   * Called by the settings form once the server validated the settings.
   * @param {string} id
   * @param {object} settings the cleaned settings
   * @param {{title?: string, html?: string}} [extra] new title; new card body (trusted, server-rendered HTML)
   */
  updateSettings(id, settings, extra = {}) {
    const result = this.state.updateSettings(id, settings, { title: extra.title });
    if (result.ok && extra.html != null) this._fillCard(id, extra.html);
    this.report(result);
    return result;
  }

  // Put a server-rendered body (trusted HTML) into a card, for the widget's
  // settings as they are now.
  _fillCard(id, html) {
    const card = this.cards.get(id);
    const body = card && card.querySelector('.composite-card__body');
    if (!body) return;
    const shown = this.rendered.get(id);
    if (shown !== undefined) this.bodies.set(`${id}\n${shown}`, body.innerHTML);
    const hadFocus = body.contains(this.document.activeElement);
    body.innerHTML = html;
    // Focus inside the old body is not lost: the card takes it.
    if (hadFocus) card.focus();
    const key = widgetKey(this.state.find(id).widget);
    this.rendered.set(id, key);
    this.bodies.set(`${id}\n${key}`, html);
  }

  /**
   * Fetch, in one request, the server's card body and title for every widget
   * whose card does not show its current settings: widgets the page was not
   * rendered with (another editor's after a conflict, kept ones brought back
   * after a reload) and widgets someone else changed. Cards keep their place,
   * focus and names meanwhile; a failure leaves them as they are.
   * @returns {Promise<number>} once every card request under way is answered:
   *   how many cards this call asked for were filled
   */
  refreshCards() {
    const stale = [];
    for (const name of [...this.state.slotNames(), UNPLACED]) {
      for (const widget of this.state.widgets(name)) {
        const key = widgetKey(widget);
        if (this.rendered.get(widget.id) === key || this.requested.get(widget.id) === key) continue;
        const known = this.bodies.get(`${widget.id}\n${key}`);
        if (known === undefined) stale.push({ widget, key });
        else this._fillCard(widget.id, known);
      }
    }
    let loading = Promise.resolve(0);
    if (this.cardsUrl && stale.length) {
      for (const { widget, key } of stale) this.requested.set(widget.id, key);
      loading = this._fetchCards(stale).finally(() => {
        for (const { widget, key } of stale) {
          if (this.requested.get(widget.id) === key) this.requested.delete(widget.id);
        }
      });
    }
    const all = Promise.all([this.cardsLoaded, loading]);
    this.cardsLoaded = all.then(() => undefined);
    return all.then(([, filled]) => filled);
  }

  async _fetchCards(stale) {
    const body = new URLSearchParams({
      arrangement: JSON.stringify(this.state.toPatch()),
      ids: JSON.stringify(stale.map(({ widget }) => widget.id)),
      _authenticator: this.csrfToken,
    });
    let cards;
    try {
      const response = await this.fetch(this.cardsUrl, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        body,
      });
      if (!response.ok) throw new Error(String(response.status));
      cards = (await response.json()).cards;
      if (!Array.isArray(cards)) throw new Error('no cards');
    } catch (error) {
      console.warn('collective.composite: the cards could not be rendered', error); // eslint-disable-line no-console
      return 0;
    }
    const asked = new Map(stale.map(({ widget, key }) => [widget.id, key]));
    const named = [];
    for (const card of cards) {
      const place = card && this.state.find(card.id);
      // Changed again since it was asked for: the next refresh gets it.
      if (!place || !asked.has(card.id) || widgetKey(place.widget) !== asked.get(card.id)) continue;
      this._fillCard(card.id, String(card.html ?? ''));
      named.push({ ...place.widget, title: card.title });
    }
    this.state.setTitles(named);
    return named.length;
  }

  cancel() {
    if (this.exitUrl) {
      if (this.state.dirty && !this.window.confirm(this.t({ key: 'cancel.confirm' }))) return;
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

  /** Show the real rendering of the unsaved arrangement in a new window. */
  preview() {
    if (!this.previewUrl) return;
    const form = this.document.createElement('form');
    form.method = 'post';
    form.action = this.previewUrl;
    form.target = 'composite-preview';
    form.hidden = true;
    const fields = { arrangement: JSON.stringify(this.state.toPatch()), _authenticator: this.csrfToken };
    for (const [name, value] of Object.entries(fields)) {
      const input = this.document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    this.root.append(form);
    form.submit();
    form.remove();
  }

  // --- saving ----------------------------------------------------------------

  _headers(withBody) {
    const headers = { Accept: 'application/json' };
    if (withBody) headers['Content-Type'] = 'application/json';
    if (this.csrfToken) headers[this.csrfHeader] = this.csrfToken;
    return headers;
  }

  async _getServerArrangement() {
    const response = await this.fetch(this.saveUrl, {
      method: 'GET',
      headers: this._headers(false),
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  /** PATCH the arrangement; handles 409 (conflict), 400, 401/403, 503 (busy) and network errors. */
  async save() {
    if (this.busy) return null;
    if (this.lockedOut) return this._fail('locked', { key: 'lock.saveBlocked' });
    if (!this.state.dirty) {
      const result = { ok: false, reason: 'unchanged', messages: [{ key: 'save.nothing' }] };
      this.report(result, 'info');
      return result;
    }
    this.busy = true;
    this._updateControls();
    this.announce([{ key: 'save.saving' }]);
    try {
      return await this._save();
    } finally {
      this.busy = false;
      this._updateControls();
    }
  }

  async _save() {
    let response;
    try {
      response = await this.fetch(this.saveUrl, {
        method: 'PATCH',
        headers: this._headers(true),
        credentials: 'same-origin',
        body: JSON.stringify(this.state.toPatch()),
      });
    } catch {
      return this._fail('offline', { key: 'save.offline' });
    }
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      let version = data && data.version;
      if (version == null) {
        try {
          version = (await this._getServerArrangement()).version;
        } catch {
          return this._fail('failed', { key: 'save.failed', params: { status: response.status } });
        }
      }
      this._clearStash();
      const result = this.state.markSaved(version);
      this.report(result, 'success');
      return result;
    }
    // Someone else holds the design lock: the lock's banner says who (lock.js).
    if (response.status === 409 && data.error && data.error.type === 'Locked') {
      if (this.lock) this.lock.refused(data.error);
      return this._fail('locked', { key: 'lock.saveBlocked' });
    }
    if (response.status === 409) return this._conflict();
    if (response.status === 400) {
      return this._fail('invalid', { key: 'save.invalid', params: { error: errorText(data, response) } });
    }
    if (response.status === 401 || response.status === 403) return this._fail('forbidden', { key: 'save.forbidden' });
    // 503: the save lost every retry to other saves at the same moment; nothing was stored.
    if (response.status === 503) return this._fail('busy', { key: 'save.busy' });
    return this._fail('failed', { key: 'save.failed', params: { status: response.status } });
  }

  _fail(reason, message) {
    const result = { ok: false, reason, messages: [message] };
    this.report(result);
    return result;
  }

  async _conflict() {
    let server;
    try {
      server = await this._getServerArrangement();
    } catch (error) {
      return this._fail('failed', { key: 'save.failed', params: { status: error.message || 409 } });
    }
    const result = this.state.conflict(this._withTitles(server));
    this._stash();
    await this._learnSavedBy(server.version);
    this.announce(result.messages);
    this._showStatus(translateAll(this.messages, result.messages), 'conflict', [
      ['reapply', 'conflict.reapply'],
      ['reload', 'conflict.reload'],
      ['discard', 'conflict.discard'],
    ]);
    // Not waited for: saving is over, whatever the cards take.
    this.refreshCards();
    return { ...result, ok: false, reason: 'conflict' };
  }

  _onConflictAction(action) {
    if (action === 'reload') {
      this._stash();
      this.reload();
      return;
    }
    if (action === 'reapply') {
      this.reapply();
      return;
    }
    const result = this.state.discardPending();
    this._clearStash();
    if (this.status) this.status.textContent = '';
    this.report(result, result.ok ? 'info' : null);
  }

  /**
   * Re-apply the kept changes on the newer version; where they clash with
   * it, show the clash panel (clashes.js) and let Save wait for the choices.
   */
  reapply() {
    const result = this.state.reapply({ other: this.savedBy });
    if (result.ok && result.clashes) {
      this.announce(result.messages);
      this._showStatus(translateAll(this.messages, result.messages), 'conflict');
      showClashes(this);
      return result;
    }
    return this._reapplied(result);
  }

  /**
   * Re-apply the kept changes with the user's choice per clash.
   * @param {Record<string, 'mine'|'theirs'>} choices by clash id
   */
  resolveClashes(choices) {
    const result = this.state.resolve(choices);
    if (!result.ok) {
      this.report(result, 'warning');
      return result;
    }
    return this._reapplied(result);
  }

  _reapplied(result) {
    if (result.ok) this._clearStash();
    if (this.status) this.status.textContent = '';
    this.report(result, result.ok ? 'info' : null);
    // Kept widgets the page (reloaded) was not rendered with, the user's settings.
    if (result.ok) this.refreshCards();
    return result;
  }

  // Who saved the version shown now (the newest revision of the history),
  // to say on whose version the kept changes are re-applied.
  async _learnSavedBy(version) {
    this.savedBy = null;
    const url = this.root.getAttribute('data-composite-history-url');
    if (!url) return;
    try {
      const response = await this.fetch(url, { method: 'GET', headers: this._headers(false), credentials: 'same-origin' });
      if (!response.ok) return;
      const items = (await response.json()).items || [];
      const revision = items.find((item) => item && String(item.version) === String(version));
      const user = revision && revision.user;
      if (user) this.savedBy = String(user.fullname || user.id);
    } catch {
      // Without the name, the messages say "the newer version".
    }
  }

  /**
   * Load the page again (the server renders every card anew); ``notice`` is
   * shown once it is back. The design lock is kept meanwhile.
   * @param {{key: string, params?: object}} [notice]
   */
  reload(notice) {
    if (notice && this.storage) {
      try {
        this.storage.setItem(this.noticeKey, JSON.stringify(notice));
      } catch {
        // Without storage the notice is lost, the reload is not.
      }
    }
    this.leaving = true;
    this.reloading = true;
    this.window.location.reload();
  }

  _restoreNotice() {
    if (!this.storage) return;
    const raw = this.storage.getItem(this.noticeKey);
    if (!raw) return;
    this.storage.removeItem(this.noticeKey);
    try {
      const notice = JSON.parse(raw);
      this.report({ ok: true, messages: [notice] }, 'success');
    } catch {
      // A notice that cannot be read is not worth an error.
    }
  }

  /**
   * Show the arrangement the server has now, as the editor's saved state; for
   * a refused restore or import, when there is nothing unsaved to keep.
   */
  async showNewest() {
    const server = await this._getServerArrangement();
    this.state.conflict(this._withTitles(server));
    this.state.discardPending();
    this.refreshCards();
  }

  // The user's kept arrangement survives a reload in sessionStorage.
  _stash() {
    const pending = this.state.exportPending();
    if (!this.storage || !pending) return;
    try {
      this.storage.setItem(this.stashKey, JSON.stringify(pending));
    } catch {
      // A full or disabled storage only loses the reload path; reapply still works.
    }
  }

  _clearStash() {
    if (this.storage) this.storage.removeItem(this.stashKey);
  }

  _restoreStash() {
    if (!this.storage) return;
    const raw = this.storage.getItem(this.stashKey);
    if (!raw) return;
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      this._clearStash();
      return;
    }
    const result = this.state.importPending(data);
    if (!result.ok) return;
    this._learnSavedBy(this.state.version);
    this._showStatus(this.t({ key: 'conflict.restored' }), 'conflict', [
      ['reapply', 'conflict.reapply'],
      ['discard', 'conflict.discard'],
    ]);
  }
}

/** The message of a service's JSON error answer, else the HTTP status text. */
export function errorText(data, response) {
  return (data && (data.message || (data.error && data.error.message))) || response.statusText || String(response.status);
}

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
