"""Templates and the outbox in the admin are read-only: templates change through the back office's page
(checked and audited), mails through the outbox's "send again"."""

from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.notifications.models import MailTemplate, OutboxMail


@admin.register(MailTemplate)
class MailTemplateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "outcome", "language", "subject", "updated_at", "updated_by"]
    list_filter = ["outcome", "language", "organisation"]


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "to", "outcome", "language", "state", "attempts", "sent_at"]
    list_filter = ["state", "outcome", "language"]
    search_fields = ["to", "subject", "application__vacancy__reference"]
    list_select_related = ["application"]
