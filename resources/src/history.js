// The History panel (@composite-history: the saved revisions, each restorable),
// the export (@composite-export, downloaded as a file) and the import of an
// exported arrangement (@composite-import). Restore and import replace
// the whole arrangement on the server, so both wait while there are unsaved or
// kept changes, a save is under way or someone else holds the lock; once done,
// the page is loaded again, so every card is the server's.

import { errorText } from './api.js';
import { formatTime } from './messages.js';

/**
 * The History panel, the export link and the import field, where the page has them.
 * @param {import('./editor.js').Editor} editor
 */
export function attachHistory(editor) {
  const root = editor.root;
  const historyUrl = editor.api.historyUrl;
  const panel = root.querySelector('[data-composite-history]');
  const importUrl = editor.api.importUrl;
  const field = root.querySelector('input[type=file][data-composite-import]');
  const link = root.querySelector('a[href][data-composite-export]');
  return {
    history: historyUrl && panel ? new HistoryPanel(editor, historyUrl, panel) : null,
    importer: importUrl && field ? new ImportField(editor, importUrl, field) : null,
    exporter: link ? new ExportLink(editor, link) : null,
  };
}

/**
 * POST a replacement of the whole arrangement: reload the page with ``done``
 * on success; on 409 ``Locked`` show who holds the lock; on another 409 show
 * the newer arrangement someone else saved; otherwise show the server's
 * reason with ``failed``.
 * @returns {Promise<{ok: boolean, reason?: string}>}
 */
function replace(editor, url, body, { working, done, failed }) {
  return editor.whileBusy(async () => {
    editor.announce([working]);
    let response;
    try {
      response = await editor.api.send('POST', url, { body });
    } catch {
      return fail(editor, failed, editor.t({ key: 'save.offline' }), 'offline');
    }
    const data = response.data;
    if (response.ok) {
      editor.reload(done);
      return { ok: true };
    }
    if (response.status === 409 && data.error && data.error.type === 'Locked') {
      if (editor.lock) editor.lock.refused(data.error);
      return fail(editor, failed, errorText(data, response), 'locked');
    }
    if (response.status === 409) {
      try {
        await editor.showNewest();
      } catch (error) {
        return fail(editor, failed, errorText(null, { status: error.message }), 'failed');
      }
      editor.report({ ok: false, messages: [{ key: 'history.stale' }] }, 'warning');
      return { ok: false, reason: 'conflict' };
    }
    return fail(editor, failed, errorText(data, response), 'refused');
  });
}

function fail(editor, failed, error, reason) {
  editor.report({ ok: false, messages: [{ ...failed, params: { ...failed.params, error } }] });
  return { ok: false, reason };
}

export class HistoryPanel {
  constructor(editor, url, panel) {
    this.editor = editor;
    this.url = url;
    this.panel = panel;
    this.list = panel.querySelector('[data-composite-history-list]') || panel;
    this.blocked = panel.querySelector('[data-composite-history-blocked]');
    this.listedVersion = null;
    this.loading = null;
    this.toggles = [...editor.root.querySelectorAll('[data-composite-action="history"]')];
    for (const button of this.toggles) button.addEventListener('click', () => this.toggle());
    panel.addEventListener('click', (event) => {
      const button = event.target.closest('[data-composite-restore]');
      if (button && !button.disabled) this.restore(Number(button.getAttribute('data-composite-restore')));
    });
    editor.root.addEventListener('composite:controls', () => this.update());
    editor.history = this;
    this.update();
  }

  get open() {
    return !this.panel.hidden;
  }

  /** Show or hide the panel; the list is read each time it opens. */
  toggle() {
    const open = !this.open;
    this.panel.hidden = !open;
    for (const button of this.toggles) button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.listedVersion = null;
      this.update();
      const heading = this.panel.querySelector('h2, h3');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  }

  /** Follow the editor: restore waits while it must; a save adds a revision. */
  update() {
    const editor = this.editor;
    const waiting = editor.state.dirty || editor.state.hasPending;
    if (this.blocked) {
      this.blocked.hidden = !waiting;
      this.blocked.textContent = waiting ? editor.t({ key: 'history.blocked' }) : '';
    }
    for (const button of this.list.querySelectorAll('[data-composite-restore]')) button.disabled = !editor.canReplace;
    if (this.open && !editor.busy && !this.loading && this.listedVersion !== editor.state.version) this.load();
  }

