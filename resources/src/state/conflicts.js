// The state model's saving and conflict flow: the PATCH body, a save done, a
// newer version saved by someone else, and the user's kept changes re-applied
// on it (merge.js), clashes chosen per widget. Methods of EditorState
// (state.js).

import { LAYOUT_CLASH, MINE, THEIRS, merge } from '../merge.js';
import { refusal, success } from './results.js';
import { arrange, cloneSnapshot, freezeWidget, snapshotOf, toData } from './snapshot.js';

export class Conflicts {
  /**
   * The body of the PATCH request: the whole arrangement and the version it was read at.
   * @returns {{version, layout, slots, unplaced}}
   */
  toPatch() {
    return { version: this._version, ...toData(this.toSave) };
  }

  /** The snapshot a save sends: the current one, without a move still in progress. */
  get toSave() {
    return this.grab ? this.grab.origin : this.current;
  }

  /**
   * The save of ``saved`` succeeded: it is now the saved arrangement. What
   * changed since ``saved`` was sent stays, unsaved (and undoable back to
   * what was saved); the editor refuses the user's changes meanwhile
   * (``freeze``), so that is at most a keyboard move under way.
   * @param {string} version the new version token from the server
   * @param {object} [saved] the snapshot that was sent (``toSave`` when the save began)
   */
  markSaved(version, saved = this.toSave) {
    this.baseline = saved;
    this._version = String(version);
    if (saved === this.toSave) {
      this.past = [];
      this.future = [];
    } else {
      const at = this.past.lastIndexOf(saved);
      if (at >= 0) this.past = this.past.slice(at);
    }
    this._notify();
    return success('save.saved');
  }

  /**
   * The save got a 409: load the server's newer arrangement and keep the
   * user's (with what it was based on) so it can be re-applied.
   * @param {object} serverArrangement the arrangement the REST service gives now
   */
  conflict(serverArrangement) {
    this._dropGrab();
    const kept = this.pending && !this.dirty;
    const mine = kept ? this.pending.mine : this.current;
    const base = kept ? this.pending.base : this.baseline;
    const moved = kept ? this.pending.moved : this._movedSinceBaseline();
    this.pending = { mine: cloneSnapshot(mine), base: cloneSnapshot(base), moved };
    this.clashes = null;
    this._load(serverArrangement);
    this._notify();
    return success('op.conflict');
  }

  _movedSinceBaseline() {
    const ids = new Set();
    for (const snapshot of [...this.past, this.current]) for (const id of this.moved.get(snapshot) || []) ids.add(id);
    return [...ids];
  }

  /** @returns {boolean} whether the user's version from a conflict is kept */
  get hasPending() {
    return this.pending !== null;
  }

  /** @returns {boolean} whether re-applying waits for the user's choice on clashes */
  get hasClashes() {
    return this.clashes !== null;
  }

