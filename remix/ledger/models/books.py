"""The open books: funds, accounts, transactions and their postings, needs, rates, closed periods,
and the state of the books (the version every write bumps).

Amounts are integers of the commodity's minor units (``remix.core.money``). Income is negative and
expenses positive, as in Beancount; pages and reports turn the signs the way people read them.
A posted transaction and its postings never change: the model, the queryset and a database
trigger (PostgreSQL and SQLite, see migration 0002) all refuse it.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from remix.core.files import ProtectedFileField, RandomName, private_storage
from remix.core.i18ntext import text_for
from remix.core.money import HOUR, Money, from_minor

ACCOUNT_CODE = re.compile(r"^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z0-9][A-Za-z0-9-]*)+$")


class FundKind(models.TextChoices):
    PLATFORM = "platform", _("platform")
    PUBLICATION = "publication", _("publication")
    MEETING = "meeting", _("meeting")
    FIESTA = "fiesta", _("fiesta")
    PRODUCTION = "production", _("production")
    OTHER = "other", _("other mediation project")


class Fund(models.Model):
    """A self-balancing set of books: the platform's own, or one mediation project's."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("One name per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FundKind.choices)
    reporting_currency = models.CharField(_("reporting currency"), max_length=3, default="EUR")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "fund")
        verbose_name_plural = pgettext_lazy("model name", "funds")
        ordering = ["slug"]  # selectors.fund_list puts the platform first
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="platform"), name="fund_one_platform"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="fund_slug_not_empty"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.name) or self.slug

    @property
    def is_platform(self) -> bool:
        return self.kind == FundKind.PLATFORM

    @property
    def named(self) -> str:
        """The fund as a sentence names it: the platform is a thing, not a name (« donné à la
        plateforme », not « à Plateforme »); a project by its name."""
        if self.is_platform:
            return pgettext("the platform's fund in a sentence", "the platform")
        return self.label

    @property
    def give_title(self) -> str:
        """« Donner à la plateforme », « Donner à Fiesta des communs »."""
        return gettext("Give to %(fund)s") % {"fund": self.named}


class AccountType(models.TextChoices):
    ASSET = "asset", _("asset")
    LIABILITY = "liability", _("liability")
    EQUITY = "equity", _("equity")
    INCOME = "income", _("income")
    EXPENSE = "expense", _("expense")


ROOT_TYPES = {
    "Assets": AccountType.ASSET,
    "Liabilities": AccountType.LIABILITY,
    "Equity": AccountType.EQUITY,
    "Income": AccountType.INCOME,
    "Expenses": AccountType.EXPENSE,
}


class ResourceNature(models.TextChoices):
    CONTRIBUTIONS = "contributions", _("users' contributions")
    COMMUNITY_TIME = "community_time", _("community time")
    IN_KIND = "in_kind", _("in-kind")
    PUBLIC_AUTHORITIES = "public_authorities", _("public authorities")
    INSTITUTIONAL_GRANTS = "institutional_grants", _("institutional grants")
    MICRO_FINANCING = "micro_financing", _("micro-financing")
    COMMERCIAL = "commercial", _("commercial")
    OTHER = "other", _("other")


# Resources that are not money: shown apart, and valued (hours at the hourly rate, in-kind at
# its declared fair value) when reports add them to the rest.
NON_MONETARY_NATURES = frozenset({ResourceNature.COMMUNITY_TIME, ResourceNature.IN_KIND})


class NeedCategory(models.TextChoices):
    HOSTING = "hosting", _("hosting")
    DEVELOPMENT = "development", _("development")
    MODERATION = "moderation", _("moderation")
    TRANSLATION = "translation", _("translation")
    COORDINATION = "coordination", _("coordination")
    EVENTS = "events", _("events")
    MEDIATION = "mediation", _("mediation projects")
    OTHER = "other", _("other")


class AccountScope(models.TextChoices):
    ANY = "any", _("any fund")
    PROJECTS = "projects", _("mediation projects only")


