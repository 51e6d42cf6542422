"""The deadline rush: candidates submitting a CV and an essay at once, through the real pages.

Usage: scripts/with-postgres.sh .venv/bin/python bench/bench_deadline_rush.py [--candidates 300] [--rate 30]

Against gunicorn (production settings: DEBUG off, a secret key, behind one trusted proxy whose
X-Forwarded-For and X-Forwarded-Proto the client sends) on the PostgreSQL of DATABASE_URL, with one
`concours task_worker --yield-to-web` per task queue (see `worker_command`). Each candidate signs in
through allauth's page and opens the apply page beforehand (timed apart: neither is the rush; a
candidate has the page open as the deadline nears), then, at its arrival time (`--rate` arrivals per
second, one after the other, whether or not the server keeps up), posts a 200 KB PDF CV and a 200 KB
two-page .docx essay with the page's CSRF token. With `--open-at-arrival`, each opens the apply page in
the burst, just before posting: the stricter rush. Printed: submissions per second, latency, errors;
then that every submission is in the database exactly once with files whose SHA-256 match what was
sent, and that the work queued for it (screening, the essay's rendition) was done.

The second run sends the same candidates to a second vacancy and SIGKILLs one task worker (the
rendering one when there are queues) in the middle of a task once half the candidates have submitted,
and restarts it two seconds later, as a supervisor would (`concours requeue_tasks`, then the worker):
nothing may be lost, and the queued work must resume and complete.

The client is threads over `http.client` (one thread and one connection per candidate), not locust:
locust loops its users over tasks and reports rates of requests, while a rush is each candidate
arriving once, at its own instant; a plain client also costs less of the two cores it shares with the
server, and sends the secure cookies (production sets them) over the loopback's plain HTTP.

Every process started here (gunicorn, workers) is stopped, with whatever it started, even on failure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rush_documents import cv_pdf, essay_docx  # noqa: E402

BIN = ROOT / ".venv" / "bin"
PASSWORD = "rush-Candidate-passw0rd"
FILE_SIZE = 200_000
YIELD_TO_WEB = 60  # seconds a task worker may wait, before a task, for the machine to be less busy
ESSAY_RULES = {
    "required": True,
    "max_pages": 2,
    "paper": "A4",
    "format": "docx",
    "title_must_include": ["Key challenges"],
    "due": None,
}
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--rate", type=float, default=30.0, help="arrivals per second (0: all at once)")
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--drain-timeout", type=float, default=900.0, help="seconds to wait for the tasks")
    parser.add_argument(
        "--open-at-arrival",
        action="store_true",
        help="each candidate also opens the apply page in the burst, just before posting (by default the"
        " page was opened beforehand, as a candidate has it open when the deadline nears)",
    )
    parser.add_argument("--no-kill", action="store_true", help="skip the run with a worker killed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, files)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("deadline rush: needs PostgreSQL (run under scripts/with-postgres.sh); skipped")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="concours-rush-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concours.config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CONCOURS_VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # Connections kept between requests, as the README advises: a new PostgreSQL backend per
        # request cost three times the database's CPU per submission.
        "CONN_MAX_AGE": "60",
        # As behind a TLS-terminating proxy: the client's own address (sign-in limits count by it)
        # and the scheme come from the proxy's headers, which the client here sends itself.
        "CONCOURS_TRUSTED_PROXIES": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    processes = Processes(tmp)
    stop_on_signal(processes)
    try:
        return rush(args, env=env, tmp=tmp, processes=processes)
    finally:
        processes.stop_all()
        if not args.keep:
            subprocess.run(["rm", "-rf", str(tmp)], check=False)
        else:
            print(f"kept {tmp}")


def rush(args: argparse.Namespace, *, env: dict[str, str], tmp: Path, processes: Processes) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django_tasks import task_backends

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    world = make_world(args.candidates)
    print(
        f"deadline rush: {args.candidates} candidates, CV {world.cv_size // 1000} KB (PDF) and essay "
        f"{world.essay_size // 1000} KB (.docx, 2 pages A4); set-up {time.perf_counter() - started:.0f} s"
    )

    port = free_port()
    queues = sorted(task_backends["default"].queues) or ["default"]
    gunicorn = [
        str(BIN / "gunicorn"),
        "concours.config.wsgi",
        "-w",
        str(args.web_workers),
        "--threads",
        str(args.threads),
        "-b",
        f"127.0.0.1:{port}",
        # The application is loaded once, before the workers are forked: all are ready together.
        "--preload",
        "--error-logfile",
        str(tmp / "gunicorn.log"),
    ]
    processes.start("web", gunicorn, env=env)
    for queue in queues:
        processes.start(f"worker-{queue}", worker_command(queue), env=env)
    wait_until_up(port, processes)
    arrivals = f"{args.rate:g}/s" if args.rate else "all at once"
    print(
        f"gunicorn: {args.web_workers} workers x {args.threads} threads (gthread, --preload); task workers: "
        + ", ".join(
            f"one on queue '{q}'" + (" (SCHED_IDLE)" if q == "rendering" else " (nice 10)") for q in queues
        )
        + f", each yielding to the web while processes wait for a CPU (at most {YIELD_TO_WEB} s per task)"
        + f"; arrivals: {arrivals}"
    )

    sign_in(port, world)
    failures = 0
    first = world.vacancies[0]
    meter = Meter(processes, database_port=urllib.parse.urlsplit(os.environ["DATABASE_URL"]).port)
    tokens = None if args.open_at_arrival else open_apply_pages(port, world, vacancy_id=first)
    before = meter.snapshot()
    outcome = burst(port, world, vacancy_id=first, rate=args.rate, tokens=tokens)
    during = meter.snapshot()
    outcome.report("run 1")
    failures += check(world, first, outcome, drain_timeout=args.drain_timeout, killed=None)
    after = meter.snapshot()
    n = max(1, len(outcome.accepted))
    print(
        "  CPU per submission during the burst: "
        + ", ".join(
            f"{role} {ms((during[role] - before[role]) / n)}"
            for role in ("web", "database", "client", "tasks")
        )
        + " ("
        + ", ".join(
            f"{role.removeprefix('worker-')} {ms((during[role] - before[role]) / n)}"
            for role in sorted(during)
            if role.startswith("worker-")
        )
        + ")"
        + "; task workers in all, drained afterwards (screening, page check, rendition) "
        + ms((after["tasks"] - before["tasks"]) / n)
    )

    if not args.no_kill:
        second = world.vacancies[1]
        victim = f"worker-{'rendering' if 'rendering' in queues else queues[0]}"
        killed: list[tuple[str, Any]] = []

        def kill_and_restart() -> None:
            from django.utils import timezone

            queue = victim.removeprefix("worker-")
            worker_id = worker_id_of(queue)
            waited = time.perf_counter() + 10
            while not (running := running_task_of(worker_id)) and time.perf_counter() < waited:
                time.sleep(0.02)  # in the middle of a task, if it gets one within 10 s
            left = processes.kill(victim)
            killed.append((worker_id, timezone.now()))
            print(
                f"  killed {victim} (SIGKILL) {'in the middle of ' + running if running else 'between tasks'}"
            )
            time.sleep(2)
            orphans = [pid for pid in left if alive(pid)]
            print(f"  processes it had started still running 2 s later: {len(orphans)}")
            for pid in orphans:
                try_kill(pid)
            # What a supervisor does before starting a worker again under the same id (see the README), at
            # the worker's priority (systemd's Nice= and CPUSchedulingPolicy= apply to ExecStartPre too).
            requeued = subprocess.run(
                [*priority_of(queue), str(BIN / "concours"), "requeue_tasks", "--worker", worker_id],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
            processes.start(victim, worker_command(queue), env=env)
            print(f"  restarted 2 s later under the same id, after `concours requeue_tasks`: {requeued}")

        tokens = None if args.open_at_arrival else open_apply_pages(port, world, vacancy_id=second)
        outcome = burst(
            port, world, vacancy_id=second, rate=args.rate, tokens=tokens, halfway=kill_and_restart
        )
        outcome.report("run 2 (a task worker killed halfway)")
        failures += check(world, second, outcome, drain_timeout=args.drain_timeout, killed=killed)
    return 1 if failures else 0


# --- the world: candidates, their files, the vacancies -------------------------------------------------


@dataclass
class Candidate:
    email: str
    name: str
    address: str  # the client address the proxy reports
    cv: bytes
    essay: bytes
    essay_name: str
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    candidates: list[Candidate]
    vacancies: list[int]
    references: dict[int, str]
    cv_size: int
    essay_size: int


def make_world(n: int) -> World:
    """Vacancies with essay rules and `n` candidates with complete profiles, written in bulk."""
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from concours.accounts.models import Role, User
    from concours.accounts.roles import ensure_role_groups
    from concours.candidates.models import CandidateProfile, Education, LanguageSkill, WorkExperience
    from concours.kernel.essays import default_renderer, inspect
    from concours.vacancies.models import Vacancy

    rng = random.Random(2026)
    vacancies = []
    with transaction.atomic():
        for index in (1, 2):
            reference = f"RUSH{index}"
            vacancies.append(
                Vacancy.objects.create(
                    reference=reference,
                    organisation="NATO",
                    title=f"Policy Officer (rush {index})",
                    grade="G17",
                    location="Brussels, Belgium",
                    zone="Europe/Brussels",
                    deadline=timezone.now() + dt.timedelta(days=1),
                    status=Vacancy.Status.PUBLISHED,
                    notice={
                        "organisation": "NATO",
                        "title": f"Policy Officer (rush {index})",
                        "reference": reference,
                        "essential_qualifications": ["have a university degree in a relevant field;"],
                        "essay": ESSAY_RULES,
                    },
                )
            )
        group = ensure_role_groups()[Role.CANDIDATE]
        password = make_password(PASSWORD)  # one hash for all: hashing 300 times would only cost time
        users = User.objects.bulk_create(
            [
                User(email=f"rush{i}@example.org", name=f"Rush Candidate {i}", password=password)
                for i in range(n)
            ]
        )
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        profiles = CandidateProfile.objects.bulk_create(
            [CandidateProfile(user=u, name=u.name, nationalities=["BE"]) for u in users]
        )
        LanguageSkill.objects.bulk_create(
            [
                LanguageSkill(profile=p, language=lang, scale="NATO", level=level)
                for p in profiles
                for lang, level in (("en", "V"), ("fr", "III"))
            ]
        )
        Education.objects.bulk_create(
            [
                Education(profile=p, level="master", field="Law", completed=dt.date(2010, 6, 1))
                for p in profiles
            ]
        )
        WorkExperience.objects.bulk_create(
            [
                WorkExperience(
                    profile=p,
                    title="Policy officer",
                    employer="Ministry",
                    start=dt.date(2012, 1, 1),
                    tags=["policy"],
                )
                for p in profiles
            ]
        )
    candidates = []
    for i, user in enumerate(users):
        essay_name = f"RUSH {i:03d} Key challenges.docx"
        candidates.append(
            Candidate(
                email=user.email,
                name=user.name,
                address=f"10.{(i + 1) >> 16 & 255}.{(i + 1) >> 8 & 255}.{(i + 1) & 255}",
                cv=cv_pdf(user.name, size=FILE_SIZE, rng=rng),
                essay=essay_docx(f"RUSH {i:03d} Key challenges", user.name, size=FILE_SIZE, rng=rng),
                essay_name=essay_name,
            )
        )
    # The files must pass the gate and the notice's rules, or the bench would measure refusals.
    facts = inspect(
        candidates[0].essay,
        rules=ESSAY_RULES,
        file_name=candidates[0].essay_name,
        renderer=default_renderer(),
    )
    failed = [c.rule for c in facts.checks if c.result != "pass"]
    assert facts.pages == 2 and not failed, (facts.pages, failed)
    return World(
        candidates=candidates,
        vacancies=[v.pk for v in vacancies],
        references={v.pk: v.reference for v in vacancies},
        cv_size=len(candidates[0].cv),
        essay_size=len(candidates[0].essay),
    )


# --- processes -----------------------------------------------------------------------------------------


class Meter:
    """CPU seconds used so far by the web server, the task workers (LibreOffice included), the database
    and this client: what one submission costs, whatever else the machine is doing."""

    def __init__(self, processes: Processes, *, database_port: int | None) -> None:
        self.processes = processes
        self.database = [
            pid
            for pid in pids()
            if (argv := command_line(pid)) and argv[0].endswith("postgres") and str(database_port) in argv
        ]

    def snapshot(self) -> dict[str, float]:
        running = dict(self.processes.running)
        workers = [p.pid for name, p in running.items() if name.startswith("worker-")]
        own = os.times()
        return {
            "web": tree_cpu([running["web"].pid]),
            "tasks": tree_cpu(workers),
            **{name: tree_cpu([p.pid]) for name, p in running.items() if name.startswith("worker-")},
            "database": tree_cpu(self.database),
            "client": own.user + own.system,
        }


def pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def tree_cpu(roots: list[int]) -> float:
    """User and system time of the processes and their descendants, with the children they reaped."""
    ticks = 0
    for pid in {*roots, *(child for root in roots for child in descendants(root))}:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_id_of(queue: str) -> str:
    """A stable id per worker, as a supervisor would give (the restarted worker keeps it)."""
    return f"rush-{queue}"


def priority_of(queue: str) -> list[str]:
    """The command prefix that gives a queue's worker its priority."""
    return ["chrt", "--idle", "0"] if queue == "rendering" else ["nice", "-n", "10"]


