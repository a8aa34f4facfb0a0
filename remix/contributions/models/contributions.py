"""What was actually given: money received, or time and in-kind declared by the giver and
validated by a treasurer. Money and time reach the books (``remix.ledger``) only through a
contribution's posted transaction; nothing here holds a figure that the books do not.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.contributions.models.pledges import Pledge, Visibility
from remix.contributions.models.rounds import RoundProject
from remix.core.money import from_minor


class ContributionKind(models.TextChoices):
    MONEY = "money", _("money")
    TIME = "time", _("volunteer time")
    IN_KIND = "in_kind", _("gift in kind")


class ContributionStatus(models.TextChoices):
    DECLARED = "declared", _("declared, awaiting a treasurer")
    RECORDED = "recorded", _("recorded in the books")
    REFUSED = "refused", _("refused")


class Provider(models.TextChoices):
    TREASURER = "treasurer", _("recorded by a treasurer")
    BANK = "bank", _("bank transfer")
    STRIPE = "stripe", _("Stripe")
    HELLOASSO = "helloasso", _("HelloAsso")
    DECLARED = "declared", _("declared by the giver")


class PaymentMethod(models.TextChoices):
    """How money was paid, as a tax receipt states it (the Cerfa's « mode de versement »)."""

    CASH = "cash", pgettext_lazy("method of payment", "cash")
    CHEQUE = "cheque", pgettext_lazy("method of payment", "cheque")
    TRANSFER = "transfer", pgettext_lazy("method of payment", "bank transfer")
    CARD = "card", pgettext_lazy("method of payment", "payment card")
    DIRECT_DEBIT = "direct_debit", pgettext_lazy("method of payment", "direct debit")


# The method a provider implies when the caller does not say it; a treasurer says it.
PROVIDER_METHODS = {
    Provider.BANK: PaymentMethod.TRANSFER,
    Provider.STRIPE: PaymentMethod.CARD,
    Provider.HELLOASSO: PaymentMethod.CARD,
}


class ContributionQuerySet(models.QuerySet):
    def shown_publicly(self):
        """The gifts anyone may read of (the wall, the API without a treasurer's token): recorded
        in the books, and not private; an anonymous one is shown without its giver's name."""
        return self.filter(status=ContributionStatus.RECORDED).exclude(
            visibility=Visibility.PRIVATE
        )


class Contribution(models.Model):
    """What was given: money received, or time and in-kind once a treasurer validated them."""

    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ContributionStatus.choices)
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    actor = models.ForeignKey(
        "allies.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="gifts"
    )
    name = models.CharField(_("giver's name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="gifts"
    )
    round_project = models.ForeignKey(
        RoundProject, null=True, blank=True, on_delete=models.PROTECT, related_name="gifts"
    )
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("unit"), max_length=4, default="EUR")
    date = models.DateField(_("date"))
    description = models.CharField(_("what was given"), max_length=300, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    provider = models.CharField(_("received through"), max_length=12, choices=Provider.choices)
    # Money only; empty for time and in kind, and for money a treasurer recorded without saying.
    payment_method = models.CharField(
        _("method of payment"), max_length=12, choices=PaymentMethod.choices, blank=True
    )
    transaction = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="gift"
    )
    # One key per outside origin (a provider's event, an API retry): a repeat records nothing.
    external_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "contribution")
        verbose_name_plural = pgettext_lazy("model name", "contributions")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="contribution_amount_positive"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="contribution_has_giver_name"),
            models.CheckConstraint(
                condition=Q(status="recorded", transaction__isnull=False)
                | (~Q(status="recorded") & Q(transaction__isnull=True)),
                name="contribution_recorded_iff_transaction",
            ),
            models.CheckConstraint(
                condition=Q(kind="time", commodity="HOUR")
                | (~Q(kind="time") & ~Q(commodity="HOUR")),
                name="contribution_time_in_hours",
            ),
            models.CheckConstraint(
                condition=Q(round_project__isnull=True) | Q(kind="money"),
                name="contribution_round_money_only",
            ),
            models.CheckConstraint(
                condition=Q(payment_method="") | Q(kind="money"),
                name="contribution_method_money_only",
            ),
        ]
        indexes = [
            models.Index(fields=["fund", "date"], name="contribution_fund_date_idx"),
            # A round's gifts per project and giver, read from the index alone for its matching.
            models.Index(
                fields=[
                    "round_project",
                    "user",
                    "status",
                    "kind",
                    "commodity",
                    "date",
                    "amount_minor",
                ],
                condition=Q(round_project__isnull=False),
                name="contribution_round_gift_idx",
            ),
            # Time and in kind per fund and giver, summed by a sharing rule's dry run from the
            # index alone, already in the order it groups them by. Not partial: SQLite does not
            # use a partial index for a query whose values are bound parameters, as Django's are.
            models.Index(
                fields=[
                    "fund",
                    "status",
                    "user",
                    "actor",
                    "commodity",
                    "kind",
                    "date",
                    "amount_minor",
                    "visibility",
                    "name",
                ],
                name="contribution_valued_idx",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.name} {self.amount}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def public_name(self) -> str:
        return self.name if self.visibility == Visibility.PUBLIC else ""
