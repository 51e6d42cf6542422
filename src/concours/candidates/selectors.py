"""Reading candidate profiles, and giving them in the shape screening reads (candidate.schema.json)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.candidates.models import CandidateProfile, JobAlert
from concours.candidates.unsubscribe import unsubscribe_token_is_valid
from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_list_published

# An alert is mailed at most once in this time: a cron at a fixed hour finds every alert due, a second run
# the same day none (and a few minutes' jitter of the cron does not skip a day).
JOB_ALERT_INTERVAL = dt.timedelta(hours=20)


def profile_for_user(*, user: Any) -> CandidateProfile | None:
    """The user's profile, its `user` the one given (already loaded: reading it costs no query)."""
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile is not None and isinstance(user, get_user_model()):
        profile.user = user
    return profile


def profile_as_contract(profile: CandidateProfile) -> dict[str, Any]:
    """The profile as candidate.schema.json describes it (uses prefetched rows when present)."""
    return {
        "id": str(profile.pk),
        "name": profile.name,
        "email": profile.user.email,
        "nationalities": list(profile.nationalities),
        "languages": [
            {"language": skill.language, "scale": skill.scale, "level": skill.level}
            for skill in profile.languages.all()
        ],
        "education": [
            {
                "level": item.level,
                "field": item.field,
                "institution": item.institution,
                "completed": item.completed.isoformat() if item.completed else None,
            }
            for item in profile.education.all()
        ],
        "experience": [
            {
                "start": post.start.isoformat(),
                "end": post.end.isoformat() if post.end else None,
                "title": post.title,
                "employer": post.employer,
                "fte": float(post.fte),
                "tags": list(post.tags),
            }
            for post in profile.experience.all()
        ],
        "serving_staff": profile.serving_staff,
    }


def profile_missing_parts(profile: CandidateProfile | None) -> list[str]:
    """Which parts of a profile are still empty (keys of candidate.schema.json)."""
    if profile is None:
        return ["nationalities", "languages", "education", "experience"]
    missing = []
    if not profile.nationalities:
        missing.append("nationalities")
    # Rows prefetched on the profile are read from memory; otherwise a query asks whether one exists.
    for part, rows in (
        ("languages", profile.languages),
        ("education", profile.education),
        ("experience", profile.experience),
    ):
        prefetched = part in getattr(profile, "_prefetched_objects_cache", {})
        if not (len(rows.all()) if prefetched else rows.exists()):
            missing.append(part)
    return missing


def job_alerts_for(*, user: Any) -> QuerySet[JobAlert]:
    """A candidate's active job alerts, the latest first."""
    return JobAlert.objects.filter(owner=user, active=True)


def job_alert_get_for(*, user: Any, alert_id: int) -> JobAlert:
    """One of the candidate's own active alerts; any other (someone else's, cancelled) is not found."""
    try:
        return job_alerts_for(user=user).get(pk=alert_id)
    except JobAlert.DoesNotExist:
        raise Http404 from None


def job_alert_from_token(*, alert_id: int, token: str) -> JobAlert:
    """The alert of an unsubscribe link, cancelled or not; a link whose signature does not hold is not
    found (the same answer as an unknown alert, so that a guess learns nothing)."""
    if not unsubscribe_token_is_valid(alert_id, token):
        raise Http404
    try:
        return JobAlert.objects.get(pk=alert_id)
    except JobAlert.DoesNotExist:
        raise Http404 from None


def job_alert_description(alert: JobAlert) -> str:
    """The saved search in words, in the active language: “cyber” · NATO · G17 · closing within 7 days."""
    # Translators: the words a saved search looks for, in the language's quotation marks.
    parts = [_("“%(words)s”") % {"words": alert.query}] if alert.query else []
    parts += [value for value in (alert.organisation, alert.grade, alert.location) if value]
    if alert.closing_soon:
        parts.append(str(_("closing within 7 days")))
    return " · ".join(parts) if parts else str(_("All vacancies"))


def job_alert_search_params(alert: JobAlert) -> str:
    """The saved search as the portal's query string, to show its vacancies."""
    params = {
        "q": alert.query,
        "organisation": alert.organisation,
        "grade": alert.grade,
        "location": alert.location,
        "closing_soon": "on" if alert.closing_soon else "",
    }
    return urlencode({name: value for name, value in params.items() if value})


def job_alerts_due(*, now: dt.datetime) -> list[int]:
    """The active alerts of active accounts (an erased candidate's are not) not mailed today."""
    return list(
        JobAlert.objects.filter(
            active=True, owner__is_active=True, last_sent_at__lte=now - JOB_ALERT_INTERVAL
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def job_alert_new_vacancies(
    alert: JobAlert, *, since: dt.datetime, until: dt.datetime, now: dt.datetime
) -> QuerySet[Vacancy]:
    """The vacancies that match the alert's search, were published after `since` and up to `until`, and
    are still open at `now`: the portal's own search, so that the mail and the page agree."""
    return vacancy_list_published(
        query=alert.query,
        organisation=alert.organisation,
        grade=alert.grade,
        location=alert.location,
        closing_soon=alert.closing_soon,
        now=now,
    ).filter(
        status=Vacancy.Status.PUBLISHED,
        deadline__gte=now,
        published_at__gt=since,
        published_at__lte=until,
    )
