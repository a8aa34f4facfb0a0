"""The catalogue: documented commons, documents about them, their lineage, revisions and moderation.

User content per language is a dict {"fr": …, "en": …} read with `text_for`. A document is
written in one language; its translations are documents of their own pointing to the original.
Every edit is a revision (a snapshot of the fields); hiding needs a reason, kept in a public log.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES
from remix.core.i18ntext import text_for

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}$", _("A language code of two or three lower-case letters (ISO 639), e.g. fr.")
)


class Family(models.Model):
    """A family of commons, after Hess's map of the new commons; the list is editable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    labels = models.JSONField(_("labels"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "family of commons")
        verbose_name_plural = pgettext_lazy("model name", "families of commons")
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.labels) or self.code


class CatalogueQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden=False)


class Commons(models.Model):
    """A documented commons: a seed library, a water users' assembly, free software…"""

    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("One name per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="commons", verbose_name=_("family")
    )
    community = models.JSONField(_("community"), default=dict, blank=True)
    governance = models.JSONField(_("governance rules"), default=dict, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    themes = models.ManyToManyField(
        Theme, related_name="commons", blank=True, verbose_name=_("themes")
    )
    carriers = models.ManyToManyField(
        Actor, related_name="carried_commons", blank=True, verbose_name=_("carried by")
    )
    hidden = models.BooleanField(_("hidden"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "commons")
        verbose_name_plural = pgettext_lazy("model name", "commons")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="commons_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="commons_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="commons_coordinates_paired",
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("catalogue:commons", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return text_for(self.name) or self.slug


class DocumentKind(models.TextChoices):
    VIDEO = "video", _("video")
    AUDIO = "audio", _("audio")
    IMAGE = "image", _("image")
    TEXT = "text", _("text")
    DEFINITION = "definition", _("definition")
    INTERVIEW = "interview", _("interview")
    DOCUMENTARY = "documentary", _("documentary")
    REMIX = "remix", _("remix")
    BIBLIOGRAPHIC_NOTE = "bibliographic_note", _("bibliographic note")
    CALL_RECORDING = "call_recording", _("call recording")
    LINK = "link", _("link")


LICENCE_CHOICES = [(code, licence.name) for code, licence in LICENCES.items()]


class Document(models.Model):
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language"), max_length=3, validators=[language_code_validator], db_index=True
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    subtitles = models.JSONField(_("subtitles"), default=list, blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    authors = models.ManyToManyField(
        Actor, related_name="authored_documents", blank=True, verbose_name=_("authors")
    )
    contributors = models.ManyToManyField(
        Actor, related_name="contributed_documents", blank=True, verbose_name=_("contributors")
    )
    producer = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="produced_documents",
        verbose_name=_("producer"),
    )
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    licence = models.CharField(
        _("licence"), max_length=40, choices=LICENCE_CHOICES, default="CC-BY-SA-4.0"
    )
    themes = models.ManyToManyField(
        Theme, related_name="documents", blank=True, verbose_name=_("themes")
    )
    commons = models.ManyToManyField(
        Commons, related_name="documents", blank=True, verbose_name=_("commons documented")
    )
    sources = models.ManyToManyField(
        "self",
        through="Derivation",
        through_fields=("remix", "source"),
        symmetrical=False,
        related_name="remixes",
        blank=True,
        verbose_name=_("derives from"),
    )
    media_file = models.FileField(_("media file"), upload_to="catalogue/%Y/%m/", blank=True)
    media_type = models.CharField(_("media type"), max_length=80, blank=True)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    thumbnail_url = models.URLField(_("thumbnail URL"), max_length=500, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "document")
        verbose_name_plural = pgettext_lazy("model name", "documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="document_title_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(licence__in=list(LICENCES)), name="document_licence_free_or_labelled"
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")), name="document_not_own_translation"
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="document_one_translation_per_language"
            ),
        ]
        indexes = [models.Index(fields=["hidden", "-created_at"], name="document_latest")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:document", kwargs={"slug": self.slug})

    @property
    def original(self) -> "Document":
        return self.translation_of or self


class Derivation(models.Model):
    """One edge of the remix lineage: `remix` derives from `source`."""

    remix = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="derivations")
    source = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="derived")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["remix", "source"], name="derivation_once"),
            models.CheckConstraint(condition=~Q(remix=F("source")), name="derivation_not_self"),
        ]

    def __str__(self):
        return f"{self.remix} ← {self.source}"


class Revision(models.Model):
    """One edit of a document or a commons: who, when, why, and the fields as they became."""

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    commons = models.ForeignKey(
        Commons, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    summary = models.CharField(_("edit summary"), max_length=300, blank=True)
    data = models.JSONField(default=dict)
    reverted_to = models.PositiveIntegerField(_("restores revision"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "revision")
        verbose_name_plural = pgettext_lazy("model name", "revisions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, commons__isnull=True)
                | Q(document__isnull=True, commons__isnull=False),
                name="revision_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["document", "number"],
                condition=Q(document__isnull=False),
                name="revision_number_per_document",
            ),
            models.UniqueConstraint(
                fields=["commons", "number"],
                condition=Q(commons__isnull=False),
                name="revision_number_per_commons",
            ),
        ]

    def __str__(self):
        return f"{self.document or self.commons} r{self.number}"

    @property
    def subject(self):
        return self.document or self.commons


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("shown again")


class ModerationEvent(models.Model):
    """The public moderation log: every hiding and showing again, with its reason."""

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="moderation"
    )
    commons = models.ForeignKey(
        Commons, null=True, blank=True, on_delete=models.CASCADE, related_name="moderation"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    reason = models.TextField(_("reason"))
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # The article of the charter the decision rests on, in the version in force when it was
    # taken: versions never change, so the link says what the moderator read. Its title is kept
    # as the version wrote it, so the log lists it without reading the charter again.
    charter_version = models.ForeignKey(
        "charter.CharterVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("charter version cited"),
    )
    charter_article = models.CharField(_("charter article"), max_length=120, blank=True)
    charter_article_title = models.CharField(
        _("charter article's title"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "moderation event")
        verbose_name_plural = pgettext_lazy("model name", "moderation log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="moderation_reason_given"),
            models.CheckConstraint(
                condition=Q(action__in=ModerationAction.values), name="moderation_action_known"
            ),
            models.CheckConstraint(
                condition=Q(document__isnull=False, commons__isnull=True)
                | Q(document__isnull=True, commons__isnull=False),
                name="moderation_of_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(charter_article="") | Q(charter_version__isnull=False),
                name="moderation_article_of_a_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.document or self.commons}"

    @property
    def charter_url(self) -> str:
        """The cited version of the charter, at the cited article ("" when none is cited)."""
        if self.charter_version_id is None:
            return ""
        return self.charter_version.article_url(self.charter_article)

    @property
    def subject(self):
        return self.document or self.commons


class SearchKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    COMMONS = "commons", _("commons")
    ACTOR = "actor", _("actor")


class SearchEntry(models.Model):
    """What full-text search reads: one row per thing and language, kept by the services.

    The engine's own index sits beside it: an FTS5 table kept by triggers on SQLite, a
    `tsvector` column kept by a trigger and a GIN index on PostgreSQL (migration 0002).
    """

    kind = models.CharField(max_length=10, choices=SearchKind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=3, blank=True)  # "" when the text has no language
    slug = models.CharField(max_length=220)
    doc_kind = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="searchentry_once"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}:{self.language}"
