// @vitest-environment jsdom
// The focus for keyboard users: it stays in the editor when the control that
// held it is disabled or goes away, and Escape closes the palette.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, card, cleanUp, key, setUp } from './dom.js';

afterEach(() => {
  cleanUp();
  vi.unstubAllGlobals();
  delete Element.prototype.scrollIntoView;
});

const toolbar = () => document.querySelector('[role="toolbar"]');
const palette = () => document.querySelector('[data-composite-palette]');
const cardButton = (id, action) => card(id).querySelector(`[data-composite-action="${action}"]`);

describe('keeping the focus', () => {
  it('gives it to the toolbar when Undo, holding it, has nothing left to undo', () => {
    setUp();
    cardButton('a', 'remove').click();
    button('undo').focus();
    button('undo').click();
    expect(button('undo').disabled).toBe(true);
    expect(document.activeElement).toBe(toolbar());
    expect(toolbar().getAttribute('tabindex')).toBe('-1');
  });

  it('gives it to the toolbar when a button of a message that held it goes away', () => {
    const { editor } = setUp();
    editor._showStatus('Someone else saved this page.', 'conflict', [['discard', 'conflict.discard']]);
    const discard = document.querySelector('[data-composite-conflict="discard"]');
    discard.focus();
    discard.click();
    expect(discard.isConnected).toBe(false);
    expect(document.activeElement).toBe(toolbar());
  });

  it('leaves it where it is when the control that had it stays usable', () => {
    setUp();
    cardButton('a', 'remove').click();
    card('b').focus();
    key(card('b'), 'z', { ctrlKey: true });
    expect(button('undo').disabled).toBe(true);
    expect(document.activeElement).toBe(card('b'));
  });
});

describe('the palette', () => {
  it('closes with Escape and gives the focus back to Add widget', () => {
    setUp();
    button('add').click();
    expect(palette().hidden).toBe(false);
    const text = palette().querySelector('[data-composite-add="text"]');
    expect(document.activeElement).toBe(text);
    expect(key(text, 'Escape').defaultPrevented).toBe(true);
    expect(palette().hidden).toBe(true);
    expect(button('add').getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button('add'));
  });

  it('is left open by Escape elsewhere in the editor', () => {
    setUp();
    button('add').click();
    card('a').focus();
    key(card('a'), 'Escape');
    expect(palette().hidden).toBe(false);
  });
});

describe('a card moved with the keys', () => {
  it('is scrolled into view in the next frame, not in the key\'s handler', () => {
    const frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback) => frames.push(callback));
    const scrolled = [];
    Element.prototype.scrollIntoView = function scrollIntoView(options) {
      scrolled.push([this.getAttribute('data-widget-id'), options]);
    };
    setUp();
    key(card('a'), ' ');
    key(card('a'), 'ArrowDown');
    expect(scrolled).toEqual([]);
    for (const frame of frames.splice(0)) frame();
    expect(scrolled).toEqual([['a', { block: 'nearest', inline: 'nearest' }]]);
  });
});

describe('the sticky bar', () => {
  const barOf = (editor, style, height) => {
    const bar = document.createElement('div');
    bar.className = 'composite-editor__bar';
    Object.assign(bar.style, style);
    Object.defineProperty(bar, 'offsetHeight', { value: height });
    editor.root.prepend(bar);
    return bar;
  };
  const covered = () => document.documentElement.style.getPropertyValue('--composite-bar-height');

  it('tells the page how much of the window it covers', () => {
    const { editor } = setUp();
    barOf(editor, { position: 'sticky', top: '-32px' }, 120);
    editor.measureBar();
    expect(covered()).toBe('120px');
  });

  it('covers nothing when it does not stay at the top of the window', () => {
    const { editor } = setUp();
    barOf(editor, { position: 'static' }, 120);
    editor.measureBar();
    expect(covered()).toBe('0px');
  });
});
