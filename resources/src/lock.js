// The design lock (@composite-lock, Plone's ordinary lock): taken when design
// mode opens, refreshed while it stays open, released when the page goes. While
// someone else holds it, a banner says who and since when, offers to take over
// to those allowed, and Save waits: the server refuses the writes of everyone
// but the holder (409 ``Locked``). A site whose lock does not refuse saves (the
// lock's ``refuses_saves`` is false) makes the lock advisory: the banner only
// says who else is designing, Save works, and whoever saves later meets the
// other's version as a conflict to merge (editor/saving.js). Design mode asks
// who holds the lock every few seconds while it is shown, and at once when it
// is shown again, so an editor whose lock was taken over learns it without
// pressing Save. The lock is the user's, not the tab's: tabs of one browser
// designing the same page know each other (a BroadcastChannel), and a tab
// that goes leaves the lock to the others rather than releasing it.

import { formatTime } from './messages.js';

/** Plone's locks time out after 10 minutes; refresh well before. */
export const REFRESH_MS = 5 * 60 * 1000;

/** How often a shown design mode asks who holds the lock (a read, no write). */
export const CHECK_MS = 10 * 1000;

/**
 * Take the design lock for the editor and keep it while the page is open.
 * @param {import('./editor.js').Editor} editor
 * @param {{refreshMs?: number}} [options]
 * @returns {DesignLock|null} nothing without ``data-composite-lock-url``
 */
export function attachLock(editor, options) {
  const url = editor.api.lockUrl;
  return url ? new DesignLock(editor, url, options) : null;
}

/**
 * The message of a lock that refuses our saves.
 * @param {boolean} lost whether it was ours before
 * @param {boolean} stealable whether we may take it over
 * @returns {string}
 */
function heldKey(lost, stealable) {
  const kind = lost ? 'lost' : 'held';
  return stealable ? `lock.${kind}` : `lock.${kind}Wait`;
}

export class DesignLock {
  constructor(editor, url, { refreshMs = REFRESH_MS, checkMs = CHECK_MS } = {}) {
    this.editor = editor;
    this.url = url;
    this.mine = false;
    this.banner = editor.root.querySelector('[data-composite-lock]') || this._makeBanner();
    this.message = this.banner.querySelector('[data-composite-lock-message]');
    this.takeOverButton = this.banner.querySelector('[data-composite-lock-takeover]');
    // The server rendered the banner when someone else held the lock.
    this.holder = this.banner.hidden ? null : this.banner.getAttribute('data-composite-lock-holder');
    // Whether that lock is advisory (it does not refuse our saves).
    this.shared = this.banner.hasAttribute('data-composite-lock-shared');
    this.takeOverButton.addEventListener('click', () => this.take(true));
    // Save waits for the lock's answer (it is disabled until a change anyway).
    this._lockOut(true);

    const win = editor.window;
    this.gone = false;
    this.onPageHide = () => {
      this.release();
      this.gone = true;
    };
    this.onPageShow = (event) => {
      if (!event.persisted) return;
      this.gone = false;
      // Tabs that went while this page was cached said so unheard: ask anew.
      this.peers.clear();
      this._tell('hello');
      this.take(false);
    };
    this.onShown = () => {
      if (editor.document.visibilityState !== 'hidden') this.check();
    };
    this.tab = `${Date.now()}-${Math.random()}`;
    this.peers = new Set();
    const Channel = win.BroadcastChannel;
    this.channel = typeof Channel === 'function' ? new Channel(`collective.composite:lock:${url}`) : null;
    if (this.channel) this.channel.onmessage = (event) => this._heard(event.data);
    this._tell('hello');
    win.addEventListener('pagehide', this.onPageHide);
    win.addEventListener('pageshow', this.onPageShow);
    win.addEventListener('focus', this.onShown);
    editor.document.addEventListener('visibilitychange', this.onShown);
    // Refreshing also takes the lock once its holder has left.
    this.timer = win.setInterval(() => this.take(false), refreshMs);
    this.checkTimer = win.setInterval(this.onShown, checkMs);
    editor.lock = this;
    this.asking = null;
    // Counts the POSTs, so that a check answered after one is ignored.
    this.takes = 0;
    this.ready = this.take(false);
  }

  _makeBanner() {
    const doc = this.editor.document;
    const banner = doc.createElement('div');
    banner.className = 'composite-lock';
    banner.setAttribute('data-composite-lock', '');
    banner.hidden = true;
    const message = doc.createElement('p');
    message.className = 'composite-lock__message';
    message.setAttribute('data-composite-lock-message', '');
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'composite-lock__takeover';
    button.setAttribute('data-composite-lock-takeover', '');
    button.textContent = this.editor.t({ key: 'lock.takeOver' });
    banner.append(message, button);
    const status = this.editor.status;
    if (status) status.before(banner);
    else this.editor.root.prepend(banner);
    return banner;
  }

  /**
   * Take the lock, or refresh it when it is ours already.
   * @param {boolean} takeOver take it from someone else
   * @returns {Promise<boolean>} whether the lock is ours (or the page has
   *   none); false while someone else holds it, advisory or not
   */
  take(takeOver) {
    this.takes += 1;
    const asking = this._take(takeOver);
    this.asking = asking;
    asking.finally(() => {
      if (this.asking === asking) this.asking = null;
    });
    return asking;
  }

