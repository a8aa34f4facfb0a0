import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """Roles are Django groups with these names (the names are stable identifiers)."""

    MEMBER = "member", _("member")
    EDITOR = "editor", _("editor")
    TREASURER = "treasurer", _("treasurer")
    STEWARD = "steward", _("steward")


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language of the pages once you are logged in, and of the e-mails Remix sends you."
        ),
    )
    # A person checked by a treasurer or a steward: one person, one voice in matching rounds.
    verified_at = models.DateTimeField(
        _("verified"),
        null=True,
        blank=True,
        help_text=_("Checked as one real person: their gifts count in matching rounds."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = pgettext_lazy("model name", "user")
        verbose_name_plural = pgettext_lazy("model name", "users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="user_language_known",
            ),
        ]

    def __str__(self):
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    # Not ``is_verified``: django-otp gives each request's user an ``is_verified()`` of its own
    # (has this session given its second factor?).
    @property
    def is_verified_person(self) -> bool:
        return self.is_active and self.verified_at is not None

    def has_role(self, role: Role) -> bool:
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return any(group.name == role for group in self.groups.all())


def token_hash(raw: str) -> str:
    # Tokens are long random strings: a plain SHA-256 is enough, and lets us look them up by hash.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, help_text=_("Start of the token."))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "API token")
        verbose_name_plural = pgettext_lazy("model name", "API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="apitoken_hash_sha256"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
