"""The books in Django's admin: a back office, never a way around the ledger's rules.

A posted transaction is read-only here as everywhere (its change page only shows it, a delete is
refused). A draft's header and postings are saved through ``transaction_update``, after
the same checks as the treasurer's pages: balanced per fund and commodity, one fund unless a
transfer. Transactions are created in the books pages, the API or a bank import. Accounts,
funds, needs and rates are editable; an account is never deleted (it is closed instead).
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Actor, ActorKind
from remix.core.admin_dates import DatesInWindowAdmin
from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.core.money import Money, MoneyError, commodity_read
from remix.core.permissions import can_record_bank_account
from remix.ledger.models import (
    Account,
    Attachment,
    BankAccount,
    BankImport,
    BudgetLine,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    Posting,
    Transaction,
)
from remix.ledger.services.bank_accounts import bank_account_record
from remix.ledger.services.checks import Leg, legs_check
from remix.ledger.services.transactions import transaction_delete, transaction_update


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ("slug", "label", "kind", "reporting_currency", "active")
    list_filter = ("kind", "active")
    search_fields = ("slug",)

    def get_readonly_fields(self, request, obj=None):
        # The platform fund stays the platform fund; a fund's slug names it in exports.
        return ("slug", "kind") if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return obj is None or not (obj.is_platform or obj.postings.exists())


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("code", "number", "label", "type", "nature", "need_category", "active")
    list_filter = ("type", "nature", "need_category", "scope", "active")
    search_fields = ("code", "number")

    def get_readonly_fields(self, request, obj=None):
        # Postings keep meaning what they meant: the code and the type never change.
        return ("code", "type") if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


class PostingFormSet(BaseInlineFormSet):
    """A draft's postings, checked as the services check them before anything is saved."""

    def legs(self) -> list[Leg]:
        legs = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("account"):
                continue
            legs.append(
                Leg(
                    account=data["account"],
                    fund=data["fund"],
                    money=Money(data["amount_minor"], data["commodity"]),
                    memo=data.get("memo", ""),
                )
            )
        return legs

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.forms:
            commodity = getattr(form, "cleaned_data", {}).get("commodity")
            if commodity:
                try:
                    form.cleaned_data["commodity"] = commodity_read(commodity)
                except MoneyError as error:
                    raise ValidationError(str(error)) from None
        try:
            legs_check(self.legs(), is_transfer=self.instance.is_transfer)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class PostingInline(admin.TabularInline):
    model = Posting
    formset = PostingFormSet
    fields = ("account", "fund", "commodity", "amount_minor", "memo")
    extra = 0

    def _draft(self, obj) -> bool:
        return obj is not None and not obj.is_posted

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class AttachmentInline(ReadOnlyInline):
    """Receipts are attached in the books pages, with an audit event."""

    model = Attachment
    fields = ("name", "file", "uploaded_at", "uploaded_by")


@admin.register(BankAccount)
class BankAccountAdmin(admin.ModelAdmin):
    """Treasurers and stewards record a bank account through the service (its checks, its audit
    event); its holding then changes only by a handover of the fiscal host's charge."""

    fields = (
        "account",
        "holder",
        "iban",
        "bic",
        "holder_address",
        "held_from",
        "held_until",
    )
    list_display = ("account", "holder", "iban", "held_from", "held_until")
    list_select_related = ("account", "holder")

    def has_add_permission(self, request):
        return can_record_bank_account(request.user)

    def has_view_permission(self, request, obj=None):
        return can_record_bank_account(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "account":
            kwargs["queryset"] = Account.objects.filter(is_cash=True, bank_details__isnull=True)
        if db_field.name == "holder":
            kwargs["queryset"] = Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = bank_account_record(**form.cleaned_data, recorder=request.user)
        obj.pk = saved.pk


@admin.register(Transaction)
class TransactionAdmin(DatesInWindowAdmin, admin.ModelAdmin):
    list_display = ("date", "description", "status", "is_transfer", "counterparty", "reference")
    list_filter = ("status", "is_transfer", "anonymous")
    search_fields = ("description", "reference")
    date_hierarchy = "date"
    raw_id_fields = ("counterparty",)
    inlines = (PostingInline, AttachmentInline)
    fields = (
        "date",
        "description",
        "counterparty",
        "anonymous",
        "reference",
        "status",
        "is_transfer",
        "reverses",
        "reason",
        "bank_import",
        "created_by",
        "posted_at",
        "posted_by",
    )
    readonly_fields = (
        "status",
        "is_transfer",
        "reverses",
        "reason",
        "bank_import",
        "created_by",
        "posted_at",
        "posted_by",
    )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one draft at a time, never a posted one
        return actions

    def has_add_permission(self, request):
        return False  # written in the books pages, the API or a bank import: always balanced

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_posted:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_posted:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related`` writes the header and its postings in one service call,
        so that a draft is never saved half-changed."""

    def save_related(self, request, form, formsets, change):
        postings = next(formset for formset in formsets if formset.model is Posting)
        data = form.cleaned_data
        transaction_update(
            transaction=form.instance,
            date=data["date"],
            description=data["description"],
            legs=postings.legs(),
            counterparty=data.get("counterparty"),
            anonymous=data.get("anonymous", False),
            reference=data.get("reference", ""),
            recorder=request.user,
        )
        for formset in formsets:  # what the admin's history message reads; the service wrote
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        transaction_delete(transaction=obj, recorder=request.user)


@admin.register(BudgetLine)
class BudgetLineAdmin(DatesInWindowAdmin, admin.ModelAdmin):
    list_display = ("fund", "period_kind", "start", "end", "category", "account", "amount_text")
    list_filter = ("fund", "period_kind", "category")
    date_hierarchy = "start"

    @admin.display(description=_("amount"))
    def amount_text(self, line):
        return f"{line.amount} {line.commodity}"


@admin.register(ExchangeRate)
class ExchangeRateAdmin(DatesInWindowAdmin, admin.ModelAdmin):
    list_display = ("date", "commodity", "quote", "rate", "recorded_by")
    list_filter = ("commodity", "quote")
    date_hierarchy = "date"
    readonly_fields = ("recorded_by",)


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(ReadOnlyAdmin):
    list_display = ("kind", "start", "end", "closed_at", "closed_by")


@admin.register(BankImport)
class BankImportAdmin(ReadOnlyAdmin):
    list_display = (
        "filename",
        "account",
        "fund",
        "status",
        "rows_created",
        "rows_skipped",
        "rows_closed",
    )
    list_filter = ("status",)
    exclude = ("upload",)
