"""The charter's versions: append-only, one numbered series per language."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class CharterVersion(models.Model):
    """One version of the charter in one language. Never changed once written: an edit is a new
    version, and the current charter of a language is its latest version."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"), help_text=_("Markdown; each heading is an article."))
    summary = models.CharField(_("edit summary"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    # The author's public name when the version was published: the history keeps it.
    author_name = models.CharField(_("author's public name"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "charter version")
        verbose_name_plural = pgettext_lazy("model name", "charter versions")
        ordering = ["language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "number"], name="charter_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="charter_version_number_positive"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="charter_version_body_given"),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="charter_version_language_known"
            ),
        ]

    def __str__(self):
        return f"{self.language} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A charter version is never changed: publish a new version.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("charter:version", args=[self.language, self.number])

    def article_url(self, anchor: str) -> str:
        return f"{self.get_absolute_url()}#{anchor}" if anchor else self.get_absolute_url()

    def delete(self, *args, **kwargs):
        raise ValueError("A charter version is kept for ever: publish a new version.")
