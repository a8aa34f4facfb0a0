"""The study office: the services it offers, the quotes it sends to clients of the allies map,
and the engagements an accepted quote opens, with their people, planned days and declared time.

A quote is written whole and never edited: a changed offer is a new quote. Accepting it records
the client's word and opens one engagement. Declared time waits for a treasurer, who validates
it into the books or refuses it, as volunteer time is (``remix.contributions``)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for
from remix.studio.pricing import hours_in_days


class ServiceKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    TRAINING = "training", _("training")
    STUDY = "study", _("study")
    FACILITATION = "facilitation", _("facilitation")
    PRODUCTION = "production", _("remix or film production")
    TRANSLATION = "translation", _("translation")
    DOCUMENTATION = "documentation", _("documentation")


class PriceModel(models.TextChoices):
    FIXED = "fixed", _("fixed price")
    DAILY = "daily", _("daily rate")
    PER_PARTICIPANT = "participant", _("per participant")
    FREE = "free", _("free price")


class Service(models.Model):
    """What the office offers: its words per language, how it is priced and what it draws on.

    ``price_minor`` is the price of one unit (the whole service, a day, a participant) or, for a
    free price, the amount suggested."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.JSONField(_("title"), default=dict, help_text=_("One title per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices)
    price_minor = models.BigIntegerField(_("price (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    commons = models.ManyToManyField(
        "catalogue.Commons", blank=True, related_name="+", verbose_name=_("commons")
    )
    themes = models.ManyToManyField(
        "allies.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    documents = models.ManyToManyField(
        "catalogue.Document", blank=True, related_name="+", verbose_name=_("documents")
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("delivered by")
    )
    active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "service")
        verbose_name_plural = pgettext_lazy("model name", "services")
        ordering = ["kind", "slug"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="service_slug_not_empty"),
            models.CheckConstraint(condition=Q(price_minor__gte=0), name="service_price_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="service_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(price_model__in=PriceModel.values), name="service_price_model_known"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.title) or self.slug

    @property
    def text(self) -> str:
        return text_for(self.description)


class QuoteCounter(models.Model):
    """The last quote number of a year, locked while the next one is given."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "quote counter")
        verbose_name_plural = pgettext_lazy("model name", "quote counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class QuoteStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")


class Quote(models.Model):
    """An offer to a client, numbered ``D-<year>-<sequence>`` in the order quotes are written."""

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number"))
    client = models.ForeignKey(
        "allies.Actor", on_delete=models.PROTECT, related_name="+", verbose_name=_("client")
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    total_minor = models.BigIntegerField(_("total (minor units)"))
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.SENT
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(pgettext_lazy("quote", "written"), auto_now_add=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    acceptance = models.CharField(_("how it was accepted"), max_length=300, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "quote")
        verbose_name_plural = pgettext_lazy("model name", "quotes")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="quote_number_once"),
            models.CheckConstraint(condition=Q(total_minor__gte=0), name="quote_total_positive"),
            models.CheckConstraint(
                condition=Q(status="sent", accepted_on__isnull=True)
                | Q(status="accepted", accepted_on__isnull=False),
                name="quote_accepted_has_date",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"D-{self.year}-{self.sequence:04d}"


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit_price_minor = models.BigIntegerField(_("unit price (minor units)"))
    amount_minor = models.BigIntegerField(_("amount (minor units)"))

    class Meta:
        verbose_name = pgettext_lazy("model name", "quote line")
        verbose_name_plural = pgettext_lazy("model name", "quote lines")
        ordering = ["quote", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "position"], name="quote_line_once"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="quote_line_quantity"),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gte=0, amount_minor__gte=0),
                name="quote_line_price_positive",
            ),
        ]

    def __str__(self):
        return self.description


class Engagement(models.Model):
    """The work an accepted quote opened: for its client, what is delivered, when, by whom, and
    the agreed daily rate at which its people's declared time is valued in the books."""

    quote = models.OneToOneField(
        Quote, on_delete=models.PROTECT, related_name="engagement", verbose_name=_("quote")
    )
    client = models.ForeignKey(
        "allies.Actor", on_delete=models.PROTECT, related_name="+", verbose_name=_("client")
    )
    title = models.CharField(_("title"), max_length=200)
    deliverables = models.TextField(_("deliverables"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    fund = models.ForeignKey(
        "ledger.Fund", on_delete=models.PROTECT, related_name="+", verbose_name=_("fund")
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    day_rate_minor = models.BigIntegerField(_("agreed daily rate (minor units)"))
    created_at = models.DateTimeField(pgettext_lazy("engagement", "opened"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "engagement")
        verbose_name_plural = pgettext_lazy("model name", "engagements")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="engagement_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(day_rate_minor__gt=0), name="engagement_day_rate_positive"
            ),
        ]

    def __str__(self):
        return self.title


class EngagementPerson(models.Model):
    """Someone who works on an engagement, and the days planned for them."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    planned_days = models.DecimalField(_("planned days"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = pgettext_lazy("model name", "engagement person")
        verbose_name_plural = pgettext_lazy("model name", "engagement people")
        ordering = ["engagement", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "user"], name="engagement_person_once"),
            models.CheckConstraint(
                condition=Q(planned_days__gte=0), name="engagement_person_days_positive"
            ),
        ]

    def __str__(self):
        return f"{self.engagement} · {self.user}"


class TimeStatus(models.TextChoices):
    DECLARED = "declared", _("declared")
    VALIDATED = "validated", _("validated")
    REFUSED = "refused", _("refused")


class TimeDeclaration(models.Model):
    """Hours a person of an engagement says they worked on it; once a treasurer validates them,
    their value at the agreed rate is posted (``transaction``)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="times")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    description = models.CharField(_("what was done"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=TimeStatus.choices, default=TimeStatus.DECLARED
    )
    value_minor = models.BigIntegerField(_("value (minor units)"), null=True, blank=True)
    transaction = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "time declaration")
        verbose_name_plural = pgettext_lazy("model name", "time declarations")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24), name="time_declaration_hours_in_a_day"
            ),
            models.CheckConstraint(
                condition=Q(status="validated", transaction__isnull=False, value_minor__gte=0)
                | (~Q(status="validated") & Q(transaction__isnull=True)),
                name="time_declaration_validated_is_posted",
            ),
        ]

    def __str__(self):
        return f"{self.engagement} · {self.user} · {self.date}"

    @property
    def days(self) -> Decimal:
        return hours_in_days(self.hours)


class InvoicePart(models.TextChoices):
    DEPOSIT = "deposit", _("deposit")
    BALANCE = "balance", _("balance")


class EngagementInvoice(models.Model):
    """An invoice issued for an engagement: a deposit, or the balance (several per engagement)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="invoices")
    invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=models.PROTECT, related_name="engagement_link"
    )
    part = models.CharField(_("part"), max_length=10, choices=InvoicePart.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "engagement invoice")
        verbose_name_plural = pgettext_lazy("model name", "engagement invoices")
        ordering = ["engagement", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part__in=InvoicePart.values), name="engagement_invoice_part_known"
            ),
        ]

    def __str__(self):
        return f"{self.engagement} · {self.get_part_display()}"
