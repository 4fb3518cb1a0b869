// @vitest-environment jsdom
// The DOM layer: saving and the conflict flow.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoColumns } from './fixtures.js';
import { button, card, cardIds, cleanUp, jsonResponse, key, live, setUp, slot, status } from './dom.js';

afterEach(cleanUp);

describe('saving', () => {
  it('PATCHes the arrangement with the version and the CSRF token', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { version: 'v2' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://nohost/plone/page/++api++/@composite');
    expect(init.method).toBe('PATCH');
    expect(init.headers).toMatchObject({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': 'secret-token',
    });
    const body = JSON.parse(init.body);
    expect(body.version).toBe('v1');
    expect(body.layout).toBe('two-columns');
    expect(body.slots.main.map((w) => w.id)).toEqual(['b', 'c']);
    expect(body.unplaced).toEqual([]);
    expect(editor.state.version).toBe('v2');
    expect(editor.state.dirty).toBe(false);
    expect(button('save').disabled).toBe(true);
    expect(button('undo').disabled).toBe(true);
    expect(status()).toBe('Saved.');
  });

  it('refuses a change while the save is under way, saying why, and saves the next change', async () => {
    let answer;
    const fetch = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const saving = editor.save();
    card('c').querySelector('[data-composite-action="remove"]').click();
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
    expect(status()).toBe('Please wait: the page is being saved. Nothing was changed; try again once it is saved.');
    expect(document.querySelector('[data-composite-status]').getAttribute('data-kind')).toBe('warning');
    answer(jsonResponse(200, { version: 'v2' }));
    expect((await saving).ok).toBe(true);
    expect(editor.state.dirty).toBe(false);
    card('c').querySelector('[data-composite-action="remove"]').click();
    expect(editor.state.toPatch()).toMatchObject({ version: 'v2', slots: { main: [{ id: 'b' }] } });
    expect(button('save').disabled).toBe(false);
  });

  it('sends only the changed settings, by id, when nothing else changed', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { '@id': 'x', version: 'v2' }));
    const { editor } = setUp({ fetch });
    editor.state.updateSettings('b', { image: 'uid-9' });
    const result = await editor.save();
    expect(result.ok).toBe(true);
    const [, init] = fetch.mock.calls[0];
    expect(JSON.parse(init.body)).toEqual({ version: 'v1', widgets: { b: { settings: { image: 'uid-9' } } } });
    expect(editor.state.version).toBe('v2');
  });

  it('sends the whole arrangement when a widget moved besides', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { version: 'v2' }));
    const { editor } = setUp({ fetch });
    editor.state.updateSettings('b', { image: 'uid-9' });
    editor.state.move('b', 'main', 0);
    await editor.save();
    const body = JSON.parse(fetch.mock.calls[0][1].body);
    expect(body.widgets).toBeUndefined();
    expect(body.slots.main.map((w) => w.id)).toEqual(['b', 'a', 'c']);
  });

  it('says a save refused as logged out (401) asks to log in again, and keeps the changes', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, { type: 'Unauthorized', message: 'nope' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'loggedOut' });
    expect(status()).toContain('You are logged out');
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
  });

  it('brings the message of a failed save into view when it is out of the window', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, {}));
    const { editor } = setUp({ fetch });
    const scrolled = [];
    editor.status.getBoundingClientRect = () => ({ top: -800, bottom: -760 });
    editor.status.scrollIntoView = (options) => scrolled.push(options);
    card('a').querySelector('[data-composite-action="remove"]').click();
    await editor.save();
    expect(scrolled).toEqual([{ block: 'nearest' }]);
  });

  it('leaves the window where it is when the message of a failed save is in view', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, {}));
    const { editor } = setUp({ fetch });
    const scrolled = [];
    editor.status.getBoundingClientRect = () => ({ top: 100, bottom: 140 });
    editor.status.scrollIntoView = (options) => scrolled.push(options);
    card('a').querySelector('[data-composite-action="remove"]').click();
    await editor.save();
    expect(scrolled).toEqual([]);
  });

  it('tells a save refused for want of the permission (403) from being logged out', async () => {
    const fetch = vi.fn(async () => jsonResponse(403, { type: 'Forbidden', message: 'nope' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    expect(await editor.save()).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(status()).toContain('You are not allowed to change this page');
  });

  it('asks for the minimal answer', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { version: 'v2' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    await editor.save();
    expect(fetch.mock.calls[0][1].headers.Prefer).toBe('return=minimal');
  });

  it('keeps the changes and names the error on a 400', async () => {
    const fetch = vi.fn(async () => jsonResponse(400, { type: 'BadRequest', message: 'settings.image: required' }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(status()).toBe('The server refused the arrangement: settings.image: required');
    expect(editor.state.dirty).toBe(true);
  });

  it('keeps the changes and gives the reason and what to do on a 413 (too large)', async () => {
    const message = 'The request body is larger than 1048576 bytes.';
    const fetch = vi.fn(async () => jsonResponse(413, { error: { type: 'PayloadTooLarge', message, limit: 1048576 } }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(status()).toBe(
      `The arrangement is too large to save: ${message} Your changes are kept; ` +
        'remove some widgets or shorten long texts, then save again.',
    );
    expect(editor.state.dirty).toBe(true);
  });

  it('keeps the changes and says to try again on a 503 (the save lost to other saves)', async () => {
    const fetch = vi.fn(async () => jsonResponse(503, { error: { type: 'ConflictError', message: 'busy' } }));
    const { editor } = setUp({ fetch });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result).toMatchObject({ ok: false, reason: 'busy' });
    expect(status()).toBe('The site was too busy to save your changes. They are kept; try again.');
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
  });

  it('on a 409 loads the newer arrangement, keeps the user one and re-applies it', async () => {
    const server = {
      layout: 'two-columns',
      version: 'v2',
      slots: {
        main: [{ id: 'a', type: 'text', settings: {}, title: 'Welcome' }],
        sidebar: [{ id: 'd', type: 'listing', settings: {}, title: 'Latest' }],
      },
      unplaced: [],
    };
    const fetch = vi.fn(async (url, init) => (init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, server)));
    const { editor, storage } = setUp({ fetch });
    key(card('c'), ' ');
    key(card('c'), 'ArrowUp');
    key(card('c'), ' ');
    const result = await editor.save();
    expect(result.reason).toBe('conflict');
    expect(fetch.mock.calls[1][1].method).toBe('GET');
    expect(status()).toContain('Someone else saved this page while you were editing.');
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(storage.size).toBe(1);

    document.querySelector('[data-composite-conflict="reapply"]').click();
    // They removed "b" and "c"; the user moved "c": that clashes, "b" stays removed.
    const panel = document.querySelector('[data-composite-clashes]');
    expect(panel.getAttribute('aria-labelledby')).toBe('composite-clashes-title');
    expect(document.activeElement.id).toBe('composite-clashes-title');
    expect(status()).toBe('Some of your changes clash with the newer version, on: News. Choose for each what to keep.');
    expect(live()).toBe(status());
    const group = panel.querySelector('fieldset');
    expect(group.querySelector('legend').textContent).toBe('News');
    expect(document.getElementById(group.getAttribute('aria-describedby')).textContent).toBe(
      'You changed it; they removed it.',
    );
    const labels = [...group.querySelectorAll('label')].map((label) => label.textContent.trim());
    expect(labels).toEqual(['Keep mine: bring News back with your changes', 'Keep theirs: leave News removed']);
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(button('save').disabled).toBe(true);
    expect(storage.size).toBe(1);

    panel.querySelector('.composite-clashes__apply').click();
    expect(status()).toBe('Choose what to keep for: News.');
    const asked = panel.querySelector('fieldset');
    expect(document.activeElement).toBe(asked.querySelector('input'));

    asked.querySelector('input[value="mine"]').click();
    expect(live()).toBe('News: Keep mine: bring News back with your changes');
    panel.querySelector('.composite-clashes__apply').click();
    expect(document.querySelector('[data-composite-clashes]')).toBeNull();
    expect(cardIds(slot('main'))).toEqual(['a', 'c']);
    expect(status()).toBe(
      'Your change was re-applied on top of the newer version. Check, then save. ' +
        'Of the clashing widgets, your version is kept for 1 and theirs for 0.',
    );
    expect(editor.state.version).toBe('v2');
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
    expect(storage.size).toBe(0);
    expect(JSON.parse(JSON.stringify(editor.state.toPatch())).version).toBe('v2');
  });

  it('keeps their version when the kept changes are discarded from the clash panel', async () => {
    const server = {
      layout: 'two-columns',
      version: 'v2',
      slots: { main: [{ id: 'a', type: 'text', settings: {}, title: 'Welcome' }], sidebar: [] },
      unplaced: [],
    };
    const fetch = vi.fn(async (url, init) => (init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, server)));
    const { editor, storage } = setUp({ fetch });
    key(card('b'), ' ');
    key(card('b'), 'ArrowUp');
    key(card('b'), ' ');
    await editor.save();
    document.querySelector('[data-composite-conflict="reapply"]').click();
    const panel = document.querySelector('[data-composite-clashes]');
    expect(panel.querySelector('legend').textContent).toBe('Photo');
    panel.querySelector('[data-composite-conflict="discard"]').click();
    expect(document.querySelector('[data-composite-clashes]')).toBeNull();
    expect(editor.state.hasPending).toBe(false);
    expect(status()).toBe('Your kept changes are discarded.');
    expect(cardIds(slot('main'))).toEqual(['a']);
    expect(storage.size).toBe(0);
  });

  it("says whose version the changes were re-applied on", async () => {
    const server = {
      layout: 'two-columns',
      version: '7',
      slots: { main: [], sidebar: [{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Latest' }] },
      unplaced: [],
    };
    const history = { items: [{ version: '7', user: { id: 'jane', fullname: 'Jane Doe' } }] };
    const fetch = vi.fn(async (url, init) => {
      if (init.method === 'PATCH') return jsonResponse(409, {});
      return jsonResponse(200, url.endsWith('@composite-history') ? history : server);
    });
    const { editor } = setUp({ fetch, historyUrl: 'http://nohost/plone/page/++api++/@composite-history' });
    document.querySelector('[data-composite-switch-layout="one-column"]').click();
    await editor.save();
    document.querySelector('[data-composite-conflict="reapply"]').click();
    expect(status()).toBe("Your change was re-applied on top of Jane Doe's version. Check, then save.");
    expect(editor.state.layoutName).toBe('one-column');
  });

  it('offers the kept changes again after a reload', () => {
    const base = twoColumns();
    const mine = twoColumns();
    mine.slots.main = [mine.slots.main[2], mine.slots.main[0], mine.slots.main[1]];
    const stash = JSON.stringify({ mine, base, moved: ['c'] });
    const { editor } = setUp({ stash });
    expect(status()).toContain('You have changes kept from before the page was reloaded.');
    document.querySelector('[data-composite-conflict="reapply"]').click();
    expect(editor.state.toPatch().slots.main.map((w) => w.id)).toEqual(['c', 'a', 'b']);
  });

  it('says there is nothing to save when nothing changed', async () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch });
    const result = await editor.save();
    expect(result.reason).toBe('unchanged');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('hooks for add-on modules', () => {
  it('keeps Save, Undo and Redo waiting while a call runs through whileBusy', async () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="remove"]').click();
    let finish;
    const running = editor.whileBusy(() => new Promise((resolve) => (finish = resolve)));
    expect(editor.busy).toBe(true);
    expect(editor.canReplace).toBe(false);
    expect(button('save').disabled).toBe(true);
    expect(button('undo').disabled).toBe(true);
    expect(await editor.save()).toBeNull();
    finish('done');
    expect(await running).toBe('done');
    expect(editor.busy).toBe(false);
    expect(button('save').disabled).toBe(false);
  });

  it('says whether someone else holds the lock only through setLockedOut', () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="remove"]').click();
    editor.setLockedOut(true);
    expect(editor.lockedOut).toBe(true);
    expect(button('save').disabled).toBe(true);
    expect(() => {
      editor.lockedOut = false;
    }).toThrow(TypeError);
    expect(() => {
      editor.busy = true;
    }).toThrow(TypeError);
    editor.setLockedOut(false);
    expect(button('save').disabled).toBe(false);
  });
});