class Account(models.Model):
    """One line of the chart of accounts, ``Income:Grants:Public``; the hierarchy is in the code."""

    code = models.CharField(_("code"), max_length=200, unique=True)
    number = models.CharField(
        _("number"), max_length=12, blank=True, help_text=_("Its number in the French PCG.")
    )
    type = models.CharField(_("type"), max_length=10, choices=AccountType.choices)
    name = models.JSONField(_("name"), default=dict, help_text=_("One name per language."))
    nature = models.CharField(
        _("resource nature"), max_length=30, choices=ResourceNature.choices, blank=True
    )
    need_category = models.CharField(
        _("need category"), max_length=20, choices=NeedCategory.choices, blank=True
    )
    scope = models.CharField(
        _("may be used in"), max_length=10, choices=AccountScope.choices, default=AccountScope.ANY
    )
    is_cash = models.BooleanField(
        _("cash"), default=False, help_text=_("Bank and cash accounts: what the runway counts.")
    )
    is_suspense = models.BooleanField(
        _("to categorise"),
        default=False,
        help_text=_("Where imported bank rows wait to be categorised; never posted."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "account")
        verbose_name_plural = pgettext_lazy("model name", "accounts")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type="income", nature__gt="") | (~Q(type="income") & Q(nature="")),
                name="account_nature_iff_income",
            ),
            models.CheckConstraint(
                condition=Q(type="expense") | Q(need_category=""),
                name="account_need_category_expense_only",
            ),
            models.CheckConstraint(
                condition=Q(type="asset") | Q(is_cash=False, is_suspense=False),
                name="account_cash_is_asset",
            ),
            models.UniqueConstraint(
                fields=["is_suspense"], condition=Q(is_suspense=True), name="account_one_suspense"
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.label}"

    @property
    def label(self) -> str:
        return text_for(self.name) or self.code.rsplit(":", 1)[-1]

    @property
    def depth(self) -> int:
        return self.code.count(":")

    @property
    def parent_code(self) -> str:
        return self.code.rsplit(":", 1)[0]

    def clean(self):
        if not ACCOUNT_CODE.match(self.code or ""):
            raise ValidationError(
                {
                    "code": _(
                        "A code starts with Assets, Liabilities, Equity, Income or Expenses, "
                        "then parts separated by colons, each starting with a capital letter "
                        "or a digit (e.g. Income:Grants:Public)."
                    )
                }
            )
        expected = ROOT_TYPES[self.code.split(":", 1)[0]]
        if self.type and self.type != expected:
            raise ValidationError(
                {
                    "type": _("An account under %(root)s is of type %(type)s.")
                    % {"root": self.code.split(":", 1)[0], "type": AccountType(expected).label}
                }
            )


class TransactionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    POSTED = "posted", _("posted")


class ImmutableQuerySet(models.QuerySet):
    """Bulk updates and deletes never touch posted rows (the database refuses it too)."""

    posted_filter: Q

    def _refuse_posted(self, verb: str):
        if self.filter(self.posted_filter).exists():
            raise ValidationError(
                _("A posted transaction cannot be %(verb)s: reverse it instead.") % {"verb": verb}
            )

    def update(self, **kwargs):
        self._refuse_posted(_("changed"))
        return super().update(**kwargs)

    def delete(self):
        self._refuse_posted(_("deleted"))
        return super().delete()


class TransactionQuerySet(ImmutableQuerySet):
    posted_filter = Q(status=TransactionStatus.POSTED)

    def posted(self):
        return self.filter(status=TransactionStatus.POSTED)

    def drafts(self):
        return self.filter(status=TransactionStatus.DRAFT)


class PostingQuerySet(ImmutableQuerySet):
    posted_filter = Q(posted=True)


class Transaction(models.Model):
    date = models.DateField(_("date"), db_index=True)
    description = models.CharField(_("description"), max_length=300)
    counterparty = models.ForeignKey(
        "allies.Actor",
        verbose_name=_("counterparty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("The giver asked for anonymity: public pages and exports never name them."),
    )
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TransactionStatus.choices, default="draft"
    )
    is_transfer = models.BooleanField(_("inter-fund transfer"), default=False)
    # A reversal points to what it reverses; the original is never touched (``reversed_by``).
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # One key per outside origin, so a repeat creates nothing: "import:<sha256>", "api:<user>:…".
    external_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    bank_import = models.ForeignKey(
        "BankImport", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = TransactionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "transaction")
        verbose_name_plural = pgettext_lazy("model name", "transactions")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", posted_at__isnull=True)
                | Q(status="posted", posted_at__isnull=False),
                name="transaction_posted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="transaction_reversal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="transaction_description_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.description}"

    def save(self, *args, **kwargs):
        if getattr(self, "_stored_status", None) == TransactionStatus.POSTED:
            raise ValidationError(_("A posted transaction cannot be changed: reverse it instead."))
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args, **kwargs):
        if getattr(self, "_stored_status", None) == TransactionStatus.POSTED or self.is_posted:
            raise ValidationError(_("A posted transaction cannot be deleted: reverse it instead."))
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_posted(self) -> bool:
        return self.status == TransactionStatus.POSTED


