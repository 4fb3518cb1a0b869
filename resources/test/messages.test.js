import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES, translate, translateAll } from '../src/messages.js';

describe('translate', () => {
  it('uses the English default with its parameters', () => {
    expect(translate({}, { key: 'refused.slotFull', params: { slot: 'Sidebar', max: 2 } })).toBe(
      'Sidebar is full: it holds at most 2 widgets.',
    );
  });

  it('says a slot of one holds only one widget', () => {
    expect(translate({}, { key: 'refused.slotFullOne', params: { slot: 'Hero', max: 1 } })).toBe(
      'Hero is full: it holds only one widget.',
    );
  });

  it('prefers the given translation and translates nested messages', () => {
    const messages = { 'kb.skipped': '{slot} übersprungen: {reason}', 'tray.title': 'Nicht platziert' };
    const text = translate(messages, {
      key: 'kb.skipped',
      params: { slot: { key: 'tray.title' }, reason: { key: 'refused.nothingToUndo' } },
    });
    expect(text).toBe('Nicht platziert übersprungen: Nothing to undo.');
  });

  it('leaves unknown placeholders and falls back to the key', () => {
    expect(translate({}, { key: 'op.moved', params: { title: 'X' } })).toBe(
      'X moved to position {position} of {count} in {slot}.',
    );
    expect(translate({}, { key: 'no.such.key' })).toBe('no.such.key');
  });

  it('joins a list of messages', () => {
    expect(translateAll({}, [{ key: 'op.undone' }, { key: 'op.redone' }])).toBe('Undone. Redone.');
  });

  it('has a default for every key the state model uses', () => {
    for (const key of Object.keys(DEFAULT_MESSAGES)) expect(DEFAULT_MESSAGES[key]).toMatch(/\S/);
  });
});
