"""Naming an appointing authority in the admin: staff holding the role only, audited, never edited in
place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.core.models import AuditEvent, AuditEventType
from concours.selection.models import AppointingAuthority
from factories import OrgUnitFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_admin_names_and_removes_an_authority(admin_client) -> None:  # type: ignore[no-untyped-def]
    unit = OrgUnitFactory()
    authority = make_user(Role.APPOINTING_AUTHORITY, is_staff=True)
    candidate = make_user(Role.CANDIDATE)
    recruiter = make_user(Role.RECRUITER, is_staff=True)
    url = reverse("admin:selection_appointingauthority_add")
    page = admin_client.get(url).content.decode()
    page = page.split('name="user"')[1].split("</select>")[0]  # the user picker's options
    assert f'value="{authority.pk}"' in page
    assert f'value="{candidate.pk}"' not in page and f'value="{recruiter.pk}"' not in page
    assert admin_client.post(url, {"unit": unit.pk, "user": candidate.pk}).status_code == 200  # refused
    assert not AppointingAuthority.objects.exists()
    assert admin_client.post(url, {"unit": unit.pk, "user": authority.pk}).status_code == 302
    named = AppointingAuthority.objects.get()
    assert (named.unit, named.user) == (unit, authority)
    assert AuditEvent.objects.filter(event_type=AuditEventType.APPOINTING_AUTHORITY_NAMED).count() == 1
    change = reverse("admin:selection_appointingauthority_change", args=[named.pk])
    admin_client.post(change, {"unit": unit.pk, "user": authority.pk})
    delete = reverse("admin:selection_appointingauthority_delete", args=[named.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not AppointingAuthority.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.APPOINTING_AUTHORITY_REMOVED).count() == 1
