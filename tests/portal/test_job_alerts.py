"""Job alerts on the portal: saving the current search, the list of one's alerts, cancelling, and the mail's
unsubscribe link, which works without signing in (GET asks, POST cancels, also RFC 8058's one-click POST)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role
from concours.candidates.models import JobAlert
from concours.candidates.services import job_alerts_send
from concours.candidates.unsubscribe import unsubscribe_token
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from factories import JobAlertFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def unsubscribe_url(alert: JobAlert, token: str | None = None) -> str:
    return reverse(
        "alerts:unsubscribe", args=[alert.pk, token if token is not None else unsubscribe_token(alert.pk)]
    )


def test_a_candidate_saves_the_search_of_the_page_as_an_alert(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(grade="G17", location="Mons, Belgium")
    candidate = make_user(Role.CANDIDATE)
    client.force_login(candidate)
    search = {"q": "cyber", "grade": "G17", "location": "Mons, Belgium", "closing_soon": "on"}
    page = client.get(reverse("vacancies:list"), search).content.decode()
    # The page's button carries the search the candidate is reading.
    form = page[page.index('id="save-alert"') : page.index("</form>", page.index('id="save-alert"'))]
    assert 'name="q" value="cyber"' in form and 'name="grade" value="G17"' in form
    assert 'name="location" value="Mons, Belgium"' in form and 'name="closing_soon" value="on"' in form
    response = client.post(reverse("alerts:save"), search, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302 and response.url == reverse("alerts:list")
    alert = JobAlert.objects.get(owner=candidate)
    assert alert.filters() == {
        "query": "cyber",
        "organisation": "",
        "grade": "G17",
        "location": "Mons, Belgium",
        "closing_soon": True,
    }
    assert alert.language == "fr"  # the language the candidate reads the site in
    assert audit_events_for(alert).get().event_type == AuditEventType.JOB_ALERT_SAVED
    listing = client.get(reverse("alerts:list")).content.decode()
    assert "“cyber” · G17 · Mons, Belgium · closing within 7 days" in listing


def test_saving_the_same_search_twice_says_so_and_keeps_one(client) -> None:  # type: ignore[no-untyped-def]
    candidate = make_user(Role.CANDIDATE)
    client.force_login(candidate)
    client.post(reverse("alerts:save"), {"q": "policy"})
    response = client.post(reverse("alerts:save"), {"q": "policy"}, follow=True)
    assert "You already have a job alert for this search." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("vacancies:list") + "?q=policy"
    assert JobAlert.objects.filter(owner=candidate).count() == 1


def test_anonymous_visitors_are_invited_to_sign_in_and_staff_see_no_button(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory()
    page = client.get(reverse("vacancies:list"), {"q": "policy"}).content.decode()
    assert 'id="save-alert"' not in page
    assert 'id="alert-invitation"' in page and "?next=/vacancies/%3Fq%3Dpolicy" in page
    response = client.post(reverse("alerts:save"), {"q": "policy"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("vacancies:list")).content.decode()
    assert 'id="save-alert"' not in page and 'id="alert-invitation"' not in page


def test_staff_are_refused_the_alert_pages(client) -> None:  # type: ignore[no-untyped-def]
    alert = JobAlertFactory()
    for role in (Role.RECRUITER, Role.PANEL_MEMBER, Role.ADMINISTRATOR):
        client.force_login(make_user(role))
        assert client.get(reverse("alerts:list")).status_code == 403
        assert client.post(reverse("alerts:save"), {"q": "x"}).status_code == 403
        assert client.post(reverse("alerts:cancel", args=[alert.pk])).status_code == 403
    assert not JobAlert.objects.exclude(pk=alert.pk).exists()
    alert.refresh_from_db()
    assert alert.active


def test_a_candidate_lists_and_cancels_only_their_own_alerts(client) -> None:  # type: ignore[no-untyped-def]
    mine = JobAlertFactory(query="logistics")
    theirs = JobAlertFactory(query="submarines")
    client.force_login(mine.owner)
    listing = client.get(reverse("alerts:list")).content.decode()
    assert "logistics" in listing and "submarines" not in listing
    assert client.post(reverse("alerts:cancel", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("alerts:cancel", args=[mine.pk])).status_code == 405  # never by a GET
    theirs.refresh_from_db()
    assert theirs.active and not audit_events_for(theirs).exists()
    response = client.post(reverse("alerts:cancel", args=[mine.pk]), follow=True)
    assert "The job alert is cancelled" in response.content.decode()
    mine.refresh_from_db()
    assert not mine.active
    assert audit_events_for(mine).get().event_type == AuditEventType.JOB_ALERT_CANCELLED
    assert "logistics" not in client.get(reverse("alerts:list")).content.decode()


def test_the_mail_s_link_asks_on_get_and_cancels_on_post_without_signing_in() -> None:
    alert = JobAlertFactory(grade="G17")
    client = Client(enforce_csrf_checks=True)  # as a mail program or a browser with no session would
    page = client.get(unsubscribe_url(alert))
    assert page.status_code == 200
    assert 'id="confirm-unsubscribe"' in page.content.decode() and "G17" in page.content.decode()
    alert.refresh_from_db()
    assert alert.active  # a mail scanner opening the link changes nothing
    response = client.post(unsubscribe_url(alert))
    assert response.status_code == 200
    assert "This alert is cancelled" in response.content.decode()
    alert.refresh_from_db()
    assert not alert.active
    [event] = audit_events_for(alert)
    assert event.event_type == AuditEventType.JOB_ALERT_CANCELLED and event.actor is None
    # Twice the link: said, and recorded once.
    again = client.get(unsubscribe_url(alert)).content.decode()
    assert "already cancelled" in again and 'id="confirm-unsubscribe"' not in again
    assert client.post(unsubscribe_url(alert)).status_code == 200
    assert audit_events_for(alert).count() == 1


def test_a_tampered_or_borrowed_token_is_refused() -> None:
    alert, other = JobAlertFactory(), JobAlertFactory()
    token = unsubscribe_token(alert.pk)
    client = Client(enforce_csrf_checks=True)
    for url in (
        unsubscribe_url(alert, token[:-2] + ("AA" if not token.endswith("AA") else "BB")),
        unsubscribe_url(alert, unsubscribe_token(other.pk)),
        unsubscribe_url(other, token),
        unsubscribe_url(alert, "x"),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    for each in (alert, other):
        each.refresh_from_db()
        assert each.active and not audit_events_for(each).exists()


def test_the_mail_carries_one_click_unsubscribe_headers_that_work() -> None:
    """RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address, with no
    cookie and no CSRF token."""
    alert = JobAlertFactory()
    VacancyFactory(published_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    job_alerts_send()
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    match = re.fullmatch(r"<(?P<url>[^>]+)>", message.extra_headers["List-Unsubscribe"])
    assert match and match["url"].startswith(settings.CONCOURS_SITE_URL + "/")
    path = match["url"].removeprefix(settings.CONCOURS_SITE_URL)
    assert path == unsubscribe_url(alert) and path in message.body
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert not alert.active


def test_the_list_reads_in_french(client) -> None:  # type: ignore[no-untyped-def]
    alert = JobAlertFactory(query="cyber", closing_soon=True, language="fr")
    client.force_login(alert.owner)
    page = client.get(reverse("alerts:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Mes alertes emploi" in page
    assert "«\u00a0cyber\u00a0» · clôture dans les 7 jours" in page
    assert 'aria-label="Annuler cette alerte\u00a0: «\u00a0cyber\u00a0» · clôture dans les 7 jours"' in page
