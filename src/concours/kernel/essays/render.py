"""Rendering a .docx to PDF with LibreOffice, the only honest page count, and counting its pages.

A `Renderer` keeps one LibreOffice warm between documents: a helper run by Debian's Python (which has
the UNO bridge, `python3-uno`; the project's virtual environment cannot import it) starts
`soffice --headless --accept=pipe,...` with a profile of its own and converts over UNO, about 0.2 s a
page-or-two essay against about 2 s for a cold `soffice --convert-to`. Where the bridge is missing the
renderer falls back to that cold conversion, still with its own profile. (A second
`soffice --convert-to` with the profile of a running instance does hand the job over, but the running
instance then quits, so it saves nothing.)

Each renderer converts one document at a time (a lock) and removes its temporary files; run one
renderer per worker process for parallel rendering.

Containment (`RenderLimits`): a document that would cost too much to lay out is refused before
LibreOffice sees it (`cost.py`). Every LibreOffice runs in a process group of its own, led by the helper
(or by the cold `soffice`), under limits set before it starts: address space (RLIMIT_AS), CPU seconds
(RLIMIT_CPU: per document when cold, `warm_cpu_seconds` in all when warm, after which it is started
afresh), no core files, and a signal when its parent dies. The renderer watches each document's wall
time and the CPU its group spends on it, and kills the whole group (`os.killpg`) when either passes its
limit, when LibreOffice fails, and when the renderer closes; the next document starts a fresh one. The
helper kills its group itself when the process that started it goes away, however it went (see
`uno_worker.py`), so a worker killed in the middle of a document leaves no LibreOffice behind.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import io
import json
import math
import os
import resource
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from concours.kernel.essays.cost import DEFAULT_RENDER_LIMITS, RenderLimits, check_cost
from concours.kernel.essays.errors import RenderError
from concours.kernel.essays.printable import printable_copy

SYSTEM_PYTHON = "/usr/bin/python3"
WORKER = Path(__file__).with_name("uno_worker.py")
DEFAULT_TIMEOUT = DEFAULT_RENDER_LIMITS.wall_seconds
# How often a long render's CPU is looked at.
WATCH_SECONDS = 0.25
PR_SET_PDEATHSIG = 1
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def count_pages(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except (PdfReadError, ValueError, OSError) as error:
        raise RenderError(f"the PDF cannot be read: {error}") from error


def uno_available(python: str = SYSTEM_PYTHON) -> bool:
    """Whether `python` can import the UNO bridge (python3-uno), so that a warm renderer can run."""
    if not Path(python).exists():
        return False
    try:
        result = subprocess.run(
            [python, "-I", "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


class _Processes:
    """What a renderer must clean up: its warm helper (with LibreOffice) and its temporary folder."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.helper: subprocess.Popen[bytes] | None = None
        self.pipe_name = ""

    def stop_helper(self, *, kill: bool) -> None:
        helper, self.helper = self.helper, None
        if helper is None:
            return
        if not kill and helper.stdin is not None:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                helper.stdin.close()  # the helper ends LibreOffice itself, cleanly
                helper.wait(timeout=15)
        _kill_group(helper)  # whatever is left of its group, at once
        for stream in (helper.stdin, helper.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        # A killed LibreOffice leaves its pipe's socket behind, in the system's temporary folder.
        for folder in {Path(tempfile.gettempdir()), Path("/tmp")} if self.pipe_name else ():
            for socket in folder.glob(f"OSL_PIPE_*_{self.pipe_name}"):
                socket.unlink(missing_ok=True)

    def shutdown(self) -> None:
        self.stop_helper(kill=False)
        shutil.rmtree(self.workdir, ignore_errors=True)


class Renderer:
    """A LibreOffice that turns .docx bytes into PDF bytes, warm over UNO when it can.

    `warm=None` picks warm when the UNO bridge is importable by `python`, `False` forces the cold
    per-document conversion, `True` insists on warm (`RenderError` when it cannot start). `limits` bound
    what one document may cost; `timeout`, when given, replaces their wall time.
    """

    def __init__(
        self,
        *,
        timeout: float | None = None,
        limits: RenderLimits = DEFAULT_RENDER_LIMITS,
        warm: bool | None = None,
        soffice: str | None = None,
        python: str = SYSTEM_PYTHON,
    ) -> None:
        self.limits = limits
        self.timeout = limits.wall_seconds if timeout is None else timeout
        self.soffice = soffice or shutil.which("soffice") or "/usr/bin/soffice"
        self.python = python
        self.warm = uno_available(python) if warm is None else warm
        self._lock = threading.Lock()
        self._jobs = 0
        self._state = _Processes(Path(tempfile.mkdtemp(prefix=f"concours-lo-{os.getpid()}-")))
        self._finalizer = weakref.finalize(self, self._state.shutdown)

    @property
    def approach(self) -> str:
        return "warm LibreOffice over UNO" if self.warm else "cold LibreOffice per document"

    @property
    def process_group(self) -> int | None:
        """The process group of the warm LibreOffice, while one runs."""
        helper = self._state.helper
        return helper.pid if helper is not None and helper.poll() is None else None

    def render_pdf(self, docx: bytes) -> bytes:
        """The document as LibreOffice lays it out, as PDF bytes; `EssayRefused` if it is unsafe.

        The safety gate and the cost checks run here too, so that no caller can hand LibreOffice an
        unchecked file, nor one that would keep it busy for minutes.
        """
        printable = printable_copy(docx, package=check_cost(docx, self.limits))
        with self._lock:
            if not self._finalizer.alive:
                raise RenderError("the renderer is closed")
            self._jobs += 1
            job = self._state.workdir / f"job-{self._jobs}"
            job.mkdir()
            try:
                source, target = job / "essay.docx", job / "essay.pdf"
                source.write_bytes(printable)
                if self.warm:
                    self._convert_warm(source, target)
                else:
                    self._convert_cold(source, target)
                if not target.exists() or target.stat().st_size == 0:
                    raise RenderError("LibreOffice produced no PDF for this document")
                return target.read_bytes()
            finally:
                shutil.rmtree(job, ignore_errors=True)

    def close(self) -> None:
        """Stop LibreOffice and remove the temporary files (also done when the renderer is collected)."""
        with self._lock:
            self._finalizer()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # warm: one helper and one LibreOffice, reused

    def _convert_warm(self, source: Path, target: Path) -> None:
        helper = self._state.helper
        if helper is None or helper.poll() is not None or self._worn_out(helper):
            # Never started, gone (killed, or its parent-death signal fired), or near its CPU limit.
            self._state.stop_helper(kill=True)
            helper = self._start_helper()
        assert helper.stdin is not None
        spent = group_cpu_seconds(helper.pid)
        try:
            helper.stdin.write(json.dumps({"src": str(source), "dst": str(target)}).encode() + b"\n")
            helper.stdin.flush()
        except OSError as error:
            self._state.stop_helper(kill=True)
            raise RenderError(f"LibreOffice stopped: {error}") from error
        reply = self._reply(helper, self.timeout, cpu_from=spent)
        if reply.get("fatal"):
            # LibreOffice died on this document: start it afresh next time, and try this one cold.
            self._state.stop_helper(kill=True)
            self._convert_cold(source, target)
        elif not reply.get("ok"):
            raise RenderError(f"LibreOffice could not render the document: {reply.get('error')}")

    def _worn_out(self, helper: subprocess.Popen[bytes]) -> bool:
        # Restarted before the kernel's limit on the whole life of the warm LibreOffice could end a job.
        return group_cpu_seconds(helper.pid) + self.limits.cpu_seconds > self.limits.warm_cpu_seconds

    def _start_helper(self) -> subprocess.Popen[bytes]:
        profile = self._state.workdir / "profile"
        shutil.rmtree(profile, ignore_errors=True)  # a killed LibreOffice may leave its profile locked
        pipe_name = f"concours-lo-{os.getpid()}-{id(self)}-{time.monotonic_ns()}"
        self._state.pipe_name = pipe_name
        helper = subprocess.Popen(
            [self.python, "-I", str(WORKER), self.soffice, str(profile), pipe_name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so that it can be killed as one
            # SIGTERM, not SIGKILL: the helper answers it by killing its whole group (uno_worker.py).
            preexec_fn=_limits_for_child(
                self.limits, cpu_seconds=self.limits.warm_cpu_seconds, parent_death=signal.SIGTERM
            ),
        )
        self._state.helper = helper
        ready = self._reply(helper, self.limits.start_seconds)
        if not ready.get("ready"):
            self._state.stop_helper(kill=True)
            raise RenderError(f"LibreOffice did not start: {ready.get('error')}")
        return helper

    def _reply(
        self, helper: subprocess.Popen[bytes], timeout: float, *, cpu_from: float | None = None
    ) -> dict[str, Any]:
        """The helper's next line, or `RenderError` (and LibreOffice killed) when a limit passes first.

        `cpu_from`: the group's CPU seconds when the document was handed over, to hold it to its limit.
        """
        assert helper.stdout is not None
        fd = helper.stdout.fileno()
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._state.stop_helper(kill=True)
                raise RenderError(f"LibreOffice took longer than {timeout:.0f} s")
            if not select.select([fd], [], [], min(remaining, WATCH_SECONDS))[0]:
                if cpu_from is not None and self._over_cpu(helper.pid, cpu_from):
                    self._state.stop_helper(kill=True)
                    raise RenderError(f"LibreOffice used more than {self.limits.cpu_seconds:g} s of CPU")
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                self._state.stop_helper(kill=True)
                raise RenderError("LibreOffice stopped unexpectedly")
            line += chunk
        reply = json.loads(line)
        return reply if isinstance(reply, dict) else {}

    def _over_cpu(self, group: int, spent_before: float) -> bool:
        return group_cpu_seconds(group) - spent_before > self.limits.cpu_seconds

    # cold: one soffice per document, with the renderer's own profile

    def _convert_cold(self, source: Path, target: Path) -> None:
        profile = self._state.workdir / "profile"
        command = [
            self.soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(target.parent),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_limits_for_child(
                self.limits, cpu_seconds=self.limits.cpu_seconds, parent_death=signal.SIGKILL
            ),
        )
        deadline = time.monotonic() + self.timeout
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RenderError(f"LibreOffice took longer than {self.timeout:.0f} s")
                try:
                    process.wait(timeout=min(remaining, WATCH_SECONDS))
                    return
                except subprocess.TimeoutExpired:
                    if self._over_cpu(process.pid, 0.0):
                        raise RenderError(
                            f"LibreOffice used more than {self.limits.cpu_seconds:g} s of CPU"
                        ) from None
        except RenderError:
            shutil.rmtree(profile, ignore_errors=True)  # a killed LibreOffice may leave it locked
            raise
        finally:
            _kill_group(process)  # the job is over: nothing of its group stays


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def group_cpu_seconds(group: int) -> float:
    """The CPU seconds (user and system, with those of reaped children) that the live processes of
    process group `group` have used so far; 0 where /proc cannot tell (not Linux)."""
    ticks = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0.0
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                line = stat.read()
        except OSError:  # gone since the listing
            continue
        # After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        # utime stime cutime cstime ... (proc(5)); comm may hold spaces and parentheses.
        fields = line[line.rfind(b")") + 2 :].split()
        if len(fields) > 14 and int(fields[2]) == group:
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / _TICKS


def _limits_for_child(limits: RenderLimits, *, cpu_seconds: float, parent_death: int) -> Callable[[], None]:
    """What a LibreOffice process runs before it starts: its resource limits and its parent-death signal.

    Everything is worked out here, in the parent: the child, between fork and exec, only makes the calls.
    The parent-death signal fires when the *thread* that started the child ends, so it is asked for only
    from the main thread; the helper watches its parent anyway.
    """
    memory = _within_hard(resource.RLIMIT_AS, limits.memory_bytes)
    # The kernel's limit a second beyond the renderer's watch, which thus speaks first with a clear
    # reason; then SIGXCPU (LibreOffice aborts on it), and SIGKILL a second later.
    cpu = _within_hard(resource.RLIMIT_CPU, math.ceil(cpu_seconds) + 1)
    cpu_hard = _within_hard(resource.RLIMIT_CPU, cpu + 1)
    prctl = _prctl() if threading.current_thread() is threading.main_thread() else None

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, parent_death)

    return limit


def _within_hard(kind: int, value: int) -> int:
    """`value`, or the hard limit this process already has if that is lower (it cannot be raised)."""
    hard = resource.getrlimit(kind)[1]
    return value if hard == resource.RLIM_INFINITY else min(value, hard)


@functools.cache
def _prctl() -> Callable[[int, int], int] | None:
    """Linux's prctl(2) through ctypes (from the C library the interpreter runs on), or None elsewhere."""
    try:
        function: Callable[[int, int], int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function


_default: Renderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> Renderer:
    """One renderer for this process, started on first use and stopped at exit."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Renderer()
            atexit.register(_default.close)
        return _default


def render_pdf(docx: bytes, *, renderer: Renderer | None = None) -> bytes:
    """`docx` rendered to PDF by `renderer` (by default, this process's warm renderer)."""
    return (renderer or default_renderer()).render_pdf(docx)
