"""Rendering is contained: a document that would cost too much is refused before LibreOffice sees it,
and a LibreOffice that hangs, spins or loses its parent is killed with its whole process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from concours.kernel.documents import check_document
from concours.kernel.essays import EssayRefused, Renderer, RenderError, count_pages, inspect
from concours.kernel.essays.cost import RenderLimits
from costly_files import docx_stuffed_with_text, docx_with_page_breaks, hanging_soffice

from .conftest import essay

ROOT = Path(__file__).resolve().parents[3]
# Generous bounds on the document, so that the process limits are what stops LibreOffice.
UNBOUNDED = {"max_markup_bytes": 10**9, "max_text_chars": 10**9, "max_paragraphs": 10**9}


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def wait_gone(group: int, seconds: float = 5.0) -> bool:
    """Whether process group `group` is gone within `seconds` (a killed process takes a moment to be
    reaped by init once its parent is gone)."""
    deadline = time.monotonic() + seconds
    while group_alive(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def processes_mentioning(text: str) -> list[int]:
    """The live processes whose command line holds `text` (a renderer's folder, say)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            command = Path(f"/proc/{name}/cmdline").read_bytes()
            state = Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if text.encode() in command and state != b"Z":
            found.append(int(name))
    return found


@pytest.fixture(scope="module")
def stuffed() -> bytes:
    return docx_stuffed_with_text()


def test_a_94_mb_text_essay_is_refused_for_cost_in_english_and_french(stuffed: bytes) -> None:
    """1.3 MB of .docx holding 94 MB of text passes the upload gate, but not the essay's cost check."""
    assert len(stuffed) < 2 * 1000 * 1000
    assert check_document(stuffed).format == "docx"  # safe: the gate has nothing against it
    with pytest.raises(EssayRefused) as refused:
        inspect(stuffed)
    assert refused.value.code == "too_costly"
    assert refused.value.params["what"] == "markup"
    assert int(str(refused.value.params["amount"])) > 94 * 1000 * 1000
    assert refused.value.reason_in("en").startswith("The document holds far more than an essay could: 94,")
    assert "bytes of Word markup" in refused.value.reason_in("en")
    assert "take too long" in refused.value.reason_in("en")
    assert "octets de balisage Word" in refused.value.reason_in("fr")
    assert "prendrait trop de temps" in refused.value.reason_in("fr")


def test_the_renderer_refuses_a_costly_document_before_libreoffice_starts(
    stuffed: bytes, tmp_path: Path
) -> None:
    """render_pdf checks the cost itself: the stand-in LibreOffice is never run."""
    soffice = hanging_soffice(tmp_path)
    with (
        Renderer(warm=False, soffice=str(soffice), timeout=1) as renderer,
        pytest.raises(EssayRefused) as refused,
    ):
        renderer.render_pdf(stuffed)
    assert refused.value.code == "too_costly"
    assert not (tmp_path / "group").exists()


@pytest.mark.parametrize(
    ("document", "limits", "what"),
    [
        (lambda: essay(3), RenderLimits(max_text_chars=500), "text"),
        (lambda: docx_with_page_breaks(6000), RenderLimits(), "paragraphs"),
    ],
    ids=["text", "page breaks"],
)
def test_too_much_text_or_too_many_breaks_is_refused(document, limits: RenderLimits, what: str) -> None:  # type: ignore[no-untyped-def]
    """The text's length and the count of paragraphs and breaks are bounded as well as the markup."""
    with pytest.raises(EssayRefused) as refused:
        inspect(document(), cost=limits)
    assert (refused.value.code, refused.value.params["what"]) == ("too_costly", what)


def test_an_essay_within_the_bounds_is_inspected() -> None:
    """The default bounds leave room for a long essay: thirty pages are read without complaint."""
    facts = inspect(essay(30))
    assert facts.words > 1000 and facts.pages is None


def test_a_hanging_cold_libreoffice_is_killed_with_its_group(tmp_path: Path) -> None:
    """A LibreOffice that never finishes is stopped at the wall time, its children with it."""
    soffice = hanging_soffice(tmp_path)
    with Renderer(warm=False, soffice=str(soffice), timeout=1) as renderer:
        started = time.monotonic()
        with pytest.raises(RenderError, match="longer than 1 s"):
            renderer.render_pdf(essay(1))
        assert time.monotonic() - started < 5
        group = int((tmp_path / "group").read_text())
        assert wait_gone(group)
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)