def worker_command(queue: str) -> list[str]:
    # On one machine a rush is served first and its work done after. A low priority is not enough: a
    # render started in the rush (LibreOffice, about a third of a second of CPU per essay) took cores from
    # the web server even under SCHED_IDLE, and the rush went from 30 to 20 submissions/s. So each worker
    # also waits, before each task, while processes wait for a CPU (`--yield-to-web`, at most a minute
    # per task). Rendering runs under SCHED_IDLE, the other queues (screening, mails) at nice 10.
    return [
        *priority_of(queue),
        str(BIN / "concours"),
        "task_worker",
        "--yield-to-web",
        str(YIELD_TO_WEB),
        "--queue-name",
        queue,
        "--worker-id",
        worker_id_of(queue),
        "--no-startup-delay",
    ]


class Processes:
    """What the bench started, each in a session of its own, stopped with everything it started."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.running: dict[str, subprocess.Popen[bytes]] = {}
        self.worker_ids: dict[str, str] = {}
        self.lock = threading.Lock()

    def start(self, name: str, command: list[str], *, env: dict[str, str]) -> None:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
        with self.lock:
            self.running[name] = subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        if "--worker-id" in command:
            self.worker_ids[name] = command[command.index("--worker-id") + 1]
        log.close()

    def kill(self, name: str) -> list[int]:
        """SIGKILL one process alone, as a crash would; returns the processes it had started."""
        process = self.running.pop(name)
        children = descendants(process.pid)
        process.kill()
        process.wait()
        return children

    def stop_all(self) -> None:
        with self.lock:
            running, self.running = self.running, {}
        family = {name: [p.pid, *descendants(p.pid)] for name, p in running.items()}
        for process in running.values():
            with_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in running.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for pids in family.values():
            for pid in pids:
                with_group(pid, signal.SIGKILL)
                try_kill(pid)
        for process in running.values():
            process.wait()


def stop_on_signal(processes: Processes) -> None:
    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)  # unwinds through `finally`, which stops everything

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, stop)


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def try_kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def with_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, processes: Processes) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if processes.running["web"].poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {processes.tmp / 'gunicorn.log'}")
        try:
            status, _, _ = Browser(port, "10.255.255.254").request("GET", "/vacancies/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


# --- the client ----------------------------------------------------------------------------------------


class Browser:
    """One candidate's browser: a connection, its cookies, the headers the proxy would add."""

    def __init__(self, port: int, address: str, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.address = address
        self.cookies = cookies if cookies is not None else {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        origin = f"https://127.0.0.1:{self.port}"
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": origin + path,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=sent)
        response = self.connection.getresponse()
        data = response.read()
        for line in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(line)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def close(self) -> None:
        self.connection.close()


def csrf_token(page: bytes) -> str:
    match = _CSRF.search(page)
    if match is None:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1).decode()


def sign_in(port: int, world: World) -> None:
    """Every candidate signs in through allauth's page, eight at a time, before the rush."""
    from django.urls import reverse

    path = reverse("account_login")
    errors: list[str] = []

    def one(candidate: Candidate) -> None:
        browser = Browser(port, candidate.address)
        try:
            status, _, page = browser.request("GET", path)
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": csrf_token(page), "login": candidate.email, "password": PASSWORD}
            ).encode()
            status, _, page = browser.request(
                "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
            )
            if status != 302 or "sessionid" not in browser.cookies:
                errors.append(f"{candidate.email}: {status} {message_of(page)}")
            candidate.cookies = dict(browser.cookies)
        except (OSError, RuntimeError) as error:
            errors.append(f"{candidate.email}: {error!r}")
        finally:
            browser.close()

    started = time.perf_counter()
    run_pool(one, world.candidates, threads=8)
    elapsed = time.perf_counter() - started
    n = len(world.candidates)
    print(
        f"sign-in beforehand: {n} candidates in {elapsed:.1f} s ({n / elapsed:.1f}/s), {len(errors)} errors"
    )
    if errors:
        raise SystemExit("sign-in failed: " + "; ".join(errors[:5]))


