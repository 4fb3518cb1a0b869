// Message keys of the editor with their English defaults.
//
// The state model and the DOM layer never hold user-visible text: they produce
// `{key, params}` objects, and `translate` turns them into text with the
// messages the design view passes (see docs/editor-markup.md), falling back to
// these defaults. A param may itself be a `{key, params}` object.
//
// The keys and defaults have one source, design/messages.json of the Python
// package: the bundle holds a copy of it, the server makes its translatable
// messages from it (design/messages.py), `make i18n` puts them in the .pot.

import ENGLISH from '../../src/collective/composite/design/messages.json';

export const DEFAULT_MESSAGES = Object.freeze({ ...ENGLISH });

/**
 * Turn a message object into text.
 * @param {Record<string,string>} messages translated messages (may be partial)
 * @param {{key: string, params?: object}|string} message
 * @returns {string}
 */
export function translate(messages, message) {
  if (typeof message === 'string') return message;
  if (!message || typeof message.key !== 'string') return '';
  const template =
    (messages && Object.prototype.hasOwnProperty.call(messages, message.key) && messages[message.key]) ||
    DEFAULT_MESSAGES[message.key] ||
    message.key;
  const params = message.params || {};
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (value && typeof value === 'object') return translate(messages, value);
    return String(value);
  });
}

/**
 * Translate a list of message objects into one sentence sequence.
 * @returns {string}
 */
export function translateAll(messages, list) {
  return (list || []).map((m) => translate(messages, m)).filter(Boolean).join(' ');
}

/**
 * A point in time (ISO 8601) as the page's language writes it, or "?".
 * @param {string|null} iso
 * @param {Document} document its ``<html lang>`` gives the language
 * @returns {string}
 */
export function formatTime(iso, document) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '?';
  const lang = (document && document.documentElement.lang) || undefined;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}
