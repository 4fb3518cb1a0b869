// @vitest-environment jsdom
// The DOM layer: the preview (@composite-preview).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, card, cleanUp, jsonResponse, live, setUp, status } from './dom.js';

afterEach(cleanUp);

describe('preview', () => {
  const PREVIEW_URL = 'http://nohost/plone/page/++api++/@composite-preview';
  const PAGE = '<!DOCTYPE html><html><head><base href="http://nohost/plone/page/"></head><body>Alpha</body></html>';

  // A stand-in for the window Preview opens, recording what is written into it.
  function previewWindow() {
    const written = [];
    const doc = { open: vi.fn(), write: vi.fn((html) => written.push(html)), close: vi.fn() };
    return { closed: false, close: vi.fn(), document: doc, written };
  }

  it('opens its window within the click, then writes the page the server rendered for the unsaved arrangement', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { html: PAGE }));
    const { editor } = setUp({ fetch });
    const win = previewWindow();
    const open = vi.spyOn(window, 'open').mockImplementation(() => win);
    card('a').querySelector('[data-composite-action="remove"]').click();
    const shown = editor.preview();
    expect(open).toHaveBeenCalledWith('', 'composite-preview');
    expect(win.document.write).not.toHaveBeenCalled();
    expect(await shown).toEqual({ ok: true });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(PREVIEW_URL);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-TOKEN': 'secret-token',
    });
    const { arrangement } = JSON.parse(init.body);
    expect(arrangement.version).toBe('v1');
    expect(arrangement.slots.main.map((w) => w.id)).toEqual(['b', 'c']);
    expect(win.written).toEqual([PAGE]);
    expect(win.document.open).toHaveBeenCalledBefore(win.document.write);
    expect(win.document.close).toHaveBeenCalled();
    expect(editor.state.dirty).toBe(true);
    open.mockRestore();
  });

  it('opens the window from the Preview button', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { html: PAGE }));
    const { editor } = setUp({ fetch });
    const win = previewWindow();
    const open = vi.spyOn(window, 'open').mockImplementation(() => win);
    const shown = vi.spyOn(editor, '_showPreview');
    button('preview').click();
    expect(open).toHaveBeenCalledWith('', 'composite-preview');
    await shown.mock.results[0].value;
    expect(win.written).toEqual([PAGE]);
    open.mockRestore();
  });

  it("closes the window and shows the server's reason when the preview is refused", async () => {
    const error = { type: 'BadRequest', message: 'settings.image: required', field: 'settings.image' };
    const fetch = vi.fn(async () => jsonResponse(400, { error }));
    const { editor } = setUp({ fetch });
    const win = previewWindow();
    const open = vi.spyOn(window, 'open').mockImplementation(() => win);
    expect(await editor.preview()).toEqual({ ok: false });
    expect(win.close).toHaveBeenCalled();
    expect(win.document.write).not.toHaveBeenCalled();
    expect(status()).toBe('The preview failed: settings.image: required');
    expect(live()).toBe('The preview failed: settings.image: required');
    open.mockRestore();
  });

  it('says so when the server cannot be reached', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const { editor } = setUp({ fetch });
    const win = previewWindow();
    const open = vi.spyOn(window, 'open').mockImplementation(() => win);
    await editor.preview();
    expect(win.close).toHaveBeenCalled();
    expect(status()).toBe(
      'The preview failed: The server cannot be reached. Your changes are kept; try again.',
    );
    open.mockRestore();
  });
});
