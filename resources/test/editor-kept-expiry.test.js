// @vitest-environment jsdom
// Kept changes (over logging in again, after a conflict) expire: each entry
// records when it was kept; after an hour they are
// no longer re-applied by themselves but offered with that time, old entries
// for other pages are discarded (saying so to their user), and an entry that
// cannot be read is dropped, saying so, without breaking design mode.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { twoColumns } from './fixtures.js';
import { card, cardIds, cleanUp, jsonResponse, key, setUp, slot, status } from './dom.js';

const LOGIN_URL = 'http://nohost/plone/login';
const SAVE_URL = 'http://nohost/plone/page/++api++/@composite';
const keyOf = (user, saveUrl = SAVE_URL) => `collective.composite:pending:${saveUrl}:user:${user}`;
const KEPT_AT = new Date('2026-03-02T09:15:00Z');
const minutes = (count) => count * 60 * 1000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(KEPT_AT);
  document.documentElement.lang = 'en';
});

afterEach(() => {
  cleanUp();
  vi.useRealTimers();
});

// Jane moves "c" up in Main, saves while logged out, follows "Log in again".
async function keptForLogin(storage) {
  const { editor } = setUp({ fetch: vi.fn(async () => jsonResponse(401, {})), storage, user: 'jane', loginUrl: LOGIN_URL });
  key(card('c'), ' ');
  key(card('c'), 'ArrowUp');
  key(card('c'), ' ');
  await editor.save();
  const link = document.querySelector('[data-composite-login]');
  document.addEventListener('click', (event) => event.preventDefault(), { once: true });
  link.click();
}

// Design mode of the page started again by Jane, ``after`` ms later.
function backAfter(after, storage, arrangement = twoColumns()) {
  cleanUp();
  vi.setSystemTime(new Date(KEPT_AT.getTime() + after));
  return setUp({ storage, user: 'jane', arrangement, loginUrl: LOGIN_URL, fetch: vi.fn(async () => jsonResponse(200, {})) });
}

const shown = (date) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
const message = () => document.querySelector('[data-composite-status] p').textContent;
const offered = () => [...document.querySelectorAll('[data-composite-conflict]')].map((b) => b.textContent);

describe('kept changes record when they were kept', () => {
  it('keeps the time with the changes', async () => {
    const storage = new Map();
    await keptForLogin(storage);
    expect(JSON.parse(storage.get(keyOf('jane'))).keptAt).toBe(KEPT_AT.toISOString());
  });
});

describe('kept changes older than an hour', () => {
  it('are still re-applied by themselves within the hour', async () => {
    const storage = new Map();
    await keptForLogin(storage);
    const { editor } = backAfter(minutes(59), storage);
    await editor.restoredAfterLogin;
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(status()).toContain('You are logged in again');
  });

  it('are not re-applied by themselves after an hour but offered, saying when they were kept', async () => {
    const storage = new Map();
    await keptForLogin(storage);
    const { editor } = backAfter(minutes(61), storage);
    expect(editor.restoredAfterLogin).toBeUndefined();
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(editor.state.dirty).toBe(false);
    expect(editor.state.hasPending).toBe(true);
    expect(message()).toBe(
      `You have unsaved changes kept in this tab on ${shown(KEPT_AT)}, more than an hour ago, so they were not ` +
        're-applied by themselves. Re-apply them on top of the stored version, or discard them.',
    );
    expect(offered()).toEqual(['Re-apply my changes', 'Discard my changes']);
    // Still kept, no longer to be re-applied by itself, with the time it was kept.
    const kept = JSON.parse(storage.get(keyOf('jane')));
    expect(kept.afterLogin).toBeUndefined();
    expect(kept.keptAt).toBe(KEPT_AT.toISOString());
  });

  it('are re-applied when the user chooses to', async () => {
    const storage = new Map();
    await keptForLogin(storage);
    const { editor } = backAfter(minutes(90), storage);
    document.querySelector('[data-composite-conflict="reapply"]').click();
    expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    expect(editor.state.dirty).toBe(true);
    expect(storage.size).toBe(0);
  });

  it('are forgotten when the user discards them', async () => {
    const storage = new Map();
    await keptForLogin(storage);
    const { editor } = backAfter(minutes(90), storage);
    document.querySelector('[data-composite-conflict="discard"]').click();
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(editor.state.hasPending).toBe(false);
    expect(storage.size).toBe(0);
  });
});

describe('kept changes of other pages', () => {
  const OTHER = 'http://nohost/plone/other/++api++/@composite';
  const THIRD = 'http://nohost/plone/third/++api++/@composite';
  const entry = (keptAt) =>
    JSON.stringify({ mine: twoColumns(), base: twoColumns(), moved: [], keptAt: new Date(keptAt).toISOString() });

  it('are discarded after an hour, telling the user whose they were', () => {
    const storage = new Map([
      [keyOf('jane', OTHER), entry(KEPT_AT.getTime() - minutes(61))],
      [keyOf('ben', THIRD), entry(KEPT_AT.getTime() - minutes(61))],
      [keyOf('jane', THIRD), entry(KEPT_AT.getTime() - minutes(5))],
    ]);
    backAfter(0, storage);
    expect([...storage.keys()]).toEqual([keyOf('jane', THIRD)]);
    expect(status()).toBe(
      'Unsaved changes you kept in this tab for other pages more than an hour ago were discarded: http://nohost/plone/other.',
    );
  });

  it('that cannot be read are discarded too', () => {
    const storage = new Map([[keyOf('ben', OTHER), '{not json']]);
    backAfter(0, storage);
    expect(storage.size).toBe(0);
    expect(status()).toBe('');
  });
});

describe('a kept entry that cannot be read', () => {
  const SHAPES = {
    'not JSON': '{"mine": ',
    'not an object': '[1, 2]',
    'without the arrangement it was based on': JSON.stringify({ mine: twoColumns() }),
    'with a slot that is not a list': JSON.stringify({ mine: { ...twoColumns(), slots: { main: 'a' } }, base: twoColumns() }),
    'with a widget without a type': JSON.stringify({ mine: { ...twoColumns(), slots: { main: [{ id: 'a' }] } }, base: twoColumns() }),
  };
  for (const [name, raw] of Object.entries(SHAPES)) {
    it(`is dropped, saying so, and design mode works (${name})`, () => {
      const storage = new Map([[keyOf('jane'), raw]]);
      const { editor } = backAfter(0, storage);
      expect(storage.size).toBe(0);
      expect(editor.state.hasPending).toBe(false);
      expect(status()).toBe('Changes kept in this tab for this page could not be read, so they were discarded.');
      key(card('c'), ' ');
      key(card('c'), 'ArrowUp');
      key(card('c'), ' ');
      expect(cardIds(slot('main'))).toEqual(['a', 'c', 'b']);
    });
  }
});

describe('a kept entry without a time (kept by an earlier editor)', () => {
  const legacy = JSON.stringify({ mine: twoColumns(), base: twoColumns(), moved: [] });

  it('counts as just kept on its page', () => {
    backAfter(0, new Map([[keyOf('jane'), legacy]]));
    expect(status()).toContain('You have changes kept from before the page was reloaded.');
  });

  it('counts as old on another page', () => {
    const storage = new Map([[keyOf('jane', 'http://nohost/plone/other/++api++/@composite'), legacy]]);
    backAfter(0, storage);
    expect(storage.size).toBe(0);
    expect(status()).toContain('http://nohost/plone/other.');
  });
});
