// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { attachLock, CHECK_MS, REFRESH_MS } from '../src/lock.js';
import { counterIds } from './fixtures.js';
import { editorMarkup } from './markup.js';

const LOCK_URL = 'http://nohost/plone/page/++api++/@composite-lock';
const JANE = { id: 'jane', fullname: 'Jane Doe' };
const TIME = '2025-05-02T09:41:07+00:00';

function jsonResponse(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: String(status), json: async () => body };
}

const mine = () => jsonResponse(200, { supported: true, locked: true, mine: true, stealable: true, creator: { id: 'me', fullname: 'Me' }, time: TIME });
// ``more``: members of the lock beyond those every server sends.
const heldBy = (creator = JANE, stealable = true, time = TIME, more = {}) =>
  jsonResponse(409, {
    error: {
      type: 'Locked',
      message: 'Jane Doe is designing this page since …',
      lock: { supported: true, locked: true, mine: false, stealable, creator, time, ...more },
    },
  });

// Jane's lock on a site whose lock does not refuse other users' saves, and
// on one whose lock says it does.
const sharedBy = () => heldBy(JANE, true, TIME, { refuses_saves: false });
const heldRefusing = () => heldBy(JANE, true, TIME, { refuses_saves: true });

const free = () => jsonResponse(200, { supported: true, locked: false, mine: false, stealable: true, creator: null, time: null });
// What GET @composite-lock answers while a POST would get ``answer``.
async function asRead(answer) {
  const response = answer();
  const data = await response.json();
  return response.ok ? response : jsonResponse(200, data.error.lock);
}

// Answers POSTs to the lock in turn and GETs with the lock as the last POST
// left it (or ``reads``, in turn, when given); every other request fails the test.
function lockServer(...answers) {
  let last = answers[0];
  const fetch = vi.fn(async (url, init) => {
    expect(url).toBe(LOCK_URL);
    if (init.method === 'DELETE') return jsonResponse(200, { locked: false });
    if (init.method === 'GET') return asRead(fetch.reads.length ? fetch.reads.shift() : last);
    last = answers.length > 1 ? answers.shift() : answers[0];
    return last();
  });
  fetch.reads = [];
  return fetch;
}

const methods = (fetch) => fetch.mock.calls.map(([, init]) => init.method);
const posts = (fetch) => methods(fetch).filter((method) => method === 'POST');

// The markup contract's banner as the design view renders it; ``server``
// is what it renders when someone else held the lock then.
function banner(server) {
  if (server && server.shared) {
    return `<div class="composite-lock" data-composite-lock data-composite-lock-holder="${server.holder}" data-composite-lock-shared>
      <p data-composite-lock-message>${server.text}</p>
      <button type="button" data-composite-lock-takeover hidden>Take over</button></div>`;
  }
  if (!server) {
    return `<div class="composite-lock" data-composite-lock hidden>
      <p data-composite-lock-message></p>
      <button type="button" data-composite-lock-takeover hidden>Take over</button></div>`;
  }
  return `<div class="composite-lock" data-composite-lock data-composite-lock-holder="${server.holder}">
      <p data-composite-lock-message>${server.text}</p>
      <button type="button" data-composite-lock-takeover>Take over</button></div>`;
}

async function setUp(fetch, { server, markup = true } = {}) {
  document.documentElement.lang = 'en';
  document.body.innerHTML = editorMarkup();
  const root = document.querySelector('[data-composite-editor]');
  root.setAttribute('data-composite-lock-url', LOCK_URL);
  if (markup) root.querySelector('[data-composite-status]').insertAdjacentHTML('beforebegin', banner(server));
  const editor = new Editor(root, { fetch, storage: null, newId: counterIds() });
  const lock = attachLock(editor);
  await lock.ready;
  return { root, editor, lock };
}

const saveButton = () => document.querySelector('[role=toolbar] [data-composite-action="save"]');
const lockBanner = () => document.querySelector('[data-composite-lock]');
const takeOver = () => document.querySelector('[data-composite-lock-takeover]');
const live = () => document.querySelector('[data-composite-live]').textContent.trim();

function change(editor) {
  editor.state.move('a', 'main', 2);
}

