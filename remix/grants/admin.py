"""The funding search in Django's admin, for stewards.

Funders and opportunities are not money: stewards correct them here, and each save goes through
the services (``funder_set``, ``opportunity_save``), so it is audited as on the pages.
Applications, their stage changes and financing plans are shown, never changed here: they move
through the pipeline's pages and the API, where each move is an event and a grant reaches the
books. Reminders sent are listed to answer "did the e-mail go?". Saved searches and calendar
addresses are people's own (a calendar address is a secret): they are not in the admin.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from remix.core.admin_dates import DatesInWindowAdmin
from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.core.formats import format_money
from remix.grants.models import (
    Application,
    ApplicationDocument,
    Funder,
    Opportunity,
    OpportunityAttachment,
    PlanLine,
    ReminderSent,
    StageEvent,
    Task,
)
from remix.grants.services.opportunities import OPPORTUNITY_FIELDS, funder_set, opportunity_save

# --- funders and opportunities -------------------------------------------------------------------


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_public")
    list_filter = ("kind",)
    search_fields = ("actor__name", "actor__slug")
    list_select_related = ("actor",)
    raw_id_fields = ("actor",)

    @admin.display(description=_("public authority"), boolean=True)
    def is_public(self, funder):
        return funder.is_public

    def get_readonly_fields(self, request, obj=None):
        return ("actor",) if obj is not None else ()  # a funder stays the same actor

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.opportunities.exists()

    def save_model(self, request, obj, form, change):
        saved = funder_set(actor=obj.actor, kind=obj.kind, recorder=request.user)
        obj.pk = saved.pk
        obj._state.adding = False


class AttachmentInline(admin.TabularInline):
    model = OpportunityAttachment
    fields = ("name", "file")
    extra = 0


@admin.register(Opportunity)
class OpportunityAdmin(DatesInWindowAdmin, admin.ModelAdmin):
    list_display = ("title", "funder", "kind", "amounts", "deadline", "territory")
    list_filter = ("kind", "funder__kind", "recurrence")
    search_fields = ("title", "slug", "funder__actor__name", "territory")
    date_hierarchy = "deadline"
    list_select_related = ("funder__actor",)
    autocomplete_fields = ("funder", "funds")
    filter_horizontal = ("themes",)
    readonly_fields = ("source_key", "created_by", "created_at")
    inlines = (AttachmentInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("funder", "title", "slug", "url", "kind", "recurrence", "notes")}),
        (
            _("Amounts and co-financing rules"),
            {
                "fields": (
                    "commodity",
                    "amount_min_minor",
                    "amount_max_minor",
                    "amount_typical_minor",
                    "max_share",
                    "withheld_share",
                    "volunteer_time_counts",
                )
            },
        ),
        (_("Eligibility"), {"fields": ("beneficiary_types", "territory", "themes", "funds")}),
        (
            _("Dates"),
            {
                "fields": (
                    "opens_on",
                    "letter_of_intent_on",
                    "deadline",
                    "decision_on",
                    "report_due_on",
                )
            },
        ),
        (_("Origin"), {"fields": ("source_key", "created_by", "created_at")}),
    )

    @admin.display(description=_("amounts"))
    def amounts(self, opportunity):
        low, high = opportunity.amount_min_minor, opportunity.amount_max_minor
        return " – ".join(
            format_money(minor, opportunity.commodity)
            for minor in dict.fromkeys((low, high))
            if minor is not None
        )

    def get_readonly_fields(self, request, obj=None):
        # Pages and calendars link to an opportunity by its slug: it does not change.
        fields = self.readonly_fields
        return (*fields, "slug") if obj is not None else fields

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("title",)} if obj is None else {}

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.applications.exists()

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name]
            for name in (*OPPORTUNITY_FIELDS, "slug", "themes", "funds")
            if name in form.cleaned_data
        }
        saved, _created = opportunity_save(
            funder=form.cleaned_data["funder"],
            data=data,
            opportunity=obj if change else None,
            recorder=request.user,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # Themes and funds were set by the service; the attachments are saved here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


# --- applications --------------------------------------------------------------------------------


class StageEventInline(ReadOnlyInline):
    model = StageEvent
    fields = ("at", "from_stage", "to_stage", "by", "note")


class PlanLineInline(ReadOnlyInline):
    model = PlanLine
    fields = ("kind", "label", "amount_minor", "source", "volunteer")


class TaskInline(ReadOnlyInline):
    model = Task
    fields = ("title", "assignee", "due_on", "done_on")


class DocumentInline(ReadOnlyInline):
    model = ApplicationDocument
    fields = ("name", "file", "uploaded_at")


def _money(minor, commodity) -> str:
    return format_money(minor, commodity)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = (
        "opportunity",
        "fund",
        "stage",
        "requested",
        "granted",
        "owner",
        "decided_on",
    )
    list_filter = ("stage", "fund", "opportunity__funder__kind")
    search_fields = ("opportunity__title", "opportunity__funder__actor__name", "fund__slug")
    date_hierarchy = "created_at"
    list_select_related = ("opportunity", "fund", "owner")
    inlines = (StageEventInline, PlanLineInline, TaskInline, DocumentInline)

    @admin.display(description=_("requested"), ordering="amount_requested_minor")
    def requested(self, application):
        return _money(application.amount_requested_minor, application.commodity)

    @admin.display(description=_("granted"), ordering="amount_granted_minor")
    def granted(self, application):
        return _money(application.amount_granted_minor, application.commodity)


@admin.register(StageEvent)
class StageEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "application", "from_stage", "to_stage", "by")
    list_filter = ("to_stage",)
    date_hierarchy = "at"
    list_select_related = ("application__opportunity", "application__fund", "by")


@admin.register(PlanLine)
class PlanLineAdmin(ReadOnlyAdmin):
    list_display = ("label", "application", "kind", "amount", "source", "volunteer")
    list_filter = ("kind", "source", "volunteer")
    list_select_related = ("application__opportunity", "application__fund")

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount(self, line):
        return _money(line.amount_minor, line.application.commodity)


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "user", "opportunity", "what", "due", "days_before")
    list_filter = ("what", "days_before")
    date_hierarchy = "sent_at"
    list_select_related = ("user", "opportunity")
