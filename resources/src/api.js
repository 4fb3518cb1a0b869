// The one client design mode speaks to the server with: the REST services of
// the page (@composite, its lock, history, export, import, cards and preview).
// It owns what every call sends (JSON, the CSRF header, the session cookie)
// and how a refusal is put into words; what an answer means is the caller's.

/** A request that reached the server and was refused, or a bad answer. */
export class ServiceError extends Error {
  /**
   * @param {string} message the server's reason, else the HTTP status
   * @param {number} [status] the HTTP status
   */
  constructor(message, status) {
    super(message);
    this.name = 'ServiceError';
    this.status = status;
  }
}

/**
 * The message of a service's JSON error answer, else the HTTP status text.
 * @param {object|null} data the parsed answer
 * @param {{status: number|string, statusText?: string}} response
 * @returns {string}
 */
export function errorText(data, response) {
  return (data && (data.message || (data.error && data.error.message))) || response.statusText || String(response.status);
}

export class CompositeApi {
  /**
   * @param {HTMLElement} root the editor's element: its ``data-composite-*``
   *   attributes give the URLs and the CSRF token (docs/editor-markup.md)
   * @param {{fetch: Function}} options ``fetch`` sends the requests
   */
  constructor(root, { fetch }) {
    const url = (name) => root.getAttribute(`data-composite-${name}-url`) || '';
    this.fetch = fetch;
    this.saveUrl = url('save');
    this.cardsUrl = url('cards');
    this.previewUrl = url('preview');
    this.historyUrl = url('history');
    this.lockUrl = url('lock');
    this.importUrl = url('import');
    this.csrfToken = root.getAttribute('data-composite-csrf-token') || '';
    this.csrfHeader = root.getAttribute('data-composite-csrf-header') || 'X-CSRF-TOKEN';
  }

  /**
   * The headers of a call: JSON both ways, the CSRF token for the writes.
   * @param {boolean} withBody whether a JSON body goes along
   * @returns {Record<string, string>}
   */
  headers(withBody) {
    const headers = { Accept: 'application/json' };
    if (withBody) headers['Content-Type'] = 'application/json';
    if (this.csrfToken) headers[this.csrfHeader] = this.csrfToken;
    return headers;
  }

  /**
   * Send one request.
   * @param {string} method
   * @param {string} url
   * @param {{body?: object, keepalive?: boolean, prefer?: string}} [options] ``body``
   *   goes as JSON; ``prefer`` is the ``Prefer`` header (RFC 7240)
   * @returns {Promise<Response>}
   * @throws when the server cannot be reached
   */
  request(method, url, { body, keepalive, prefer } = {}) {
    const init = { method, headers: this.headers(body !== undefined), credentials: 'same-origin' };
    if (prefer) init.headers.Prefer = prefer;
    if (body !== undefined) init.body = JSON.stringify(body);
    if (keepalive) init.keepalive = true;
    return this.fetch(url, init);
  }

  /**
   * Send one request and read its JSON answer, whatever the status.
   * @returns {Promise<{ok: boolean, status: number, statusText: string, data: object}>}
   *   ``data`` is ``{}`` when the answer is no JSON
   * @throws when the server cannot be reached
   */
  async send(method, url, options) {
    const response = await this.request(method, url, options);
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, statusText: response.statusText, data };
  }

  /**
   * ``GET`` a JSON resource.
   * @returns {Promise<object>}
   * @throws {Error} unreached; {ServiceError} refused (its message the status)
   */
  async read(url) {
    const response = await this.request('GET', url);
    if (!response.ok) throw new ServiceError(String(response.status), response.status);
    return response.json();
  }

  /** The arrangement the server has now (``GET @composite``). */
  arrangement() {
    return this.read(this.saveUrl);
  }

  /**
   * Save an arrangement (``PATCH @composite``); the caller reads the answer,
   * its new ``version`` only (``Prefer: return=minimal``).
   */
  save(patch) {
    return this.send('PATCH', this.saveUrl, { body: patch, prefer: 'return=minimal' });
  }

  /**
   * The design bodies and titles of some widgets of an unsaved arrangement
   * (``POST @composite-cards``).
   * @param {object} arrangement as a save sends it
   * @param {string[]} ids the widgets whose cards are wanted
   * @returns {Promise<{id: string, title: string, html: string}[]>}
   * @throws {Error} unreached; {ServiceError} refused or a bad answer
   */
  async cards(arrangement, ids) {
    const answer = await this.send('POST', this.cardsUrl, { body: { arrangement, ids } });
    if (!answer.ok) throw new ServiceError(errorText(answer.data, answer), answer.status);
    if (!Array.isArray(answer.data.cards)) throw new ServiceError('no cards', answer.status);
    return answer.data.cards;
  }

  /**
   * The whole page as an unsaved arrangement would show it
   * (``POST @composite-preview``); nothing is stored.
   * @param {object} arrangement as a save sends it
   * @returns {Promise<string>} the HTML document
   * @throws {Error} unreached; {ServiceError} refused or a bad answer
   */
  async preview(arrangement) {
    const answer = await this.send('POST', this.previewUrl, { body: { arrangement } });
    if (!answer.ok) throw new ServiceError(errorText(answer.data, answer), answer.status);
    if (typeof answer.data.html !== 'string') throw new ServiceError('no html', answer.status);
    return answer.data.html;
  }
}
