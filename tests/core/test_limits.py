"""Free texts have a length limit, in the forms and again in the services."""

from __future__ import annotations

import pytest

from concours.applications.forms import TransitionForm, WithdrawForm
from concours.applications.models import Application, Transition
from concours.applications.services import application_withdraw
from concours.core.errors import DomainError
from concours.core.limits import REASON_MAX_LENGTH, reason_checked
from concours.screening.forms import DecisionForm
from concours.vacancies.notice_form import LINES_MAX_LENGTH, NoticeForm
from factories import ApplicationFactory

TOO_LONG = "x" * (REASON_MAX_LENGTH + 1)


def test_a_reason_up_to_the_limit_is_kept_and_a_longer_one_refused() -> None:
    assert reason_checked("  " + "x" * REASON_MAX_LENGTH + "\n") == "x" * REASON_MAX_LENGTH
    with pytest.raises(DomainError, match=str(REASON_MAX_LENGTH)):
        reason_checked(TOO_LONG)


def test_the_forms_refuse_a_reason_over_the_limit() -> None:
    forms = [
        WithdrawForm({"reason": TOO_LONG}),
        TransitionForm({"to": "withdrawn", "reason": TOO_LONG}, targets=["withdrawn"]),
        DecisionForm({"decision-eligible": "yes", "decision-reason": TOO_LONG}),
    ]
    for form in forms:
        form.is_valid()
        assert "reason" in form.errors, type(form).__name__


def test_the_notice_form_limits_its_free_texts() -> None:
    form = NoticeForm({"key_challenges": "x" * (LINES_MAX_LENGTH + 1), "nationality_restriction": "x" * 501})
    form.is_valid()
    assert {"key_challenges", "nationality_restriction"} <= set(form.errors)


@pytest.mark.django_db
def test_the_service_refuses_a_reason_over_the_limit_and_changes_nothing() -> None:
    """A reason that came round the form (an API, a script) is refused by the service itself."""
    application = ApplicationFactory(status=Application.Status.SUBMITTED)
    with pytest.raises(DomainError, match="at most"):
        application_withdraw(application=application, actor=application.candidate.user, reason=TOO_LONG)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not Transition.objects.filter(application=application).exists()
    application_withdraw(application=application, actor=application.candidate.user, reason=TOO_LONG[:-1])
    assert Transition.objects.get(application=application).reason == TOO_LONG[:-1]
