// @vitest-environment jsdom
// The DOM layer: a save refused as logged out (401) offers to log in again in
// the same tab; the unsaved changes are kept over it (sessionStorage, keyed by
// user and page) and re-applied on the stored version once back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoColumns } from './fixtures.js';
import { card, cardIds, cleanUp, jsonResponse, key, live, setUp, slot, status } from './dom.js';

afterEach(cleanUp);

const LOGIN_URL = 'http://nohost/plone/login?came_from=http%3A%2F%2Fnohost%2Fplone%2Fpage%2F%40%40composite-design';
const SAVE_URL = 'http://nohost/plone/page/++api++/@composite';
const keyOf = (user) => `collective.composite:pending:${SAVE_URL}:user:${user}`;

// Jane moves "c" up in Main, saves while logged out, follows "Log in again".
async function loggedOutWithChanges(storage) {
  const fetch = vi.fn(async () => jsonResponse(401, {}));
  const { editor } = setUp({ fetch, storage, user: 'jane', loginUrl: LOGIN_URL });
  key(card('c'), ' ');
  key(card('c'), 'ArrowUp');
  key(card('c'), ' ');
  expect(await editor.save()).toMatchObject({ ok: false, reason: 'loggedOut' });
  return editor;
}

// Follows the link as the user would; jsdom does not navigate.
function followLogin() {
  const link = document.querySelector('[data-composite-login]');
  document.addEventListener('click', (event) => event.preventDefault(), { once: true });
  link.click();
  return link;
}

function beforeUnloadPrevented(editor) {
  const event = new Event('beforeunload', { cancelable: true });
  editor.window.dispatchEvent(event);
  return event.defaultPrevented;
}

// The editor started again on the stored arrangement (``arrangement``) by ``user``.
function backAs(user, storage, arrangement = twoColumns()) {
  cleanUp();
  return setUp({ storage, user, arrangement, loginUrl: LOGIN_URL, fetch: vi.fn(async () => jsonResponse(200, {})) });
}

// Meanwhile someone removed "c" (which Jane moved) and added "e".
function someoneRemovedNews() {
  const stored = twoColumns();
  stored.version = 'v2';
  stored.slots.main = stored.slots.main.filter((widget) => widget.id !== 'c');
  stored.slots.sidebar.push({ id: 'e', type: 'text', settings: { text: '<p>E</p>' }, title: 'Extra' });
  return stored;
}

describe('logging in again after a save refused as logged out', () => {
  it('offers a link to the login form, back to design mode', async () => {
    await loggedOutWithChanges(new Map());
    expect(status()).toContain('You are logged out');
    const link = document.querySelector('[data-composite-status] a[data-composite-login]');
    expect(link.textContent).toBe('Log in again');
    expect(link.getAttribute('href')).toBe(LOGIN_URL);
  });

  it('keeps the changes under the user and the page, and leaving by the link asks nothing', async () => {
    const storage = new Map();
    const editor = await loggedOutWithChanges(storage);
    expect(storage.size).toBe(0);
    expect(beforeUnloadPrevented(editor)).toBe(true);
    followLogin();
    expect([...storage.keys()]).toEqual([keyOf('jane')]);
    const kept = JSON.parse(storage.get(keyOf('jane')));
    expect(kept.afterLogin).toBe(true);
    expect(kept.mine.slots.main.map((widget) => widget.id)).toEqual(['a', 'c', 'b']);
    expect(beforeUnloadPrevented(editor)).toBe(false);
  });

  it('leaving any other way still asks', async () => {
    const editor = await loggedOutWithChanges(new Map());
    expect(beforeUnloadPrevented(editor)).toBe(true);
  });

  it('re-applies the changes on the stored version once back, says so, and forgets them', async () => {
    const storage = new Map();
    await loggedOutWithChanges(storage);
    followLogin();
    const { editor } = backAs('jane', storage);
    await editor.restoredAfterLogin;
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(editor.state.dirty).toBe(true);
    expect(editor.state.hasPending).toBe(false);
    expect(status()).toBe(
      'You are logged in again, and your unsaved changes are back on top of the stored version. Check, then save.',
    );
    expect(live()).toBe(status());
    expect(storage.size).toBe(0);
    expect(editor.state.toPatch().version).toBe('v1');
  });

  it('keeps what someone else saved meanwhile and asks about a clash per widget', async () => {
    const storage = new Map();
    await loggedOutWithChanges(storage);
    followLogin();
    const { editor } = backAs('jane', storage, someoneRemovedNews());
    await editor.restoredAfterLogin;
    const panel = document.querySelector('[data-composite-clashes]');
    expect(panel.querySelector('legend').textContent).toBe('News');
    expect(status()).toContain('You are logged in again');
    expect(status()).toContain('Some of your changes clash with the newer version, on: News.');
    // Kept until she chooses, as after a conflict (not re-applied again by a reload).
    expect(JSON.parse(storage.get(keyOf('jane'))).afterLogin).toBeUndefined();
    panel.querySelector('input[value="mine"]').click();
    panel.querySelector('.composite-clashes__apply').click();
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(cardIds(slot('sidebar'))).toEqual(['d', 'e']);
    expect(editor.state.toPatch().version).toBe('v2');
    expect(storage.size).toBe(0);
  });

  it('does not give the changes to another user logging in in the same tab', async () => {
    const storage = new Map();
    await loggedOutWithChanges(storage);
    followLogin();
    const { editor } = backAs('ben', storage);
    await editor.restoredAfterLogin;
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(editor.state.dirty).toBe(false);
    expect(editor.state.hasPending).toBe(false);
    expect(status()).toBe('');
  });

  it('forgets the kept changes on Cancel', async () => {
    const storage = new Map();
    await loggedOutWithChanges(storage);
    followLogin();
    const { editor } = backAs('jane', storage, someoneRemovedNews());
    await editor.restoredAfterLogin;
    expect(storage.size).toBe(1);
    // Asked about the clash, she leaves design mode instead.
    const assign = vi.fn();
    const real = editor.window;
    editor.exitUrl = 'http://nohost/plone/page';
    editor.window = {
      confirm: () => true,
      location: { assign },
      removeEventListener: (...args) => real.removeEventListener(...args),
    };
    editor.cancel();
    expect(assign).toHaveBeenCalledWith('http://nohost/plone/page');
    expect(storage.size).toBe(0);
  });
});
