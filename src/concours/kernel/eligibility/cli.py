"""`concours check_eligibility --notice N.json --candidate C.json [--on YYYY-MM-DD] [--submitted-at T]
[--lang en|fr]`.

Prints the verdict (contracts/verdict.schema.json) on stdout and exits 0, whatever the verdict.

`--on` is the application date: the day the candidate is screened on and, when the notice has a
deadline, the day checked against it. An application dated the deadline's day is in time (a date-only
deadline runs to the end of its day at the duty station), one dated the day after is late. Where the
duty station's zone is not known, the two days are compared as written. `--submitted-at` is the precise
form, an instant checked against the deadline's own instant; given, it is the one checked. Without
either, the deadline is not checked (the date defaults to today, and a notice's deadline is usually
past by the time its applications are screened again).
Input that cannot be screened (a missing or unreadable file, invalid JSON, a profile or notice that
breaks its contract, an impossible date) gets one line on stderr naming the field, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from concours.kernel.eligibility.deadline import deadline_rule
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.profile import load_profile
from concours.kernel.eligibility.requirements import Requirements, compile_requirements
from concours.kernel.eligibility.screen import screen_compiled

USAGE_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="concours check_eligibility",
        description="Screen a candidate profile against a parsed vacancy notice; print the verdict as JSON.",
    )
    parser.add_argument("--notice", required=True, help="the notice as JSON (contracts/notice.schema.json)")
    parser.add_argument(
        "--candidate", required=True, help="the profile as JSON (contracts/candidate.schema.json)"
    )
    parser.add_argument(
        "--on",
        help="the application date, YYYY-MM-DD (default: today); when given, the notice's deadline is"
        " checked against it: the deadline's day is in time, the day after is late",
    )
    parser.add_argument("--lang", choices=("en", "fr"), default="en", help="the language of the reasons")
    parser.add_argument(
        "--submitted-at",
        help="when the application was submitted, ISO 8601 with an offset (e.g. 2025-04-06T21:58:00+02:00):"
        " the precise form, checked against the deadline instead of --on",
    )
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message; hand the code back to the caller
        return int(exit_.code) if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        on = _day(args.on) if args.on is not None else datetime.now().astimezone().date()  # the local date
        submitted_at = _moment(args.submitted_at) if args.submitted_at is not None else None
        requirements = compile_requirements(_read_json(args.notice, "notice"))
        profile = load_profile(_read_json(args.candidate, "candidate"))
        if submitted_at is None and args.on is not None and requirements.deadline is not None:
            requirements, submitted_at = _applied_on(requirements, on)
    except InvalidInput as error:
        print(f"concours check_eligibility: {error}", file=sys.stderr)
        return USAGE_ERROR
    verdict = screen_compiled(profile, requirements, on=on, submitted_at=submitted_at)
    print(verdict.to_json(lang=args.lang))
    return 0


def _applied_on(requirements: Requirements, day: date) -> tuple[Requirements, datetime]:
    """The requirements and the instant that check an application dated `day` against the deadline: the
    start of that day at the duty station (every instant of an earlier day is before it, so the deadline's
    day is in time and the next day is not), or, where the station's zone is not known, the start of the
    day in UTC against the deadline read in UTC: a day against a day."""
    rule = requirements.deadline
    assert rule is not None
    if not rule.zone_known:
        rule = deadline_rule(rule.written, "UTC")
        requirements = replace(requirements, deadline=rule)
    return requirements, datetime.combine(day, time.min, tzinfo=ZoneInfo(rule.zone))


def _read_json(path: str, what: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(what, f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise InvalidInput(what, f"{path} is not UTF-8 text") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            what, f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error


def _day(text: str) -> date:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InvalidInput("--on", f'"{text}" is not a valid date (YYYY-MM-DD)')


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("--submitted-at", f'"{text}" is not a valid date and time') from None
    if moment.tzinfo is None:
        raise InvalidInput("--submitted-at", f'"{text}" has no offset (e.g. +02:00 or Z)')
    return moment
