"""The CPU pressure a task worker reads before each task (`core.cpu_pressure`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.core.cpu_pressure import PSI_CPU, PressureGauge, stalled_microseconds, wait_while_busy


class Machine:
    """A clock that moves only when slept on, and a stall counter that grows by `busy` of the time."""

    def __init__(self, busy: list[float], *, psi: bool = True) -> None:
        self.now = 100.0
        self.total = 5_000_000
        self.busy = busy  # the share of each pause during which something waited; the last one stays
        self.psi = psi
        self.slept: list[float] = []

    def read(self) -> int | None:
        return self.total if self.psi else None

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        share = self.busy.pop(0) if len(self.busy) > 1 else self.busy[0]
        self.slept.append(seconds)
        self.now += seconds
        self.total += int(seconds * share * 1_000_000)

    def gauge(self) -> PressureGauge:
        return PressureGauge(read=self.read, clock=self.clock, sleep=self.sleep)


def test_the_stall_total_is_read_from_the_some_line(tmp_path: Path) -> None:
    psi = tmp_path / "cpu"
    psi.write_text(
        "some avg10=12.50 avg60=3.10 avg300=0.80 total=987654321\n"
        "full avg10=0.00 avg60=0.00 avg300=0.00 total=7\n"
    )
    assert stalled_microseconds(psi) == 987654321
    psi.write_text("full avg10=0.00 avg60=0.00 avg300=0.00 total=7\n")
    assert stalled_microseconds(psi) is None
    assert stalled_microseconds(tmp_path / "absent") is None


@pytest.mark.skipif(not PSI_CPU.exists(), reason="this kernel gives no pressure stall information")
def test_this_machine_s_pressure_is_a_share_of_time() -> None:
    before = stalled_microseconds()
    share = PressureGauge(window=0.05).share()
    assert before is not None and share is not None and 0.0 <= share <= 1.0
    after = stalled_microseconds()
    assert after is not None and after >= before


def test_a_busy_machine_is_waited_for_until_it_is_quiet() -> None:
    machine = Machine([0.6, 0.4, 0.3, 0.05])
    waited = wait_while_busy(machine.gauge(), threshold=0.15, longest=60)
    # A first reading over the window (0.2 s at 60 % busy), then one per pause until the share falls.
    assert machine.slept == [0.2, 0.5, 0.5, 0.5]
    assert waited == pytest.approx(1.7)


def test_a_machine_always_busy_is_waited_for_no_longer_than_the_limit() -> None:
    machine = Machine([0.9])
    waited = wait_while_busy(machine.gauge(), threshold=0.15, longest=3)
    assert waited == pytest.approx(3.0)
    assert sum(machine.slept) == pytest.approx(3.0)


def test_a_quiet_machine_costs_one_window_then_nothing() -> None:
    machine = Machine([0.02])
    gauge = machine.gauge()
    assert wait_while_busy(gauge, threshold=0.15, longest=60) == pytest.approx(0.2)
    # The next tasks follow at once: the last share stands until a window has passed by itself.
    for _ in range(5):
        assert wait_while_busy(gauge, threshold=0.15, longest=60) == 0
    assert machine.slept == [0.2]


def test_after_a_quiet_spell_a_fresh_window_is_read_before_the_next_task() -> None:
    """A worker idle for a minute must not take that minute's calm for now: the rush may just have begun."""
    machine = Machine([0.02])
    gauge = machine.gauge()
    assert wait_while_busy(gauge, threshold=0.15, longest=60) == pytest.approx(0.2)
    machine.now += 60  # a minute without tasks, quiet throughout
    machine.total += int(60 * 0.02 * 1_000_000)
    machine.busy = [0.5, 0.5, 0.05]  # then the rush
    waited = wait_while_busy(gauge, threshold=0.15, longest=60)
    assert machine.slept[1:] == [0.2, 0.5, 0.5]
    assert waited == pytest.approx(1.2)


def test_without_pressure_information_nothing_waits() -> None:
    machine = Machine([0.9], psi=False)
    assert wait_while_busy(machine.gauge(), threshold=0.15, longest=60) == 0
    assert machine.slept == []


@given(
    shares=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=30),
    threshold=st.floats(min_value=0, max_value=0.9),
    longest=st.floats(min_value=0.5, max_value=20),
)
def test_the_wait_ends_quiet_or_at_the_limit(shares: list[float], threshold: float, longest: float) -> None:
    machine = Machine(list(shares))
    gauge = machine.gauge()
    waited = wait_while_busy(gauge, threshold=threshold, longest=longest)
    assert waited <= longest + gauge.window + 1e-9
    # It stopped because the last share read was quiet enough, or because it had waited long enough.
    assert gauge.share() <= threshold + 1e-9 or waited >= longest - 0.001 - 1e-9  # type: ignore[operator]
