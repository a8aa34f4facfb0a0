"""The commons form: its texts in each language of the site, then the facts shared by all."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.catalogue.forms.contribution import ContributionForm
from remix.catalogue.forms.fields import (
    SITE_LANGUAGES,
    ActorNamesField,
    CoordinateField,
    CountryField,
    ThemesField,
)
from remix.catalogue.forms.preview import Fact, Preview, Section, names_joined
from remix.catalogue.models import Commons, Family
from remix.catalogue.templatetags.catalogue_tags import country_name, language_name
from remix.core.i18ntext import text_for

COMMONS_TEXTS = [
    ("name", gettext_lazy("Name")),
    ("description", gettext_lazy("Description")),
    ("community", gettext_lazy("Community")),
    ("governance", gettext_lazy("Governance rules")),
]


class CommonsForm(ContributionForm):
    """A commons: its texts in each language of the site, then the facts shared by all."""

    family = forms.ModelChoiceField(label=gettext_lazy("Family"), queryset=Family.objects.all())
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    country = CountryField()
    latitude = CoordinateField(label=gettext_lazy("Latitude"), limit=90)
    longitude = CoordinateField(label=gettext_lazy("Longitude"), limit=180)
    themes = ThemesField()
    carriers = ActorNamesField(
        label=gettext_lazy("Carried by"),
        help_text=gettext_lazy("The actors who carry it: one a line, or separated by commas."),
    )
    edit_summary = forms.CharField(
        label=gettext_lazy("Summary of this edit"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("What changed and why, for the history."),
    )

    SERVICE_FIELDS = {"name": None, "slug": None, "__all__": None}

    def __init__(self, *args, mode: str, commons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode, self.commons = mode, commons
        self.fields["themes"].sort_by_label()
        for code in SITE_LANGUAGES:
            for name, label in COMMONS_TEXTS:
                widget = (
                    forms.TextInput(attrs={"lang": code})
                    if name == "name"
                    else forms.Textarea(attrs={"lang": code, "rows": 4})
                )
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=label,
                    required=False,
                    widget=widget,
                    max_length=200 if name == "name" else None,
                )
        if mode == "edit":
            self.fields["edit_summary"].required = True

    def language_fieldsets(self):
        """One fieldset a language, side by side: (code, legend, fields)."""
        for code, legend in settings.LANGUAGES:
            yield code, legend, [self[f"{name}_{code}"] for name, _label in COMMONS_TEXTS]

    FIELDSETS = [
        (gettext_lazy("Where and what"), ["family", "place", "country", "latitude", "longitude"]),
        (gettext_lazy("Themes and carriers"), ["themes", "carriers"]),
        (gettext_lazy("This edit"), ["edit_summary"]),
    ]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in SITE_LANGUAGES):
            raise ValidationError(_("Give the commons a name in at least one language."))
        half = (data.get("latitude") is None) != (data.get("longitude") is None)
        if half and "latitude" not in self.errors and "longitude" not in self.errors:
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data

    @classmethod
    def initial_for(cls, commons: Commons) -> dict:
        initial = {
            "family": commons.family,
            "place": commons.place,
            "country": commons.country,
            "latitude": commons.latitude,
            "longitude": commons.longitude,
            "themes": list(commons.themes.all()),
            "carriers": list(commons.carriers.all()),
        }
        for name, _label in COMMONS_TEXTS:
            for code in SITE_LANGUAGES:
                initial[f"{name}_{code}"] = getattr(commons, name).get(code, "")
        return initial

    def service_data(self) -> dict:
        data = self.cleaned_data
        values = {
            name: {code: data[f"{name}_{code}"] for code in SITE_LANGUAGES}
            for name, _label in COMMONS_TEXTS
        }
        for name in ("family", "place", "country", "latitude", "longitude", "carriers"):
            values[name] = data[name]
        values["themes"] = list(data["themes"])
        return values

    def preview(self) -> Preview:
        data = self.cleaned_data
        names = {code: data[f"name_{code}"] for code in SITE_LANGUAGES if data[f"name_{code}"]}
        facts = [
            Fact(_("Family"), data["family"].label),
            Fact(_("Place"), data["place"]),
            Fact(_("Country"), country_name(data["country"]) if data["country"] else ""),
            Fact(_("Latitude"), data["latitude"]),
            Fact(_("Longitude"), data["longitude"]),
            Fact(_("Themes"), names_joined(data["themes"])),
            Fact(_("Carried by"), names_joined(data["carriers"])),
        ]
        sections = [
            Section(f"{label} ({language_name(code)})", data[f"{name}_{code}"], code)
            for code in SITE_LANGUAGES
            for name, label in COMMONS_TEXTS
            if name != "name" and data[f"{name}_{code}"]
        ]
        title = text_for(names)
        return Preview(
            title=title,
            language=next(code for code, name in names.items() if name == title),
            facts=[fact for fact in facts if fact.value not in ("", None)],
            sections=sections,
        )
