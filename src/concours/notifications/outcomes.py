"""The outcomes a candidate is told about by mail: one template each, per organisation and language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    RECEIVED = "received", _("Application received")
    SCREENED_OUT = "screened_out", _("Screened out")
    # Invited to a stage: a test, an interview, an assessment.
    INVITED = "invited", _("Invited to a stage")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    NOT_SELECTED = "not_selected", _("Not selected")
    RESERVE = "reserve", _("Placed on a reserve list")
    SELECTED = "selected", _("Selected")
    # Offered a post from a reserve list, for a later vacancy.
    RESERVE_OFFER = "reserve_offer", _("Offered a post from a reserve list")
