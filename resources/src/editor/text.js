// The editor's text: message keys turned into words (messages.js), said in the
// live region and shown in the status area. Methods of Editor (editor.js).

import { translate, translateAll } from '../messages.js';

export class Text {
  /**
   * The text of a message, in the design view's translation.
   * @param {{key: string, params?: object}|string} message
   * @returns {string}
   */
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
    // Refused while a save is under way: nothing is wrong, it is to wait.
    const visibleKind = kind || (result.ok ? null : result.reason === 'busy' ? 'warning' : 'error');
    if (!visibleKind) {
      if (!this.status.querySelector('[data-composite-conflict]')) this.status.textContent = '';
      this.keepFocus();
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
    // A button of the message it replaced may have had the focus.
    this.keepFocus();
  }

  _makeLive() {
    const live = this.document.createElement('div');
    live.setAttribute('data-composite-live', '');
    live.setAttribute('aria-live', 'polite');
    live.className = 'composite-live';
    this.root.append(live);
    return live;
  }
}
