"""The shared memo (``collective.composite.widgets.shared_memo.Memo``) side by
side with the caches a Plone add-on could use instead, in one run.

The workload is the HTML filter's (``widgets/htmlfilter.py``): digest keys,
filtered HTML of 200 to 6,000 characters, at most 8 million characters kept,
most views hitting (a few pages viewed often, a long tail). Each cache is
driven through the two calls the add-on makes, ``get`` then, on a miss,
``set``; from one thread, then from four at once (Zope's default), since the
memo is shared by a process's threads:

- ``Memo``: the add-on's (an OrderedDict under a lock, bounded by the total
  length of the values);
- ``cachetools.LRUCache``: bounded the same way (``getsizeof=len``), under a
  lock as cachetools asks for threads, values over a tenth refused as Memo does;
- ``plone.memoize.ram``: Plone's RAM cache (``zope.ramcache``), bounded by a
  number of entries (it has no bound by size), the closest: 8 million
  characters at the workload's mean length.

Run: ``.venv-bench/bin/python benchmarks/memo_bench.py`` (``make bench``'s
environment has cachetools); prints a Markdown table.
"""

from collective.composite.widgets.shared_memo import Memo

import argparse
import hashlib
import random
import threading
import time


CAPACITY = 8_000_000
KEYS = 20_000


def workload(operations: int, alpha: float, seed: int) -> list[tuple[str, str]]:
    """``operations`` (key, value) pairs, keys Zipf-like over :data:`KEYS`
    (a smaller ``alpha``: a longer tail, more misses and evictions)."""
    rng = random.Random(seed)
    values = {}
    pairs = []
    for _ in range(operations):
        index = min(int(rng.paretovariate(alpha)) - 1, KEYS - 1)
        key = hashlib.sha256(str(index).encode()).hexdigest()
        if key not in values:
            values[key] = "x" * rng.randint(200, 6000)
        pairs.append((key, values[key]))
    return pairs


class LockedLRU:
    """cachetools' LRU cache bounded by the values' length, under a lock."""

    def __init__(self, capacity: int):
        import cachetools

        self.capacity = capacity
        self._cache = cachetools.LRUCache(maxsize=capacity, getsizeof=len)
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            return self._cache.get(key)

    def set(self, key, value):
        if len(value) > self.capacity // 10:
            return
        with self._lock:
            self._cache[key] = value


class PloneRAM:
    """plone.memoize's RAM cache adapter over its own ``zope.ramcache``."""

    def __init__(self, entries: int):
        from plone.memoize.ram import RAMCacheAdapter
        from zope.ramcache.ram import RAMCache

        ramcache = RAMCache()
        ramcache.update(maxEntries=entries, maxAge=0, cleanupInterval=300)
        self._cache = RAMCacheAdapter(ramcache, globalkey="bench")

    def get(self, key):
        return self._cache.get(key)

    def set(self, key, value):
        self._cache[key] = value


def drive(cache, pairs) -> int:
    """The add-on's calls: ``get``, ``set`` on a miss. :returns: the hits."""
    hits = 0
    for key, value in pairs:
        if cache.get(key) is None:
            cache.set(key, value)
        else:
            hits += 1
    return hits


def run_threads(cache, pairs, threads: int) -> tuple[float, int]:
    """Drive ``cache`` with ``pairs`` split over ``threads`` threads.

    :returns: the seconds taken and the hits.
    """
    chunks = [pairs[i::threads] for i in range(threads)]
    hits = [0] * threads

    def run(i: int) -> None:
        hits[i] = drive(cache, chunks[i])

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start, sum(hits)


def measure(make, pairs, threads: int) -> tuple[float, float]:
    """:returns: operations a second (best of 3) and the hit ratio."""
    best, ratio = 0.0, 0.0
    for _ in range(3):
        seconds, hits = run_threads(make(), pairs, threads)
        best, ratio = max(best, len(pairs) / seconds), hits / len(pairs)
    return best, ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=200_000)
    args = parser.parse_args()
    for alpha in (1.1, 0.4):
        table(workload(args.operations, alpha, seed=14), alpha)


def table(pairs, alpha: float) -> None:
    """Print one workload's Markdown table."""
    mean = sum(len(v) for _, v in pairs) / len(pairs)
    caches = {
        "Memo (the add-on's)": lambda: Memo(CAPACITY),
        "cachetools.LRUCache + lock": lambda: LockedLRU(CAPACITY),
        "plone.memoize.ram (zope.ramcache)": lambda: PloneRAM(int(CAPACITY / mean)),
    }
    print(
        f"{len(pairs)} get/set, {KEYS} keys (Pareto {alpha}), "
        f"mean value {mean:.0f} characters"
    )
    print()
    print("| cache | 1 thread (ops/s) | 4 threads (ops/s) | hit ratio |")
    print("|---|---|---|---|")
    for name, make in caches.items():
        one, ratio = measure(make, pairs, 1)
        four, _ = measure(make, pairs, 4)
        print(f"| {name} | {one:,.0f} | {four:,.0f} | {ratio:.1%} |")
    print()


if __name__ == "__main__":
    main()
