from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from remix.allies.interchange import formats as import_formats
from remix.allies.interchange import tags
from remix.allies.models import (
    Actor,
    ActorKind,
    Circle,
    LegalForm,
    LegalIdScheme,
    MovementCode,
    RelationKind,
    Theme,
)
from remix.core.territories import country_name


class NetworkFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    movement = forms.ChoiceField(
        label=_("Movement"),
        required=False,
        choices=[("", _("all movements")), *MovementCode.choices],
    )
    relation_kind = forms.ChoiceField(
        label=_("Relations"), required=False, choices=[("", _("all kinds")), *RelationKind.choices]
    )
    # A text field in the page's format (« 30/06/2026 » in French), not the browser's date
    # picker, which writes the browser's format whatever the page's language.
    on = forms.DateField(
        label=_("On the date"),
        required=False,
        localize=True,
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = sorted(Theme.objects.active(), key=lambda theme: theme.label.lower())
        self.fields["theme"].choices = [("", _("all themes"))] + [
            (theme.code, theme.label) for theme in themes
        ]
        countries = Actor.objects.exclude(country="").values_list("country", flat=True).distinct()
        named = sorted(((code, country_name(code)) for code in set(countries)), key=_by_name)
        self.fields["country"].choices = [("", _("all countries")), *named]
        shape = date_shape()
        self.fields["on"].widget.attrs["placeholder"] = shape
        self.fields["on"].help_text = _("%(shape)s; empty: today") % {"shape": shape}

    def query(self):
        """The query the map reads, with the day written 2026-06-30 whatever the page's format
        (a day that does not parse is left out, and said under the field)."""
        query = self.data.copy()
        query.pop("on", None)
        self.is_valid()
        day = self.cleaned_data.get("on")
        if day:
            query["on"] = day.isoformat()
        return query


def _by_name(choice) -> str:
    return choice[1].casefold()


def date_shape() -> str:
    """How a day is written on this page: « jj/mm/aaaa » in French, "yyyy-mm-dd" in English."""
    shape = formats.get_format("DATE_INPUT_FORMATS")[0]
    for directive, letters in (
        ("%d", pgettext("letters for a day in a date", "dd")),
        ("%m", pgettext("letters for a month in a date", "mm")),
        ("%Y", pgettext("letters for a year in a date", "yyyy")),
    ):
        shape = shape.replace(directive, str(letters))
    return shape


class ActorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActorKind.choices)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices, required=False)
    movements = forms.MultipleChoiceField(
        label=_("Movements"),
        choices=MovementCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    circle = forms.ChoiceField(
        label=_("Circle"),
        choices=Circle.choices,
        help_text=_("How close to the network: core, partner, ally, friend."),
    )
    country = forms.CharField(
        label=_("Country"), max_length=2, required=False, help_text=_("ISO code: FR, SN, CA, CO…")
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Language codes separated by commas: fr, wo, es…"),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description_fr = forms.CharField(
        label=_("Description in French"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail (private)"), required=False, help_text=_("Seen by stewards only.")
    )
    phone = forms.CharField(label=_("Phone (private)"), max_length=40, required=False)
    postal_address = forms.CharField(
        label=_("Postal address (for invoices)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Not published: printed on the invoices addressed to this actor."),
    )
    legal_id_scheme = forms.ChoiceField(
        label=_("Identifier's scheme"), choices=LegalIdScheme.choices, required=False
    )
    legal_id = forms.CharField(
        label=_("Legal identifier"),
        max_length=40,
        required=False,
        help_text=_("SIREN (9 digits), SIRET (14 digits) or a VAT number such as FR40303265045."),
    )

    def clean_languages(self):
        return [code.strip().lower() for code in self.cleaned_data["languages"].split(",") if code]

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and not (len(country) == 2 and country.isalpha()):
            raise forms.ValidationError(_("Use the two-letter ISO code, e.g. FR."))
        return country

    @classmethod
    def initial_for(cls, actor: Actor) -> dict:
        return {
            "name": actor.name,
            "kind": actor.kind,
            "legal_form": actor.legal_form,
            "movements": [movement.code for movement in actor.movements.all()],
            "circle": actor.circle,
            "country": actor.country,
            "languages": ", ".join(actor.languages),
            "website": actor.website,
            "description_fr": actor.description.get("fr", ""),
            "description_en": actor.description.get("en", ""),
            "description_es": actor.description.get("es", ""),
            "themes": list(actor.themes.all()),
            "email": actor.email,
            "phone": actor.phone,
            "postal_address": actor.postal_address,
            "legal_id_scheme": actor.legal_id_scheme,
            "legal_id": actor.legal_id,
        }

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["description"] = {code: data.pop(f"description_{code}") for code in ("fr", "en", "es")}
        return data


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relation"), choices=RelationKind.choices)
    other = forms.ModelChoiceField(label=_("With"), queryset=Actor.objects.order_by("name"))
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[("out", _("this actor → the other")), ("in", _("the other → this actor"))],
        initial="out",
        help_text=_(
            "For “member of”, “funds” and “carries”: who is member, who funds, who carries."
        ),
    )
    start_date = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    strength = forms.IntegerField(label=_("Strength (1–5)"), min_value=1, max_value=5, initial=3)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RelationEndForm(forms.Form):
    end_date = forms.DateField(label=_("Ended on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Why"), max_length=500, required=False)


class ThemeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=80, help_text=_("Short, stable, no spaces."))
    label_fr = forms.CharField(label=_("Label in French"), max_length=200, required=False)
    label_en = forms.CharField(label=_("Label in English"), max_length=200, required=False)
    label_es = forms.CharField(label=_("Label in Spanish"), max_length=200, required=False)
    broader = forms.ModelMultipleChoiceField(
        label=_("Broader themes"), queryset=Theme.objects.active(), required=False
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"label_{code}") for code in ("fr", "en", "es")):
            raise forms.ValidationError(_("Give the theme a label in at least one language."))
        return data


class ImportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=list(import_formats.LABELS.items()), initial=import_formats.AUTO
    )
    file = forms.FileField(label=_("File"))
    unknown_themes = forms.ChoiceField(
        label=_("Tags that match no theme (Kumu, GEXF)"),
        choices=[
            (tags.CREATE, _("Create the missing themes, labelled with the tag")),
            (tags.REFUSE, _("Refuse the file and list them")),
        ],
        initial=tags.CREATE,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_unknown_themes(self):
        return self.cleaned_data.get("unknown_themes") or tags.CREATE