def run_pool(work: Callable[[Candidate], None], items: list[Candidate], *, threads: int) -> None:
    queue = list(reversed(items))
    lock = threading.Lock()

    def loop() -> None:
        while True:
            with lock:
                if not queue:
                    return
                item = queue.pop()
            work(item)

    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


@dataclass
class Outcome:
    started: float = 0.0
    since: Any = None  # the database's clock at the start: tasks enqueued by this run came after it
    finished: float = 0.0
    apply_page: list[float] = field(default_factory=list)
    submit: list[float] = field(default_factory=list)
    accepted: set[str] = field(default_factory=set)  # e-mail addresses of candidates told "submitted"
    errors: list[str] = field(default_factory=list)

    def report(self, title: str) -> None:
        elapsed = self.finished - self.started
        n = len(self.accepted)
        print(
            f"{title}: {n} submissions in {elapsed:.1f} s = {n / elapsed:.1f} submissions/s; "
            f"submit (POST) p50 {ms(pct(self.submit, 50))} p99 {ms(pct(self.submit, 99))} "
            f"max {ms(max(self.submit, default=0))}; "
            + (
                f"apply page (GET, in the burst) p50 {ms(pct(self.apply_page, 50))} "
                f"p99 {ms(pct(self.apply_page, 99))}; "
                if self.apply_page
                else ""
            )
            + f"errors {len(self.errors)}"
        )
        for error in self.errors[:5]:
            print(f"  error: {error}")


def pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def open_page(browser: Browser, path: str) -> str:
    """The CSRF token of the apply page at `path`, opened in `browser`."""
    status, _, page = browser.request("GET", path)
    if status != 200:
        raise RuntimeError(f"apply page {status}")
    return csrf_token(page)


def open_apply_pages(port: int, world: World, *, vacancy_id: int) -> dict[str, str]:
    """Every candidate opens the vacancy's apply page, eight at a time, before the rush (as a candidate has
    it open when the deadline nears); returns each one's CSRF token by e-mail address."""
    from django.urls import reverse

    path = reverse("applications:apply", args=[vacancy_id])
    tokens: dict[str, str] = {}
    timings: list[float] = []

    def one(candidate: Candidate) -> None:
        browser = Browser(port, candidate.address, dict(candidate.cookies))
        try:
            begun = time.perf_counter()
            tokens[candidate.email] = open_page(browser, path)
            timings.append(time.perf_counter() - begun)
            candidate.cookies = dict(browser.cookies)
        finally:
            browser.close()

    started = time.perf_counter()
    run_pool(one, world.candidates, threads=8)
    print(
        f"apply pages opened beforehand: {len(tokens)} in {time.perf_counter() - started:.1f} s"
        f" (GET p50 {ms(pct(timings, 50))}, p99 {ms(pct(timings, 99))})"
    )
    return tokens


