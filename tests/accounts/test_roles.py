"""Granting and revoking roles leaves an audit record, whoever does it and however."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from concours.accounts.models import Role, User
from concours.accounts.roles import ensure_role_groups, grant_role
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from factories import PASSWORD, UserFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_role_grant_is_recorded_with_who_and_the_roles_before_and_after() -> None:
    """An administrator makes a user a recruiter: one event, the old and new roles and staff flag."""
    administrator = UserFactory(is_superuser=True)
    user = UserFactory()
    grant_role(user, Role.RECRUITER, actor=administrator)
    event = audit_events_for(user).get(event_type=AuditEventType.ROLE_GRANTED)
    assert event.actor == administrator and event.extra["role"] == "recruiter"
    assert event.extra["old"] == {"roles": [], "is_staff": False}
    assert event.extra["new"] == {"roles": ["recruiter"], "is_staff": True}


def test_granting_a_role_already_held_records_nothing() -> None:
    """Nothing changed, so there is nothing to record."""
    user = make_user(Role.PANEL_MEMBER)
    grant_role(user, Role.PANEL_MEMBER, actor=None)
    assert audit_events_for(user).filter(event_type=AuditEventType.ROLE_GRANTED).count() == 1


def test_registering_grants_the_candidate_role_with_no_actor(client) -> None:  # type: ignore[no-untyped-def]
    """Self-registration through the portal is audited; nobody signed in granted the role."""
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="new@example.org")
    assert user.has_role(Role.CANDIDATE)
    event = audit_events_for(user).get(event_type=AuditEventType.ROLE_GRANTED)
    assert event.actor is None and event.extra["role"] == "candidate"


def _admin_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "email": user.email,
        "name": user.name,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_roles_changed_in_the_admin_are_recorded_as_granted_and_revoked(client) -> None:  # type: ignore[no-untyped-def]
    """Adding a group, then removing it and making the user a superuser, in the admin's user form."""
    groups = ensure_role_groups()
    administrator = UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory()
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[user.pk])

    response = client.post(url, _admin_form(user, groups=[groups[Role.RECRUITER].pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    granted = audit_events_for(user).get(event_type=AuditEventType.ROLE_GRANTED)
    assert granted.actor == administrator and granted.extra["role"] == "recruiter"
    assert (granted.extra["old"]["roles"], granted.extra["new"]["roles"]) == ([], ["recruiter"])

    client.post(url, _admin_form(user, is_superuser="on"))
    revoked = audit_events_for(user).get(event_type=AuditEventType.ROLE_REVOKED)
    assert revoked.actor == administrator and revoked.extra["role"] == "recruiter"
    # A superuser is an administrator (`has_role` says so): that is a role granted too.
    latest = audit_events_for(user).filter(event_type=AuditEventType.ROLE_GRANTED).order_by("-id").first()
    assert latest is not None and latest.extra["role"] == "administrator"
    assert not Group.objects.get(name="recruiter").user_set.filter(pk=user.pk).exists()
