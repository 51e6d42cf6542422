"""`concours parse_notice FILE...`: one JSON object per line for each notice, errors on stderr.

A file that cannot be read as a notice is named on stderr and skipped; the others are still parsed,
and the exit code is 1 if any file failed. A parser rule that failed on a file is listed in that file's
`warnings` and named on stderr; the notice is still printed and the exit code is unchanged.
"""

from __future__ import annotations

import json
import logging
import sys

from concours.kernel.notices.errors import NoticeError
from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.text import read_notice_file

USAGE = "usage: concours parse_notice FILE..."

# Each warning is reported on stderr in one line below; without this, Python's last-resort handler would
# also print the log record's traceback once per file. Logging configured by a caller still receives them.
logging.getLogger("concours.kernel.notices").addHandler(logging.NullHandler())


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
        notice = parse_notice_text(text, source_file=path)
        print(json.dumps(notice, ensure_ascii=False), flush=False)
        for warning in notice["warnings"]:
            fields = ", ".join(warning["fields"])
            print(
                f"concours parse_notice: {path}: warning: rule {warning['rule']} failed "
                f"({warning['error']}: {warning['message']}); fields affected: {fields}",
                file=sys.stderr,
            )
    sys.stdout.flush()
    return 1 if failed else 0
