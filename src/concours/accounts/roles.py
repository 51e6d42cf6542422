"""Roles: Django groups with the model permissions each role needs in the back office."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from concours.accounts.models import STAFF_ROLES, Role, User
from concours.core.audit import audit_record
from concours.core.models import AuditEventType

# app_label.codename per role: what each role may do in Django's admin.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CANDIDATE: [],
    Role.PANEL_MEMBER: [],
    Role.HIRING_MANAGER: [],
    Role.RECRUITER: [
        "vacancies.view_orgunit",
        "vacancies.add_vacancy",
        "vacancies.change_vacancy",
        "vacancies.view_vacancy",
        "vacancies.add_post",
        "vacancies.change_post",
        "vacancies.view_post",
        "vacancies.add_vacancyassignment",
        "vacancies.change_vacancyassignment",
        "vacancies.delete_vacancyassignment",
        "vacancies.view_vacancyassignment",
        "candidates.view_candidateprofile",
        "applications.view_application",
        "applications.view_attachment",
        "applications.view_transition",
        "screening.view_verdict",
        "core.view_auditevent",
    ],
    Role.ADMINISTRATOR: [],  # administrators are superusers
    Role.APPOINTING_AUTHORITY: [],
}


def ensure_role_groups(using: str = "default") -> dict[Role, Group]:
    """Create each role's group with exactly the permissions listed above (idempotent)."""
    groups: dict[Role, Group] = {}
    with transaction.atomic(using=using):
        for role in Role:
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            wanted = []
            for dotted in ROLE_PERMISSIONS[role]:
                app_label, codename = dotted.split(".")
                wanted.append(
                    Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)
                )
            group.permissions.set(wanted)
            groups[role] = group
    return groups


def roles_held(groups: Iterable[str], *, is_superuser: bool, is_staff: bool) -> dict[str, Any]:
    """The roles as `has_role` reads them (a superuser is an administrator), and staff: audit values."""
    roles = set(groups) | ({Role.ADMINISTRATOR.value} if is_superuser else set())
    return {"roles": sorted(roles), "is_staff": is_staff}


def held_roles(user: User) -> dict[str, Any]:
    return roles_held(
        user.groups.values_list("name", flat=True), is_superuser=user.is_superuser, is_staff=user.is_staff
    )


@transaction.atomic
def grant_role(user: User, role: Role, *, actor: Any) -> None:
    """Put `user` in the role's group (staff roles open the back office too), with an audit record.

    `actor` is None when nobody signed in grants it: self-registration, the demo loader.
    """
    group, _ = Group.objects.get_or_create(name=role.value)
    old = held_roles(user)
    user.groups.add(group)
    if role in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_cache", None)
    new = held_roles(user)
    if new != old:  # granting a role already held changes nothing, so records nothing
        audit_record(
            actor=actor,
            event_type=AuditEventType.ROLE_GRANTED,
            subject=user,
            role=role.value,
            old=old,
            new=new,
        )


@transaction.atomic
def roles_changed_record(*, user: User, old: dict[str, Any], actor: Any) -> None:
    """Audit the groups someone changed by hand (the admin's user form), one event per role.

    `old` is `roles_held(...)` as it was before the change; the change itself is already saved.
    """
    new = held_roles(user)
    before, after = set(old["roles"]), set(new["roles"])
    for name in sorted(after - before):
        audit_record(
            actor=actor, event_type=AuditEventType.ROLE_GRANTED, subject=user, role=name, old=old, new=new
        )
    for name in sorted(before - after):
        audit_record(
            actor=actor, event_type=AuditEventType.ROLE_REVOKED, subject=user, role=name, old=old, new=new
        )
    user.__dict__.pop("_role_cache", None)
