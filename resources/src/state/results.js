// The results of the state model's operations:
//   {ok: true, messages: [{key, params}], ...}
//   {ok: false, reason: 'slot-full' | ..., messages: [{key, params}]}

/** A refused operation: the state is unchanged. */
export function refusal(reason, key, params) {
  return { ok: false, reason, messages: [{ key, params: params || {} }] };
}

/** A done operation, saying what it did. */
export function success(key, params, extra) {
  return { ok: true, messages: key ? [{ key, params: params || {} }] : [], ...extra };
}