class Posting(models.Model):
    """One leg: (account, fund, amount, commodity). ``date`` and ``posted`` copy the transaction's,
    so that balances are one ``GROUP BY`` over this table."""

    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="postings")
    commodity = models.CharField(_("commodity"), max_length=4)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    date = models.DateField()
    posted = models.BooleanField(default=False)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "posting")
        verbose_name_plural = pgettext_lazy("model name", "postings")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["fund", "date"], name="posting_fund_date_idx"),
            models.Index(fields=["date"], name="posting_date_idx"),
            models.Index(fields=["account", "date"], name="posting_account_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_minor=0), name="posting_not_zero"),
            models.CheckConstraint(condition=~Q(commodity=""), name="posting_has_commodity"),
        ]

    def __str__(self):
        return f"{self.account.code} {self.amount} {self.commodity}"

    def save(self, *args, **kwargs):
        if self.pk and Posting.objects.filter(pk=self.pk, posted=True).exists():
            raise ValidationError(_("A posted transaction cannot be changed: reverse it instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.posted:
            raise ValidationError(_("A posted transaction cannot be deleted: reverse it instead."))
        return super().delete(*args, **kwargs)

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def money(self) -> Money:
        return Money(self.amount_minor, self.commodity)

    @property
    def is_hours(self) -> bool:
        return self.commodity == HOUR


def receipt_path(instance, filename: str) -> str:
    """The former address of receipts (named in migration 0001; they now have random names)."""
    return f"ledger/receipts/{instance.transaction.date:%Y}/{filename}"


class Attachment(models.Model):
    """A receipt or an invoice; adding one to a posted transaction changes no figure."""

    transaction = models.ForeignKey(
        Transaction, on_delete=models.PROTECT, related_name="attachments"
    )
    # A protected file (remix/ledger/files.py): private storage, a name that reveals nothing.
    file = ProtectedFileField(
        _("file"), upload_to=RandomName("ledger/receipts"), storage=private_storage
    )
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "attachment")
        verbose_name_plural = pgettext_lazy("model name", "attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


class PeriodKind(models.TextChoices):
    YEAR = "year", _("year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")


class BudgetLine(models.Model):
    """A need: an amount for a fund, an expense account or a need category, and a period."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="budget_lines")
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), help_text=_("The last day of the period."))
    account = models.ForeignKey(
        Account,
        verbose_name=_("expense account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"type": AccountType.EXPENSE},
    )
    category = models.CharField(
        _("need category"), max_length=20, choices=NeedCategory.choices, blank=True
    )
    commodity = models.CharField(_("currency"), max_length=4, default="EUR")
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    note = models.JSONField(_("note"), default=dict, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "budget line")
        verbose_name_plural = pgettext_lazy("model name", "budget lines")
        ordering = ["start", "fund", "category", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="budget_line_positive"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="budget_line_dates"
            ),
            models.CheckConstraint(
                condition=Q(account__isnull=False) | ~Q(category=""),
                name="budget_line_account_or_category",
            ),
        ]

    def __str__(self):
        return f"{self.fund.slug} {self.start:%Y-%m} {self.need_category} {self.amount}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def need_category(self) -> str:
        return self.category or (self.account.need_category if self.account_id else "") or "other"


class ExchangeRate(models.Model):
    """1 ``commodity`` = ``rate`` ``quote`` on ``date`` (and after, until the next rate).

    A rate from ``HOUR`` is the hourly value of volunteer time."""

    date = models.DateField(_("date"))
    commodity = models.CharField(_("from"), max_length=4)
    quote = models.CharField(_("to"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=20, decimal_places=10)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "exchange rate")
        verbose_name_plural = pgettext_lazy("model name", "exchange rates")
        ordering = ["-date", "commodity", "quote"]
        constraints = [
            models.UniqueConstraint(fields=["date", "commodity", "quote"], name="rate_unique_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
            models.CheckConstraint(
                condition=~Q(commodity=models.F("quote")), name="rate_two_sides"
            ),
        ]

    def __str__(self):
        return f"{self.date} 1 {self.commodity} = {self.rate} {self.quote}"


class ClosedPeriod(models.Model):
    """A month or a year the treasurer closed once reconciled: nothing is posted in it after."""

    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "closed period")
        verbose_name_plural = pgettext_lazy("model name", "closed periods")
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["start", "end"], name="closed_period_unique"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="closed_period_dates"
            ),
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"


class BooksState(models.Model):
    """One row: a version bumped by every write to the books, so that reports computed for a
    version can be cached by every process and never outlive a change."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "state of the books")
        verbose_name_plural = pgettext_lazy("model name", "state of the books")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="books_state_one_row")]

    def __str__(self):
        return f"books version {self.version}"
