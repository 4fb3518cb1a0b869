// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { attachSettings } from '../src/settings.js';
import { counterIds } from './fixtures.js';
import { editorMarkup } from './markup.js';

function setUp() {
  document.body.innerHTML = editorMarkup();
  const root = document.querySelector('[data-composite-editor]');
  root.setAttribute('data-composite-settings-url', 'http://nohost/plone/page/@@composite-widget-settings');
  const editor = new Editor(root, { fetch: vi.fn(), storage: null, newId: counterIds() });
  // jsdom cannot submit forms into frames; record what would be posted.
  const posted = [];
  vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function submit() {
    posted.push({ action: this.action, target: this.target, fields: Object.fromEntries(new FormData(this)) });
  });
  const dialog = attachSettings(editor);
  return { root, editor, dialog, posted };
}

const card = (id) => document.querySelector(`[data-widget-id="${id}"]`);
const overlay = () => document.querySelector('.composite-settings');

function answer(result, { origin = window.location.origin, source } = {}) {
  const frame = overlay().querySelector('iframe');
  window.dispatchEvent(
    new MessageEvent('message', { data: { composite: 'settings', result }, origin, source: source || frame.contentWindow }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('settings dialog', () => {
  it('is not attached without a settings URL', () => {
    document.body.innerHTML = editorMarkup();
    const editor = new Editor(document.querySelector('[data-composite-editor]'), { fetch: vi.fn(), storage: null });
    expect(attachSettings(editor)).toBe(null);
    editor.destroy();
  });

  it('asks for the form again once the user logged in again in the frame', () => {
    const { posted } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    const frame = overlay().querySelector('iframe');
    const shows = (html) => {
      frame.contentDocument.body.innerHTML = html;
      frame.dispatchEvent(new Event('load'));
    };
    // Logged out meanwhile: Plone's login form, twice (a wrong password).
    shows('<form><input name="__ac_name"><input type="password" name="__ac_password"></form>');
    shows('<form><input name="__ac_name"><input type="password" name="__ac_password"></form>');
    expect(posted).toHaveLength(1);
    // Logged in: the login leads to the settings' address without the widget.
    shows('<p>There is no widget type.</p>');
    expect(posted).toHaveLength(2);
    expect(posted[1].fields['composite.id']).toBe('a');
    expect(posted[1].target).toBe(frame.name);
    // The form itself: nothing more to ask.
    shows('<form><button>Apply</button></form>');
    expect(posted).toHaveLength(2);
  });

  it('posts the widget to the settings form in a modal frame', () => {
    const { posted } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    const dialog = overlay();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.querySelector('h2').textContent).toBe('Settings of Welcome');
    expect(posted).toHaveLength(1);
    expect(posted[0].target).toBe(dialog.querySelector('iframe').name);
    expect(posted[0].action).toBe('http://nohost/plone/page/@@composite-widget-settings');
    expect(posted[0].fields['composite.type']).toBe('text');
    expect(posted[0].fields['composite.id']).toBe('a');
    expect(JSON.parse(posted[0].fields['composite.settings'])).toEqual({ text: '<p>A</p>' });
    expect(posted[0].fields._authenticator).toBe('secret-token');
    // The page behind waits.
    expect(document.querySelector('[data-composite-editor]').closest('[inert]')).not.toBe(null);
  });

  it('applies the settings the server validated, as one undoable step', () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    answer({ id: 'a', settings: { text: '<p>New</p>' }, title: 'New', html: '<p class="x">New card</p>' });
    expect(overlay()).toBe(null);
    expect(editor.state.toPatch().slots.main[0].settings).toEqual({ text: '<p>New</p>' });
    expect(card('a').querySelector('.composite-card__title').textContent).toBe('New');
    expect(card('a').querySelector('.composite-card__body .x')).not.toBe(null);
    expect(document.activeElement).toBe(card('a'));
    expect(document.querySelector('[inert]')).toBe(null);
    editor.state.undo();
    expect(editor.state.toPatch().slots.main[0].settings).toEqual({ text: '<p>A</p>' });
  });

  it('applying the settings as they were records no step and says nothing changed', () => {
    const { root, editor } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    answer({ id: 'a', settings: { text: '<p>A</p>' }, title: 'Welcome', html: '<p>A</p>' });
    expect(editor.state.canUndo).toBe(false);
    expect(root.querySelector('[data-composite-live]').textContent.trim()).toBe('Nothing changed in Welcome.');
  });

  it('says the settings closed without changes when cancelled', () => {
    const { root } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    overlay().querySelector('.composite-settings__close').click();
    expect(root.querySelector('[data-composite-live]').textContent.trim()).toBe(
      'Settings of Welcome closed; nothing changed.',
    );
  });

  it('ignores messages from other windows and origins', () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    answer({ id: 'a', settings: { text: 'evil' } }, { origin: 'https://evil.example' });
    answer({ id: 'a', settings: { text: 'evil' } }, { source: window });
    expect(overlay()).not.toBe(null);
    expect(editor.state.dirty).toBe(false);
  });

  it('takes a widget just added away again when its settings are cancelled', () => {
    const { root, editor } = setUp();
    root.querySelector('[data-composite-add="text"]').click();
    expect(overlay()).not.toBe(null);
    const added = editor.state.toPatch().slots.main.length;
    overlay().querySelector('.composite-settings__close').click();
    expect(overlay()).toBe(null);
    expect(editor.state.toPatch().slots.main.length).toBe(added - 1);
    expect(editor.state.dirty).toBe(false);
  });

  it('cancelling a new widget leaves no step to redo and says it is not added', () => {
    const { root, editor } = setUp();
    root.querySelector('[data-composite-add="text"]').click();
    overlay().querySelector('.composite-settings__close').click();
    expect(editor.state.canRedo).toBe(false);
    expect(editor.state.canUndo).toBe(false);
    expect(root.querySelector('[data-composite-action="redo"]').disabled).toBe(true);
    expect(document.querySelector('[data-composite-live]').textContent.trim()).toBe('Text not added.');
  });

  it('keeps an existing widget when its settings are cancelled with Escape', () => {
    const { editor } = setUp();
    card('a').querySelector('[data-composite-action="edit"]').click();
    overlay().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(overlay()).toBe(null);
    expect(card('a').isConnected).toBe(true);
    expect(editor.state.dirty).toBe(false);
  });
});

describe('card buttons', () => {
  it('name the widget they act on, also after a new title', () => {
    const { root, editor } = setUp();
    root.querySelector('[data-composite-add="text"]').click();
    const id = editor.state.toPatch().slots.main.at(-1).id;
    answer({ id, settings: { text: '<p>Hours</p>' }, title: 'Hours', html: '' });
    const buttons = [...card(id).querySelectorAll('.composite-card__actions button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Edit', 'Duplicate', 'Remove']);
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Edit Hours', 'Duplicate Hours', 'Remove Hours']);
  });
});
