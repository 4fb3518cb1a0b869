// @vitest-environment jsdom
// The editor's messages have one source, design/messages.json of the Python
// package: the modules and the built bundle (committed; `make js-check` keeps it
// fresh) say every message as that file has it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import ENGLISH from '../../src/collective/composite/design/messages.json';
import { DEFAULT_MESSAGES } from '../src/messages.js';
import { editorMarkup } from './markup.js';

const BUNDLE = join(import.meta.dirname, '../../src/collective/composite/static/editor/editor.js');

afterEach(() => {
  for (const root of document.querySelectorAll('[data-composite-editor]')) root.compositeEditor?.destroy();
  document.body.innerHTML = '';
});

describe('the messages', () => {
  it('are those of design/messages.json, in its order', () => {
    expect(Object.keys(ENGLISH).length).toBeGreaterThan(40);
    expect(Object.entries(DEFAULT_MESSAGES)).toEqual(Object.entries(ENGLISH));
  });

  it('are in the built bundle as design/messages.json has them', () => {
    document.body.innerHTML = editorMarkup();
    // The bundle starts an editor on every [data-composite-editor] element.
    new Function(readFileSync(BUNDLE, 'utf8'))();
    const editor = document.querySelector('[data-composite-editor]').compositeEditor;
    expect(editor).toBeTruthy();
    // The built bundle unpacked the card blocks (editor/blocks.js).
    expect(document.querySelector('script[data-composite-cards]')).toBe(null);
    expect(editor.cards.size).toBe(4);
    for (const [key, text] of Object.entries(ENGLISH)) expect(editor.t({ key }), key).toBe(text);
  });
});

describe('the licenses of the bundled libraries', () => {
  it('are in a file beside the bundle, which the bundle names', () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(bundle.trimEnd().endsWith('/*! For license information please see editor.js.LEGAL.txt */')).toBe(true);
    const licenses = readFileSync(`${BUNDLE}.LEGAL.txt`, 'utf8');
    expect(licenses).toContain('sortablejs/');
    expect(licenses).toContain('@license MIT');
  });
});
