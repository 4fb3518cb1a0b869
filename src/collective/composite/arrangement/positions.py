"""Ordering keys: strings that sort in the order of the widgets in a slot.

Fractional indexing: there is always a key between two others, so moving or
inserting a widget rewrites that widget only, never its neighbours. Keys are
made of the 62 ASCII letters and digits (sorted as in ASCII) and never end in
``0``, which keeps room below every key.
"""

from bisect import bisect_left

import string


DIGITS = string.digits + string.ascii_uppercase + string.ascii_lowercase


def key_between(low: str | None, high: str | None) -> str:
    """A key sorting strictly between two keys.

    :param low: the key before, or None for the start of the slot.
    :param high: the key after, or None for the end of the slot.
    :returns: a new key, short where there is room.
    :raises ValueError: when ``low`` does not sort before ``high``.
    """
    if low is not None and high is not None and low >= high:
        raise ValueError(f"{low!r} does not sort before {high!r}")
    return _midpoint(low or "", high)


def keys_between(low: str | None, high: str | None, count: int) -> list[str]:
    """``count`` ascending keys between two keys, spread out to stay short.

    :param low: the key before, or None for the start of the slot.
    :param high: the key after, or None for the end of the slot.
    :param count: how many keys to make.
    :returns: the keys, in order.
    """
    if count <= 0:
        return []
    middle = key_between(low, high)
    before = (count - 1) // 2
    return (
        keys_between(low, middle, before)
        + [middle]
        + keys_between(middle, high, count - 1 - before)
    )


def reorder(ids: list[str], current: dict[str, str]) -> dict[str, str]:
    """Ordering keys that put widgets in a new order, rewriting as few as possible.

    The longest run of widgets that are already in order keeps its keys; the
    others get keys between them.

    :param ids: the widget ids of one slot, in their new order.
    :param current: widget id -> key, of the widgets now in that slot.
    :returns: widget id -> key, for every id in ``ids``.
    """
    kept = _longest_ascending([wid for wid in ids if wid in current], current)
    positions = {}
    pending = []
    low = None
    for widget_id in [*ids, None]:
        if widget_id is not None and widget_id not in kept:
            pending.append(widget_id)
            continue
        high = None if widget_id is None else current[widget_id]
        positions.update(
            zip(pending, keys_between(low, high, len(pending)), strict=True)
        )
        pending = []
        if widget_id is not None:
            positions[widget_id] = low = high
    return positions


def _longest_ascending(ids: list[str], keys: dict[str, str]) -> set[str]:
    """The ids of a longest subsequence of ``ids`` whose keys strictly ascend."""
    tails, tail_at, previous = [], [], []
    for index, widget_id in enumerate(ids):
        length = bisect_left(tails, keys[widget_id])
        previous.append(tail_at[length - 1] if length else None)
        if length == len(tails):
            tails.append(keys[widget_id])
            tail_at.append(index)
        else:
            tails[length] = keys[widget_id]
            tail_at[length] = index
    kept = set()
    index = tail_at[-1] if tail_at else None
    while index is not None:
        kept.add(ids[index])
        index = previous[index]
    return kept


def _midpoint(low: str, high: str | None) -> str:
    if high is not None:
        # Digits shared by both keys (low padded with zeros) stay as they are.
        common = 0
        while common < len(high) and (low[common : common + 1] or "0") == high[common]:
            common += 1
        if common:
            return high[:common] + _midpoint(low[common:], high[common:])
    first = DIGITS.index(low[0]) if low else 0
    if high is None:
        # Appending is the common case: step one digit up, so keys grow slowly.
        if not low:
            return DIGITS[len(DIGITS) // 2]
        if first + 1 < len(DIGITS):
            return DIGITS[first + 1]
        return DIGITS[first] + _midpoint(low[1:], None)
    last = DIGITS.index(high[0])
    if last - first > 1:
        return DIGITS[(first + last) // 2]
    if len(high) > 1:
        return high[0]
    return DIGITS[first] + _midpoint(low[1:], None)
