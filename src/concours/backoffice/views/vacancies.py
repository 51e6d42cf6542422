"""The recruiter's pages for notices: import files, review a notice beside its source, publish it, then
edit, extend or unpublish it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.core.errors import Conflict, DomainError
from concours.core.limits import REASON_MAX_LENGTH
from concours.core.uploads import upload_read
from concours.kernel.text.dates import written_moment
from concours.vacancies import services
from concours.vacancies.importing import ImportOutcome, vacancy_import_files
from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import (
    FrenchNoticeForm,
    NoticeForm,
    french_notice_initial,
    notice_initial,
)
from concours.vacancies.selectors import (
    vacancy_get_for_staff,
    vacancy_notice_versions,
    vacancy_unread_fields,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files if item]
        if not cleaned and self.required:  # no file at all: say so, rather than import nothing silently
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


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
        refused: dict[int, ImportOutcome] = {}
        files: list[tuple[str, str]] = []
        with tempfile.TemporaryDirectory() as folder:
            for index, upload in enumerate(form.cleaned_data["notices"]):
                try:  # a file over the upload limit arrives empty (core.uploads): say so, by its size
                    data = upload_read(upload, what=_("notice"))
                except DomainError as error:
                    refused[index] = ImportOutcome(upload.name or "", "skipped", error.message)
                    continue
                # The reader tells formats by content; the name only keeps its suffix for the report.
                path = Path(folder) / f"{index}{Path(upload.name or '').suffix.lower()[:8]}"
                path.write_bytes(data)
                files.append((str(path), upload.name or ""))
            # English notices first, whatever the order: a French one fills the vacancy an English one made.
            imported = iter(vacancy_import_files(files=files, actor=request.user))
            outcomes = [
                refused[index] if index in refused else next(imported)
                for index in range(len(form.cleaned_data["notices"]))
            ]
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


class ExtendForm(forms.Form):
    """A later deadline for a published vacancy, in local time at its duty station."""

    deadline = forms.DateTimeField(
        label=gettext_lazy("New deadline (local time at the duty station)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def instant(self, zone: str) -> dt.datetime:
        deadline: dt.datetime = self.cleaned_data["deadline"]
        return deadline.replace(tzinfo=ZoneInfo(zone))


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it is taken off the portal"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _notice_form(vacancy: Vacancy, data: Any = None) -> NoticeForm:
    """The review form; on a published vacancy the deadline and zone are shown but changed only by
    extending the deadline (applicants are told), so those fields are disabled."""
    initial = notice_initial(
        vacancy.notice, title_fr=vacancy.title_fr, zone=vacancy.zone, deadline=vacancy.deadline
    )
    if vacancy.status == Vacancy.Status.PUBLISHED:
        initial["zone"] = vacancy.zone
    form = NoticeForm(data, initial=initial)
    if vacancy.status == Vacancy.Status.PUBLISHED:
        form.fields["deadline"].disabled = True
        form.fields["zone"].disabled = True
        form.fields["deadline"].help_text = gettext_lazy("Use “Extend the deadline” below.")
    return form


def _review_page(
    request: HttpRequest,
    vacancy: Vacancy,
    *,
    form: NoticeForm | None = None,
    seen_form: DraftSeenForm | None = None,
    extend_form: ExtendForm | None = None,
    unpublish_form: UnpublishForm | None = None,
    french_form: FrenchNoticeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    local = vacancy.local_deadline
    return render(
        request,
        "backoffice/vacancy_review.html",
        {
            "vacancy": vacancy,
            "form": form or _notice_form(vacancy),
            "seen_form": seen_form or _seen_form(vacancy),
            "extend_form": extend_form
            or ExtendForm(initial={"deadline": local.replace(tzinfo=None) if local else None}),
            "unpublish_form": unpublish_form or UnpublishForm(),
            "unread_fields": vacancy_unread_fields(vacancy),
            "versions": vacancy_notice_versions(vacancy),
            "french_form": french_form
            or FrenchNoticeForm(initial=french_notice_initial(vacancy.notice_fr, title_fr=vacancy.title_fr)),
        },
        status=status,
    )


@recruiter_required
def vacancy_review(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """One form for the notice; on a draft its two buttons save, or save and then publish, so that
    publishing never leaves an edit behind. A published vacancy is edited here too (audited)."""
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    if request.method != "POST":
        return _review_page(request, vacancy)
    form = _notice_form(vacancy, request.POST)
    seen_form = DraftSeenForm(request.POST)
    if not seen_form.is_valid():
        form.is_valid()  # the recruiter's input is shown again with its own errors too
        form.add_error(None, _("Open the draft again: the page is out of date."))
        return _review_page(request, vacancy, form=form)
    if vacancy.status == Vacancy.Status.CLOSED or not form.is_valid():
        return _review_page(request, vacancy, form=form, seen_form=seen_form)
    published = vacancy.status == Vacancy.Status.PUBLISHED
    try:
        services.vacancy_edit(
            vacancy=vacancy,
            notice=form.to_notice(vacancy.notice),
            title_fr=form.cleaned_data["title_fr"],
            zone=vacancy.zone if published else form.cleaned_data["zone"],
            deadline=vacancy.deadline if published else form.deadline_instant(),
            actor=user,
            expected_updated_at=seen_form.cleaned_data["seen"],
        )
    except Conflict as error:
        # The input stays in the form; the page now carries the current version, so saving again
        # is a deliberate choice to replace the other change.
        form.add_error(None, error.message)
        vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
        return _review_page(request, vacancy, form=form, status=409)
    except DomainError as error:
        form.add_error(None, error.message)
        return _review_page(request, vacancy, form=form, seen_form=seen_form)
    except IntegrityError:
        form.add_error("reference", _("Another vacancy of this organisation has this reference."))
        return _review_page(request, vacancy, form=form, seen_form=seen_form)
    if published:
        messages.success(request, _("The changes are saved; the portal shows them now."))
    elif request.POST.get("action") == "publish":
        try:
            services.vacancy_publish(vacancy=vacancy, actor=user)
        except DomainError as error:
            messages.error(
                request, _("The draft is saved but not published: %(reason)s") % {"reason": error.message}
            )
        else:
            messages.success(request, _("The draft is saved and the vacancy is published."))
            return redirect("backoffice:vacancy", vacancy_id=vacancy.pk)
    else:
        messages.success(request, _("The draft has been saved."))
    return redirect("backoffice:review", vacancy_id=vacancy.pk)


@require_POST
@recruiter_required
def vacancy_review_french(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Corrections to the French version (what French readers see), beside the English one."""
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    form = FrenchNoticeForm(request.POST)
    seen_form = DraftSeenForm(request.POST)
    if not seen_form.is_valid():
        form.is_valid()
        form.add_error(None, _("Open the draft again: the page is out of date."))
        return _review_page(request, vacancy, french_form=form, status=400)
    if not form.is_valid():
        return _review_page(request, vacancy, french_form=form, status=400)
    try:
        services.vacancy_edit_french(
            vacancy=vacancy,
            notice_fr=form.to_notice_fr(vacancy.notice_fr),
            actor=user,
            expected_updated_at=seen_form.cleaned_data["seen"],
        )
    except Conflict as error:
        form.add_error(None, error.message)
        vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
        return _review_page(request, vacancy, french_form=form, status=409)
    except DomainError as error:
        form.add_error(None, error.message)
        return _review_page(request, vacancy, french_form=form, status=400)
    messages.success(request, _("The French version is saved."))
    return redirect("backoffice:review", vacancy_id=vacancy.pk)


@require_POST
@recruiter_required
def vacancy_extend(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """A later deadline for a published vacancy; its applicants are told by mail."""
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=request.user)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            vacancy = services.vacancy_deadline_extend(
                vacancy=vacancy, deadline=form.instant(vacancy.zone), actor=request.user
            )
        except DomainError as error:
            form.add_error("deadline", error.message)
        else:
            local = vacancy.local_deadline
            messages.success(
                request,
                _("The deadline is now %(deadline)s; the applicants are told by mail.")
                % {"deadline": written_moment(local, vacancy.zone, get_language() or "en") if local else "—"},
            )
            return redirect("backoffice:review", vacancy_id=vacancy.pk)
    return _review_page(request, vacancy, extend_form=form, status=400)


@require_POST
@recruiter_required
def vacancy_unpublish(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Back to draft: off the portal, its applications kept."""
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=request.user)
    form = UnpublishForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_unpublish(
                vacancy=vacancy, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The vacancy is a draft again: the portal no longer shows it; its applications are kept."),
            )
            return redirect("backoffice:review", vacancy_id=vacancy.pk)
    return _review_page(request, vacancy, unpublish_form=form, status=400)