  async _take(takeOver) {
    const editor = this.editor;
    let response;
    try {
      response = await editor.api.send('POST', this.url, { body: takeOver ? { takeover: true } : undefined });
    } catch {
      return this._unanswered(takeOver, 0);
    }
    const data = response.data;
    if (response.ok) {
      this._ours(data);
      return true;
    }
    if (response.status === 409 && data.error && data.error.lock) {
      this._held(data.error.lock);
      return false;
    }
    return this._unanswered(takeOver, response.status);
  }

  /**
   * Ask who holds the lock (``GET``, which writes nothing): show a holder
   * that is not us at once; take the lock when it is free (its holder left,
   * or it expired) or ours from another tab. Skipped while the lock is being
   * taken, and once the page is gone.
   * @returns {Promise<void>}
   */
  async check() {
    const editor = this.editor;
    if (this.asking || this.gone || editor.leaving) return;
    const takes = this.takes;
    let data;
    try {
      data = await editor.api.read(this.url);
    } catch {
      // Not answered: the next check asks again.
      return;
    }
    if (!data || data.supported === false || this.takes !== takes || this.gone) return;
    if (data.locked && !data.mine) this._held(data);
    else if (!data.locked || !this.mine) await this.take(false);
  }

  /**
   * Take a write the server refused with 409 ``Locked`` (its error's ``lock``)
   * as news of the lock: the banner shows who holds it.
   * @param {object} error the ``error`` member of the answer
   * @returns {boolean} whether the refusal was the lock's
   */
  refused(error) {
    if (!error || error.type !== 'Locked' || !error.lock) return false;
    this._held(error.lock);
    return true;
  }

  // No answer about the lock: it only informs, so it never keeps anyone from
  // saving by itself; a known holder keeps the banner until the next refresh.
  _unanswered(takeOver, status) {
    if (takeOver) this.editor.report({ ok: false, messages: [{ key: 'lock.failed', params: { status } }] });
    const refusing = Boolean(this.holder) && !this.shared;
    this._lockOut(refusing);
    return !this.holder;
  }

  _ours(data) {
    // "Saving is possible" is news only to someone it was not possible for.
    const wasRefused = this.holder !== null && !this.shared;
    this.mine = data.supported !== false;
    this.holder = null;
    this.shared = false;
    this.banner.hidden = true;
    this.banner.removeAttribute('data-composite-lock-holder');
    this.banner.removeAttribute('data-composite-lock-shared');
    this._lockOut(false);
    if (wasRefused) this.editor.report({ ok: true, messages: [{ key: 'lock.yours' }] }, 'info');
  }

  _held(lock) {
    // The lock was ours: someone took it over (or it expired and was taken).
    const lost = this.mine;
    this.mine = false;
    const creator = lock.creator || {};
    const holder = `${creator.id}@${lock.time}`;
    // Only an explicit false makes it advisory: a server that does not say
    // refuses saves, as every lock did before the setting.
    const shared = lock.refuses_saves === false;
    this._lockOut(!shared);
    this.takeOverButton.hidden = shared || !lock.stealable;
    const same = holder === this.holder && shared === this.shared;
    if (!lost && same && !this.banner.hidden) return;
    // The same holder refreshing the lock is no news: no announcement again.
    const news =
      lost || this.banner.hidden || !this.holder || !this.holder.startsWith(`${creator.id}@`) || shared !== this.shared;
    this.holder = holder;
    this.shared = shared;
    const message = {
      key: shared ? 'lock.shared' : heldKey(lost, lock.stealable),
      params: { name: creator.fullname || creator.id || '?', time: formatTime(lock.time, this.editor.document) },
    };
    this.message.textContent = this.editor.t(message);
    this.banner.setAttribute('data-composite-lock-holder', holder);
    this.banner.toggleAttribute('data-composite-lock-shared', shared);
    this.banner.hidden = false;
    if (news) this.editor.announce([message]);
  }

  _lockOut(value) {
    this.editor.setLockedOut(value);
  }

  /**
   * Give the lock back, as the page goes; a reload by the editor keeps it, and
   * so does another tab of this browser designing the page: released, it
   * would be free for anyone until that tab's next check.
   */
  release() {
    const editor = this.editor;
    const others = this.peers.size > 0;
    this._tell('bye');
    if (!this.mine || editor.reloading) return;
    this.mine = false;
    if (others) return;
    // keepalive: the request outlives the page.
    editor.api.request('DELETE', this.url, { keepalive: true }).catch(() => {});
  }

  // Say to the other tabs designing this page that this one opened
  // (``hello``, answered ``here``) or goes (``bye``).
  _tell(kind) {
    if (this.channel) this.channel.postMessage({ kind, tab: this.tab });
  }

  _heard(data) {
    if (!data || typeof data.tab !== 'string' || this.gone) return;
    if (data.kind === 'bye') {
      this.peers.delete(data.tab);
      // A tab that went before it heard of this one released the lock:
      // take it back at once rather than at the next check.
      this.check();
      return;
    }
    this.peers.add(data.tab);
    if (data.kind === 'hello') this._tell('here');
  }

  /** Stop refreshing, checking and listening (the lock is left as it is). */
  destroy() {
    const win = this.editor.window;
    win.clearInterval(this.timer);
    win.clearInterval(this.checkTimer);
    win.removeEventListener('pagehide', this.onPageHide);
    win.removeEventListener('pageshow', this.onPageShow);
    win.removeEventListener('focus', this.onShown);
    this.editor.document.removeEventListener('visibilitychange', this.onShown);
    if (this.channel) this.channel.close();
  }
}
