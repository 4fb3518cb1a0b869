// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { attachHistory } from '../src/history.js';
import { counterIds, twoColumns } from './fixtures.js';
import { editorMarkup } from './markup.js';

const PAGE = 'http://nohost/plone/page/++api++';
const HISTORY_URL = `${PAGE}/@composite-history`;
const IMPORT_URL = `${PAGE}/@composite-import`;
const SAVE_URL = `${PAGE}/@composite`;
const EXPORT_URL = `${PAGE}/@composite-export`;

function jsonResponse(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: String(status), json: async () => body };
}

function revision(number, fullname, summary, action = 'replace') {
  return {
    '@id': `http://nohost/plone/page/@composite-history/${number}`,
    number,
    version: String(number),
    time: `2025-05-0${number}T09:41:07+00:00`,
    user: { id: fullname.toLowerCase(), fullname },
    action,
    summary,
    changes: {},
  };
}

const LISTING = {
  items: [revision(3, 'Jane Doe', 'Widgets moved: 2'), revision(2, 'Joe Bloggs', 'Widgets added: 1'), revision(1, 'Jane Doe', 'Layout: two-columns')],
  items_total: 3,
};

// A server answering by URL and method; ``routes`` maps "METHOD url" to a function.
function server(routes) {
  return vi.fn(async (url, init) => {
    const route = routes[`${init.method} ${url}`];
    if (!route) throw new Error(`unexpected ${init.method} ${url}`);
    return route(init);
  });
}

function fakeStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
    items,
  };
}

const PANEL = `
  <section id="composite-history" data-composite-history hidden aria-labelledby="composite-history-heading">
    <h2 id="composite-history-heading">History</h2>
    <p data-composite-history-blocked hidden></p>
    <table><thead><tr><th>Revision</th><th>Saved by</th><th>Saved on</th><th>Changes</th><th>Action</th></tr></thead>
    <tbody data-composite-history-list></tbody></table>
  </section>
  <a href="${EXPORT_URL}" download data-composite-export>Export</a>
  <label for="composite-import">Import a file</label>
  <input type="file" id="composite-import" data-composite-import accept=".json,application/json">`;

function setUp(fetch, { storage = fakeStorage(), arrangement = { ...twoColumns(), version: '3' } } = {}) {
  document.documentElement.lang = 'en';
  document.body.innerHTML = editorMarkup({ arrangement });
  const root = document.querySelector('[data-composite-editor]');
  root.setAttribute('data-composite-history-url', HISTORY_URL);
  root.setAttribute('data-composite-import-url', IMPORT_URL);
  root.querySelector('[role=toolbar]').insertAdjacentHTML(
    'beforeend',
    '<button type="button" data-composite-action="history" aria-expanded="false" aria-controls="composite-history">History</button>',
  );
  root.querySelector('[data-composite-status]').insertAdjacentHTML('beforebegin', PANEL);
  const editor = new Editor(root, { fetch, storage, newId: counterIds() });
  const reloads = [];
  vi.spyOn(editor, 'reload').mockImplementation((notice) => reloads.push(notice));
  const { history, importer, exporter } = attachHistory(editor);
  return { root, editor, history, importer, exporter, reloads, storage };
}

const historyButton = () => document.querySelector('[data-composite-action="history"]');
const panel = () => document.querySelector('[data-composite-history]');
const rows = () => [...document.querySelectorAll('[data-composite-history-list] tr')];
const cells = (row) => [...row.children].map((cell) => cell.textContent.trim());
const restoreButton = (number) => document.querySelector(`[data-composite-restore="${number}"]`);
const status = () => document.querySelector('[data-composite-status]').textContent.trim();
const importField = () => document.querySelector('[data-composite-import]');

