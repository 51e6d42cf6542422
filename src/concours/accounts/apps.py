from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender: AppConfig, **kwargs: Any) -> None:
    # The groups need the permissions of apps that migrate after this one: create those first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from concours.accounts.roles import ensure_role_groups

    using = kwargs.get("using", "default")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_role_groups(using=using)


class AccountsConfig(AppConfig):
    name = "concours.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="concours_ensure_roles")
