"""Rendering a .docx to PDF with LibreOffice, the only honest page count, and counting its pages.

A `Renderer` keeps one LibreOffice warm between documents: a helper run by Debian's Python (which has
the UNO bridge, `python3-uno`; the project's virtual environment cannot import it) starts
`soffice --headless --accept=pipe,...` with a profile of its own and converts over UNO, about 0.2 s a
page-or-two essay against about 2 s for a cold `soffice --convert-to`. Where the bridge is missing the
renderer falls back to that cold conversion, still with its own profile. (A second
`soffice --convert-to` with the profile of a running instance does hand the job over, but the running
instance then quits, so it saves nothing.)

Each renderer converts one document at a time (a lock), gives up after `timeout` seconds (killing
LibreOffice, which is started afresh for the next document), and removes its temporary files; run one
renderer per worker process for parallel rendering.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from concours.kernel.essays.errors import RenderError
from concours.kernel.essays.printable import printable_copy

SYSTEM_PYTHON = "/usr/bin/python3"
WORKER = Path(__file__).with_name("uno_worker.py")
DEFAULT_TIMEOUT = 60.0
# Starting LibreOffice (a fresh profile the first time) takes a few seconds; allow it more than a job.
START_TIMEOUT = 90.0


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
            try:
                helper.stdin.close()  # the helper ends LibreOffice itself, cleanly
                helper.wait(timeout=15)
                return
            except (OSError, subprocess.TimeoutExpired):
                pass
        _kill_group(helper)
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
    per-document conversion, `True` insists on warm (`RenderError` when it cannot start).
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        warm: bool | None = None,
        soffice: str | None = None,
        python: str = SYSTEM_PYTHON,
    ) -> None:
        self.timeout = timeout
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

    def render_pdf(self, docx: bytes) -> bytes:
        """The document as LibreOffice lays it out, as PDF bytes; `EssayRefused` if it is unsafe.

        The safety gate runs here too, so that no caller can hand LibreOffice an unchecked file.
        """
        printable = printable_copy(docx)
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
        helper = self._state.helper or self._start_helper()
        assert helper.stdin is not None
        try:
            helper.stdin.write(json.dumps({"src": str(source), "dst": str(target)}).encode() + b"\n")
            helper.stdin.flush()
        except OSError as error:
            self._state.stop_helper(kill=True)
            raise RenderError(f"LibreOffice stopped: {error}") from error
        reply = self._reply(helper, self.timeout)
        if reply.get("fatal"):
            # LibreOffice died on this document: start it afresh next time, and try this one cold.
            self._state.stop_helper(kill=True)
            self._convert_cold(source, target)
        elif not reply.get("ok"):
            raise RenderError(f"LibreOffice could not render the document: {reply.get('error')}")

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
            start_new_session=True,  # its own process group, so a timeout can end LibreOffice too
        )
        self._state.helper = helper
        ready = self._reply(helper, START_TIMEOUT)
        if not ready.get("ready"):
            self._state.stop_helper(kill=True)
            raise RenderError(f"LibreOffice did not start: {ready.get('error')}")
        return helper

    def _reply(self, helper: subprocess.Popen[bytes], timeout: float) -> dict[str, Any]:
        """The helper's next line, or `RenderError` (and LibreOffice killed) when it does not come."""
        assert helper.stdout is not None
        fd = helper.stdout.fileno()
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            readable = select.select([fd], [], [], max(remaining, 0))[0] if remaining > 0 else []
            chunk = os.read(fd, 4096) if readable else b""
            if not chunk:
                self._state.stop_helper(kill=True)
                if readable:
                    raise RenderError("LibreOffice stopped unexpectedly")
                raise RenderError(f"LibreOffice took longer than {timeout:.0f} s")
            line += chunk
        reply = json.loads(line)
        return reply if isinstance(reply, dict) else {}

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
        )
        try:
            process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            shutil.rmtree(profile, ignore_errors=True)
            raise RenderError(f"LibreOffice took longer than {self.timeout:.0f} s") from None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


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
