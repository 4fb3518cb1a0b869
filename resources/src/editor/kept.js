// Changes kept in the tab's sessionStorage (after a conflict, or for logging
// in again): their key, how they are read back, and how long they count as
// just kept. The flows that keep and re-apply them are editor/saving.js's.

/**
 * How long kept changes (``keepForLogin``, ``_stash``) are re-applied or
 * offered as usual: an hour. Logging in again takes minutes, and an hour
 * leaves room for a break; after that the user may no longer remember them
 * and the page may have moved on, so on their page they are no longer
 * re-applied by themselves but offered with the time they were kept, and
 * those for other pages are discarded.
 */
export const KEPT_FOR = 60 * 60 * 1000;

const KEPT_PREFIX = 'collective.composite:pending:';

/**
 * The sessionStorage key of the changes kept for ``user`` on the page whose
 * REST service is ``saveUrl``.
 * @param {string} saveUrl
 * @param {string} user
 * @returns {string}
 */
export function keptKey(saveUrl, user) {
  return `${KEPT_PREFIX}${saveUrl}:user:${user}`;
}

/**
 * Kept changes as stored, or null when they cannot be read: not JSON, or
 * not the shape ``exportPending`` gives (another version of the editor, a
 * hand-edited entry).
 * @param {string} raw
 * @returns {object|null}
 */
export function readKept(raw) {
  try {
    const data = JSON.parse(raw);
    // Any other shape fails here, if not by a TypeError on the way.
    const arrangement = (value) =>
      typeof value.layout === 'string' &&
      [...Object.values(value.slots), value.unplaced || []].every((list) =>
        list.every((widget) => typeof widget.type === 'string'),
      );
    if (arrangement(data.mine) && arrangement(data.base)) return data;
  } catch {
    // Not JSON, or not an arrangement.
  }
  return null;
}

/**
 * Discard the kept entries other than ``ownKey`` (other pages, other users)
 * older than ``KEPT_FOR``, and those that cannot be read or have no time:
 * sessionStorage is the tab's, and they would pile up in a tab used for hours.
 * @param {Storage} storage
 * @param {string} ownKey the key of this user's entry for this page, kept
 * @param {string} user the user whose discarded pages are returned
 * @returns {string[]} the addresses of ``user``'s pages whose entries went
 */
export function forgetOldKept(storage, ownKey, user) {
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
  const pages = [];
  const suffix = `:user:${user}`;
  for (const key of keys) {
    if (!key || !key.startsWith(KEPT_PREFIX) || key === ownKey) continue;
    const data = readKept(storage.getItem(key));
    if (data && Date.now() - Date.parse(data.keptAt) <= KEPT_FOR) continue;
    storage.removeItem(key);
    // The page's address, from its REST service's.
    if (data && key.endsWith(suffix)) pages.push(key.slice(KEPT_PREFIX.length, -suffix.length - '/++api++/@composite'.length));
  }
  return pages;
}