def burst(
    port: int,
    world: World,
    *,
    vacancy_id: int,
    rate: float,
    tokens: dict[str, str] | None = None,
    halfway: Callable[[], None] | None = None,
) -> Outcome:
    """Each candidate arrives at its instant (i / rate) and submits from the apply page: the one opened
    beforehand, whose CSRF token `tokens` keeps (see `open_apply_pages`), or with no `tokens`, one they
    open just before posting, in the burst."""
    from django.urls import reverse
    from django.utils import timezone

    path = reverse("applications:apply", args=[vacancy_id])
    reference = world.references[vacancy_id]
    outcome = Outcome()
    lock = threading.Lock()
    boundary = "----concours-rush-" + secrets.token_hex(8)
    bodies = {c.email: multipart_files(boundary, c, reference) for c in world.candidates}

    def one(candidate: Candidate, at: float) -> None:
        time.sleep(max(0.0, at - time.perf_counter()))
        browser = Browser(port, candidate.address, dict(candidate.cookies))
        try:
            begun = time.perf_counter()
            token = tokens[candidate.email] if tokens is not None else open_page(browser, path)
            opened = time.perf_counter()
            head = multipart_field(boundary, "csrfmiddlewaretoken", token)
            head += multipart_field(boundary, "confirm", "on")
            body = head + bodies[candidate.email]
            status, headers, page = browser.request(
                "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
            )
            done = time.perf_counter()
            if status != 302 or "/applications/" not in headers.get("location", ""):
                raise RuntimeError(f"submit {status}: {message_of(page)}")
            with lock:
                if tokens is None:
                    outcome.apply_page.append(opened - begun)
                outcome.submit.append(done - opened)
                outcome.accepted.add(candidate.email)
                outcome.finished = max(outcome.finished, done)
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            with lock:
                outcome.errors.append(f"{candidate.email}: {error}")
                outcome.finished = max(outcome.finished, time.perf_counter())
        finally:
            browser.close()

    interval = 1 / rate if rate else 0.0
    outcome.started = time.perf_counter() + 0.5
    outcome.since = timezone.now()
    threads = [
        threading.Thread(target=one, args=(c, outcome.started + i * interval))
        for i, c in enumerate(world.candidates)
    ]
    for t in threads:
        t.start()
    if halfway is not None:
        # Once half the candidates were told "submitted": their work is queued, the workers are busy.
        while len(outcome.accepted) + len(outcome.errors) < len(threads) / 2:
            time.sleep(0.05)
        halfway()
    for t in threads:
        t.join()
    return outcome


