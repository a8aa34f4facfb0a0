import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for


class MovementCode(models.TextChoices):
    ESS = "ess", _("social and solidarity economy")
    COMMONS = "commons", _("commons")
    OTHER = "other", _("other")


class Movement(models.Model):
    """The movements an actor belongs to (several allowed); rows made by a migration."""

    code = models.CharField(max_length=20, primary_key=True, choices=MovementCode.choices)

    class Meta:
        verbose_name = pgettext_lazy("model name", "movement")
        verbose_name_plural = pgettext_lazy("model name", "movements")
        ordering = ["code"]

    def __str__(self):
        return str(MovementCode(self.code).label)


class Circle(models.TextChoices):
    """The hierarchy of allies, from the closest to the farthest."""

    CORE = "core", _("core")
    PARTNER = "partner", _("partner")
    ALLY = "ally", _("ally")
    FRIEND = "friend", _("friend")


CIRCLE_RANK = {circle.value: rank for rank, circle in enumerate(Circle)}


class ActorKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    NETWORK = "network", _("network")
    PUBLIC_AUTHORITY = "public_authority", _("public authority")
    FUNDER = "funder", _("funder")
    ENTERPRISE = "enterprise", _("enterprise")
    COLLECTIVE = "collective", _("informal collective")


class LegalForm(models.TextChoices):
    NONE = "", _("not applicable")
    ASSOCIATION = "association", _("association")
    SCOP = "scop", _("workers' cooperative (SCOP)")
    SCIC = "scic", _("multi-stakeholder cooperative (SCIC)")
    CAE = "cae", _("business and employment cooperative (CAE)")
    COOPERATIVE = "cooperative", _("other cooperative")
    FOUNDATION = "foundation", _("foundation")
    LOCAL_AUTHORITY = "local_authority", _("local authority")
    PUBLIC_BODY = "public_body", _("public body")
    COMPANY = "company", _("company")
    MUTUAL = "mutual", _("mutual")
    OTHER = "other", _("other")


class LegalIdScheme(models.TextChoices):
    """What an actor's legal identifier is, as an invoice names it (EN 16931's BT-47 and BT-48)."""

    NONE = "", _("none")
    SIREN = "siren", "SIREN"
    SIRET = "siret", "SIRET"
    VAT = "vat", _("VAT number (with its country prefix)")


class ThemeQuerySet(models.QuerySet):
    def active(self):
        """Themes in use: a merged theme answers for its survivor and is not listed."""
        return self.filter(merged_into__isnull=True)


