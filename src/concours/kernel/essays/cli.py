"""`concours inspect_essay FILE [--notice NOTICE.json] [--no-render] [--text]`.

Prints the essay's facts as JSON on stdout and exits 0, whatever the checks say. A file that is refused
(unsafe, not a .docx), missing, or that LibreOffice cannot render gets one line on stderr with the
reason, and exit code 2; so does a notice that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from concours.kernel.essays.errors import EssayRefused, RenderError
from concours.kernel.essays.facts import inspect
from concours.kernel.essays.render import Renderer

USAGE_ERROR = 2
PROG = "concours inspect_essay"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check an essay (.docx) is safe, read its facts, count its pages as LibreOffice"
        " renders them, and check it against a notice's essay rules; print JSON.",
    )
    parser.add_argument("file", help="the essay, a .docx file")
    parser.add_argument("--notice", help="a parsed notice as JSON (contracts/notice.schema.json)")
    parser.add_argument("--no-render", action="store_true", help="skip LibreOffice: pages stay null")
    parser.add_argument("--text", action="store_true", help="include the body text")
    parser.add_argument("--lang", choices=("en", "fr"), default="en", help="the language of refusals")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message; hand the code back to the caller
        return int(exit_.code) if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        rules = _essay_rules(args.notice) if args.notice else None
    except ValueError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return USAGE_ERROR
    renderer = None if args.no_render else Renderer()
    try:
        facts = inspect(args.file, renderer=renderer, rules=rules)
    except EssayRefused as refusal:
        print(
            f"{PROG}: {args.file}: refused ({refusal.code}): {refusal.reason_in(args.lang)}", file=sys.stderr
        )
        return USAGE_ERROR
    except RenderError as error:
        print(f"{PROG}: {args.file}: cannot be rendered: {error}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as error:
        print(f"{PROG}: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return USAGE_ERROR
    finally:
        if renderer is not None:
            renderer.close()
    print(facts.to_json(with_text=args.text))
    return 0


def _essay_rules(path: str) -> dict[str, Any]:
    """The notice's `essay` object ({} when the notice asks for no essay)."""
    try:
        notice = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a JSON notice: {error}") from error
    if not isinstance(notice, dict):
        raise ValueError(f"{path} is not a JSON notice (an object)")
    essay = notice.get("essay")
    if essay is None:
        return {}
    if not isinstance(essay, dict):
        raise ValueError(f"{path}: essay is not an object")
    return essay
