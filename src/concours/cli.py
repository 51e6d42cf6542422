"""The `concours` command: Django's management commands under one name.

The kernel's own commands (parse_notice, check_eligibility, inspect_essay) need no database, so they
are dispatched without starting Django: other tools call them in loops and expect them to be quick.
"""

from __future__ import annotations

import importlib
import os
import sys

# command name -> module whose `main(argv) -> int` runs it without Django
KERNEL_COMMANDS = {
    "parse_notice": "concours.kernel.notices.cli",
    "check_eligibility": "concours.kernel.eligibility.cli",
    "inspect_essay": "concours.kernel.essays.cli",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in KERNEL_COMMANDS:
        module = importlib.import_module(KERNEL_COMMANDS[args[1]])
        return int(module.main(args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concours.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["concours", *args[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
