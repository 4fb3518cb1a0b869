"""A bounded memo of computed strings, shared by the threads of one process.

Only for pure functions: the key must name every input the value depends on,
so that an entry can never be stale, only unused (and then evicted).
"""

from collections import OrderedDict
from collections.abc import Hashable

import threading


class Memo:
    """Least recently used strings, at most ``capacity`` characters in all.

    :param capacity: the total length of the values kept; a value longer than
        a tenth of it is not kept.
    """

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> str | None:
        """:returns: the value kept for ``key``, or None."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: Hashable, value: str) -> None:
        """Keep ``value`` for ``key``, forgetting the least recently used
        values beyond the capacity."""
        if len(value) > self.capacity // 10:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._size -= len(previous)
            self._entries[key] = value
            self._size += len(value)
            while self._size > self.capacity:
                _key, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._entries.clear()
            self._size = 0
