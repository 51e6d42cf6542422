"""`concours parse_notice FILE...`: one JSON object per line for each notice, errors on stderr.

A file that cannot be read as a notice is named on stderr and skipped; the others are still parsed,
and the exit code is 1 if any file failed.
"""

from __future__ import annotations

import json
import sys

from concours.kernel.notices.errors import NoticeError
from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.text import read_notice_file

USAGE = "usage: concours parse_notice FILE..."


def main(argv: list[str]) -> int:
    """Parse each file in `argv`; print JSON Lines; return 0 if all parsed, 1 if any failed, 2 on misuse."""
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr if not argv else sys.stdout)
        return 2 if not argv else 0
    failed = 0
    for path in argv:
        try:
            text = read_notice_file(path)
        except NoticeError as error:
            print(f"concours parse_notice: {path}: {error}", file=sys.stderr)
            failed += 1
            continue
        print(json.dumps(parse_notice_text(text, source_file=path), ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 1 if failed else 0
