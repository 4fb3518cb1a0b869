// The state model's keyboard model: pick up a widget, move it slot by slot and
// place by place (skipping slots that refuse it, saying why), drop it or put
// it back. Methods of EditorState (state.js).

import { UNPLACED } from '../merge.js';
import { refusal, success } from './results.js';
import { sameArrangement, settle } from './snapshot.js';

const DIRECTIONS = ['up', 'down', 'left', 'right'];

export class Keyboard {
  /** @returns {string|null} the id of the picked-up widget */
  get grabbed() {
    return this.grab ? this.grab.id : null;
  }

  /** Pick a widget up for moving with the keyboard. */
  pickUp(id) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    if (this.grab) return refusal('already-grabbed', 'refused.alreadyGrabbed');
    const place = this.find(id);
    if (!place) return refusal('unknown-widget', 'refused.unknownWidget', { id });
    this.grab = { id, origin: this.current };
    this._notify();
    return success('kb.pickedUp', this.placeParams(id));
  }

  /**
   * Move the picked-up widget one step. Up/down move within the slot and past
   * its ends into the previous/next slot; left/right go to the previous/next
   * slot. The tray comes after the last slot. Slots that refuse the widget are
   * skipped, and each skip is announced with its reason.
   * @param {'up'|'down'|'left'|'right'} direction
   */
  moveGrabbed(direction) {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    if (!DIRECTIONS.includes(direction)) {
      return refusal('unknown-direction', 'refused.unknownDirection', { direction });
    }
    const id = this.grab.id;
    const place = this.find(id);
    const length = this.widgets(place.slot).length;
    if (direction === 'up' && place.index > 0) return this._stepTo(id, place.slot, place.index - 1, []);
    if (direction === 'down' && place.index < length - 1) {
      return this._stepTo(id, place.slot, place.index + 1, []);
    }
    const containers = [...this.slotNames(), UNPLACED];
    const step = direction === 'up' || direction === 'left' ? -1 : 1;
    const skipped = [];
    for (let i = containers.indexOf(place.slot) + step; i >= 0 && i < containers.length; i += step) {
      const name = containers[i];
      const refused = this.refusal(place.widget.type, name, id);
      if (refused) {
        skipped.push({ key: 'kb.skipped', params: { slot: this.slotLabel(name), reason: refused.messages[0] } });
        continue;
      }
      const size = this.widgets(name).length;
      let index;
      if (direction === 'up') index = size;
      else if (direction === 'down') index = 0;
      else index = Math.min(place.index, size);
      return this._stepTo(id, name, index, skipped);
    }
    const title = this.widgetTitle(place.widget);
    return {
      ok: false,
      reason: skipped.length ? 'refused' : 'edge',
      messages: [...skipped, { key: 'kb.cannotMove', params: { title } }],
    };
  }

  _stepTo(id, slotName, index, skipped) {
    const result = this._move(id, slotName, index);
    if (!result.ok) return result;
    if (result.next) {
      this.current = result.next;
      this._notify();
    }
    return { ok: true, messages: [...skipped, { key: 'kb.moved', params: this.placeParams(id) }] };
  }

  /** Drop the picked-up widget where it is (one undo step for the whole move). */
  drop() {
    const busy = this.frozenRefusal();
    if (busy) return busy;
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    const { id, origin } = this.grab;
    this.grab = null;
    const changed = !sameArrangement(origin, this.current);
    if (changed) {
      this.past.push(origin);
      this.future = [];
      this.lastAdd = null;
      this.current = settle(this.layout, this.current);
      const place = this.find(id);
      this.causes.set(this.current, this._what('moved', place.widget, this.slotLabel(place.slot)));
      this.moved.set(this.current, [id]);
    }
    this._notify();
    return success('kb.dropped', this.placeParams(id), { changed });
  }

  /** Put the picked-up widget back where it was picked up. */
  cancelGrab() {
    if (!this.grab) return refusal('not-grabbed', 'refused.notGrabbed');
    const { id, origin } = this.grab;
    this.grab = null;
    this.current = origin;
    this._notify();
    return success('kb.cancelled', this.placeParams(id));
  }

  // Any other operation ends a keyboard move by putting the widget back, so a
  // half-finished move never becomes part of the history unnoticed. Listeners
  // hear of it at once: an operation refused after it (a full slot, say)
  // notifies nobody, and the page went on showing the widget where the move
  // had taken it, while the arrangement had it back where it was.
  _dropGrab() {
    if (!this.grab) return;
    this.current = this.grab.origin;
    this.grab = null;
    this._notify();
  }
}
