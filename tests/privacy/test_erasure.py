"""Erasure: a candidate asks, HR confirms; files and personal fields go, the audit trail stays and adds up.

Applications in a running competition (vacancy not closed, or the application still in the
competition) are kept until it closes, and the candidate is told so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accounts.models import Role
from concours.accounts.roles import grant_role
from concours.applications.decisions import Decision
from concours.applications.models import Application, Attachment
from concours.applications.services import application_transition, application_withdraw
from concours.candidates.models import JobAlert
from concours.core.errors import Conflict, DomainError
from concours.core.models import AuditEvent, AuditEventType
from concours.essays.models import DraftCheck
from concours.genai.models import ExplanationRequest
from concours.notifications.models import OutboxMail
from concours.privacy.models import ErasureRequest
from concours.privacy.selectors import application_is_running
from concours.privacy.services import erase_expired, erasure_confirm, erasure_request
from concours.selection.models import Placement, Recommendation, ReserveEntry, ReserveOffer
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancy_close
from data_rights import BART, ZOE, Scenario, build, build_everything, text_values
from factories import PASSWORD, ApplicationFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db
S = Application.Status


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _ask_and_confirm(client, s: Scenario):  # type: ignore[no-untyped-def]
    client.force_login(s.zoe.user)
    asked = client.post(reverse("privacy:erase"), {"confirm": "on"})
    assert asked.status_code == 302
    erasure = ErasureRequest.objects.get(user=s.zoe.user)
    client.force_login(s.recruiter)
    confirmed = client.post(reverse("backoffice:erasure_confirm", args=[erasure.pk]))
    assert confirmed.status_code == 302
    erasure.refresh_from_db()
    return erasure


def _files(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in root.rglob("*") if p.is_file()} if root.exists() else {}


def test_erasure_leaves_no_personal_field_or_file_and_the_trail_adds_up(client, settings) -> None:  # type: ignore[no-untyped-def]
    """Once both of her competitions are over: no text in any table of any app and no file in the media
    folder holds her name, address or any other value of hers; every event of the trail is still there
    (none naming her), with one more per erasure; the login no longer opens; the other candidate keeps
    everything."""
    s = build()
    application_withdraw(application=s.zoe_running, actor=s.zoe.user, reason=f"{ZOE.name} moves to Oslo")
    vacancy_close(vacancy=s.running, actor=s.recruiter)
    media = Path(settings.MEDIA_ROOT)
    # Six files: two CVs, two essays, the anonymised essay, the draft.
    her_stored = [a.file for a in Attachment.objects.filter(application__candidate=s.zoe)]
    her_stored += [s.zoe_closed.essay_rendition.pdf, s.draft.file]
    assert len({stored.name for stored in her_stored}) == 6
    her_files = set()
    for stored in her_stored:
        with stored.open("rb") as f:
            her_files.add(hashlib.sha256(f.read()).hexdigest())
    assert her_files <= {hashlib.sha256(b).hexdigest() for b in _files(media).values()}
    bart_files = {a.file.name: a.sha256 for a in Attachment.objects.filter(application__candidate=s.bart)}
    assert len(bart_files) == 4
    before = Counter(AuditEvent.objects.values_list("event_type", flat=True))
    before_ids = set(AuditEvent.objects.values_list("pk", flat=True))
    assert any(ZOE.name in value for _where, value in text_values())  # the scan can find her

    erasure = _ask_and_confirm(client, s)

    assert erasure.status == ErasureRequest.Status.DONE and erasure.pseudonym.startswith("E-")
    # No table keeps a value of hers.
    leaks = [
        (where, term) for where, value in text_values() for term in ZOE.terms if _norm(term) in _norm(value)
    ]
    assert leaks == []
    user = s.zoe.user
    user.refresh_from_db()
    s.zoe.refresh_from_db()
    assert s.zoe.nationalities == [] and s.zoe.name == erasure.pseudonym
    assert not (s.zoe.languages.exists() or s.zoe.education.exists() or s.zoe.experience.exists())
    assert not user.is_active and not user.has_usable_password()
    assert not client.login(email=ZOE.email, password=PASSWORD)
    assert not Application.objects.filter(candidate=s.zoe).exists()
    assert not DraftCheck.objects.filter(candidate=s.zoe).exists()
    # No file of hers is left; the other candidate's are all there.
    left = _files(media)
    assert not [path for path, body in left.items() if b"Kowalczyk" in body]
    assert not her_files & {hashlib.sha256(body).hexdigest() for body in left.values()}
    for name, sha in bart_files.items():
        assert hashlib.sha256(left[str(media / name)]).hexdigest() == sha
    assert len(left) == len(bart_files)
    # The trail adds up: every event is still there, none names her, one more per erasure.
    after = Counter(AuditEvent.objects.values_list("event_type", flat=True))
    assert before_ids <= set(AuditEvent.objects.values_list("pk", flat=True))
    added = after - before
    assert added == Counter(
        {
            AuditEventType.ERASURE_REQUESTED: 1,
            AuditEventType.ERASURE_CONFIRMED: 1,
            AuditEventType.APPLICATION_ERASED: 2,
            AuditEventType.DRAFT_CHECK_ERASED: 1,
            AuditEventType.CANDIDATE_ERASED: 1,
        }
    )
    assert all(after[kind] == count for kind, count in before.items())
    for event in AuditEvent.objects.all():
        for term in ZOE.terms:
            assert _norm(term) not in _norm(event.subject_repr + str(event.extra)), (event.event_type, term)
    # The other candidate's profile and applications are as they were.
    s.bart.refresh_from_db()
    assert s.bart.name == BART.name and s.bart.applications.count() == 2
    assert s.bart.experience.get().employer == BART.employer


def test_a_running_competitions_application_is_kept_until_it_closes(client) -> None:  # type: ignore[no-untyped-def]
    """Confirmed while one competition runs: the rest is erased at once; the running application, its
    files and the account stay, and the candidate is told; once it is over, `erase_expired` finishes."""
    s = build()
    client.force_login(s.zoe.user)
    page = client.get(reverse("privacy:home")).content.decode()
    assert "still running" in page and s.running.reference in page  # told before asking

    erasure = _ask_and_confirm(client, s)

    assert erasure.status == ErasureRequest.Status.WAITING
    assert list(Application.objects.filter(candidate=s.zoe)) == [s.zoe_running]
    assert s.zoe_running.attachments.count() == 2
    assert not Application.objects.filter(pk=s.zoe_closed.pk).exists()
    assert not DraftCheck.objects.exists()
    s.zoe.user.refresh_from_db()
    assert s.zoe.user.is_active and s.zoe.user.email == ZOE.email
    client.force_login(s.zoe.user)
    page = client.get(reverse("privacy:home")).content.decode()
    assert "HR confirmed the erasure" in page and s.running.reference in page

    assert erase_expired().candidates == 0  # still running: nothing more
    vacancy_close(vacancy=s.running, actor=s.recruiter)
    application_transition(application=s.zoe_running, to=S.SCREENED_IN, reason="meets", actor=s.recruiter)
    assert erase_expired().candidates == 0  # closed, but she is still in the competition
    application_transition(
        application=s.zoe_running,
        to=S.NOT_SELECTED,
        reason="ranked lower",
        actor=s.recruiter,
        decision=Decision("test: as the appointing authority approved"),
    )
    report = erase_expired()
    assert report.candidates == 1
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    assert not Application.objects.filter(candidate=s.zoe).exists()
    s.zoe.user.refresh_from_db()
    assert not s.zoe.user.is_active and s.zoe.user.email != ZOE.email


@pytest.mark.parametrize(
    ("vacancy_status", "status", "running"),
    [
        (Vacancy.Status.PUBLISHED, S.SUBMITTED, True),
        (Vacancy.Status.PUBLISHED, S.WITHDRAWN, True),  # the competition runs: its record stays whole
        (Vacancy.Status.PUBLISHED, S.DRAFT, False),  # never entered it
        (Vacancy.Status.CLOSED, S.SUBMITTED, True),
        (Vacancy.Status.CLOSED, S.SCREENED_IN, True),
        (Vacancy.Status.CLOSED, S.SHORTLISTED, True),
        (Vacancy.Status.CLOSED, S.RESERVE, True),
        (Vacancy.Status.CLOSED, S.SCREENED_OUT, False),
        (Vacancy.Status.CLOSED, S.WITHDRAWN, False),
        (Vacancy.Status.CLOSED, S.NOT_SELECTED, False),
    ],
)
def test_which_applications_a_running_competition_keeps(
    vacancy_status: str, status: str, running: bool
) -> None:
    application = ApplicationFactory(vacancy=VacancyFactory(status=vacancy_status), status=status)
    assert application_is_running(application) is running


def test_a_second_request_and_a_second_confirmation_are_refused() -> None:
    """One open request per candidate; a request is confirmed once."""
    s = build()
    erasure = erasure_request(user=s.zoe.user, actor=s.zoe.user)
    with pytest.raises(DomainError, match="already asked"):
        erasure_request(user=s.zoe.user, actor=s.zoe.user)
    erasure_confirm(erasure=erasure, actor=s.recruiter)
    with pytest.raises(Conflict):
        erasure_confirm(erasure=erasure, actor=s.recruiter)
    assert ErasureRequest.objects.count() == 1


def test_only_hr_confirms() -> None:
    """The service itself refuses a confirmation by anyone but a recruiter or an administrator."""
    s = build()
    erasure = erasure_request(user=s.zoe.user, actor=s.zoe.user)
    for role in (Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER):
        with pytest.raises(DomainError):
            erasure_confirm(erasure=erasure, actor=make_user(role))
    erasure.refresh_from_db()
    assert (
        erasure.status == ErasureRequest.Status.REQUESTED
        and Application.objects.filter(candidate=s.zoe).count() == 2
    )


@pytest.mark.s3
def test_export_and_erasure_reach_files_in_a_bucket(client, s3_bucket, media_files) -> None:  # type: ignore[no-untyped-def]
    """With files in object storage, the download streams them from the bucket and erasure deletes them
    there; the other candidate's objects stay."""
    s = build()
    application_withdraw(application=s.zoe_running, actor=s.zoe.user)
    vacancy_close(vacancy=s.running, actor=s.recruiter)
    hers = sorted(
        [a.file.name for a in Attachment.objects.filter(application__candidate=s.zoe)]
        + [s.zoe_closed.essay_rendition.pdf.name, s.draft.file.name]
    )
    his = sorted(a.file.name for a in Attachment.objects.filter(application__candidate=s.bart))
    assert s3_bucket.names() == sorted(hers + his) and media_files() == []
    client.force_login(s.zoe.user)
    archive = b"".join(client.post(reverse("privacy:download")).streaming_content)
    for name in hers:
        assert hashlib.sha256(s3_bucket.read(name)).hexdigest() in _digests_in_zip(archive)

    _ask_and_confirm(client, s)

    assert s3_bucket.names() == his


