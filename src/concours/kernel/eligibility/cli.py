"""`concours check_eligibility --notice N.json --candidate C.json [--on YYYY-MM-DD] [--lang en|fr]`.

Prints the verdict (contracts/verdict.schema.json) on stdout and exits 0, whatever the verdict.
Input that cannot be screened (a missing or unreadable file, invalid JSON, a profile or notice that
breaks its contract, an impossible date) gets one line on stderr naming the field, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.profile import load_profile
from concours.kernel.eligibility.requirements import compile_requirements
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
    parser.add_argument("--on", help="the application date, YYYY-MM-DD (default: today)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en", help="the language of the reasons")
    parser.add_argument(
        "--submitted-at",
        help="when the application was submitted, ISO 8601 with an offset (e.g. 2025-04-06T21:58:00+02:00);"
        " the deadline is checked only when given",
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
    except InvalidInput as error:
        print(f"concours check_eligibility: {error}", file=sys.stderr)
        return USAGE_ERROR
    verdict = screen_compiled(profile, requirements, on=on, submitted_at=submitted_at)
    print(verdict.to_json(lang=args.lang))
    return 0


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
