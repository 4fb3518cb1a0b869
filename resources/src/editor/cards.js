// The editor's cards: the ones it builds or copies for widgets the page was
// not rendered with, and their bodies, rendered by the server
// (@composite-cards) or remembered from before. Methods of Editor (editor.js).

import { UNPLACED, widgetKey } from '../state.js';
import { INSTRUCTIONS, PROBLEM } from './markup.js';

export class Cards {
  _copyCard(original, id) {
    const copy = original.cloneNode(true);
    copy.setAttribute('data-widget-id', id);
    copy.classList.remove('composite-card--grabbed', 'composite-card--chosen', 'composite-card--ghost');
    for (const element of copy.querySelectorAll('[id]')) element.removeAttribute('id');
    this.describeCard(copy);
    return copy;
  }

  /**
   * Describe a card by what its body says when its widget cannot be shown
   * (an error or a missing item), then by the keys' instructions: a screen
   * reader says so when the card gets the focus, as the eye sees it.
   * @param {Element} card
   */
  describeCard(card) {
    const ids = [];
    const problem = card.querySelector(PROBLEM);
    if (problem) {
      if (!problem.id) problem.id = `composite-problem-${card.getAttribute('data-widget-id')}`;
      ids.push(problem.id);
    }
    const instructions = this.root.querySelector(INSTRUCTIONS);
    if (instructions) ids.push(instructions.id);
    if (ids.length) card.setAttribute('aria-describedby', ids.join(' '));
    else card.removeAttribute('aria-describedby');
  }

  // A card for a widget the page was not rendered with (added, or someone
  // else's after a conflict), with an empty body: the settings form or
  // refreshCards fill it with the server's rendering.
  _buildCard(widget) {
    const doc = this.document;
    const known = this.state.widgetType(widget.type);
    const type = known || { name: widget.type, title: widget.type };
    const title = this.state.widgetTitle(widget);
    const card = doc.createElement('div');
    card.className = 'composite-card';
    card.setAttribute('data-widget-id', widget.id);
    card.setAttribute('data-widget-type', widget.type);
    card.setAttribute('tabindex', '0');
    card.setAttribute('role', 'group');
    card.setAttribute('data-composite-title', title);
    card.setAttribute('aria-label', this.t({ key: 'card.label', params: { type: type.title || type.name, title } }));
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
    // Widgets the user may not change, and widgets of a type registered no
    // more (no settings form, no copy), can still be moved and removed; the
    // card says why Edit and Duplicate are missing.
    const restricted = known ? type.restricted || '' : this.t({ key: 'card.retired', params: { type: widget.type } });
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
    this.describeCard(card);
    return card;
  }

  /**
   * Called by the settings form once the server validated the settings.
   * @param {string} id
   * @param {object} settings the cleaned settings
   * @param {{title?: string, html?: string}} [extra] new title; new card body (trusted, server-rendered HTML)
   * @returns {object|Promise<object>} the result; a promise of it when applied during a save
   */
  updateSettings(id, settings, extra = {}) {
    // Applied during a save: once it is answered (the user's form is not lost).
    if (this.state.frozen) return this.afterBusy(() => this.updateSettings(id, settings, extra));
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
    this.describeCard(card);
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
    if (this.api.cardsUrl && stale.length) {
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
    let cards;
    try {
      cards = await this.api.cards(this.state.toPatch(), stale.map(({ widget }) => widget.id));
    } catch (error) {
      console.warn('collective.composite: the cards could not be rendered', error);
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
}
