"""The instant each request arrived, taken before anything else runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


class ArrivalMiddleware:
    """Stamps `request.arrived_at`: first in MIDDLEWARE, so that what runs after it (reading the
    uploads, checking the essay, waiting for a lock) does not count against a deadline."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.arrived_at = timezone.now()  # type: ignore[attr-defined]
        return self.get_response(request)


def arrived_at(request: HttpRequest) -> dt.datetime:
    """When the request arrived; now, for a request the middleware did not see (a test's RequestFactory)."""
    arrived: dt.datetime | None = getattr(request, "arrived_at", None)
    return arrived or timezone.now()
