"""The recruiter's pages for notices: import files, review a draft beside its source, publish it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.core.errors import Conflict, DomainError
from concours.core.uploads import upload_read
from concours.vacancies import services
from concours.vacancies.importing import ImportOutcome, vacancy_import_file
from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import NoticeForm, notice_initial
from concours.vacancies.selectors import vacancy_get_for_staff, vacancy_unread_fields


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class ImportForm(forms.Form):
    notices = MultipleFileField(
        allow_empty_file=True,
        label=gettext_lazy("Notice files"),
        widget=MultipleFileInput(),
        help_text=gettext_lazy("Text, HTML, PDF or MS Word (.docx); several at once."),
    )


@recruiter_required
def notice_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    outcomes: list[ImportOutcome] = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            for index, upload in enumerate(form.cleaned_data["notices"]):
                try:  # a file over the upload limit arrives empty (core.uploads): say so, by its size
                    data = upload_read(upload, what=_("notice"))
                except DomainError as error:
                    outcomes.append(ImportOutcome(upload.name or "", "skipped", error.message))
                    continue
                # The reader tells formats by content; the name only keeps its suffix for the report.
                path = Path(folder) / f"{index}{Path(upload.name or '').suffix.lower()[:8]}"
                path.write_bytes(data)
                outcomes.append(vacancy_import_file(path=str(path), actor=request.user, name=upload.name))
    return render(request, "backoffice/notice_import.html", {"form": form, "outcomes": outcomes})


class DraftSeenForm(forms.Form):
    """The version of the draft its editor opened (its `updated_at`), carried by the review form."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_seen(self) -> dt.datetime:
        seen = parse_datetime(self.cleaned_data["seen"])
        if seen is None or seen.tzinfo is None:
            raise forms.ValidationError(_("Open the draft again: the page is out of date."))
        return seen


def _seen_form(vacancy: Vacancy) -> DraftSeenForm:
    # ISO text with microseconds and offset: the exact instant, whatever the page's time zone.
    return DraftSeenForm(initial={"seen": vacancy.updated_at.isoformat()})


@recruiter_required
def vacancy_review(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    initial = notice_initial(
        vacancy.notice, title_fr=vacancy.title_fr, zone=vacancy.zone, deadline=vacancy.deadline
    )
    form = NoticeForm(request.POST or None, initial=initial)
    seen_form = DraftSeenForm(request.POST) if request.method == "POST" else _seen_form(vacancy)
    status = 200
    if request.method == "POST" and not seen_form.is_valid():
        form.is_valid()  # the recruiter's input is shown again with its own errors too
        form.add_error(None, _("Open the draft again: the page is out of date."))
        seen_form = _seen_form(vacancy)
    elif request.method == "POST" and vacancy.status == Vacancy.Status.DRAFT and form.is_valid():
        try:
            services.vacancy_edit_draft(
                vacancy=vacancy,
                notice=form.to_notice(vacancy.notice),
                title_fr=form.cleaned_data["title_fr"],
                zone=form.cleaned_data["zone"],
                deadline=form.deadline_instant(),
                actor=user,
                expected_updated_at=seen_form.cleaned_data["seen"],
            )
        except Conflict as error:
            # The input stays in the form; the page now carries the current version, so saving again
            # is a deliberate choice to replace the other change.
            form.add_error(None, error.message)
            vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
            seen_form = _seen_form(vacancy)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        except IntegrityError:
            form.add_error("reference", _("Another vacancy of this organisation has this reference."))
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("backoffice:review", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/vacancy_review.html",
        {
            "vacancy": vacancy,
            "form": form,
            "seen_form": seen_form,
            "unread_fields": vacancy_unread_fields(vacancy),
        },
        status=status,
    )


@require_POST
@recruiter_required
def vacancy_publish(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=request.user)
    try:
        services.vacancy_publish(vacancy=vacancy, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:review", vacancy_id=vacancy.pk)
    messages.success(request, _("The vacancy is published."))
    return redirect("backoffice:vacancy", vacancy_id=vacancy.pk)
