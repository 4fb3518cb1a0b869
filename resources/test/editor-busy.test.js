// @vitest-environment jsdom
// The DOM layer while a save is under way: every way the page's arrangement
// can change (the keys, the cards' buttons, a drop, a layout switch) is
// refused, said in the live region and shown in the status, as the disabled
// Undo and Redo buttons are; settings applied meanwhile wait for the answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, card, cardIds, cleanUp, jsonResponse, key, live, setUp, slot, status } from './dom.js';

afterEach(cleanUp);

const WAIT = 'Please wait: the page is being saved. Nothing was changed; try again once it is saved.';

/** An editor whose save of "a removed" waits for ``answer``. */
function saving() {
  let answer;
  const fetch = vi.fn(() => new Promise((resolve) => (answer = resolve)));
  const context = setUp({ fetch });
  card('a').querySelector('[data-composite-action="remove"]').click();
  const saved = context.editor.save();
  return { ...context, fetch, saved, answer: (response) => answer(response) };
}

describe('while a save is under way', () => {
  it('refuses Ctrl+Z, saying so, and the save stays saved', async () => {
    const { editor, saved, answer } = saving();
    expect(button('undo').disabled).toBe(true);
    const event = key(card('b'), 'z', { ctrlKey: true });
    expect(event.defaultPrevented).toBe(true);
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
    expect(live()).toBe(WAIT);
    expect(status()).toBe(WAIT);
    answer(jsonResponse(200, { version: 'v2' }));
    expect((await saved).ok).toBe(true);
    expect(editor.state.dirty).toBe(false);
    expect(button('undo').disabled).toBe(true);
    expect(status()).toBe('Saved.');
  });

  it('refuses Ctrl+Shift+Z, Ctrl+Y and Cmd+Z alike', () => {
    const { editor } = saving();
    for (const extra of [{ ctrlKey: true, shiftKey: true }, { ctrlKey: true }, { metaKey: true }]) {
      editor.live.textContent = '';
      key(card('b'), extra.shiftKey ? 'Z' : extra.metaKey ? 'z' : 'y', extra);
      expect(live()).toBe(WAIT);
    }
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
  });

  it('leaves Ctrl+Z in a text field to the browser', () => {
    const { root } = saving();
    const input = document.createElement('input');
    root.append(input);
    expect(key(input, 'z', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(live()).not.toBe(WAIT);
  });

  it('refuses picking a card up with the keys', () => {
    const { editor } = saving();
    key(card('b'), ' ');
    expect(editor.state.grabbed).toBe(null);
    expect(live()).toBe(WAIT);
  });

  it('refuses a drop, putting the card back, and marks every slot as refusing while dragging', () => {
    const { editor } = saving();
    editor.startDrag('b');
    expect(slot('main').getAttribute('data-composite-refusal')).toBe(WAIT);
    expect(editor.checkDrop('b', slot('main'))).toBe(false);
    slot('main').append(card('b'));
    expect(editor.endDrag('b', slot('main'), 1).reason).toBe('busy');
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
    expect(status()).toBe(WAIT);
  });

  it('refuses the cards’ Duplicate and Remove, a layout switch and a widget from the palette', () => {
    const { editor, root } = saving();
    card('b').querySelector('[data-composite-action="duplicate"]').click();
    card('b').querySelector('[data-composite-action="remove"]').click();
    root.querySelector('[data-composite-switch-layout="one-column"]').click();
    root.querySelector('[data-composite-add="text"]').click();
    expect(editor.state.layoutName).toBe('two-columns');
    expect(cardIds(slot('main'))).toEqual(['b', 'c']);
    expect(status()).toBe(WAIT);
  });

  it('applies settings from the dialog once the save is answered, as a change to save next', async () => {
    const { editor, saved, answer } = saving();
    const applied = editor.updateSettings('b', { image: 'uid-9' });
    expect(editor.state.find('b').widget.settings).toEqual({ image: 'uid-1' });
    answer(jsonResponse(200, { version: 'v2' }));
    await saved;
    expect((await applied).ok).toBe(true);
    expect(editor.state.find('b').widget.settings).toEqual({ image: 'uid-9' });
    expect(editor.state.dirty).toBe(true);
    expect(button('save').disabled).toBe(false);
  });

  it('takes changes again after a refused save', async () => {
    const { editor, saved, answer } = saving();
    answer(jsonResponse(400, { type: 'BadRequest', message: 'no' }));
    expect((await saved).ok).toBe(false);
    key(card('b'), 'z', { ctrlKey: true });
    expect(cardIds(slot('main'))).toEqual(['a', 'b', 'c']);
    expect(editor.state.dirty).toBe(false);
  });
});
