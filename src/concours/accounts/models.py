"""Users sign in with their email address; a person's name is one field (names differ across cultures)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of the recruitment process; each is a Django group of the same name."""

    CANDIDATE = "candidate", _("Candidate")
    RECRUITER = "recruiter", _("Recruiter")
    PANEL_MEMBER = "panel_member", _("Panel member")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Approves a competition's selection for the organisational units they are named for (issue 11).
    APPOINTING_AUTHORITY = "appointing_authority", _("Appointing authority")


STAFF_ROLES = frozenset(
    {Role.RECRUITER, Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.ADMINISTRATOR, Role.APPOINTING_AUTHORITY}
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    # The language the person last used the site in (see UserLanguageMiddleware): mails are written in it.
    language = models.CharField(
        _("language"), max_length=8, blank=True, choices=settings.LANGUAGES, default=""
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def has_role(self, role: Role | str) -> bool:
        roles = getattr(self, "_role_cache", None)
        if roles is None:
            roles = set(self.groups.values_list("name", flat=True))
            self._role_cache = roles
        return str(role) in roles or (self.is_superuser and role == Role.ADMINISTRATOR)