class Theme(models.Model):
    """A concept of the multilingual concept scheme (SKOS-like)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    labels = models.JSONField(_("labels"), default=dict, help_text=_("One label per language."))
    definition = models.JSONField(_("definition"), default=dict, blank=True)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, verbose_name=_("broader")
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related"))
    wikidata_id = models.CharField(
        _("Wikidata identifier"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata identifier, e.g. Q1234."))],
        help_text=_("Entered by hand, e.g. Q1234; Remix makes no call to Wikidata."),
    )
    # A theme merged into another keeps answering: its address leads to the survivor.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "theme")
        verbose_name_plural = pgettext_lazy("model name", "themes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="theme_code_not_empty"),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="theme_not_merged_self"),
        ]

    def __str__(self):
        return self.label

    @property
    def survivor(self) -> "Theme":
        """The theme this one answers for: itself, or the end of its chain of merges."""
        theme, seen = self, {self.pk}
        while theme.merged_into_id is not None and theme.merged_into_id not in seen:
            seen.add(theme.merged_into_id)
            theme = theme.merged_into
        return theme

    @property
    def label(self) -> str:
        return text_for(self.labels) or self.code


class Actor(models.Model):
    """People and organisations: the one model the whole platform uses for them."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True, default=""
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. FR, SN, CA.")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    movements = models.ManyToManyField(
        Movement, related_name="actors", blank=True, verbose_name=_("movements")
    )
    circle = models.CharField(
        _("circle"), max_length=10, choices=Circle.choices, default=Circle.FRIEND
    )
    themes = models.ManyToManyField(
        Theme, related_name="actors", blank=True, verbose_name=_("themes")
    )
    # What an invoice needs of a client: checked by ``identifiers.legal_id_check`` when set.
    postal_address = models.TextField(_("postal address"), blank=True)
    legal_id_scheme = models.CharField(
        _("identifier's scheme"),
        max_length=10,
        choices=LegalIdScheme.choices,
        blank=True,
        default="",
    )
    legal_id = models.CharField(
        _("legal identifier"),
        max_length=40,
        blank=True,
        help_text=_("SIREN (9 digits), SIRET (14 digits) or a VAT number such as FR40303265045."),
    )
    # Private: shown only to stewards, never in public pages, exports or the API.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Who entered or imported it.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "actor")
        verbose_name_plural = pgettext_lazy("model name", "actors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_known"),
            models.CheckConstraint(
                condition=Q(circle__in=Circle.values), name="actor_circle_known"
            ),
            models.CheckConstraint(
                condition=Q(legal_form__in=LegalForm.values), name="actor_legal_form_known"
            ),
            models.UniqueConstraint(Lower("name"), "kind", name="actor_unique_name_kind"),
            models.CheckConstraint(
                condition=Q(legal_id_scheme="", legal_id="")
                | (~Q(legal_id_scheme="") & ~Q(legal_id="")),
                name="actor_legal_id_with_scheme",
            ),
        ]
        # Lists are by name: a page is read from the index, not sorted from the whole table.
        indexes = [models.Index(fields=["name"], name="actor_by_name")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from remix.allies.identifiers import legal_id_check

        self.legal_id = legal_id_check(self.legal_id_scheme, self.legal_id)


class RelationKind(models.TextChoices):
    MEMBER_OF = "member_of", _("member of")
    FUNDS = "funds", _("funds")
    CARRIES = "carries", _("carries")
    PARTNER_OF = "partner_of", _("partner of")
    CO_PRODUCES = "co_produces", _("co-produces with")
    ALLIED_WITH = "allied_with", _("allied with")


# The label read from the target's side; symmetric kinds read the same both ways.
RELATION_INVERSE = {
    RelationKind.MEMBER_OF: _("has member"),
    RelationKind.FUNDS: _("funded by"),
    RelationKind.CARRIES: _("carried by"),
    RelationKind.PARTNER_OF: _("partner of"),
    RelationKind.CO_PRODUCES: _("co-produces with"),
    RelationKind.ALLIED_WITH: _("allied with"),
}
SYMMETRIC_KINDS = frozenset(
    {RelationKind.PARTNER_OF, RelationKind.CO_PRODUCES, RelationKind.ALLIED_WITH}
)


class Relation(models.Model):
    """A typed, dated link between two actors. Never deleted: ending one sets its end date."""

    source = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="relations_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="relations_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationKind.choices)
    start_date = models.DateField(_("since"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    strength = models.PositiveSmallIntegerField(
        _("strength"), default=3, help_text=_("From 1 (loose) to 5 (strong).")
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "relation")
        verbose_name_plural = pgettext_lazy("model name", "relations")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_self"),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="relation_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=5), name="relation_strength_1_5"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="relation_ends_after_start",
            ),
            # A symmetric relation is stored once, from the smaller id to the larger.
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(kind.value for kind in SYMMETRIC_KINDS))
                | Q(source__lt=F("target")),
                name="relation_symmetric_ordered",
            ),
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                condition=Q(end_date__isnull=True),
                name="relation_one_open_per_kind",
            ),
        ]

    def __str__(self):
        return f"{self.source} — {self.get_kind_display()} — {self.target}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def delete(self, *args, **kwargs):
        raise ValueError("Relations are never deleted: end them instead.")


class NetworkState(models.Model):
    """One row: the version of the network, bumped by every change the measures depend on."""

    version = models.BigIntegerField(default=0)
    # New whenever the row is made anew (a restored or emptied database): caches keyed by
    # (epoch, version) never serve another database's network.
    epoch = models.UUIDField(default=uuid.uuid4)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="networkstate_singleton")]

    def __str__(self):
        return f"network v{self.version}"


class MeasuresRun(models.Model):
    """One computation of the network measures, for one version of the network."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        SUPERSEDED = "superseded", _("superseded by a newer version")

    version = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    method = models.CharField(max_length=20, blank=True)  # "exact" or "sampled"
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="measuresrun_progress_100"),
            models.UniqueConstraint(fields=["version"], name="measuresrun_one_per_version"),
        ]

    def __str__(self):
        return f"measures v{self.version} ({self.status})"
