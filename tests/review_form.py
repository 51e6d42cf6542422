"""What the back office's review form posts for a vacancy, for tests that submit it."""

from __future__ import annotations

from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import NoticeForm, notice_initial


def review_data(vacancy: Vacancy) -> dict[str, object]:
    """The review form's fields for `vacancy` unchanged, with the version it was opened at."""
    form = NoticeForm(
        initial=notice_initial(
            vacancy.notice, title_fr=vacancy.title_fr, zone=vacancy.zone, deadline=vacancy.deadline
        )
    )
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data["zone"] = vacancy.zone
    if vacancy.local_deadline:
        data["deadline"] = vacancy.local_deadline.strftime("%Y-%m-%dT%H:%M")
    data["seen"] = vacancy.updated_at.isoformat()
    return data
