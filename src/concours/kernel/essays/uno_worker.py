"""A warm LibreOffice, driven over UNO: the helper that `render.Renderer` runs with Debian's Python.

The UNO bridge (`python3-uno`) is built against the system's libpython, so it cannot be imported into
the project's virtual environment; this script therefore runs under `/usr/bin/python3`, imports nothing
from Concours, starts one headless `soffice` with its own profile, and converts documents to PDF one
at a time for as long as its parent keeps it alive.

Protocol, one JSON object per line: it first prints `{"ready": true}` (or `{"ready": false, "error"}`),
then for each `{"src": "/path/in.docx", "dst": "/path/out.pdf"}` read from stdin it prints
`{"ok": true}` or `{"ok": false, "error": "..."}`. End of stdin ends LibreOffice and the helper.

The helper leads a process group of its own (the renderer starts it so), which LibreOffice joins. If the
process that started it goes away, however it went (its parent-death signal, SIGTERM, or a parent that
is no longer its parent), the helper kills that whole group, itself included: a worker killed in the
middle of a document leaves no LibreOffice running.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CONNECT_SECONDS = 60.0
PARENT_CHECK_SECONDS = 0.5


def main(argv: list[str]) -> int:
    soffice, profile, pipe_name = argv
    _die_with_parent(pipe_name)
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--nofirststartwizard",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        try:
            desktop = _connect(pipe_name, office)
        except Exception as error:  # whatever UNO raises, the parent needs one line
            _say({"ready": False, "error": f"{type(error).__name__}: {error}"})
            return 1
        _say({"ready": True})
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            try:
                _convert(desktop, Path(job["src"]), Path(job["dst"]))
            except Exception as error:  # reported to the parent, which decides
                # LibreOffice may have died on this document: then this helper is of no more use.
                fatal = _dead(office)
                _say({"ok": False, "fatal": fatal, "error": f"{type(error).__name__}: {error}"})
                if fatal:
                    return 1
            else:
                _say({"ok": True})
        with contextlib.suppress(Exception):  # the bridge dies with LibreOffice; nothing left to do
            desktop.terminate()
        return 0
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


def _die_with_parent(pipe_name: str) -> None:
    """Kill this helper's process group, LibreOffice with it, as soon as the parent is gone."""
    if os.getpgrp() != os.getpid():
        return  # not the leader of a group of its own: killing the group would kill others
    parent = os.getppid()

    def kill_group(*_: object) -> None:
        # The renderer that would remove the killed LibreOffice's pipe socket is gone: remove it here.
        for socket in Path(tempfile.gettempdir()).glob(f"OSL_PIPE_*_{pipe_name}"):
            with contextlib.suppress(OSError):
                socket.unlink()
        os.killpg(os.getpgrp(), signal.SIGKILL)

    def watch() -> None:
        # A thread, because the main one may be inside a long UNO call (which releases the GIL).
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        kill_group()

    signal.signal(signal.SIGTERM, kill_group)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _dead(office: subprocess.Popen[bytes]) -> bool:
    try:
        office.wait(timeout=2)  # a crashing LibreOffice takes a moment to exit
    except subprocess.TimeoutExpired:
        return False
    return True


def _connect(pipe_name: str, office: subprocess.Popen[bytes]) -> Any:
    import uno  # only Debian's Python has it: see the module docstring

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(url)
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _convert(desktop: Any, src: Path, dst: Path) -> None:
    document = desktop.loadComponentFromURL(
        src.as_uri(),
        "_blank",
        0,
        _properties(
            Hidden=True,
            ReadOnly=True,
            # Never run a macro and never refresh links: the file comes from a stranger.
            MacroExecutionMode=0,
            UpdateDocMode=0,
        ),
    )
    if document is None:
        raise ValueError("LibreOffice could not open the document")
    try:
        document.storeToURL(dst.as_uri(), _properties(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def _properties(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
