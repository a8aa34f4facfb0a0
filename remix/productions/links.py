"""The managers' forms that link a production to what already exists elsewhere: a funding line
(through a grant application or a campaign of the platform, where there is one), a catalogue
document it produced, and a recorded volunteer time contribution given to it."""

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from remix.catalogue.models import Document
from remix.contributions.models import Campaign, Contribution
from remix.core.formats import format_money
from remix.core.forms import ServiceErrors
from remix.grants.models import Application
from remix.productions.models import FundingSource

# The most choices a select of the page offers: the newest first.
CHOICES_SHOWN = 200


def first_shown(queryset):
    """The first ``CHOICES_SHOWN`` of ``queryset`` in its order, as a queryset a form may still
    filter when it checks the choice posted."""
    ids = list(queryset.values_list("pk", flat=True)[:CHOICES_SHOWN])
    return queryset.model.objects.filter(pk__in=ids)


class ApplicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.opportunity.title} · {obj.fund.label}"


class CampaignChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class FundingLineForm(ServiceErrors, forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=FundingSource.choices)
    label = forms.CharField(label=_("From whom or what"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=15, decimal_places=2)
    application = ApplicationChoice(
        label=_("Grant application"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Only for a grant."),
    )
    campaign = CampaignChoice(
        label=_("Campaign"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Only for a campaign."),
    )

    def __init__(self, *args, production, **kwargs):
        # Its own ids: the page holds other forms with fields of the same names.
        super().__init__(*args, auto_id="funding_%s", **kwargs)
        code = production.commodity
        applications = Application.objects.filter(commodity=code)
        self.fields["application"].queryset = first_shown(applications).select_related(
            "opportunity", "fund"
        )
        self.fields["campaign"].queryset = first_shown(Campaign.objects.filter(commodity=code))


def documents_matching(text: str, *, limit: int) -> list[Document]:
    """The catalogue documents ``text`` names: the one whose slug it is, else those whose title
    contains it, the newest first."""
    by_slug = list(Document.objects.filter(slug=text.lower())[:1])
    if by_slug:
        return by_slug
    return list(Document.objects.filter(title__icontains=text).order_by("-date", "-id")[:limit])


class DocumentSearchField(forms.Field):
    """A catalogue document typed, not chosen from thousands: its title, part of it, or its slug.
    A text naming several documents, or none, is refused with the titles it could mean."""

    def to_python(self, value):
        text = " ".join((value or "").split())
        if not text:
            return None
        found = documents_matching(text, limit=6)
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(
                _("No document of the catalogue is titled “%(text)s”.") % {"text": text}
            )
        names = ", ".join(f"{document.title} ({document.slug})" for document in found[:5])
        raise forms.ValidationError(
            _("Several documents match “%(text)s”: %(names)s. Type more of the title, or the slug.")
            % {"text": text, "names": names + ("…" if len(found) > 5 else "")}
        )


class DocumentLinkForm(ServiceErrors, forms.Form):
    document = DocumentSearchField(
        label=_("Document of the catalogue"),
        help_text=_("Its title, part of it, or its slug."),
    )

    def __init__(self, *args, production, **kwargs):
        # Its own ids: the page holds other forms with fields of the same names.
        super().__init__(*args, auto_id="document_%s", **kwargs)


def time_offered(production):
    """The recorded volunteer time not yet counted for any production: the production's own
    fund's first, then the newest."""
    found = Contribution.objects.filter(
        kind="time", status="recorded", production_time__isnull=True
    )
    own = Q(fund=production.fund_id) if production.fund_id else Q(pk__in=[])
    return found.annotate(
        own_fund=Case(When(own, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("own_fund", "-date", "-id")


class TimeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        hours = format_money(obj.amount_minor, "HOUR")
        return f"{obj.date:%Y-%m-%d} · {obj.name} · {hours} · {obj.description}"


class TimeLinkForm(ServiceErrors, forms.Form):
    contribution = TimeChoice(label=_("Volunteer time recorded in the books"), queryset=None)
    role = forms.CharField(label=_("Role"), max_length=120, required=False)

    def __init__(self, *args, production, **kwargs):
        # Its own ids: the page holds other forms with fields of the same names.
        super().__init__(*args, auto_id="time_%s", **kwargs)
        ids = list(time_offered(production).values_list("pk", flat=True)[:CHOICES_SHOWN])
        order = Case(
            *(When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
        self.fields["contribution"].queryset = Contribution.objects.filter(pk__in=ids).order_by(
            order
        )