def _digests_in_zip(archive: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return {hashlib.sha256(opened.read(name)).hexdigest() for name in opened.namelist()}


def test_a_member_of_staff_is_not_erased_as_a_candidate() -> None:
    """A recruiter who also applied asks for erasure: HR is told to end their staff roles first, and
    nothing is erased meanwhile."""
    s = build()
    grant_role(s.zoe.user, Role.RECRUITER, actor=None)
    erasure = erasure_request(user=s.zoe.user, actor=s.zoe.user)
    with pytest.raises(DomainError, match="member of staff"):
        erasure_confirm(erasure=erasure, actor=s.recruiter)
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.REQUESTED
    assert Application.objects.filter(candidate=s.zoe).count() == 2 and DraftCheck.objects.exists()


def test_erasure_takes_job_alerts_accommodation_explanations_and_reserve_lists(client, settings) -> None:  # type: ignore[no-untyped-def]
    """With a job alert, an accommodation request (decided, two documents), an explanation answered and
    an expired reserve list with a declined offer: once her competitions are over, none of their rows or
    files is left and no table names her; the trail keeps every event, one more per erasure; the other
    candidate's alert, request and document stay."""
    e = build_everything()
    s = e.s
    application_withdraw(application=s.zoe_running, actor=s.zoe.user)
    vacancy_close(vacancy=s.running, actor=s.recruiter)
    media = Path(settings.MEDIA_ROOT)
    her_documents = [
        d.file.name for d in AccommodationDocument.objects.filter(request__application__candidate=s.zoe)
    ]
    his_documents = [
        d.file.name for d in AccommodationDocument.objects.filter(request__application__candidate=s.bart)
    ]
    assert len(her_documents) == 2 and len(his_documents) == 1
    assert all((media / name).exists() for name in her_documents + his_documents)
    assert application_is_running(e.reserve_application) is False  # the list expired
    before = Counter(AuditEvent.objects.values_list("event_type", flat=True))
    before_ids = set(AuditEvent.objects.values_list("pk", flat=True))
    held = [(where, value) for where, value in text_values() if _norm(ZOE.name) in _norm(value)]
    assert {where.split("#")[0] for where, _value in held} >= {
        "accommodation.AccommodationRequest.needs",
        "accommodation.AccommodationRequest.reason",
        "selection.Placement.reason",
        "core.AuditEvent.extra",
    }

    erasure = _ask_and_confirm(client, s)

    assert erasure.status == ErasureRequest.Status.DONE
    leaks = [
        (where, term) for where, value in text_values() for term in ZOE.terms if _norm(term) in _norm(value)
    ]
    assert leaks == []
    assert not JobAlert.objects.filter(owner=s.zoe.user).exists()
    assert not AccommodationRequest.objects.filter(application__candidate=s.zoe).exists()
    assert not ExplanationRequest.objects.exists()
    assert not ReserveEntry.objects.exists() and not ReserveOffer.objects.exists()
    assert not Placement.objects.exists()
    assert not OutboxMail.objects.filter(to=ZOE.email).exists()
    assert not [name for name in her_documents if (media / name).exists()]
    assert all((media / name).exists() for name in his_documents)
    assert JobAlert.objects.filter(owner=s.bart.user).count() == 1
    assert AccommodationRequest.objects.filter(application__candidate=s.bart).count() == 1
    # The trail adds up: every event is still there, none names her, one more per erasure.
    after = Counter(AuditEvent.objects.values_list("event_type", flat=True))
    assert before_ids <= set(AuditEvent.objects.values_list("pk", flat=True))
    assert after - before == Counter(
        {
            AuditEventType.ERASURE_REQUESTED: 1,
            AuditEventType.ERASURE_CONFIRMED: 1,
            AuditEventType.APPLICATION_ERASED: 3,
            AuditEventType.DRAFT_CHECK_ERASED: 1,
            AuditEventType.CANDIDATE_ERASED: 1,
        }
    )
    for event in AuditEvent.objects.all():
        for term in ZOE.terms:
            assert _norm(term) not in _norm(event.subject_repr + str(event.extra)), (event.event_type, term)


def test_a_reserve_list_holds_the_application_until_it_closes() -> None:
    """On a reserve list still open, the candidate is still in the competition; once it has expired, not."""
    application = ApplicationFactory(vacancy=VacancyFactory(status=Vacancy.Status.CLOSED), status=S.RESERVE)
    recommendation = Recommendation.objects.create(vacancy=application.vacancy, status="approved")
    entry = ReserveEntry.objects.create(
        application=application, recommendation=recommendation, expires_on=dt.date(2030, 1, 1)
    )
    assert application_is_running(application) is True
    entry.state = ReserveEntry.State.EXPIRED
    entry.save(update_fields=["state"])
    assert application_is_running(application) is False
