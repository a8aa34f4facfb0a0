"""The stewards' forms: an experiment (its words in each language, its metric and challenge, its
people) and its conclusion."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors
from remix.experiments import indicators
from remix.experiments.models import Comparison, MeasurePeriod

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _per_language(form: forms.Form, name: str, label, *, required_first: bool, widget=None):
    for n, (code, language) in enumerate(settings.LANGUAGES):
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({language})",
            required=required_first and n == 0,
            max_length=2000,
            widget=widget,
        )


def words_of(data: dict, name: str) -> dict:
    return {code: data.get(f"{name}_{code}", "") for code in LANGUAGES}


def initial_words(values: dict, name: str) -> dict:
    return {f"{name}_{code}": (values or {}).get(code, "") for code in LANGUAGES}


class ExperimentForm(ServiceErrors, forms.Form):
    SERVICE_FIELDS = {"question": "question_fr", "hypothesis": "hypothesis_fr"}

    metric = forms.ChoiceField(label=_("Metric"))
    period = forms.ChoiceField(label=_("Each value measured over"), choices=MeasurePeriod.choices)
    comparison = forms.ChoiceField(label=_("The challenge is met at"), choices=Comparison.choices)
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=4,
        help_text=_("A share in percent (25 for 25 %), a count, months, or an amount."),
    )
    starts = forms.DateField(label=_("Starts"), widget=DAY)
    deadline = forms.DateField(label=_("Deadline"), widget=DAY)
    responsible = forms.ModelMultipleChoiceField(
        label=_("People responsible"),
        queryset=None,
        required=False,
        help_text=_("They receive the outcome by e-mail at the deadline."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = dict(self.fields)
        self.fields.clear()
        _per_language(self, "question", _("Question"), required_first=True)
        _per_language(
            self, "hypothesis", _("Hypothesis"), required_first=False, widget=forms.Textarea
        )
        self.fields.update(fields)
        self.fields["metric"].choices = [(i.name, i.label) for i in indicators.REGISTRY]
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )

    def cleaned(self) -> dict:
        """The service's arguments: words per language, and a share's target as a ratio."""
        data = self.cleaned_data
        target = data["target"]
        indicator = indicators.indicator_of(data["metric"])
        if indicator and indicator.unit == indicators.PERCENT:
            target = target / Decimal(100)
        return {
            "question": words_of(data, "question"),
            "hypothesis": words_of(data, "hypothesis"),
            "metric": data["metric"],
            "period": data["period"],
            "comparison": data["comparison"],
            "target": target,
            "starts": data["starts"],
            "deadline": data["deadline"],
            "responsible": list(data["responsible"]),
        }


def experiment_initial(experiment) -> dict:
    indicator = indicators.indicator_of(experiment.metric)
    target = experiment.target
    if indicator and indicator.unit == indicators.PERCENT:
        target = (target * 100).normalize()
    return {
        **initial_words(experiment.question, "question"),
        **initial_words(experiment.hypothesis, "hypothesis"),
        "metric": experiment.metric,
        "period": experiment.period,
        "comparison": experiment.comparison,
        "target": target,
        "starts": experiment.starts,
        "deadline": experiment.deadline,
        "responsible": list(experiment.responsible.all()),
    }


class ConclusionForm(ServiceErrors, forms.Form):
    SERVICE_FIELDS = {"conclusion": "conclusion_fr"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _per_language(
            self, "conclusion", _("Conclusion"), required_first=False, widget=forms.Textarea
        )
