// The editor's saving (PATCH @composite) and the conflict flow: a newer
// version saved by someone else is shown, the user's changes are kept (also
// over a reload, in sessionStorage: editor/kept.js) and re-applied on it,
// clashes chosen in the clash panel (clashes.js). Methods of Editor (editor.js).

import { errorText } from '../api.js';
import { showClashes } from '../clashes.js';
import { formatTime, translateAll } from '../messages.js';
import { toData } from '../state/snapshot.js';
import { KEPT_FOR, forgetOldKept, readKept } from './kept.js';

/**
 * The PATCH body: when only settings of widgets changed since the arrangement
 * last saved (or loaded), just those, by id (``widgets``); else the whole
 * arrangement. On a page of many widgets the whole arrangement is most of
 * what a save sends and the server reads.
 * @param {{layout, slots, unplaced}} saved the arrangement last saved or loaded
 * @param {{version, layout, slots, unplaced}} patch the whole body
 * @returns {object} the body to send
 */
export function changesOnly(saved, patch) {
  if (saved.layout !== patch.layout) return patch;
  const before = placement(saved);
  const after = placement(patch);
  if (before.key !== after.key) return patch;
  const widgets = {};
  for (const [id, widget] of after.widgets) {
    if (JSON.stringify(widget.settings) !== JSON.stringify(before.widgets.get(id).settings)) {
      widgets[id] = { settings: widget.settings };
    }
  }
  return Object.keys(widgets).length ? { version: patch.version, widgets } : patch;
}

// Where each widget is (slot, order, type, an unplaced one's slot) as one
// string, and the widgets by id.
function placement(data) {
  const widgets = new Map();
  const places = [];
  for (const name of Object.keys(data.slots).sort()) {
    places.push([name, data.slots[name].map((widget) => [widget.id, widget.type])]);
    for (const widget of data.slots[name]) widgets.set(widget.id, widget);
  }
  places.push([null, data.unplaced.map((widget) => [widget.id, widget.type, widget.slot])]);
  for (const widget of data.unplaced) widgets.set(widget.id, widget);
  return { key: JSON.stringify(places), widgets };
}

export class Saving {
  /** PATCH the arrangement; handles 409 (conflict), 400, 401 (logged out), 403, 413 (too large), 503 (busy) and network errors. */
  async save() {
    if (this.busy) return null;
    if (this.lockedOut) return this._fail('locked', { key: 'lock.saveBlocked' });
    if (!this.state.dirty) {
      const result = { ok: false, reason: 'unchanged', messages: [{ key: 'save.nothing' }] };
      this.report(result, 'info');
      return result;
    }
    return this.whileBusy(() => {
      this.announce([{ key: 'save.saving' }]);
      return this._save();
    });
  }

