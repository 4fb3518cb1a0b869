// Performance marks of the editor, for measuring design mode in the browser
// (benchmarks/browser_bench.py, docs/performance.md): when the editor is ready,
// when an update of the state is in the DOM, when the browser starts the next
// frame, and when that frame, showing the update, was produced. Only the latest mark of each name is kept, so that a long session
// does not collect thousands of them.

export const READY = 'composite:ready';
export const UPDATED = 'composite:updated';
export const FRAME = 'composite:frame';
export const PAINTED = 'composite:painted';

function mark(window, name) {
  const performance = window && window.performance;
  if (!performance || typeof performance.mark !== 'function') return;
  if (typeof performance.clearMarks === 'function') performance.clearMarks(name);
  performance.mark(name);
}

/**
 * Mark that the editors of the page are ready: cards can be moved and the
 * toolbar answers.
 * @param {Window} window
 */
export function markReady(window) {
  mark(window, READY);
}

/**
 * Mark that the DOM shows the state (``composite:updated``), when the next
 * frame starts (``composite:frame``), then, once the browser has produced
 * that frame, ``composite:painted``.
 * @param {Window} window
 */
export function markUpdated(window) {
  mark(window, UPDATED);
  if (!window || typeof window.requestAnimationFrame !== 'function') return;
  // A requestAnimationFrame callback runs before the frame's style, layout and
  // paint; a task it queues runs after them.
  window.requestAnimationFrame(() => {
    mark(window, FRAME);
    window.setTimeout(() => mark(window, PAINTED), 0);
  });
}
