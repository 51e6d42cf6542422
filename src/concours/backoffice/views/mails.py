"""Candidates' mails, for HR: the templates per organisation and language (edited with a preview on a
real application), and the outbox, where a failed mail can be sent again. Recruiters and administrators
only: the outbox names candidates. A recruiter sees their own organisations' templates and mails, 404 for
any other; administrators every organisation's, and the wording for all organisations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.core.errors import DomainError
from concours.notifications import selectors, services
from concours.notifications.forms import MailTemplateForm
from concours.notifications.models import OutboxMail
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import LANGUAGE_CODES, Rendered, Wording, variables_for
from concours.vacancies.models import OrgUnit


def _organisation_query(organisation: OrgUnit | None) -> str:
    return f"?organisation={organisation.pk}" if organisation else ""


@recruiter_required
def mail_templates(request: HttpRequest) -> HttpResponse:
    """Every outcome's mail in each language, for one organisation (or for all), and where it comes from."""
    user: Any = request.user
    everyone = selectors.sees_every_organisation(user)
    organisations = selectors.organisations(user=user)
    if not everyone and not organisations and not request.GET.get("organisation"):
        # A recruiter tied to no unit: no organisation's mails are theirs; the page says why.
        return render(request, "backoffice/mail_templates.html", {"rows": [], "unassigned": True})
    organisation = selectors.organisation_get(request.GET.get("organisation"), user=user)
    return render(
        request,
        "backoffice/mail_templates.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "for_all": everyone,
            "rows": selectors.template_rows(organisation),
            "query": _organisation_query(organisation),
        },
    )


@recruiter_required
def mail_template_edit(request: HttpRequest, outcome: str, language: str) -> HttpResponse:
    """Edit one template. "Preview" renders it on the chosen application and keeps nothing; "Save" keeps
    it (audited) unless it is refused, and then says why; "Back to the default" drops the organisation's
    own."""
    if outcome not in Outcome.values or language not in LANGUAGE_CODES:
        raise Http404
    user: Any = request.user
    organisation = selectors.organisation_get(request.GET.get("organisation"), user=user)
    current = selectors.wording_to_edit(organisation=organisation, outcome=outcome, language=language)
    applications = selectors.preview_applications(organisation)
    initial = {"subject": current.subject, "body": current.body}
    form = MailTemplateForm(request.POST or None, initial=initial, applications=applications)
    back = reverse("backoffice:mail_templates") + _organisation_query(organisation)
    here = request.get_full_path()
    preview: Rendered | None = None
    if request.method == "POST" and "reset" in request.POST:
        if current.template is not None and current.template.organisation_id == (
            organisation.pk if organisation else None
        ):
            services.mail_template_reset(template=current.template, actor=user)
            messages.success(request, _("This mail is back to the default wording."))
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        try:
            if "save" in request.POST:
                services.mail_template_save(
                    organisation=organisation,
                    outcome=outcome,
                    language=language,
                    subject=subject,
                    body=body,
                    actor=user,
                )
                messages.success(request, _("The template is saved; the next mails use it."))
                return redirect(here)
            application = form.cleaned_data["application"]
            if application is None:
                raise DomainError(_("Choose an application to preview the mail on."))
            preview = selectors.preview(
                wording=Wording(subject=subject, body=body),
                application=application,
                outcome=outcome,
                language=language,
            )
        except DomainError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "backoffice/mail_template_edit.html",
        {
            "form": form,
            "organisation": organisation,
            "outcome": Outcome(outcome),
            "language": language,
            "own": current.template is not None
            and current.template.organisation_id == (organisation.pk if organisation else None),
            "variables": variables_for(outcome),
            "preview": preview,
            "back": back,
        },
    )


@recruiter_required
def outbox(request: HttpRequest) -> HttpResponse:
    """The mails to candidates, newest first, by state and vacancy; a failed one shows its error."""
    user: Any = request.user
    state = request.GET.get("state", "")
    vacancy = request.GET.get("vacancy", "")
    vacancy_id = int(vacancy) if vacancy.isdigit() else None
    return render(
        request,
        "backoffice/mail_outbox.html",
        {
            "mails": selectors.outbox(user=user, state=state, vacancy_id=vacancy_id),
            "states": OutboxMail.State.choices,
            "state": state,
            "vacancies": selectors.outbox_vacancies(user=user),
            "vacancy_id": vacancy_id,
            "limit": selectors.OUTBOX_PAGE,
        },
    )


@recruiter_required
def outbox_mail(request: HttpRequest, mail_id: int) -> HttpResponse:
    mail = selectors.mail_get_for_staff(mail_id=mail_id, user=request.user)
    return render(request, "backoffice/mail_detail.html", {"mail": mail})


@recruiter_required
@require_POST
def mail_resend(request: HttpRequest, mail_id: int) -> HttpResponse:
    user: Any = request.user
    mail = selectors.mail_get_for_staff(mail_id=mail_id, user=user)
    try:
        services.mail_resend(mail=mail, actor=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        mail.refresh_from_db()
        if mail.state == OutboxMail.State.FAILED:
            messages.error(request, _("Sent again, and it failed again: %(error)s") % {"error": mail.error})
        elif mail.state == OutboxMail.State.SENT:
            messages.success(request, _("The mail has been sent again."))
        else:
            messages.success(request, _("The mail is queued to be sent again."))
    return redirect("backoffice:outbox_mail", mail_id=mail.pk)
