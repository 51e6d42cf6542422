from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from concours.accounts.admin_mixins import StaffUserPickerMixin
from concours.core.errors import DomainError
from concours.vacancies import services
from concours.vacancies.models import OrgUnit, Post, StaffUnit, Vacancy, VacancyAssignment


class StaffUnitInline(StaffUserPickerMixin, admin.TabularInline):  # type: ignore[type-arg]
    # The recruiters who work for this unit: they see its organisation's candidate mails and templates.
    model = StaffUnit
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "name_fr", "kind", "parent", "code", "retention_days"]
    list_filter = ["kind"]
    search_fields = ["name", "name_fr", "code"]
    inlines = [StaffUnitInline]


class PostInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Post
    extra = 0


class AssignmentInline(StaffUserPickerMixin, admin.TabularInline):  # type: ignore[type-arg]
    # A plain list of the staff rather than an autocomplete, which would search every user.
    model = VacancyAssignment
    extra = 0


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["reference", "title", "grade", "organisation", "unit", "status", "deadline"]
    list_filter = ["status", "organisation", "grade", "unit"]
    search_fields = ["reference", "title", "title_fr", "location"]
    date_hierarchy = "deadline"
    inlines = [PostInline, AssignmentInline]
    # The parsed notice is edited on the back office's review page, which validates it section by
    # section; here it is neither shown as raw JSON nor editable.
    exclude = ["notice", "notice_fr"]
    # Publication is a workflow step with an audit record: done by the service, not by editing the field.
    readonly_fields = ["notice_review", "status", "published_at", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "close"]

    def get_readonly_fields(self, request: HttpRequest, obj: Vacancy | None = None) -> Any:
        # A published vacancy's deadline is extended in the back office, where applicants are told.
        if obj is not None and obj.status != Vacancy.Status.DRAFT:
            return [*self.readonly_fields, "deadline", "zone"]
        return self.readonly_fields

    @admin.display(description=_("parsed notice"))
    def notice_review(self, obj: Vacancy) -> SafeString | str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("backoffice:review", args=[obj.pk]),
            _("Review and edit the notice in the back office"),
        )

    @admin.action(description=_("Publish the selected draft vacancies"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Vacancy]) -> None:
        self._apply(request, queryset, services.vacancy_publish)

    @admin.action(description=_("Unpublish the selected vacancies (back to draft; applications kept)"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Vacancy]) -> None:
        self._apply(request, queryset, services.vacancy_unpublish)

    @admin.action(description=_("Close the selected published vacancies"))
    def close(self, request: HttpRequest, queryset: QuerySet[Vacancy]) -> None:
        self._apply(request, queryset, services.vacancy_close)

    def _apply(self, request: HttpRequest, queryset: QuerySet[Vacancy], service: Any) -> None:
        for vacancy in queryset:
            try:
                service(vacancy=vacancy, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{vacancy}: {error.message}", level=messages.WARNING)
            else:
                self.message_user(request, str(vacancy), level=messages.SUCCESS)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "reference", "grade", "vacancy"]
    list_filter = ["grade"]
    search_fields = ["title", "reference", "vacancy__reference"]


@admin.register(VacancyAssignment)
class VacancyAssignmentAdmin(StaffUserPickerMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["vacancy", "user", "role"]
    list_filter = ["role"]
    search_fields = ["vacancy__reference", "vacancy__title", "user__email", "user__name"]
