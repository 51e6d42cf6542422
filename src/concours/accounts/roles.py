"""Roles: Django groups with the model permissions each role needs in the back office."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from concours.accounts.models import Role, User

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


def grant_role(user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if (
        role in {Role.RECRUITER, Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.ADMINISTRATOR}
        and not user.is_staff
    ):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_cache", None)
