// @vitest-environment jsdom
// The editor's performance marks (editor/timing.js), which the browser
// benchmarks read: ready, updated, painted, each kept once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME, PAINTED, READY, UPDATED, markReady, markUpdated } from '../src/editor/timing.js';
import { card, cleanUp, key, setUp } from './dom.js';

const marks = (name) => performance.getEntriesByName(name, 'mark');

beforeEach(() => performance.clearMarks());
afterEach(() => {
  vi.useRealTimers();
  cleanUp();
});

describe('performance marks', () => {
  it('marks the editor ready once', () => {
    markReady(window);
    markReady(window);
    expect(marks(READY)).toHaveLength(1);
  });

  it('marks a keyboard move updated in the DOM at once', () => {
    setUp();
    performance.clearMarks();
    key(card('b'), ' ');
    expect(marks(UPDATED)).toHaveLength(1);
  });

  it('keeps only the latest updated mark', () => {
    setUp();
    key(card('b'), ' ');
    key(card('b'), 'ArrowDown');
    expect(marks(UPDATED)).toHaveLength(1);
  });

  it('marks the next frame and painted after it', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'setTimeout'] });
    markUpdated(window);
    expect(marks(FRAME)).toHaveLength(0);
    expect(marks(PAINTED)).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(marks(FRAME)).toHaveLength(1);
    expect(marks(PAINTED)).toHaveLength(1);
    expect(marks(PAINTED)[0].startTime).toBeGreaterThanOrEqual(marks(FRAME)[0].startTime);
  });

  it('does nothing without a performance timeline', () => {
    expect(() => markUpdated({})).not.toThrow();
  });
});