async function openPanel(history) {
  historyButton().click();
  await history.loading;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('history panel', () => {
  it('is not there without its URL and panel', () => {
    document.body.innerHTML = editorMarkup();
    const editor = new Editor(document.querySelector('[data-composite-editor]'), { fetch: vi.fn(), storage: null });
    expect(attachHistory(editor)).toEqual({ history: null, importer: null, exporter: null });
  });

  it('lists the revisions when opened: number, who, when and what changed', async () => {
    const fetch = server({ [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING) });
    const { history } = setUp(fetch);
    expect(fetch).not.toHaveBeenCalled();
    await openPanel(history);
    expect(panel().hidden).toBe(false);
    expect(historyButton().getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(panel().querySelector('h2'));
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(LISTING.items[1].time));
    expect(rows().map(cells)).toEqual([
      ['Revision 3', 'Jane Doe', expect.any(String), 'Widgets moved: 2', 'Current'],
      ['Revision 2', 'Joe Bloggs', when, 'Widgets added: 1', 'Restore'],
      ['Revision 1', 'Jane Doe', expect.any(String), 'Layout: two-columns', 'Restore'],
    ]);
    expect(rows()[1].querySelector('time').dateTime).toBe(LISTING.items[1].time);
    expect(rows()[0].querySelector('th').getAttribute('scope')).toBe('row');
    expect(restoreButton(2).getAttribute('aria-label')).toBe('Restore revision 2');
    expect(restoreButton(3)).toBe(null);
    historyButton().click();
    expect(panel().hidden).toBe(true);
    expect(historyButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('says when the history cannot be read', async () => {
    const { history } = setUp(server({ [`GET ${HISTORY_URL}`]: () => jsonResponse(403, {}) }));
    await openPanel(history);
    expect(rows().map(cells)).toEqual([['The history cannot be loaded (403).']]);
  });

  it('says when there is no revision yet', async () => {
    const { history } = setUp(server({ [`GET ${HISTORY_URL}`]: () => jsonResponse(200, { items: [] }) }));
    await openPanel(history);
    expect(rows().map(cells)).toEqual([['No revision is saved yet.']]);
  });

  it('restores a revision with the current version and the CSRF token, then reloads', async () => {
    const fetch = server({
      [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING),
      [`POST ${HISTORY_URL}/2/restore`]: () => jsonResponse(200, { ...twoColumns(), version: '4' }),
    });
    const { history, reloads } = setUp(fetch);
    await openPanel(history);
    const result = await history.restore(2);
    expect(result.ok).toBe(true);
    const [, init] = fetch.mock.calls[1];
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body)).toEqual({ version: '3' });
    expect(init.headers['X-CSRF-TOKEN']).toBe('secret-token');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(reloads).toEqual([{ key: 'history.restored', params: { number: 2 } }]);
  });

  it('restores from the button', async () => {
    const fetch = server({
      [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING),
      [`POST ${HISTORY_URL}/1/restore`]: () => jsonResponse(200, { version: '4' }),
    });
    const { history, reloads } = setUp(fetch);
    await openPanel(history);
    restoreButton(1).click();
    await vi.waitFor(() => expect(reloads).toHaveLength(1));
  });

  it('shows the notice after the reload', () => {
    const storage = fakeStorage();
    storage.setItem(`collective.composite:notice:${SAVE_URL}`, JSON.stringify({ key: 'history.restored', params: { number: 2 } }));
    setUp(vi.fn(), { storage });
    expect(status()).toBe('Revision 2 is restored: it is the current arrangement now.');
    expect(storage.items.size).toBe(0);
  });

  it('gives the notice after the reload the focus, for screen readers to read it', () => {
    const storage = fakeStorage();
    storage.setItem(`collective.composite:notice:${SAVE_URL}`, JSON.stringify({ key: 'history.restored', params: { number: 2 } }));
    setUp(vi.fn(), { storage });
    expect(document.activeElement).toBe(document.querySelector('[data-composite-status]'));
    // Read on focus: not said a second time in the live region.
    expect(document.querySelector('[data-composite-live]').textContent).toBe('');
  });

  it('waits while there are unsaved changes, and says why', async () => {
    const fetch = server({ [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING) });
    const { editor, history } = setUp(fetch);
    await openPanel(history);
    const blocked = panel().querySelector('[data-composite-history-blocked]');
    expect(blocked.hidden).toBe(true);
    editor.state.move('a', 'main', 2);
    expect(restoreButton(2).disabled).toBe(true);
    expect(importField().disabled).toBe(true);
    expect(blocked.hidden).toBe(false);
    expect(blocked.textContent).toBe('Save or discard your changes first: restoring and importing replace the whole arrangement.');
    expect((await history.restore(2)).reason).toBe('waiting');
    expect(fetch).toHaveBeenCalledTimes(1);
    editor.state.undo();
    expect(restoreButton(2).disabled).toBe(false);
    expect(importField().disabled).toBe(false);
    expect(blocked.hidden).toBe(true);
  });

  it('waits while someone else holds the lock', async () => {
    const { editor, history } = setUp(server({ [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING) }));
    await openPanel(history);
    editor.setLockedOut(true);
    expect(restoreButton(2).disabled).toBe(true);
    expect(importField().disabled).toBe(true);
  });

  it('lists again after a save made a revision', async () => {
    let listing = LISTING;
    const fetch = server({
      [`GET ${HISTORY_URL}`]: () => jsonResponse(200, listing),
      [`PATCH ${SAVE_URL}`]: () => jsonResponse(200, { version: '4' }),
    });
    const { editor, history } = setUp(fetch);
    await openPanel(history);
    listing = { items: [revision(4, 'Me', 'Widgets moved: 1'), ...LISTING.items] };
    editor.state.move('a', 'main', 2);
    await editor.save();
    await history.loading;
    expect(rows().map((row) => cells(row)[0])).toEqual(['Revision 4', 'Revision 3', 'Revision 2', 'Revision 1']);
    expect(cells(rows()[0])[4]).toBe('Current');
  });

  it('shows the newer arrangement when someone saved meanwhile (409)', async () => {
    const newer = { ...twoColumns(), version: '5', slots: { main: [twoColumns().slots.main[1]], sidebar: [] } };
    const fetch = server({
      [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING),
      [`POST ${HISTORY_URL}/2/restore`]: () =>
        jsonResponse(409, { error: { type: 'StaleVersion', message: 'The arrangement was changed…', version: '5' } }),
      [`GET ${SAVE_URL}`]: () => jsonResponse(200, newer),
    });
    const { editor, history, reloads } = setUp(fetch);
    await openPanel(history);
    const result = await history.restore(2);
    expect(result.reason).toBe('conflict');
    expect(reloads).toEqual([]);
    expect(editor.state.version).toBe('5');
    expect(editor.state.dirty).toBe(false);
    expect(editor.state.hasPending).toBe(false);
    expect([...document.querySelectorAll('[data-composite-slot="main"] [data-widget-id]')].map((c) => c.dataset.widgetId)).toEqual(['b']);
    expect(status()).toBe(
      'Someone else saved this page meanwhile. Their version is shown and the history is up to date; try again if you still want to.',
    );
    // The list is read again for the new version.
    await vi.waitFor(() => expect(fetch.mock.calls.filter(([url, init]) => url === HISTORY_URL && init.method === 'GET')).toHaveLength(2));
  });

  it("shows the server's reason when a restore is refused", async () => {
    const fetch = server({
      [`GET ${HISTORY_URL}`]: () => jsonResponse(200, LISTING),
      [`POST ${HISTORY_URL}/2/restore`]: () =>
        jsonResponse(400, { error: { type: 'UnknownWidgetType', message: "There is no widget type 'gone'.", field: 'slots.main.0.type' } }),
    });
    const { history, reloads } = setUp(fetch);
    await openPanel(history);
    expect((await history.restore(2)).reason).toBe('refused');
    expect(reloads).toEqual([]);
    expect(status()).toBe("Restoring revision 2 failed: There is no widget type 'gone'.");
  });
});

describe('import', () => {
  const exported = { format: 'collective.composite.arrangement/1', layout: 'one-column', slots: { main: [] }, unplaced: [] };

  function choose(file) {
    Object.defineProperty(importField(), 'files', { value: [file], configurable: true });
    importField().dispatchEvent(new Event('change'));
  }

  it('posts the chosen file with the version and the CSRF token, then reloads', async () => {
    const fetch = server({ [`POST ${IMPORT_URL}`]: () => jsonResponse(200, { version: '4' }) });
    const { reloads } = setUp(fetch);
    choose(new File([JSON.stringify(exported)], 'front-page-arrangement.json', { type: 'application/json' }));
    await vi.waitFor(() => expect(reloads).toHaveLength(1));
    const [, init] = fetch.mock.calls[0];
    expect(JSON.parse(init.body)).toEqual({ version: '3', arrangement: exported });
    expect(init.headers['X-CSRF-TOKEN']).toBe('secret-token');
    expect(reloads[0]).toEqual({ key: 'import.done', params: { file: 'front-page-arrangement.json' } });
  });

  it('refuses a file that is not JSON without asking the server', async () => {
    const fetch = vi.fn();
    const { importer } = setUp(fetch);
    const result = await importer.importFile(new File(['<html>'], 'page.html'));
    expect(result.reason).toBe('not-json');
    expect(fetch).not.toHaveBeenCalled();
    expect(status()).toBe('page.html is not an exported arrangement: it is not valid JSON.');
  });

  it("shows the server's message when the import is refused", async () => {
    const fetch = server({
      [`POST ${IMPORT_URL}`]: () =>
        jsonResponse(400, { error: { type: 'UnknownLayout', message: "There is no layout 'gone'.", field: 'arrangement.layout' } }),
    });
    const { importer, reloads } = setUp(fetch);
    const result = await importer.importFile(new File([JSON.stringify({ ...exported, layout: 'gone' })], 'x.json'));
    expect(result.reason).toBe('refused');
    expect(reloads).toEqual([]);
    expect(status()).toBe("Importing x.json failed: There is no layout 'gone'.");
    expect(document.querySelector('[data-composite-status]').getAttribute('data-kind')).toBe('error');
  });

  it('says so when the server cannot be reached', async () => {
    const { importer } = setUp(vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await importer.importFile(new File([JSON.stringify(exported)], 'x.json'));
    expect(status()).toBe('Importing x.json failed: The server cannot be reached. Your changes are kept; try again.');
  });
});

describe('export', () => {
  function fileResponse(body, disposition) {
    return {
      ok: true,
      status: 200,
      headers: { get: (name) => (name === 'Content-Disposition' ? disposition : null) },
      blob: async () => new Blob([JSON.stringify(body)], { type: 'application/json' }),
    };
  }

  it('downloads the file the service gives, named as it says', async () => {
    const fetch = server({ [`GET ${EXPORT_URL}`]: () => fileResponse({ layout: 'two-columns' }, 'attachment; filename="page-arrangement.json"') });
    const { exporter } = setUp(fetch);
    const blobs = [];
    window.URL.createObjectURL = vi.fn((blob) => {
      blobs.push(blob);
      return 'blob:http://nohost/1';
    });
    window.URL.revokeObjectURL = vi.fn();
    const clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click() {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    document.querySelector('[data-composite-export]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(fetch.mock.calls[0][1].headers.Accept).toBe('application/json');
    expect(clicked[0]).toEqual({ href: 'blob:http://nohost/1', download: 'page-arrangement.json', connected: true });
    expect(JSON.parse(await blobs[0].text())).toEqual({ layout: 'two-columns' });
    expect(document.querySelectorAll('a[download]')).toHaveLength(1);
    expect(exporter.link.href).toBe(EXPORT_URL);
  });

  it("shows the server's reason when it refuses", async () => {
    const fetch = server({
      [`GET ${EXPORT_URL}`]: () => jsonResponse(401, { error: { type: 'Unauthorized', message: 'You need to log in to do this.' } }),
    });
    const { exporter } = setUp(fetch);
    expect((await exporter.download()).ok).toBe(false);
    expect(status()).toBe('Exporting failed: You need to log in to do this.');
  });
});
