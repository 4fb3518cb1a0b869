// The three-way merge behind "Re-apply my changes": after a conflict, the
// changes the editor made since the version they started from (base → mine)
// are replayed on the newer version (theirs), so that what the other editor
// saved meanwhile survives. Where both changed the same widget (its settings,
// where it is, one removed what the other changed) or both switched layout,
// the merge reports a clash and takes the caller's choice for it, per widget.
// Plain data, no DOM.
//
// A snapshot is `{layout, slots: {name: [widget]}, unplaced: [widget]}`, as
// the state model keeps it; a widget is `{id, type, settings, title?, slot?}`.
// Widgets are compared by *logical slot*: the slot they are in, or, in the
// tray, the slot they remember. So widgets a layout switch (by either side)
// put in the tray did not move; the caller places the merged widgets into the
// merged layout, with its constraints, at the end.

/** Name of the tray of unplaced widgets where a slot name is expected. */
export const UNPLACED = '__unplaced__';

/** Choice for a clash: the editor's own version. */
export const MINE = 'mine';
/** Choice for a clash: the newer version, saved by someone else. */
export const THEIRS = 'theirs';

/** The id a layout clash has among the widgets' clashes. */
export const LAYOUT_CLASH = '__layout__';

/**
 * What a widget's card body is rendered from: its type and settings (keys in
 * a stable order), as a string to compare.
 * @param {{type: string, settings?: object}} widget
 * @returns {string}
 */
export function widgetKey(widget) {
  return `${widget.type}\n${stableJSON(widget.settings || {})}`;
}

/**
 * A JSON value as text, the members of objects in the order of their names,
 * so that the same data gives the same text whatever order it was built in.
 * @param {*} value
 * @returns {string}
 */
