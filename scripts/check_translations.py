"""Fail when a user-facing string has no French translation.

Runs makemessages for French (which adds any new string to the catalogue) and lists the entries
that are still untranslated or fuzzy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "concours"
CATALOGUE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def main() -> int:
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "concours"),
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "-v0",
            "--ignore",
            "kernel/*",
            "--ignore",
            "demo/*",
        ],
        cwd=PACKAGE,
        check=True,
    )
    missing = []
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(CATALOGUE)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        missing += [line for line in out.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    if missing:
        print(f"{len(missing)} string(s) without a French translation in {CATALOGUE.relative_to(ROOT)}:")
        print("\n".join(f"  {line}" for line in missing[:50]))
        return 1
    print("translations: every string has French")
    return 0


if __name__ == "__main__":
    sys.exit(main())
