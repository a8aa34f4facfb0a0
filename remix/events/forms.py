from django import forms
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors
from remix.events.models import EventContribution


class RegistrationForm(ServiceErrors, forms.Form):
    occurrence = forms.ChoiceField(label=_("Date"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail"), required=False)

    def __init__(self, *args, choices=(), anonymous=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = choices
        if not anonymous:
            del self.fields["name"]
            del self.fields["email"]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True


class DocumentForm(ServiceErrors, forms.Form):
    document = forms.SlugField(
        label=_("Document of the catalogue (its address's slug)"), max_length=220
    )


# How an event repeats, as a manager says it; the rule is written from the first date
# (``recurrence_for``): "monthly, the same weekday" is the third Tuesday when it starts on one.
REPEATS = [
    ("", _("Once")),
    ("weekly", _("Every week, the same day")),
    ("monthly_weekday", _("Every month, the same weekday (e.g. the third Tuesday)")),
    ("monthly_day", _("Every month, the same date")),
]
ZONES = ["Europe/Paris", "Africa/Dakar", "America/Bogota", "America/Montreal", "UTC"]


class EventForm(ServiceErrors, forms.Form):
    """A new event of a project, written in the page's language, at a date and times of its own
    time zone."""

    SERVICE_FIELDS = {"starts": "day", "ends": "ends_at", "recurrence_rule": "repeats"}

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(zone, zone) for zone in ZONES], initial="Europe/Paris"
    )
    repeats = forms.ChoiceField(label=_("Repeats"), choices=REPEATS, required=False)
    place = forms.CharField(label=_("Place (address)"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=500
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        help_text=_("Codes separated by commas: fr, es, wo…"),
    )
    interpretation = forms.CharField(
        label=_("Interpretation offered into"),
        required=False,
        help_text=_("Codes separated by commas: fr, es, wo…"),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, required=False)
    contribution = forms.ChoiceField(label=_("Contribution"), choices=EventContribution.choices)
    amount = forms.DecimalField(
        label=_("Price or suggested amount"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )

    def clean(self):
        data = super().clean()
        for name in ("languages", "interpretation"):
            data[name] = [code.strip() for code in data.get(name, "").split(",") if code.strip()]
        return data


def recurrence_for(repeats: str, day) -> str:
    """The RFC 5545 rule of what the form chose, from the event's first date."""
    if repeats == "weekly":
        return "FREQ=WEEKLY"
    if repeats == "monthly_day":
        return "FREQ=MONTHLY"
    if repeats == "monthly_weekday":
        nth = (day.day - 1) // 7 + 1
        weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]
        # the fifth of a weekday does not come every month: "the last" does
        return f"FREQ=MONTHLY;BYDAY={-1 if nth == 5 else nth}{weekday}"
    return ""