def multipart_field(boundary: str, name: str, value: str) -> bytes:
    return f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()


def multipart_files(boundary: str, candidate: Candidate, reference: str) -> bytes:
    parts = []
    for name, file_name, content_type, data in (
        ("cv", "cv.pdf", "application/pdf", candidate.cv),
        (
            "essay",
            candidate.essay_name.replace("RUSH", reference, 1),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            candidate.essay,
        ),
    ):
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def message_of(page: bytes) -> str:
    """The form's error, if the page shows one, to say why a submission was refused."""
    match = re.search(rb'class="[^"]*(?:errorlist|alert)[^"]*"[^>]*>(.*?)</', page, re.S)
    text = match.group(1) if match else page[:200]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text.decode("utf-8", "replace"))).strip()[:200]


# --- the checks ----------------------------------------------------------------------------------------


def running_task_of(worker_id: str) -> str:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(status="RUNNING", worker_ids__contains=[worker_id]).first()
    return f"{task.task_path.rsplit('.', 1)[-1]}{tuple(task.args_kwargs['args'])}" if task else ""


def essay_pages_checked(ids: set[int]) -> set[int]:
    """The applications whose essay a worker laid out and found to meet the rules, in two pages."""
    from concours.essays.models import EssayCheck

    return set(
        EssayCheck.objects.filter(
            application_id__in=ids, status=EssayCheck.Status.PASSED, pages=2
        ).values_list("application_id", flat=True)
    )


