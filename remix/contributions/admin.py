"""Gifts, campaigns and rounds in Django's admin: to look, never a way around the services.

Everything here is read-only. Pledges, contributions, receipts and matches are what the books
and the givers rely on: they change only through the services (the contribute pages, the
treasury page, the API, a provider's webhook). Campaigns, rounds and their parts are listed and
shown; they are created and closed through the same services, and the two actions below call
them: closing the selected campaigns or rounds past their date, and issuing the tax receipts of
the selected gifts. The issuer of the receipts is the one thing a steward writes here, through
the same service as its page.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remix.contributions import receipts
from remix.contributions.models import (
    Campaign,
    CampaignUpdate,
    Ceiling,
    Contribution,
    Pledge,
    PledgePause,
    ReceiptCounter,
    ReceiptIssuer,
    Round,
    RoundMatch,
    RoundProject,
    StretchGoal,
    TaxReceipt,
    Tier,
)
from remix.contributions.services.campaigns import campaign_close
from remix.contributions.services.receipts import receipt_issue, receipt_issuer_set
from remix.contributions.services.rounds import round_close
from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.core.formats import format_money
from remix.core.permissions import can_set_receipt_issuer


def _money(minor, commodity) -> str:
    return format_money(minor, commodity)


def _each(modeladmin, request, queryset, call, done) -> None:
    """Run one service call per selected object; say what was done and what was refused."""
    count = 0
    for obj in queryset:
        try:
            call(obj)
        except ValidationError as error:
            for message in error.messages:
                modeladmin.message_user(request, f"{obj}: {message}", messages.ERROR)
        else:
            count += 1
    if count:
        modeladmin.message_user(request, done(count), messages.SUCCESS)


# --- campaigns -----------------------------------------------------------------------------------


class StretchGoalInline(ReadOnlyInline):
    model = StretchGoal
    show_change_link = True
    fields = ("amount_minor", "title")


class TierInline(ReadOnlyInline):
    model = Tier
    show_change_link = True
    fields = (
        "title",
        "amount_minor",
        "free_amount",
        "quantity",
        "taken",
        "counterpart_value_minor",
    )


class CampaignUpdateInline(ReadOnlyInline):
    model = CampaignUpdate
    fields = ("published_at", "title", "author")
    show_change_link = False


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("label", "slug", "fund", "goal_text", "opens", "deadline", "rule", "status")
    list_filter = ("status", "rule", "fund")
    search_fields = ("slug",)
    date_hierarchy = "deadline"
    list_select_related = ("fund",)
    inlines = (StretchGoalInline, TierInline, CampaignUpdateInline)
    actions = ("close",)

    @admin.display(description=_("goal"), ordering="goal_minor")
    def goal_text(self, campaign):
        return _money(campaign.goal_minor, campaign.commodity)

    @admin.action(description=_("Close the selected campaigns past their deadline"))
    def close(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda campaign: campaign_close(campaign=campaign, recorder=request.user),
            lambda count: (
                ngettext("%(count)d campaign closed.", "%(count)d campaigns closed.", count)
                % {"count": count}
            ),
        )


@admin.register(Tier)
class TierAdmin(ReadOnlyAdmin):
    list_display = (
        "label",
        "campaign",
        "amount_text",
        "free_amount",
        "quantity",
        "taken",
        "counterpart_text",
    )
    list_filter = ("campaign",)
    list_select_related = ("campaign",)

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount_text(self, tier):
        return _money(tier.amount_minor, tier.campaign.commodity)

    @admin.display(description=_("value of the counterpart"), ordering="counterpart_value_minor")
    def counterpart_text(self, tier):
        return _money(tier.counterpart_value_minor, tier.campaign.commodity)


@admin.register(StretchGoal)
class StretchGoalAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "campaign", "amount_text")
    list_filter = ("campaign",)
    list_select_related = ("campaign",)

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount_text(self, goal):
        return _money(goal.amount_minor, goal.campaign.commodity)


# --- rounds --------------------------------------------------------------------------------------


class RoundProjectInline(ReadOnlyInline):
    model = RoundProject
    show_change_link = True
    fields = ("fund", "description")


class RoundMatchInline(ReadOnlyInline):
    model = RoundMatch
    show_change_link = True
    fields = ("project", "total_minor", "contributors", "match_minor", "capped", "transaction")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("label", "slug", "funder", "pool_text", "opens", "closes", "status")
    list_filter = ("status",)
    search_fields = ("slug", "funder__name")
    date_hierarchy = "closes"
    list_select_related = ("funder",)
    inlines = (RoundProjectInline, RoundMatchInline)
    actions = ("close",)

    @admin.display(description=_("pool"), ordering="pool_minor")
    def pool_text(self, round_):
        return _money(round_.pool_minor, round_.commodity)

    @admin.action(description=_("Close the selected rounds past their last day"))
    def close(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda round_: round_close(round=round_, recorder=request.user),
            lambda count: (
                ngettext("%(count)d round closed.", "%(count)d rounds closed.", count)
                % {"count": count}
            ),
        )


@admin.register(RoundProject)
class RoundProjectAdmin(ReadOnlyAdmin):
    list_display = ("label", "round", "fund")
    list_filter = ("round",)
    list_select_related = ("round", "fund")


@admin.register(RoundMatch)
class RoundMatchAdmin(ReadOnlyAdmin):
    list_display = ("project", "round", "total_text", "contributors", "match_text", "capped")
    list_filter = ("round", "capped")
    list_select_related = ("project__fund", "round")

    @admin.display(description=_("given"), ordering="total_minor")
    def total_text(self, match):
        return _money(match.total_minor, match.round.commodity)

    @admin.display(description=_("match"), ordering="match_minor")
    def match_text(self, match):
        return _money(match.match_minor, match.round.commodity)


# --- pledges, gifts, ceilings --------------------------------------------------------------------


class PledgePauseInline(ReadOnlyInline):
    model = PledgePause
    fields = ("start", "end")
    show_change_link = False


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = (
        "reference",
        "name",
        "fund",
        "amount_text",
        "frequency",
        "start",
        "status",
        "visibility",
    )
    list_filter = ("status", "frequency", "visibility", "fund")
    search_fields = ("reference", "name")
    date_hierarchy = "start"
    list_select_related = ("fund",)
    inlines = (PledgePauseInline,)

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount_text(self, pledge):
        return _money(pledge.amount_minor, pledge.commodity)


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = (
        "date",
        "name",
        "kind",
        "amount_text",
        "fund",
        "status",
        "provider",
        "payment_method",
        "receipt_number",
    )
    list_filter = ("status", "kind", "provider", "payment_method", "visibility", "fund")
    search_fields = ("name", "description", "external_key", "pledge__reference")
    date_hierarchy = "date"
    list_select_related = ("fund", "receipt")
    actions = ("issue_receipts",)

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount_text(self, contribution):
        return _money(contribution.amount_minor, contribution.commodity)

    @admin.display(description=_("tax receipt"))
    def receipt_number(self, contribution):
        receipt = getattr(contribution, "receipt", None)
        return receipt.number if receipt else ""

    @admin.action(description=_("Issue the tax receipts of the selected gifts"))
    def issue_receipts(self, request, queryset):
        try:
            receipts.issuer_check()
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return
        _each(
            self,
            request,
            queryset.order_by("date", "pk"),
            lambda gift: receipt_issue(contribution=gift, recorder=request.user),
            lambda count: (
                ngettext(
                    "%(count)d tax receipt issued or already there.",
                    "%(count)d tax receipts issued or already there.",
                    count,
                )
                % {"count": count}
            ),
        )


@admin.register(TaxReceipt)
class TaxReceiptAdmin(ReadOnlyAdmin):
    list_display = ("number", "giver_name", "amount_text", "gift_date", "language", "issued_at")
    list_filter = ("year", "gift_kind", "language")
    search_fields = ("giver_name",)
    date_hierarchy = "gift_date"
    readonly_fields = ("pdf",)

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount_text(self, receipt):
        return _money(receipt.amount_minor, receipt.commodity)

    @admin.display(description=_("PDF"))
    def pdf(self, receipt):
        url = reverse(
            "contributions:receipt", kwargs={"year": receipt.year, "sequence": receipt.sequence}
        )
        return format_html('<a href="{}">{}</a>', url, receipts.receipt_filename(receipt))


@admin.register(ReceiptCounter)
class ReceiptCounterAdmin(ReadOnlyAdmin):
    list_display = ("year", "last")


@admin.register(Ceiling)
class CeilingAdmin(ReadOnlyAdmin):
    list_display = ("fund", "period", "amount_text", "share_of_needs")
    list_select_related = ("fund",)

    @admin.display(description=_("amount"))
    def amount_text(self, ceiling):
        return _money(ceiling.amount_minor, ceiling.commodity) if ceiling.amount_minor else ""


@admin.register(ReceiptIssuer)
class ReceiptIssuerAdmin(admin.ModelAdmin):
    """A steward says which association issues the tax receipts; the change goes through the
    service (its permission, its audit event), as on the issuer page."""

    fields = ("name", "address", "object", "signatory", "signatory_role")
    list_display = ("name", "signatory", "signatory_role", "changed_at")

    def has_add_permission(self, request):
        return can_set_receipt_issuer(request.user) and not ReceiptIssuer.objects.exists()

    def has_change_permission(self, request, obj=None):
        return can_set_receipt_issuer(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = receipt_issuer_set(
            **{field: form.cleaned_data.get(field, "") for field in self.fields},
            recorder=request.user,
        )
        obj.pk = saved.pk