export function stableJSON(value) {
  if (Array.isArray(value)) return `[${value.map(stableJSON).join(',')}]`;
  if (value && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((name) => value[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${stableJSON(value[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

/**
 * The widgets of a snapshot by logical slot: `lists` maps a slot name (or
 * UNPLACED for tray widgets that remember none) to ids in order; tray widgets
 * follow the placed ones of the slot they remember.
 * @returns {{layout: string, lists: Map<string, string[]>, widgets: Map<string, object>, slotOf: Map<string, string>}}
 */
export function logical(snapshot) {
  const lists = new Map();
  const widgets = new Map();
  const slotOf = new Map();
  const put = (slot, widget) => {
    if (!lists.has(slot)) lists.set(slot, []);
    lists.get(slot).push(widget.id);
    widgets.set(widget.id, widget);
    slotOf.set(widget.id, slot);
  };
  for (const name of Object.keys(snapshot.slots)) {
    if (!lists.has(name)) lists.set(name, []);
    for (const widget of snapshot.slots[name]) put(name, widget);
  }
  for (const widget of snapshot.unplaced) put(widget.slot || UNPLACED, widget);
  return { layout: snapshot.layout, lists, widgets, slotOf };
}

/**
 * What changed from ``base`` to ``other``, widget by widget.
 * @param {object} base ``logical`` of the version both started from
 * @param {object} other ``logical`` of a changed version
 * @param {Set<string>} [moving] widgets to count as moved where the order
 *   allows either reading (two widgets swapped: which one moved?)
 * @returns {{layout: boolean, added: Set<string>, removed: Set<string>, changed: Set<string>, moved: Set<string>}}
 */
export function diff(base, other, moving = new Set()) {
  const added = new Set([...other.widgets.keys()].filter((id) => !base.widgets.has(id)));
  const removed = new Set([...base.widgets.keys()].filter((id) => !other.widgets.has(id)));
  const changed = new Set();
  const moved = new Set();
  for (const [id, widget] of other.widgets) {
    if (!base.widgets.has(id)) continue;
    if (widgetKey(widget) !== widgetKey(base.widgets.get(id))) changed.add(id);
    if (other.slotOf.get(id) !== base.slotOf.get(id)) moved.add(id);
  }
  // Within a slot, the widgets that keep their order among each other stay;
  // the others were moved (the fewest moves that explain the new order).
  for (const [slot, list] of other.lists) {
    const before = base.lists.get(slot) || [];
    const common = new Set(list.filter((id) => base.slotOf.get(id) === slot));
    const kept = new Set(
      stayingInOrder(
        before.filter((id) => common.has(id)),
        list.filter((id) => common.has(id)),
        moving,
      ),
    );
    for (const id of common) if (!kept.has(id)) moved.add(id);
  }
  return { layout: other.layout !== base.layout, added, removed, changed, moved };
}

// The longest run of widgets in the same order in ``a`` and ``b`` (the same
// widgets, reordered); among equally long ones, the one that leaves out the
// most widgets of ``moving``.
function stayingInOrder(a, b, moving) {
  const weight = (id) => a.length + 1 + (moving.has(id) ? 0 : 1);
  const best = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      best[i][j] = a[i] === b[j] ? best[i + 1][j + 1] + weight(a[i]) : Math.max(best[i + 1][j], best[i][j + 1]);
    }
  }
  const result = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push(a[i]);
      i += 1;
      j += 1;
    } else if (best[i + 1][j] >= best[i][j + 1]) i += 1;
    else j += 1;
  }
  return result;
}

// The nearest widget before ``id`` in ``list`` that ``keep`` accepts.
function previous(list, id, keep) {
  for (let i = list.indexOf(id) - 1; i >= 0; i -= 1) if (keep(list[i])) return list[i];
  return null;
}

/**
 * Replay the editor's changes (``base`` → ``mine``) on ``theirs``.
 * @param {{base: object, mine: object, theirs: object, moved?: Iterable<string>}} snapshots
 *   and ``moved``, the widgets the editor moved (where the order alone cannot tell)
 * @param {Record<string, 'mine'|'theirs'>} [choices] per clash id (a widget id or LAYOUT_CLASH)
 * @returns {{
 *   layout: string,
 *   placed: Array<{widget: object, slot: string}>,
 *   unplaced: object[],
 *   changes: number,
 *   applied: number,
 *   clashes: Array<object>,
 *   unresolved: string[],
 *   moved: string[],
 * }} the merged widgets by logical slot (``placed``, in order) and in the
 *   tray without a slot (``unplaced``); ``changes``: how many changes the
 *   editor made, ``applied``: how many of them are in the result; ``clashes``:
 *   `{id, kinds, base, mine, theirs}` with the widget of each side (or for
 *   the layout `{id: LAYOUT_CLASH, kinds: ['layout'], mine, theirs}` with
 *   layout names); ``unresolved``: the ids of clashes without a choice, which
 *   keep theirs meanwhile; ``moved``: the widgets the editor's moves placed
 */
export function merge({ base, mine, theirs, moved = [] }, choices = {}) {
  const b = logical(base);
  const m = logical(mine);
  const t = logical(theirs);
  const ours = diff(b, m, new Set(moved));
  // Where their order allows either reading, take the one that clashes with
  // the editor's changes rather than one that silently drops theirs.
  const others = diff(b, t, new Set([...ours.moved, ...ours.changed, ...ours.removed]));
  const clashes = [];
  const keepsMine = (id) => choices[id] === MINE;
  let changes = 0;
  let applied = 0;
  const count = (done) => {
    changes += 1;
    if (done) applied += 1;
  };

  let layout = t.layout;
  if (ours.layout) {
    const clash = others.layout && m.layout !== t.layout;
    if (clash) clashes.push({ id: LAYOUT_CLASH, kinds: ['layout'], base: b.layout, mine: m.layout, theirs: t.layout });
    const mineWins = !clash || keepsMine(LAYOUT_CLASH);
    if (mineWins) layout = m.layout;
    count(mineWins);
  }

  // Which widget (of which side) ends up in the result, and which of them
  // the editor's changes place.
  const chosen = new Map(t.widgets);
  const toPlace = new Set();
  const othersChanged = (id) => others.changed.has(id) || others.moved.has(id);
  const oursChanged = (id) => ours.changed.has(id) || ours.moved.has(id);
  const clash = (id, kinds) =>
    clashes.push({ id, kinds, base: b.widgets.get(id) || null, mine: m.widgets.get(id) || null, theirs: t.widgets.get(id) || null });

  for (const id of ours.added) {
    chosen.set(id, m.widgets.get(id));
    toPlace.add(id);
    count(true);
  }
  for (const id of ours.removed) {
    const clashing = t.widgets.has(id) && othersChanged(id);
    if (clashing) clash(id, ['removedChanged']);
    const mineWins = !clashing || keepsMine(id);
    if (mineWins) chosen.delete(id);
    count(mineWins);
  }
  for (const id of others.removed) {
    if (!m.widgets.has(id) || !oursChanged(id)) continue;
    clash(id, ['changedRemoved']);
    const mineWins = keepsMine(id);
    if (mineWins) {
      chosen.set(id, m.widgets.get(id));
      toPlace.add(id);
    }
    // Each change of the editor's to the widget is back, or none is.
    for (const set of [ours.changed, ours.moved]) if (set.has(id)) count(mineWins);
  }
  for (const [id, widget] of m.widgets) {
    if (!b.widgets.has(id) || !t.widgets.has(id)) continue;
    const kinds = [];
    const settingsClash = ours.changed.has(id) && others.changed.has(id) && widgetKey(widget) !== widgetKey(t.widgets.get(id));
    if (settingsClash) kinds.push('settings');
    const moveClash = ours.moved.has(id) && others.moved.has(id) && !samePlace(m, t, id);
    if (moveClash) kinds.push('moved');
    if (kinds.length) clash(id, kinds);
    if (ours.changed.has(id)) {
      const mineWins = !settingsClash || keepsMine(id);
      if (mineWins) chosen.set(id, widget);
      count(mineWins);
    }
    if (ours.moved.has(id)) {
      const mineWins = !moveClash || keepsMine(id);
      if (mineWins) toPlace.add(id);
      count(mineWins);
    }
  }

  // Start from their order, without what goes and what the editor places.
  const lists = new Map();
  for (const [slot, list] of t.lists) lists.set(slot, list.filter((id) => chosen.has(id) && !toPlace.has(id)));
  // Then put each widget the editor placed after the nearest widget it
  // follows in the editor's version, else before the nearest it precedes.
  for (const [slot, list] of m.lists) {
    if (!lists.has(slot)) lists.set(slot, []);
    const target = lists.get(slot);
    list.forEach((id, index) => {
      if (!toPlace.has(id)) return;
      const after = previous(list, id, (other) => target.includes(other));
      if (after !== null) {
        target.splice(target.indexOf(after) + 1, 0, id);
        return;
      }
      const before = list.slice(index + 1).find((other) => target.includes(other));
      target.splice(before === undefined ? target.length : target.indexOf(before), 0, id);
    });
  }

  const placed = [];
  for (const [slot, list] of lists) {
    if (slot === UNPLACED) continue;
    for (const id of list) placed.push({ widget: withoutSlot(chosen.get(id)), slot });
  }
  const unplaced = (lists.get(UNPLACED) || []).map((id) => withoutSlot(chosen.get(id)));
  const unresolved = clashes.filter((c) => choices[c.id] !== MINE && choices[c.id] !== THEIRS).map((c) => c.id);
  const placedByMine = [...toPlace].filter((id) => ours.moved.has(id));
  return { layout, placed, unplaced, changes, applied, clashes, unresolved, moved: placedByMine };
}

// Both moved a widget to the same place: the same slot, after the same
// widget that both versions have there.
function samePlace(m, t, id) {
  const slot = m.slotOf.get(id);
  if (slot !== t.slotOf.get(id)) return false;
  const mineList = m.lists.get(slot);
  const theirList = t.lists.get(slot);
  const shared = (other) => mineList.includes(other) && theirList.includes(other);
  return previous(mineList, id, shared) === previous(theirList, id, shared);
}

function withoutSlot(widget) {
  if (!('slot' in widget)) return widget;
  const { slot, ...rest } = widget; // eslint-disable-line no-unused-vars
  return rest;
}
