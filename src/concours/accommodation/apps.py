from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodationConfig(AppConfig):
    """Reasonable accommodation: requests, documents kept apart from the application, decisions."""

    name = "concours.accommodation"
    label = "accommodation"
    verbose_name = _("Reasonable accommodation")

    def ready(self) -> None:
        # Imported once the app registry is ready (receivers import models), as Django asks of `ready`.
        from django.db.models.signals import post_delete

        from concours.accommodation.models import AccommodationDocument
        from concours.accommodation.receivers import document_deleted

        post_delete.connect(document_deleted, sender=AccommodationDocument, dispatch_uid="accommodation_file")