  /** Read the revisions and list them, newest first. */
  load() {
    const editor = this.editor;
    const version = editor.state.version;
    this.listedVersion = version;
    this._say({ key: 'history.loading' });
    this.loading = (async () => {
      try {
        const data = await editor.api.read(this.url);
        this.render(data.items || [], version);
      } catch (error) {
        this.listedVersion = null;
        this._say({ key: 'history.failed', params: { status: error.message } });
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  // One row spanning the table, for loading, empty and failed.
  _say(message) {
    const doc = this.editor.document;
    const row = doc.createElement('tr');
    const cell = doc.createElement('td');
    cell.colSpan = 5;
    cell.textContent = this.editor.t(message);
    row.append(cell);
    this.list.replaceChildren(row);
  }

  render(items, version) {
    if (!items.length) {
      this._say({ key: 'history.empty' });
      return;
    }
    const editor = this.editor;
    const doc = editor.document;
    const rows = items.map((item) => {
      const row = doc.createElement('tr');
      row.setAttribute('data-composite-revision', String(item.number));
      const number = doc.createElement('th');
      number.scope = 'row';
      number.textContent = editor.t({ key: 'history.revision', params: { number: item.number } });
      const user = doc.createElement('td');
      user.textContent = (item.user && (item.user.fullname || item.user.id)) || '';
      const when = doc.createElement('td');
      const time = doc.createElement('time');
      time.dateTime = item.time;
      time.textContent = formatTime(item.time, doc);
      when.append(time);
      const summary = doc.createElement('td');
      summary.textContent = item.summary || '';
      const action = doc.createElement('td');
      if (String(item.version) === String(version)) {
        action.textContent = editor.t({ key: 'history.current' });
      } else {
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'composite-history__restore';
        button.setAttribute('data-composite-restore', String(item.number));
        button.textContent = editor.t({ key: 'history.restore' });
        button.setAttribute('aria-label', editor.t({ key: 'history.restoreLabel', params: { number: item.number } }));
        button.disabled = !editor.canReplace;
        action.append(button);
      }
      row.append(number, user, when, summary, action);
      return row;
    });
    this.list.replaceChildren(...rows);
  }

  /** Restore a revision: a new revision on the server, then the page again. */
  restore(number) {
    const editor = this.editor;
    if (!editor.canReplace) return Promise.resolve({ ok: false, reason: 'waiting' });
    const params = { number };
    return replace(
      editor,
      `${this.url}/${number}/restore`,
      { version: editor.state.version },
      {
        working: { key: 'history.restoring', params },
        done: { key: 'history.restored', params },
        failed: { key: 'history.restoreFailed', params },
      },
    );
  }
}

export class ImportField {
  constructor(editor, url, field) {
    this.editor = editor;
    this.url = url;
    this.field = field;
    field.addEventListener('change', () => {
      const file = field.files && field.files[0];
      if (file) this.importFile(file).finally(() => (field.value = ''));
    });
    editor.root.addEventListener('composite:controls', () => this.update());
    editor.importer = this;
    this.update();
  }

  update() {
    this.field.disabled = !this.editor.canReplace;
  }

  /** Send an exported arrangement (a ``File``) to replace this page's. */
  async importFile(file) {
    const editor = this.editor;
    const params = { file: file.name };
    if (!editor.canReplace) return { ok: false, reason: 'waiting' };
    let document;
    try {
      document = JSON.parse(await file.text());
    } catch {
      editor.report({ ok: false, messages: [{ key: 'import.notJson', params }] });
      return { ok: false, reason: 'not-json' };
    }
    return replace(
      editor,
      this.url,
      { version: editor.state.version, arrangement: document },
      {
        working: { key: 'import.importing', params },
        done: { key: 'import.done', params },
        failed: { key: 'import.failed', params },
      },
    );
  }
}

export class ExportLink {
  // The REST service answers only requests that accept JSON, which a plain
  // link does not say: fetch the file and hand it to the browser as a download.
  constructor(editor, link) {
    this.editor = editor;
    this.link = link;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.download();
    });
  }

  /** Download the page's arrangement, named as the server says. */
  async download() {
    const editor = this.editor;
    const failed = (error) => {
      editor.report({ ok: false, messages: [{ key: 'export.failed', params: { error } }] });
      return { ok: false };
    };
    let response;
    try {
      response = await editor.api.request('GET', this.link.href);
    } catch {
      return failed(editor.t({ key: 'save.offline' }));
    }
    if (!response.ok) return failed(errorText(await response.json().catch(() => ({})), response));
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    const name = match ? match[1] : 'arrangement.json';
    const win = editor.window;
    const url = win.URL.createObjectURL(await response.blob());
    const anchor = editor.document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    editor.root.append(anchor);
    anchor.click();
    anchor.remove();
    // The browser reads the file after the click returns.
    win.setTimeout(() => win.URL.revokeObjectURL(url), 60000);
    return { ok: true, name };
  }
}
