// @vitest-environment jsdom
// Widget types the user may not change (the server sends why, as the type's
// ``restricted``): such widgets can be moved and removed, not edited or
// duplicated, and their cards say why.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '../src/editor.js';
import { EditorState } from '../src/state.js';
import { LAYOUTS, WIDGET_TYPES, counterIds, twoColumns } from './fixtures.js';
import { editorMarkup } from './markup.js';

const WHY = 'Only these roles may edit or duplicate HTML widgets: Manager, Site Administrator.';
const TYPES = WIDGET_TYPES.map((type) => (type.name === 'html' ? { ...type, restricted: WHY } : type));

function withEmbed() {
  const arrangement = twoColumns();
  arrangement.slots.sidebar.push({ id: 'e', type: 'html', settings: { html: '<p>E</p>' } });
  return arrangement;
}

function setUp() {
  document.body.innerHTML = editorMarkup({ arrangement: withEmbed() });
  const root = document.querySelector('[data-composite-editor]');
  root.setAttribute('data-composite-widget-types', JSON.stringify(TYPES));
  return { root, editor: new Editor(root, { fetch: vi.fn(), storage: null, newId: counterIds() }) };
}

afterEach(() => {
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('restricted widget types', () => {
  it('refuses to duplicate a widget of a restricted type, saying so', () => {
    const state = new EditorState({ arrangement: withEmbed(), layouts: LAYOUTS, widgetTypes: TYPES, newId: counterIds() });
    const result = state.duplicate('e');
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([{ key: 'refused.restricted', params: { type: 'HTML' } }]);
    expect(state.widgets('sidebar').map((widget) => widget.id)).toEqual(['d', 'e']);
  });

  it('still moves and removes such a widget', () => {
    const state = new EditorState({ arrangement: withEmbed(), layouts: LAYOUTS, widgetTypes: TYPES, newId: counterIds() });
    expect(state.move('e', 'main', 0).ok).toBe(true);
    expect(state.remove('e').ok).toBe(true);
  });

  it('does not open the settings of such a widget, and says why', () => {
    const { root, editor } = setUp();
    const opened = vi.fn();
    root.addEventListener('composite:edit', opened);
    editor.edit('e', false);
    expect(opened).not.toHaveBeenCalled();
    expect(document.querySelector('[data-composite-status]').textContent).toContain(
      'You may not edit or duplicate HTML widgets.',
    );
  });

  it('builds cards without Edit and Duplicate, with the reason', () => {
    const { editor } = setUp();
    editor.state.add('html', 'main');
    const built = [...document.querySelectorAll('[data-widget-type="html"]')].find(
      (card) => card.getAttribute('data-widget-id') !== 'e',
    );
    const actions = [...built.querySelectorAll('[data-composite-action]')].map((button) => button.getAttribute('data-composite-action'));
    expect(actions).toEqual(['remove']);
    expect(built.querySelector('.composite-card__restricted').textContent).toBe(WHY);
  });
});

describe('widget types registered no more', () => {
  function retired() {
    document.body.innerHTML = editorMarkup();
    const root = document.querySelector('[data-composite-editor]');
    const editor = new Editor(root, { fetch: vi.fn(), storage: null, newId: counterIds() });
    return { root, editor };
  }

  it('does not open the settings of such a widget, and says why', () => {
    const { root, editor } = retired();
    // As after a conflict: the server's arrangement has a widget of a removed type.
    editor.state.conflict({ ...twoColumns(), version: 'v2', slots: { ...twoColumns().slots, main: [{ id: 'r', type: 'retired', settings: {} }] } });
    const opened = vi.fn();
    root.addEventListener('composite:edit', opened);
    editor.edit('r', false);
    expect(opened).not.toHaveBeenCalled();
    expect(document.querySelector('[data-composite-status]').textContent).toBe(
      "This widget's type (retired) is no longer installed: it can be moved or removed, not edited or duplicated.",
    );
  });

  it('builds their cards with Remove only, saying why', () => {
    const { editor } = retired();
    editor.state.conflict({ ...twoColumns(), version: 'v2', slots: { ...twoColumns().slots, main: [{ id: 'r', type: 'retired', settings: {} }] } });
    const built = document.querySelector('[data-widget-id="r"]');
    const actions = [...built.querySelectorAll('[data-composite-action]')].map((button) => button.getAttribute('data-composite-action'));
    expect(actions).toEqual(['remove']);
    expect(built.querySelector('.composite-card__restricted').textContent).toBe(
      "This widget's type (retired) is no longer installed: it can be moved or removed, not edited or duplicated.",
    );
    expect(editor.state.move('r', 'sidebar').ok).toBe(false);
    expect(editor.state.move('r', 'main', 0).ok).toBe(true);
  });
});
