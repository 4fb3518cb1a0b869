// @vitest-environment jsdom
// The DOM layer: cards rendered by the server (@composite-cards).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoColumns } from './fixtures.js';
import { button, card, cardIds, cleanUp, jsonResponse, key, live, setUp, slot, status } from './dom.js';

afterEach(cleanUp);

describe('cards from the server', () => {
  const CARDS_URL = 'http://nohost/plone/page/++api++/@composite-cards';
  const evening = { id: 'e', type: 'text', settings: { text: '<p>Evening news</p>' } };

  // Someone else changed the text of "a" and added "e", then saved.
  function theirs() {
    return {
      layout: 'two-columns',
      version: 'v2',
      slots: {
        main: [{ id: 'a', type: 'text', settings: { text: '<p>Good evening</p>' } }, evening],
        sidebar: [{ id: 'd', type: 'listing', settings: { query: [] } }],
      },
      unplaced: [],
    };
  }

  function excerpt(text) {
    return `<div class="composite-card composite-card--text"><p class="composite-card__excerpt">${text}</p></div>`;
  }

  const rendered = {
    a: { id: 'a', title: 'Good evening', html: excerpt('Good evening') },
    e: { id: 'e', title: 'Evening news', html: excerpt('Evening news') },
    x: { id: 'x', title: 'Kept text', html: excerpt('Kept text') },
  };

  // PATCH answers 409, GET the other editor's arrangement, the cards URL the
  // cards asked for.
  function server({ arrangement = theirs(), cards } = {}) {
    return vi.fn(async (url, init) => {
      if (url === CARDS_URL) {
        if (cards) return cards(init);
        const { ids } = JSON.parse(init.body);
        return jsonResponse(200, { cards: ids.map((id) => rendered[id]) });
      }
      return init.method === 'PATCH' ? jsonResponse(409, {}) : jsonResponse(200, arrangement);
    });
  }

  // Cards that come when the test says so: ``answer.resolve(response)``.
  function cardsLater() {
    const answer = {};
    const fetch = server({
      cards: () =>
        new Promise((resolve) => {
          answer.resolve = resolve;
        }),
    });
    return { fetch, answer };
  }

  const cardRequests = (fetch) => fetch.mock.calls.filter(([url]) => url === CARDS_URL);

  async function conflict(fetch) {
    const context = setUp({ fetch, cardsUrl: CARDS_URL });
    key(card('c'), ' ');
    key(card('c'), 'ArrowUp');
    key(card('c'), ' ');
    const result = await context.editor.save();
    expect(result.reason).toBe('conflict');
    await context.editor.cardsLoaded;
    return context;
  }

  it('after a conflict asks once for the cards of widgets the page does not show as they are', async () => {
    const fetch = server();
    await conflict(fetch);
    const requests = cardRequests(fetch);
    expect(requests).toHaveLength(1);
    const [, init] = requests[0];
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': 'secret-token',
    });
    const { arrangement, ids } = JSON.parse(init.body);
    expect(ids).toEqual(['a', 'e']);
    expect(arrangement.version).toBe('v2');
    expect(arrangement.slots.main.map((w) => w.id)).toEqual(['a', 'e']);
  });

  it('shows the server rendering of a widget another editor added, named by its title', async () => {
    await conflict(server());
    const added = card('e');
    expect(added.querySelector('.composite-card__body .composite-card__excerpt').textContent).toBe('Evening news');
    expect(added.querySelector('.composite-card__title').textContent).toBe('Evening news');
    expect(added.getAttribute('aria-label')).toBe('Text: Evening news');
    expect(added.querySelector('[data-composite-action="remove"]').getAttribute('aria-label')).toBe('Remove Evening news');
    expect(added.getAttribute('tabindex')).toBe('0');
    expect(added.getAttribute('aria-describedby')).toBe('composite-instructions');
    expect(cardIds(slot('main'))).toEqual(['a', 'e']);
  });

  it('describes a card whose widget cannot be shown by what went wrong, then the instructions', async () => {
    const broken = '<div class="composite-card composite-card--error"><strong>This widget could not be shown.</strong></div>';
    const cards = (init) => {
      const shown = { ...rendered, e: { id: 'e', title: 'Evening news', html: broken } };
      return jsonResponse(200, { cards: JSON.parse(init.body).ids.map((id) => shown[id]) });
    };
    await conflict(server({ cards }));
    const added = card('e');
    expect(added.getAttribute('aria-describedby')).toBe('composite-problem-e composite-instructions');
    expect(document.getElementById('composite-problem-e').textContent).toBe('This widget could not be shown.');
    expect(card('a').getAttribute('aria-describedby')).toBe('composite-instructions');
  });

  it('shows the new rendering of a widget another editor changed', async () => {
    await conflict(server());
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Good evening');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Good evening');
  });

  it('keeps the focus, the conflict message and the arrangement as they were', async () => {
    const { editor } = setUp({ fetch: server(), cardsUrl: CARDS_URL });
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    key(card('a'), ' ');
    card('a').focus();
    await editor.save();
    await editor.cardsLoaded;
    expect(document.activeElement).toBe(card('a'));
    expect(live()).toBe(
      'Someone else saved this page while you were editing. Their version is shown; your changes are kept and can be re-applied.',
    );
    expect(status()).toContain('Someone else saved this page while you were editing.');
    expect(editor.state.dirty).toBe(false);
    expect(editor.state.canUndo).toBe(false);
    key(card('e'), ' ');
    expect(live()).toBe('Picked up Evening news, position 2 of 2 in Main. Arrow keys move it, Space drops it, Escape cancels.');
  });

  it('asks for no card when every card shows its widget as it is', async () => {
    const arrangement = { ...twoColumnsAsRendered(), version: 'v2' };
    const fetch = server({ arrangement });
    await conflict(fetch);
    expect(cardRequests(fetch)).toHaveLength(0);
  });

  it('after re-applying kept changes from before a reload fills the cards of kept widgets', async () => {
    const kept = { id: 'x', type: 'text', settings: { text: '<p>Kept text</p>' } };
    const stash = JSON.stringify({
      mine: { layout: 'two-columns', slots: { main: [kept], sidebar: [] }, unplaced: [] },
      base: { layout: 'two-columns', slots: { main: [], sidebar: [] }, unplaced: [] },
    });
    const fetch = server();
    const { editor } = setUp({ stash, fetch, cardsUrl: CARDS_URL });
    expect(cardRequests(fetch)).toHaveLength(0);
    document.querySelector('[data-composite-conflict="reapply"]').click();
    await editor.cardsLoaded;
    expect(JSON.parse(cardRequests(fetch)[0][1].body).ids).toEqual(['x']);
    expect(card('x').querySelector('.composite-card__excerpt').textContent).toBe('Kept text');
    expect(card('x').getAttribute('aria-label')).toBe('Text: Kept text');
  });

  it('does not keep the save waiting for the cards', async () => {
    const fetch = server({ cards: () => new Promise(() => {}) });
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    card('a').querySelector('[data-composite-action="remove"]').click();
    const result = await editor.save();
    expect(result.reason).toBe('conflict');
    expect(editor.busy).toBe(false);
    expect(cardRequests(fetch)).toHaveLength(1);
    expect(card('e').querySelector('.composite-card__title').textContent).toBe('Text');
  });

  it('leaves the plain card when the server cannot render it, and asks again next time', async () => {
    const fetch = server({ cards: async () => jsonResponse(400, { error: { message: 'nope' } }) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { editor } = await conflict(fetch);
    expect(card('e').querySelector('.composite-card__title').textContent).toBe('Text');
    expect(card('e').querySelector('.composite-card__body').textContent).toBe('');
    expect(status()).toContain('Someone else saved this page');
    await editor.refreshCards();
    expect(cardRequests(fetch)).toHaveLength(2);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('ignores a rendering of settings the widget no longer has', async () => {
    const { fetch, answer } = cardsLater();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.state.conflict(theirs());
    const loading = editor.refreshCards();
    editor.updateSettings('e', { text: '<p>Changed meanwhile</p>' }, { html: excerpt('Changed meanwhile') });
    answer.resolve(jsonResponse(200, { cards: [rendered.a, rendered.e] }));
    expect(await loading).toBe(1);
    expect(card('e').querySelector('.composite-card__body').textContent).toBe('Changed meanwhile');
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Good evening');
  });

  it('shows again what a card showed when undo and redo bring its settings back, without asking', () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.updateSettings('a', { text: '<p>Hello</p>' }, { title: 'Hello', html: excerpt('Hello') });
    button('undo').click();
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('design rendering of Welcome');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Welcome');
    button('redo').click();
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Hello');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks for a card when undo or redo brings back settings no card showed', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { cards: [{ id: 'a', title: 'Hi', html: excerpt('Hi') }] }));
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    // A script changing settings without a new body for the card.
    editor.updateSettings('a', { text: '<p>Hi</p>' });
    button('undo').click();
    expect(fetch).not.toHaveBeenCalled();
    key(card('a'), 'y', { ctrlKey: true });
    await editor.cardsLoaded;
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetch.mock.calls[0][1].body).ids).toEqual(['a']);
    expect(card('a').querySelector('.composite-card__body').textContent).toBe('Hi');
    expect(card('a').getAttribute('aria-label')).toBe('Text: Hi');
  });

  it('leaves a card picked up with the keyboard picked up when the cards come', async () => {
    const { fetch, answer } = cardsLater();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    editor.state.conflict(theirs());
    const loading = editor.refreshCards();
    card('e').focus();
    key(card('e'), ' ');
    answer.resolve(jsonResponse(200, { cards: [rendered.a, rendered.e] }));
    await loading;
    expect(editor.state.grabbed).toBe('e');
    expect(document.activeElement).toBe(card('e'));
    key(card('e'), 'ArrowUp');
    expect(live()).toBe('Evening news moved to position 1 of 2 in Main.');
    key(card('e'), ' ');
    expect(cardIds(slot('main'))).toEqual(['e', 'a']);
  });

  it('waits for a pointer drag to end before renaming a card', () => {
    const { editor } = setUp({ cardsUrl: CARDS_URL });
    editor.startDrag('d');
    slot('main').prepend(card('d'));
    editor.state.setTitles([{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Newest' }]);
    expect(cardIds(slot('main'))).toEqual(['d', 'a', 'b', 'c']);
    expect(card('d').getAttribute('aria-label')).toBe('Listing: Latest');
    editor.endDrag('d', slot('main'), 0);
    expect(cardIds(slot('main'))).toEqual(['d', 'a', 'b', 'c']);
    expect(card('d').getAttribute('aria-label')).toBe('Listing: Newest');
  });

  it('a duplicate shows what its original shows without asking the server', async () => {
    const fetch = vi.fn();
    const { editor } = setUp({ fetch, cardsUrl: CARDS_URL });
    card('a').querySelector('[data-composite-action="duplicate"]').click();
    await editor.refreshCards();
    expect(fetch).not.toHaveBeenCalled();
  });
});

// The fixture's arrangement as GET @composite gives it (without titles).
function twoColumnsAsRendered() {
  const data = twoColumns();
  for (const widgets of Object.values(data.slots)) for (const widget of widgets) delete widget.title;
  return data;
}