afterEach(() => {
  vi.useRealTimers();
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('design lock', () => {
  it('is not taken without a lock URL', () => {
    document.body.innerHTML = editorMarkup();
    const editor = new Editor(document.querySelector('[data-composite-editor]'), { fetch: vi.fn(), storage: null });
    expect(attachLock(editor)).toBe(null);
    expect(editor.lockedOut).toBe(false);
  });

  it('is taken on opening, with the CSRF token, and then Save works', async () => {
    const fetch = lockServer(mine);
    const { editor, lock } = await setUp(fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [, init] = fetch.mock.calls[0];
    expect(init.method).toBe('POST');
    expect(init.headers['X-CSRF-TOKEN']).toBe('secret-token');
    expect(init.body).toBe(undefined);
    expect(lock.mine).toBe(true);
    expect(lockBanner().hidden).toBe(true);
    change(editor);
    expect(saveButton().disabled).toBe(false);
  });

  it('keeps Save waiting until the lock answers', async () => {
    let answer;
    const fetch = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    document.body.innerHTML = editorMarkup();
    const root = document.querySelector('[data-composite-editor]');
    root.setAttribute('data-composite-lock-url', LOCK_URL);
    const editor = new Editor(root, { fetch, storage: null });
    const lock = attachLock(editor);
    change(editor);
    expect(saveButton().disabled).toBe(true);
    answer(mine());
    await lock.ready;
    expect(saveButton().disabled).toBe(false);
  });

  it('shows who holds the lock and since when, and keeps Save disabled', async () => {
    const { editor } = await setUp(lockServer(heldBy));
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(TIME));
    expect(lockBanner().hidden).toBe(false);
    expect(lockBanner().textContent).toContain(
      `Jane Doe has been designing this page since ${when}. You can try things out, but saving waits until they leave or you take over.`,
    );
    expect(takeOver().hidden).toBe(false);
    expect(live()).toContain('Jane Doe has been designing this page');
    change(editor);
    expect(editor.state.dirty).toBe(true);
    expect(saveButton().disabled).toBe(true);
    const result = await editor.save();
    expect(result.reason).toBe('locked');
  });

  it('offers no take-over to those who may not', async () => {
    await setUp(lockServer(() => heldBy(JANE, false)));
    expect(lockBanner().textContent).toContain('saving waits until they leave.');
    expect(takeOver().hidden).toBe(true);
  });

  it('takes over with {"takeover": true}, then Save works', async () => {
    const fetch = lockServer(heldBy, mine);
    const { editor, lock } = await setUp(fetch);
    change(editor);
    takeOver().click();
    await vi.waitFor(() => expect(lock.mine).toBe(true));
    const [, init] = fetch.mock.calls[1];
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body)).toEqual({ takeover: true });
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.headers['X-CSRF-TOKEN']).toBe('secret-token');
    expect(lockBanner().hidden).toBe(true);
    expect(saveButton().disabled).toBe(false);
    expect(live()).toBe('You are designing this page now: saving is possible.');
  });

  it('says so when taking over fails', async () => {
    const { lock } = await setUp(lockServer(heldBy, () => jsonResponse(500, {})));
    takeOver().click();
    await vi.waitFor(() => expect(document.querySelector('[data-composite-status]').textContent).toBe('Taking over failed (500).'));
    expect(lock.mine).toBe(false);
    expect(lockBanner().hidden).toBe(false);
  });

  it('refreshes the lock every five minutes', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(mine);
    await setUp(fetch);
    expect(REFRESH_MS).toBe(5 * 60 * 1000);
    vi.advanceTimersByTime(REFRESH_MS - 1000);
    expect(posts(fetch)).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(posts(fetch)).toHaveLength(2);
    vi.advanceTimersByTime(REFRESH_MS);
    expect(posts(fetch)).toHaveLength(3);
  });

  it('asks who holds the lock every ten seconds, with a GET that writes nothing', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(mine);
    await setUp(fetch);
    expect(CHECK_MS).toBe(10 * 1000);
    vi.advanceTimersByTime(CHECK_MS - 1);
    expect(methods(fetch)).toEqual(['POST']);
    vi.advanceTimersByTime(1);
    expect(methods(fetch)).toEqual(['POST', 'GET']);
    const [, init] = fetch.mock.calls[1];
    expect(init.body).toBe(undefined);
  });

  it('shows at its next check that someone took the lock over, without a save', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(mine);
    const { editor, lock } = await setUp(fetch);
    change(editor);
    expect(saveButton().disabled).toBe(false);
    fetch.reads.push(heldBy);
    vi.advanceTimersByTime(CHECK_MS);
    await vi.waitFor(() => expect(lockBanner().hidden).toBe(false));
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(TIME));
    const lost = `Jane Doe took over this page at ${when}: it is no longer yours to save. Your changes stay here; take over again to save them.`;
    expect(lockBanner().textContent).toContain(lost);
    expect(live()).toBe(lost);
    expect(lock.mine).toBe(false);
    expect(saveButton().disabled).toBe(true);
    expect(takeOver().hidden).toBe(false);
    expect(editor.state.dirty).toBe(true);
  });

  it('asks at once when design mode is shown again', async () => {
    const fetch = lockServer(mine);
    await setUp(fetch);
    fetch.reads.push(heldBy);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(lockBanner().hidden).toBe(false));
    expect(methods(fetch)).toEqual(['POST', 'GET']);
  });

  it('does not ask while design mode is hidden', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(mine);
    await setUp(fetch);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      vi.advanceTimersByTime(CHECK_MS * 3);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(methods(fetch)).toEqual(['POST']);
    } finally {
      delete document.visibilityState;
    }
  });

  it('takes the lock as soon as a check finds it free', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(heldBy, mine);
    const { editor, lock } = await setUp(fetch);
    change(editor);
    fetch.reads.push(free);
    vi.advanceTimersByTime(CHECK_MS);
    await vi.waitFor(() => expect(lock.mine).toBe(true));
    expect(methods(fetch)).toEqual(['POST', 'GET', 'POST']);
    expect(lockBanner().hidden).toBe(true);
    expect(saveButton().disabled).toBe(false);
  });

  it('ignores a check that a take-over overtook', async () => {
    const fetch = lockServer(heldBy, mine);
    const { lock } = await setUp(fetch);
    let answer;
    const answered = new Promise((resolve) => (answer = resolve));
    fetch.reads.push(() => ({ ...heldBy(), json: () => answered.then(() => heldBy().json()) }));
    const checking = lock.check();
    takeOver().click();
    await vi.waitFor(() => expect(lock.mine).toBe(true));
    answer();
    await checking;
    expect(lock.mine).toBe(true);
    expect(lockBanner().hidden).toBe(true);
  });

  it('does not announce the same holder again when they refresh the lock', async () => {
    vi.useFakeTimers();
    const fetch = lockServer(heldBy);
    await setUp(fetch);
    document.querySelector('[data-composite-live]').textContent = '';
    fetch.reads.push(() => heldBy(JANE, true, '2025-05-02T09:46:07+00:00'));
    vi.advanceTimersByTime(CHECK_MS);
    await vi.waitFor(() => expect(lockBanner().getAttribute('data-composite-lock-holder')).toBe('jane@2025-05-02T09:46:07+00:00'));
    expect(live()).toBe('');
  });

  it('shows who holds the lock when the server refuses a save with 409 Locked', async () => {
    const patched = [];
    const server = lockServer(mine);
    const fetch = vi.fn(async (url, init) => {
      if (init.method !== 'PATCH') return server(url, init);
      patched.push(JSON.parse(init.body));
      return heldBy();
    });
    const { editor, lock } = await setUp(fetch);
    change(editor);
    const result = await editor.save();
    expect(patched).toHaveLength(1);
    expect(result.reason).toBe('locked');
    expect(lock.mine).toBe(false);
    expect(lockBanner().textContent).toContain('Jane Doe took over this page at');
    expect(saveButton().disabled).toBe(true);
    expect(document.querySelector('[data-composite-status]').textContent).toBe(
      'Someone else is designing this page: take over before saving.',
    );
    // Not a conflict: the arrangement is not read again, the changes stay.
    expect(fetch.mock.calls.filter(([, init]) => init.method === 'GET')).toHaveLength(0);
    expect(editor.state.dirty).toBe(true);
  });

  it('shows the banner when someone took the lock over meanwhile', async () => {
    vi.useFakeTimers();
    const { editor, lock } = await setUp(lockServer(mine, heldBy));
    change(editor);
    expect(saveButton().disabled).toBe(false);
    vi.advanceTimersByTime(REFRESH_MS);
    await vi.waitFor(() => expect(lockBanner().hidden).toBe(false));
    expect(lock.mine).toBe(false);
    expect(saveButton().disabled).toBe(true);
  });

  it('takes the lock by itself once its holder has left', async () => {
    vi.useFakeTimers();
    const { editor } = await setUp(lockServer(heldBy, mine));
    change(editor);
    vi.advanceTimersByTime(REFRESH_MS);
    await vi.waitFor(() => expect(lockBanner().hidden).toBe(true));
    expect(saveButton().disabled).toBe(false);
  });

  it('keeps the banner the server rendered while the same editor holds the lock', async () => {
    const server = { holder: `jane@${TIME}`, text: 'Jane Doe has been designing this page since 2 May 2025.' };
    await setUp(lockServer(heldBy), { server });
    expect(lockBanner().textContent).toContain('since 2 May 2025.');
    expect(live()).toBe('');
  });

  it('builds the banner when the page has none', async () => {
    await setUp(lockServer(heldBy), { markup: false });
    const status = document.querySelector('[data-composite-status]');
    expect(status.previousElementSibling).toBe(lockBanner());
    expect(lockBanner().textContent).toContain('Jane Doe has been designing');
    expect(takeOver().textContent).toBe('Take over');
  });

  it('does not keep anyone from saving when the lock cannot be read', async () => {
    const { editor } = await setUp(vi.fn(async () => Promise.reject(new TypeError('offline'))));
    change(editor);
    expect(editor.lockedOut).toBe(false);
    expect(saveButton().disabled).toBe(false);
  });

  describe('that does not refuse saves (advisory)', () => {
    const when = () => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(TIME));

    it('says who else is designing, offers no take-over, and lets Save work', async () => {
      const { editor, lock } = await setUp(lockServer(sharedBy));
      const text = `Jane Doe has also been designing this page since ${when()}. You can both save: saves by either of you are merged.`;
      expect(lockBanner().hidden).toBe(false);
      expect(lockBanner().textContent).toContain(text);
      expect(lockBanner().hasAttribute('data-composite-lock-shared')).toBe(true);
      expect(takeOver().hidden).toBe(true);
      expect(live()).toBe(text);
      expect(lock.mine).toBe(false);
      expect(editor.lockedOut).toBe(false);
      change(editor);
      expect(saveButton().disabled).toBe(false);
    });

    it('saves with a PATCH while the other holds the lock', async () => {
      const server = lockServer(sharedBy);
      const patched = [];
      const fetch = vi.fn(async (url, init) => {
        if (init.method !== 'PATCH') return server(url, init);
        patched.push(JSON.parse(init.body));
        return jsonResponse(200, { version: 'v2' });
      });
      const { editor } = await setUp(fetch);
      change(editor);
      const result = await editor.save();
      expect(result.ok).toBe(true);
      expect(patched).toHaveLength(1);
      expect(lockBanner().hidden).toBe(false);
    });

    it('meets the other designer\'s newer version as a conflict to merge', async () => {
      const server = lockServer(sharedBy);
      const newer = { layout: 'two-columns', version: 'v9', slots: { main: [], sidebar: [] }, unplaced: [] };
      const fetch = vi.fn(async (url, init) => {
        if (init.method === 'PATCH') return jsonResponse(409, { error: { type: 'StaleVersion', message: 'stale' } });
        if (url.endsWith('/@composite')) return jsonResponse(200, newer);
        return server(url, init);
      });
      const { editor } = await setUp(fetch);
      change(editor);
      const result = await editor.save();
      expect(result.reason).toBe('conflict');
      expect(editor.state.version).toBe('v9');
      expect(document.querySelector('[data-composite-conflict="reapply"]')).not.toBe(null);
    });

    it('keeps the advisory banner the server rendered, and Save works', async () => {
      const server = { holder: `jane@${TIME}`, shared: true, text: 'Jane Doe has also been designing this page since 2 May 2025.' };
      const { editor } = await setUp(lockServer(sharedBy), { server });
      expect(lockBanner().textContent).toContain('since 2 May 2025.');
      expect(live()).toBe('');
      change(editor);
      expect(saveButton().disabled).toBe(false);
    });

    it('refuses again once the site\'s lock refuses saves', async () => {
      vi.useFakeTimers();
      const fetch = lockServer(sharedBy);
      const { editor } = await setUp(fetch);
      change(editor);
      fetch.reads.push(heldRefusing);
      vi.advanceTimersByTime(CHECK_MS);
      await vi.waitFor(() => expect(saveButton().disabled).toBe(true));
      expect(lockBanner().textContent).toContain('saving waits until they leave or you take over');
      expect(lockBanner().hasAttribute('data-composite-lock-shared')).toBe(false);
      expect(takeOver().hidden).toBe(false);
      expect(live()).toContain('saving waits until they leave or you take over');
    });

    it('says so when the lock it held is now someone else\'s, and Save still works', async () => {
      vi.useFakeTimers();
      const fetch = lockServer(mine);
      const { editor, lock } = await setUp(fetch);
      change(editor);
      fetch.reads.push(sharedBy);
      vi.advanceTimersByTime(CHECK_MS);
      await vi.waitFor(() => expect(lockBanner().hidden).toBe(false));
      expect(lock.mine).toBe(false);
      expect(lockBanner().textContent).toContain('Jane Doe has also been designing this page since');
      expect(saveButton().disabled).toBe(false);
    });

    it('hides the banner without "saving is possible" once it takes the free lock', async () => {
      vi.useFakeTimers();
      const fetch = lockServer(sharedBy, mine);
      const { lock } = await setUp(fetch);
      document.querySelector('[data-composite-live]').textContent = '';
      fetch.reads.push(free);
      vi.advanceTimersByTime(CHECK_MS);
      await vi.waitFor(() => expect(lock.mine).toBe(true));
      expect(lockBanner().hidden).toBe(true);
      expect(lockBanner().hasAttribute('data-composite-lock-shared')).toBe(false);
      expect(live()).toBe('');
    });

    it('does not keep anyone from saving when the lock cannot be read', async () => {
      const server = { holder: `jane@${TIME}`, shared: true, text: 'Jane Doe has also been designing this page.' };
      const { editor } = await setUp(vi.fn(async () => Promise.reject(new TypeError('offline'))), { server });
      change(editor);
      expect(editor.lockedOut).toBe(false);
      expect(saveButton().disabled).toBe(false);
    });
  });

  it('takes a lock that does not say whether it refuses saves as refusing them', async () => {
    const { editor } = await setUp(lockServer(heldBy));
    change(editor);
    expect(editor.lockedOut).toBe(true);
    expect(saveButton().disabled).toBe(true);
  });

  it('is released on pagehide with a keepalive DELETE', async () => {
    const fetch = lockServer(mine);
    const { lock } = await setUp(fetch);
    window.dispatchEvent(new Event('pagehide'));
    expect(fetch).toHaveBeenCalledTimes(2);
    const [url, init] = fetch.mock.calls[1];
    expect(url).toBe(LOCK_URL);
    expect(init.method).toBe('DELETE');
    expect(init.keepalive).toBe(true);
    expect(init.headers['X-CSRF-TOKEN']).toBe('secret-token');
    expect(lock.mine).toBe(false);
    // Once only.
    window.dispatchEvent(new Event('pagehide'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("leaves someone else's lock alone on pagehide", async () => {
    const fetch = lockServer(heldBy);
    await setUp(fetch);
    window.dispatchEvent(new Event('pagehide'));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the lock over a reload by the editor itself', async () => {
    const fetch = lockServer(mine);
    const { editor } = await setUp(fetch);
    editor.reloading = true;
    window.dispatchEvent(new Event('pagehide'));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('takes the lock again when the page comes back from the back-forward cache', async () => {
    const fetch = lockServer(mine);
    await setUp(fetch);
    window.dispatchEvent(new Event('pagehide'));
    const shown = new Event('pageshow');
    shown.persisted = true;
    window.dispatchEvent(shown);
    expect(methods(fetch)).toEqual(['POST', 'DELETE', 'POST']);
  });
});

// Another tab of the same browser designing the page, as the lock's channel
// sees it: what it heard, and what it says.
function otherTab() {
  const channel = new BroadcastChannel(`collective.composite:lock:${LOCK_URL}`);
  const heard = [];
  channel.onmessage = (event) => heard.push(event.data.kind);
  return { heard, say: (kind) => channel.postMessage({ kind, tab: 'other' }), close: () => channel.close() };
}

describe('design lock with other tabs of the same browser', () => {
  it('is left to another tab designing the page on pagehide, not released', async () => {
    const fetch = lockServer(mine);
    await setUp(fetch);
    const other = otherTab();
    other.say('hello');
    await vi.waitFor(() => expect(other.heard).toEqual(['here']));
    window.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(other.heard).toEqual(['here', 'bye']));
    expect(methods(fetch)).toEqual(['POST']);
    other.close();
  });

  it('is released on pagehide once the other tab went', async () => {
    const fetch = lockServer(mine);
    await setUp(fetch);
    const other = otherTab();
    other.say('hello');
    await vi.waitFor(() => expect(other.heard).toEqual(['here']));
    other.say('bye');
    await vi.waitFor(() => expect(methods(fetch)).toEqual(['POST', 'GET']));
    window.dispatchEvent(new Event('pagehide'));
    expect(methods(fetch)).toEqual(['POST', 'GET', 'DELETE']);
    other.close();
  });

  it('is taken back at once when a tab that went released it', async () => {
    const fetch = lockServer(mine);
    await setUp(fetch);
    const other = otherTab();
    fetch.reads.push(free);
    other.say('bye');
    await vi.waitFor(() => expect(methods(fetch)).toEqual(['POST', 'GET', 'POST']));
    other.close();
  });
});
