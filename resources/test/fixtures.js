// Shared test data: the shipped layouts (with constraints added for testing)
// and an arrangement as the REST service gives it.
import { EditorState, UNPLACED } from '../src/state.js';

export const LAYOUTS = [
  { name: 'one-column', title: 'One column', slots: [{ name: 'main', title: 'Main', allowed: null, max: null }] },
  {
    name: 'two-columns',
    title: 'Two columns',
    slots: [
      { name: 'main', title: 'Main', allowed: null, max: null },
      { name: 'sidebar', title: 'Sidebar', allowed: ['text', 'listing'], max: 2 },
    ],
  },
  {
    name: 'three-columns',
    title: 'Three columns',
    slots: [
      { name: 'left', title: 'Left', allowed: null, max: null },
      { name: 'main', title: 'Main', allowed: null, max: null },
      { name: 'right', title: 'Right', allowed: null, max: null },
    ],
  },
  {
    name: 'landing',
    title: 'Landing page',
    slots: [
      { name: 'hero', title: 'Hero', allowed: ['image', 'text'], max: 1 },
      { name: 'feature-1', title: 'Feature 1', allowed: null, max: null },
      { name: 'main', title: 'Main', allowed: null, max: null },
    ],
  },
];

export const WIDGET_TYPES = [
  { name: 'content', title: 'Content item', icon: 'file-earmark' },
  { name: 'text', title: 'Text', icon: 'text-paragraph' },
  { name: 'image', title: 'Image', icon: 'image' },
  { name: 'listing', title: 'Listing', icon: 'list' },
  { name: 'html', title: 'HTML', icon: 'code' },
];

export function twoColumns() {
  return {
    layout: 'two-columns',
    version: 'v1',
    slots: {
      main: [
        { id: 'a', type: 'text', settings: { text: '<p>A</p>' }, title: 'Welcome' },
        { id: 'b', type: 'image', settings: { image: 'uid-1' }, title: 'Photo' },
        { id: 'c', type: 'content', settings: { uid: 'uid-2', view: 'summary' }, title: 'News' },
      ],
      sidebar: [{ id: 'd', type: 'listing', settings: { query: [] }, title: 'Latest' }],
    },
    unplaced: [],
  };
}

export function counterIds(prefix = 'new') {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}${n}`;
  };
}

export function ids(state, slot) {
  return state.widgets(slot).map((widget) => widget.id);
}

/** A state model of ``arrangement`` with the test layouts and widget types; new ids are new1, new2, … */
export function editor(arrangement = twoColumns(), layouts = LAYOUTS) {
  return new EditorState({ arrangement, layouts, widgetTypes: WIDGET_TYPES, newId: counterIds() });
}

/** The ids of every widget of the state, placed or not, sorted. */
export function allIds(state) {
  return [...state.slotNames().flatMap((name) => ids(state, name)), ...ids(state, UNPLACED)].sort();
}