def check(
    world: World,
    vacancy_id: int,
    outcome: Outcome,
    *,
    drain_timeout: float,
    killed: list[tuple[str, Any]] | None,
) -> int:
    """Every submission in the database once with its files intact; every task done. Returns failures."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from concours.applications.models import Application, Attachment
    from concours.essays.models import Rendition
    from concours.screening.models import Verdict

    failures: list[str] = []
    by_email = {c.email: c for c in world.candidates}
    applications = Application.objects.filter(vacancy_id=vacancy_id).select_related("candidate__user")
    stored = {a.candidate.user.email: a for a in applications}
    counts = (
        Application.objects.filter(vacancy_id=vacancy_id)
        .values("candidate")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    if counts:
        failures.append(f"{len(counts)} candidates have more than one application")
    missing = outcome.accepted - stored.keys()
    if missing:
        failures.append(f"{len(missing)} submissions told 'submitted' are not in the database")
    extra = {e for e, a in stored.items() if a.status != "draft"} - outcome.accepted
    if extra:
        failures.append(f"{len(extra)} applications submitted although their candidate saw an error")
    not_submitted = [e for e in outcome.accepted & stored.keys() if stored[e].submitted_at is None]
    if not_submitted:
        failures.append(f"{len(not_submitted)} accepted applications without a submission time")
    mismatched = 0
    attachments = Attachment.objects.filter(application__vacancy_id=vacancy_id).select_related("application")
    seen: dict[int, set[str]] = {}
    email_of = {a.pk: e for e, a in stored.items()}
    for attachment in attachments:
        candidate = by_email[email_of[attachment.application_id]]
        sent = candidate.cv if attachment.kind == Attachment.Kind.CV else candidate.essay
        with attachment.file.open("rb") as f:
            on_disk = hashlib.sha256(f.read()).hexdigest()
        if not (on_disk == attachment.sha256 == hashlib.sha256(sent).hexdigest()):
            mismatched += 1
        seen.setdefault(attachment.application_id, set()).add(attachment.kind)
    incomplete = [e for e in outcome.accepted & stored.keys() if seen.get(stored[e].pk) != {"cv", "essay"}]
    if incomplete:
        failures.append(f"{len(incomplete)} applications without both their CV and essay")
    if mismatched:
        failures.append(f"{mismatched} files whose SHA-256 differs from what was sent")
    print(
        f"  in the database: {len(stored)} applications for {len(outcome.accepted)} accepted submissions, "
        f"{sum(len(k) for k in seen.values())} files, SHA-256 of every file checked against what was sent: "
        f"{'all match' if not mismatched else f'{mismatched} differ'}"
    )

    # The queued work: wait until no task is waiting or running, but one the killed worker took before
    # it was killed and that nobody gave back (no worker would ever take it again).
    while True:
        pending = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
        stuck_ids = [
            t.pk
            for t in pending.filter(status="RUNNING")
            for worker_id, at in killed or []
            if t.worker_ids[-1:] == [worker_id] and t.started_at < at
        ]
        left = pending.exclude(pk__in=stuck_ids).count()
        if not left or time.perf_counter() - outcome.finished > drain_timeout:
            break
        time.sleep(0.5)
    drained = time.perf_counter() - outcome.finished
    ids = {a.pk for a in applications if a.status != "draft"}
    verdicts = set(Verdict.objects.filter(application_id__in=ids).values_list("application_id", flat=True))
    renditions = set(
        Rendition.objects.filter(application_id__in=ids).values_list("application_id", flat=True)
    )
    checked = essay_pages_checked(ids)
    failed_tasks = DBTaskResult.objects.filter(status="FAILED", enqueued_at__gte=outcome.since).count()
    print(
        f"  queued work done {drained:.1f} s after the last submission: verdicts {len(verdicts)}/{len(ids)}, "
        f"essays' pages checked (2 pages, passed) {len(checked)}/{len(ids)}, "
        f"anonymised renditions {len(renditions)}/{len(ids)}; tasks failed {failed_tasks}"
        + (f", left running by the killed worker {len(stuck_ids)}" if killed is not None else "")
        + f", still waiting {left}"
    )
    if len(verdicts) < len(ids):
        failures.append(f"{len(ids) - len(verdicts)} applications without their verdict")
    if len(checked) < len(ids):
        failures.append(f"{len(ids) - len(checked)} essays without their page check (or not passed)")
    if len(renditions) < len(ids):
        failures.append(f"{len(ids) - len(renditions)} essays without their rendition")
    if stuck_ids or left:
        failures.append(f"{len(stuck_ids) + left} tasks never done")
    if failed_tasks:
        failures.append(f"{failed_tasks} tasks failed")
    if outcome.errors:
        failures.append(f"{len(outcome.errors)} submissions refused or failed")
    print("  " + ("none lost" if not failures else "FAILED: " + "; ".join(failures)))
    return len(failures)


if __name__ == "__main__":
    sys.exit(main())
