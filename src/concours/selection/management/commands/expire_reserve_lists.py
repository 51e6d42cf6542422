"""`concours expire_reserve_lists`: close the reserve lists past their date and tell the candidates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concours.selection.services import reserve_lists_expire


class Command(BaseCommand):
    help = (
        "Close every reserve list entry past its expiry date (an entry holding an offer made in time "
        "waits for the candidate's answer), audit each and mail the candidates. Running it again closes "
        "nothing twice. Run it from cron once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, help="the day to expire against (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        closed = reserve_lists_expire(today=options.get("on"))
        self.stdout.write(f"closed {len(closed)} reserve list entries")