  /**
   * Replay the user's kept changes (what they changed since the version they
   * started from) on the arrangement shown now, which keeps its newer version
   * token: what someone else saved meanwhile stays. Where the user changed
   * the same widget too (or both switched layout), nothing changes yet:
   * ``clashes`` lists, per widget, what clashed and what keeping either side
   * means, and ``resolve`` takes the user's choices. Undo goes back to the
   * arrangement shown before.
   * @param {{other?: string}} [options] ``other``: who saved the newer version
   * @returns {object} a result; ``clashes`` (the same as ``this.clashes``)
   *   when the user must choose first, else ``applied``: the changes re-applied
   */
  reapply({ other } = {}) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    this._dropGrab();
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    this.other = other || null;
    const merged = this._merge({});
    if (!merged.clashes.length) return this._applyMerge(merged);
    this.clashes = merged.clashes.map((clash) => this._describeClash(clash));
    this._notify();
    return success(
      'merge.clashes',
      { version: this._otherVersion(), titles: this.clashes.map((clash) => clash.name).join(', ') },
      { clashes: this.clashes },
    );
  }

  /**
   * Re-apply the kept changes with the user's choice for every clash.
   * @param {Record<string, 'mine'|'theirs'>} choices by clash id
   * @returns {object} a result; refused (``unresolved``) while a clash has no choice
   */
  resolve(choices) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    this._dropGrab();
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    const merged = this._merge(choices || {});
    if (merged.unresolved.length) {
      // The arrangement may have changed since: ask about the clashes as they are now.
      this.clashes = merged.clashes.map((clash) => this._describeClash(clash));
      const names = this.clashes.filter((clash) => merged.unresolved.includes(clash.id)).map((clash) => clash.name);
      this._notify();
      return { ...refusal('unresolved', 'merge.unresolved', { titles: names.join(', ') }), unresolved: merged.unresolved };
    }
    const kept = { mine: 0, theirs: 0 };
    for (const clash of merged.clashes) kept[choices[clash.id] === MINE ? 'mine' : 'theirs'] += 1;
    const result = this._applyMerge(merged);
    if (merged.clashes.length) result.messages.push({ key: 'merge.kept', params: kept });
    return { ...result, kept };
  }

  _merge(choices) {
    const { mine, base, moved } = this.pending;
    const snapshots = { base, mine, theirs: this.current, moved };
    const merged = merge(snapshots, choices);
    // A widget someone else removed comes back as a new one, which the server
    // takes only of a registered type the user may add: any other stays
    // removed (keeping it would make every save refused), and is not asked about.
    const addable = (type) => this.widgetTypes.has(type) && !this.restricted(type);
    const gone = merged.clashes
      .filter((clash) => clash.kinds.includes('changedRemoved') && !addable(clash.mine.type))
      .map((clash) => clash.id);
    if (!gone.length) return merged;
    const forced = merge(snapshots, { ...choices, ...Object.fromEntries(gone.map((id) => [id, THEIRS])) });
    return {
      ...forced,
      clashes: forced.clashes.filter((clash) => !gone.includes(clash.id)),
      unresolved: forced.unresolved.filter((id) => !gone.includes(id)),
    };
  }

  _applyMerge(merged) {
    const slots = {};
    for (const { slot } of merged.placed) slots[slot] = [];
    const layout = this._layout(merged.layout, slots);
    const placed = merged.placed.map(({ widget, slot }) => ({ widget: freezeWidget(widget), slot }));
    const { snapshot } = arrange(layout, placed, merged.unplaced.map(freezeWidget));
    const version = this._otherVersion();
    this.pending = null;
    this.clashes = null;
    this._commit(snapshot, { key: 'what.reapplied', params: {} });
    this.moved.set(this.current, merged.moved);
    const key = merged.applied === 1 ? 'merge.reappliedOne' : 'merge.reapplied';
    return success(key, { count: merged.applied, version }, { applied: merged.applied, changes: merged.changes });
  }

  _otherVersion() {
    return this.other ? { key: 'merge.versionOf', params: { name: this.other } } : { key: 'merge.newerVersion' };
  }

  // A clash as the user is asked about it: the widget's name, what happened,
  // and what keeping either side means (all as messages).
  _describeClash(clash) {
    if (clash.id === LAYOUT_CLASH) {
      const title = (name) => (this.layouts.get(name) || {}).title || name;
      return {
        id: clash.id,
        kind: 'layout',
        name: { key: 'clash.layoutName' },
        description: { key: 'clash.layout', params: { mine: title(clash.mine), theirs: title(clash.theirs) } },
        mine: { key: 'clash.mine.layout', params: { layout: title(clash.mine) } },
        theirs: { key: 'clash.theirs.layout', params: { layout: title(clash.theirs) } },
      };
    }
    const kind = clash.kinds.length > 1 ? 'settingsMoved' : clash.kinds[0];
    const named = clash.base || clash.mine || clash.theirs;
    const side = (which, snapshot) => {
      const widget = clash[which];
      if (!widget) return { title: this.widgetTitle(named) };
      return { title: this.widgetTitle(widget), slot: this._slotTitle(snapshot, widget.id) };
    };
    const mine = side('mine', this.pending.mine);
    const theirs = side('theirs', this.current);
    return {
      id: clash.id,
      kind,
      name: this.widgetTitle(named),
      description: { key: `clash.${kind}`, params: { mine: mine.slot, theirs: theirs.slot } },
      mine: { key: `clash.mine.${kind}`, params: mine },
      theirs: { key: `clash.theirs.${kind}`, params: theirs },
    };
  }

  // The title of the slot a widget is in (or remembers, in the tray).
  _slotTitle(snapshot, id) {
    let slot = null;
    for (const name of Object.keys(snapshot.slots)) {
      if (snapshot.slots[name].some((widget) => widget.id === id)) slot = name;
    }
    if (slot === null) {
      const waiting = snapshot.unplaced.find((widget) => widget.id === id);
      if (!waiting || !waiting.slot) return { key: 'tray.title' };
      slot = waiting.slot;
    }
    const layout = this.layouts.get(snapshot.layout);
    const found = layout && layout.slots.find((s) => s.name === slot);
    return found ? found.title || slot : slot;
  }

  /** Forget the user's kept arrangement. */
  discardPending() {
    if (!this.pending) return refusal('no-pending', 'refused.noPending');
    this.pending = null;
    this.clashes = null;
    this._notify();
    return success('op.pendingDiscarded');
  }

  /** @returns {object|null} the kept arrangement as JSON-able data (to survive a reload) */
  exportPending() {
    if (!this.pending) return null;
    // With the titles, to name widgets that clash after a reload.
    return {
      mine: toData(this.pending.mine, true),
      base: toData(this.pending.base, true),
      moved: this.pending.moved.slice(),
    };
  }

  /**
   * The user's unsaved changes as ``exportPending`` gives them, for
   * ``importPending`` and ``reapply`` to bring back after leaving the page
   * (logging in again): what ``conflict`` would keep. A move in progress is
   * not kept.
   * @returns {object|null} null when there is nothing unsaved or kept
   */
  exportChanges() {
    if (this.pending && !this.dirty) return this.exportPending();
    if (!this.dirty) return null;
    return {
      mine: toData(this.toSave, true),
      base: toData(this.baseline, true),
      moved: this._movedSinceBaseline(),
    };
  }

  /** Take back what ``exportPending`` gave (after a reload). */
  importPending(data) {
    if (!data || !data.mine || !data.base) return refusal('no-pending', 'refused.noPending');
    const moved = Array.isArray(data.moved) ? data.moved.map(String) : [];
    this.pending = { mine: snapshotOf(data.mine), base: snapshotOf(data.base), moved };
    this.clashes = null;
    this._notify();
    return success('conflict.restored');
  }
}