def test_a_warm_libreoffice_that_never_starts_is_killed_with_its_group(tmp_path: Path) -> None:
    """The warm helper's LibreOffice never accepts its connection: helper and all are killed."""
    soffice = hanging_soffice(tmp_path)
    renderer = Renderer(warm=True, soffice=str(soffice), limits=RenderLimits(start_seconds=2))
    with renderer:
        started = time.monotonic()
        with pytest.raises(RenderError, match="longer than 2 s"):
            renderer.render_pdf(essay(1))
        assert time.monotonic() - started < 6
        group = int((tmp_path / "group").read_text())
        assert wait_gone(group)
        assert processes_mentioning(str(renderer._state.workdir)) == []


@pytest.mark.libreoffice
def test_a_real_libreoffice_over_its_cpu_limit_is_killed_and_restarted() -> None:
    """Given one CPU second, LibreOffice laying out 5,000 pages is killed with its group within a few
    seconds (it takes 13 s unbounded), and the next essay starts a fresh one."""
    limits = RenderLimits(cpu_seconds=1, wall_seconds=60, **UNBOUNDED)  # type: ignore[arg-type]
    with Renderer(warm=True, limits=limits) as renderer:
        assert count_pages(renderer.render_pdf(essay(1))) == 1
        group = renderer.process_group
        assert group is not None
        started = time.monotonic()
        with pytest.raises(RenderError, match="more than 1 s of CPU"):
            renderer.render_pdf(docx_with_page_breaks(5000))
        assert time.monotonic() - started < 10
        assert wait_gone(group)
        assert count_pages(renderer.render_pdf(essay(2))) == 2
        assert renderer.process_group not in (None, group)


@pytest.mark.libreoffice
def test_a_real_libreoffice_over_its_wall_time_is_killed() -> None:
    """The wall time holds for a busy LibreOffice as for a silent one."""
    limits = RenderLimits(wall_seconds=1, **UNBOUNDED)  # type: ignore[arg-type]
    with Renderer(warm=True, limits=limits) as renderer:
        renderer.render_pdf(essay(1))
        group = renderer.process_group
        assert group is not None
        with pytest.raises(RenderError, match="longer than 1 s"):
            renderer.render_pdf(docx_with_page_breaks(5000))
        assert wait_gone(group)


@pytest.mark.libreoffice
def test_libreoffice_without_the_memory_it_needs_fails_and_leaves_nothing() -> None:
    """Under a 64 MB address space LibreOffice cannot start: an error, and no process left."""
    renderer = Renderer(warm=True, limits=RenderLimits(memory_bytes=64 * 1024 * 1024, start_seconds=30))
    with renderer, pytest.raises(RenderError):
        renderer.render_pdf(essay(1))
    time.sleep(0.5)
    assert processes_mentioning(str(renderer._state.workdir)) == []


@pytest.mark.libreoffice
def test_a_worker_killed_in_the_middle_of_a_render_leaves_no_libreoffice(tmp_path: Path) -> None:
    """SIGKILL to the process rendering (no clean-up of its own can run): the helper sees its parent
    gone and kills its group, LibreOffice in the middle of 5,000 pages included, and removes the
    pipe's socket the renderer would have removed."""
    script = tmp_path / "worker.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path[:0] = [{str(ROOT / "src")!r}, {str(ROOT / "tests")!r}]
            from costly_files import docx_with_body, docx_with_page_breaks
            from concours.kernel.essays import Renderer
            from concours.kernel.essays.cost import RenderLimits

            renderer = Renderer(warm=True, limits=RenderLimits(**{UNBOUNDED!r}))
            renderer.render_pdf(docx_with_body("<w:p><w:r><w:t>One page.</w:t></w:r></w:p>"))
            print(renderer.process_group, renderer._state.pipe_name, flush=True)
            renderer.render_pdf(docx_with_page_breaks(5000))
            print("finished", flush=True)
            """
        ),
        encoding="utf-8",
    )
    worker = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout is not None
        group_text, pipe_name = worker.stdout.readline().split()
        group = int(group_text)
        time.sleep(1.5)  # well into the long render
        assert group_alive(group)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert wait_gone(group, seconds=5)
        assert list(Path(tempfile.gettempdir()).glob(f"OSL_PIPE_*_{pipe_name}")) == []  # nor its socket
    finally:
        worker.kill()
        worker.wait()
