"""Slow down repeated failures from one address: a small counter over a sliding window."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class Throttle:
    """Count failures per key (an address); after `limit` within `window` seconds, say how
    long to wait. In memory, per process: enough for one `kb serve`."""

    def __init__(self, limit: int = 5, window: float = 900.0, keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.keys, self.clock = limit, window, keys, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Return the seconds until the key may try again; 0 when it may now."""
        with self._lock:
            times = self._recent(key)
            if len(times) < self.limit:
                return 0.0
            return max(0.0, times[0] + self.window - self.clock())

    def failed(self, key: str) -> None:
        """Count one failure of the key."""
        with self._lock:
            times = self._recent(key)
            times.append(self.clock())
            while len(times) > self.limit:
                times.popleft()
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > self.keys:  # forget the longest quiet addresses
                self._failures.popitem(last=False)

    def succeeded(self, key: str) -> None:
        """Forget the key's failures."""
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str) -> deque[float]:
        times = self._failures.get(key, deque())
        cutoff = self.clock() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        return times