  async _save() {
    // What is sent: the state model refuses the user's changes until the
    // answer (whileBusy), but a keyboard move under way is not sent.
    const saved = this.state.toSave;
    const patch = { version: this.state.version, ...toData(saved) };
    let response;
    try {
      response = await this.api.save(changesOnly(toData(this.state.baseline), patch));
    } catch {
      return this._fail('offline', { key: 'save.offline' });
    }
    const data = response.data;
    if (response.ok) {
      let version = data && data.version;
      if (version == null) {
        try {
          version = (await this.api.arrangement()).version;
        } catch {
          return this._fail('failed', { key: 'save.failed', params: { status: response.status } });
        }
      }
      this._clearStash();
      const result = this.state.markSaved(version, saved);
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
    // 413: over the site's size limit; the server's message (in the editor's
    // language) names the limit.
    if (response.status === 413) {
      return this._fail('tooLarge', { key: 'save.tooLarge', params: { error: errorText(data, response) } });
    }
    // 401: nobody is logged in any more (logged out in another tab, the
    // session ended); 403: logged in, without the permission.
    if (response.status === 401) return this._loggedOut();
    if (response.status === 403) return this._fail('forbidden', { key: 'save.forbidden' });
    // 503: the save lost every retry to other saves at the same moment; nothing was stored.
    if (response.status === 503) return this._fail('busy', { key: 'save.busy' });
    return this._fail('failed', { key: 'save.failed', params: { status: response.status } });
  }

  _fail(reason, message) {
    const result = { ok: false, reason, messages: [message] };
    this.report(result);
    this.revealStatus();
    return result;
  }

  // Refused as logged out: the message offers to log in again in this tab
  // (Plone's login form, back to design mode), over which the changes are
  // kept (``keepForLogin``).
  _loggedOut() {
    const result = { ok: false, reason: 'loggedOut', messages: [{ key: 'save.loggedOut' }] };
    this.report(result);
    if (this.status && this.loginUrl) {
      const link = this.document.createElement('a');
      link.href = this.loginUrl;
      link.setAttribute('data-composite-login', '');
      link.textContent = this.t({ key: 'save.logIn' });
      this.status.append(link);
    }
    this.revealStatus();
    return result;
  }

  /**
   * Keep the user's unsaved changes over logging in again in this tab (the
   * "Log in" link of a save refused as logged out): in sessionStorage, under
   * this user's and page's key (``stashKey``), marked to be re-applied as
   * design mode starts again (``_restoreStash``). Leaving then asks nothing.
   * @returns {boolean} whether they are kept (else leaving still asks)
   */
  keepForLogin() {
    const changes = this.state.exportChanges();
    if (!changes) return true;
    if (!this.storage) return false;
    try {
      this.storage.setItem(this.stashKey, JSON.stringify({ ...changes, ...this._keptNow(), afterLogin: true }));
    } catch {
      return false;
    }
    this.leaving = true;
    return true;
  }

  async _conflict() {
    let server;
    try {
      server = await this.api.arrangement();
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
    this.revealStatus();
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
    if (!this.api.historyUrl) return;
    try {
      const items = (await this.api.read(this.api.historyUrl)).items || [];
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
      if (!this.status) {
        this.announce([notice]);
        return;
      }
      this._showStatus(this.t(notice), 'success');
      // After the reload the browser leaves the focus on the page's body, and
      // a live region filled while the page loads is seldom heard: the
      // message takes the focus, so screen readers read it (once) and Tab
      // goes on from there into the editor.
      this.status.setAttribute('tabindex', '-1');
      this.status.focus();
    } catch {
      // A notice that cannot be read is not worth an error.
    }
  }

  /**
   * Show the arrangement the server has now, as the editor's saved state; for
   * a refused restore or import, when there is nothing unsaved to keep.
   */
  async showNewest() {
    const server = await this.api.arrangement();
    this.state.conflict(this._withTitles(server));
    this.state.discardPending();
    this.refreshCards();
  }

  // The user's kept arrangement survives a reload in sessionStorage; ``kept``:
  // since when (``_keptNow``).
  _stash(kept = this._keptNow()) {
    const pending = this.state.exportPending();
    if (!this.storage || !pending) return;
    try {
      this.storage.setItem(this.stashKey, JSON.stringify({ ...pending, ...kept }));
    } catch {
      // A full or disabled storage only loses the reload path; reapply still works.
    }
  }

  // Back from logging in again: the kept changes are re-applied on the stored
  // version at once, as after a conflict (a clash is asked about); kept on as
  // an ordinary conflict's until then, so a reload does not lose them.
  async _reapplyAfterLogin(notes = []) {
    this._stash();
    await this._learnSavedBy(this.state.version);
    const result = this.state.reapply({ other: this.savedBy });
    if (result.ok && result.clashes) {
      const messages = [{ key: 'login.restored' }, ...result.messages, ...notes];
      this.announce(messages);
      this._showStatus(translateAll(this.messages, messages), 'conflict');
      showClashes(this);
      return result;
    }
    if (!result.ok) return this._reapplied(result);
    return this._reapplied({ ...result, messages: [{ key: 'login.restored' }, ...notes] });
  }

  // What a kept entry records besides the changes: when they were kept (to
  // expire, ``KEPT_FOR``).
  _keptNow() {
    return { keptAt: new Date().toISOString() };
  }

  _clearStash() {
    if (this.storage) this.storage.removeItem(this.stashKey);
  }

  // As design mode starts: the changes kept for this user and page come
  // back (re-applied after logging in again, else offered), but those older
  // than ``KEPT_FOR`` are only offered, saying when they were kept. Old
  // entries for other pages are discarded, saying so to the user whose they
  // were. Nothing kept is dropped without a word, and an entry that cannot
  // be read does not stop design mode.
  _restoreStash() {
    if (!this.storage) return;
    const pages = forgetOldKept(this.storage, this.stashKey, this.userId);
    const notes = pages.length ? [{ key: 'stash.othersDiscarded', params: { pages: pages.join(', ') } }] : [];
    const raw = this.storage.getItem(this.stashKey);
    const data = raw && readKept(raw);
    if (!data) {
      if (raw) {
        this._clearStash();
        notes.unshift({ key: 'stash.unreadable' });
      }
      if (notes.length) this.report({ messages: notes }, raw ? 'warning' : 'info');
      return;
    }
    this.state.importPending(data);
    // One without a time (kept by an earlier version of the editor) counts as just kept here.
    const keptAt = Date.parse(data.keptAt) || Date.now();
    const old = Date.now() - keptAt > KEPT_FOR;
    if (data.afterLogin && !old) {
      this.restoredAfterLogin = this._reapplyAfterLogin(notes);
      return;
    }
    // Not re-applied by itself on the next start-up either.
    if (data.afterLogin) this._stash({ keptAt: data.keptAt });
    const messages = [
      old ? { key: 'stash.old', params: { time: formatTime(data.keptAt, this.document) } } : { key: 'conflict.restored' },
      ...notes,
    ];
    this._learnSavedBy(this.state.version);
    this._showStatus(translateAll(this.messages, messages), 'conflict', [
      ['reapply', 'conflict.reapply'],
      ['discard', 'conflict.discard'],
    ]);
  }
}
