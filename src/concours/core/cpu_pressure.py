"""Whether the machine's processes are kept waiting for a CPU: Linux's pressure stall information (PSI).

A task worker on the machine that serves the pages asks it before each task (`concours task_worker
--yield-to-web`). In a deadline rush the web server keeps both cores busy and its requests queue for
them: a background task started then (a LibreOffice render takes a third of a second of CPU) takes a
core from the submissions however low its priority, and the rush went from 30 to 20 submissions per
second (bench/bench_deadline_rush.py). Waiting while others wait for a CPU leaves the cores to the web
server; the work is done when the rush is over.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PSI_CPU = Path("/proc/pressure/cpu")


def stalled_microseconds(path: Path = PSI_CPU) -> int | None:
    """Microseconds during which some runnable task waited for a CPU since boot (the "some" line's total);
    None where the kernel does not say (no PSI: not Linux, or a kernel built without it)."""
    try:
        text = path.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        kind, *fields = line.split()
        if kind != "some":
            continue
        for item in fields:
            key, _, value = item.partition("=")
            if key == "total" and value.isdigit():
                return int(value)
    return None


@dataclass
class PressureGauge:
    """The share of time some task waited for a CPU, over the last `window` seconds or more.

    Readings are taken no more often than every `window` seconds: a worker running short tasks one after
    the other asks before each, and between two readings the last share stands (no wait for a new one).
    A reading older than `fresh_for` seconds says nothing of now (a worker idle for a minute would read
    the minute's average as a rush begins): a new window is read first.
    """

    read: Callable[[], int | None] = stalled_microseconds
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    window: float = 0.2
    fresh_for: float = 1.0
    _last: tuple[float, int] | None = field(default=None, init=False)
    _share: float = field(default=0.0, init=False)

    def share(self) -> float | None:
        """Between 0 (nothing waited) and 1 (something waited all the time); None without PSI."""
        now, total = self.clock(), self.read()
        if total is None:
            return None
        stale = self._last is None or now - self._last[0] > self.fresh_for
        if stale:
            self._last = (now, total)
            self.sleep(self.window)
            now, total = self.clock(), self.read()
            if total is None:
                return None
        assert self._last is not None
        then, before = self._last
        if (stale or now - then >= self.window) and now > then:
            self._share = min(1.0, max(0.0, (total - before) / 1_000_000 / (now - then)))
            self._last = (now, total)
        return self._share


def wait_while_busy(gauge: PressureGauge, *, threshold: float, longest: float, pause: float = 0.5) -> float:
    """Wait while tasks wait for a CPU more than `threshold` of the time, at most `longest` seconds (so
    that work is never held back for ever on a machine always busy); returns the seconds waited."""
    started = gauge.clock()
    while True:
        share = gauge.share()
        waited = gauge.clock() - started
        # Within a millisecond of the limit is at it (a clock's float may never reach it exactly).
        if share is None or share <= threshold or waited >= longest - 0.001:
            return waited
        gauge.sleep(min(pause, longest - waited))
