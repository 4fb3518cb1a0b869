// The titles the server gives widgets with their cards, kept wherever the
// widget is kept (they are not saved). Methods of EditorState (state.js).

import { widgetKey } from '../merge.js';
import { success } from './results.js';

export class Titles {
  /**
   * Take the titles the server gave widgets along with their cards. A widget
   * takes its title only while it has the type and settings the title was
   * found for, wherever it is kept (undo, redo, a conflict's arrangements).
   * Titles are not saved: this is no undo step and leaves ``dirty`` alone.
   * @param {Array<{id: string, type: string, settings: object, title: string}>} named
   * @returns {{ok: true, messages: [], changed: number}} ``changed``: widgets retitled
   */
  setTitles(named) {
    const titles = new Map();
    for (const widget of named || []) {
      if (widget && widget.title) titles.set(String(widget.id), { key: widgetKey(widget), title: String(widget.title) });
    }
    const lists = new Set();
    for (const snapshot of this._snapshots()) {
      for (const list of Object.values(snapshot.slots)) lists.add(list);
      lists.add(snapshot.unplaced);
    }
    let changed = 0;
    for (const list of lists) {
      list.forEach((widget, index) => {
        const found = titles.get(widget.id);
        if (!found || widget.title === found.title || widgetKey(widget) !== found.key) return;
        list[index] = Object.freeze({ ...widget, title: found.title });
        changed += 1;
      });
    }
    // The clashes asked about name the widgets by their titles too.
    if (changed && this.clashes) this.clashes = this._merge({}).clashes.map((clash) => this._describeClash(clash));
    if (changed) this._notify();
    return success(null, null, { changed });
  }

  /**
   * The title known for a widget with these type and settings, from any
   * arrangement the editor keeps (shown, saved, undo, redo, a conflict's).
   * @param {{id: string, type: string, settings: object}} widget
   * @returns {string|null}
   */
  knownTitle(widget) {
    const key = widgetKey(widget);
    for (const snapshot of this._snapshots()) {
      for (const list of [...Object.values(snapshot.slots), snapshot.unplaced]) {
        const found = list.find((other) => other.id === String(widget.id) && other.title);
        if (found && widgetKey(found) === key) return found.title;
      }
    }
    return null;
  }

  _snapshots() {
    const snapshots = new Set([this.current, this.baseline, ...this.past, ...this.future]);
    if (this.grab) snapshots.add(this.grab.origin);
    if (this.pending) snapshots.add(this.pending.mine).add(this.pending.base);
    return snapshots;
  }
}
