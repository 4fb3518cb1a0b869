// Shared by the DOM layer's tests (run in jsdom): an editor on the markup
// fixture, and ways to find its parts and talk to it.
import { vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { counterIds } from './fixtures.js';
import { editorMarkup } from './markup.js';

/**
 * An editor on the markup fixture, with a fake fetch and sessionStorage.
 * @param {object} [options] of ``editorMarkup``, plus ``fetch`` and ``stash``
 *   (the kept changes found in sessionStorage)
 */
export function setUp(options = {}) {
  document.body.innerHTML = editorMarkup(options);
  const root = document.querySelector('[data-composite-editor]');
  // ``storage``: the Map of an editor before, for one that starts after a reload.
  const storage = options.storage || new Map();
  const fakeStorage = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
    removeItem: (key) => storage.delete(key),
    get length() {
      return storage.size;
    },
    key: (index) => [...storage.keys()][index] ?? null,
  };
  if (options.stash) fakeStorage.setItem(`collective.composite:pending:http://nohost/plone/page/++api++/@composite:user:${options.user || ''}`, options.stash);
  const editor = new Editor(root, { fetch: options.fetch || vi.fn(), storage: fakeStorage, newId: counterIds() });
  return { root, editor, storage };
}

export const card = (id) => document.querySelector(`[data-widget-id="${id}"]`);
export const slot = (name) => document.querySelector(`[data-composite-slot="${name}"]`);
export const tray = () => document.querySelector('[data-composite-unplaced]');
export const live = () => document.querySelector('[data-composite-live]').textContent.trim();
export const status = () => document.querySelector('[data-composite-status]').textContent.trim();
export const cardIds = (container) =>
  [...container.querySelectorAll('[data-widget-id]')].map((el) => el.getAttribute('data-widget-id'));
export const button = (action) => document.querySelector(`[data-composite-action="${action}"]:not([data-widget-id] *)`);

export function key(element, name, extra = {}) {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...extra });
  element.dispatchEvent(event);
  return event;
}

export function jsonResponse(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: String(status), json: async () => body };
}

/** Stop every editor and empty the page (``afterEach``). */
export function cleanUp() {
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
}
