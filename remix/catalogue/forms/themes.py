"""Forms of the themes page: members propose a theme, editors merge two or link one to
Wikidata."""

import unicodedata

from django import forms
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Theme
from remix.catalogue.models import language_code_validator

THEME_CODE_LENGTH = Theme._meta.get_field("code").max_length


def folded(text: str) -> str:
    """A label as compared: without case, accents or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def theme_with_label(label: str, language: str) -> Theme | None:
    """The theme (or the survivor of the merged one) already labelled so in this language."""
    wanted = folded(label)
    for theme in Theme.objects.select_related("merged_into").only(
        "pk", "code", "labels", "merged_into"
    ):
        if folded(theme.labels.get(language) or "") == wanted:
            return theme.survivor
    return None


def theme_code_free(label: str) -> str:
    """A code made from the label, unique among every theme (merged ones keep theirs)."""
    base = slugify(label)[: THEME_CODE_LENGTH - 4].strip("-") or "theme"
    taken = set(Theme.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


class ThemeProposeForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=120)
    language = forms.CharField(
        label=_("Language of the label"),
        max_length=3,
        validators=[language_code_validator],
        help_text=_("fr, en, es, or any code of two or three letters (ISO 639)."),
        widget=forms.TextInput(attrs={"list": "theme-languages", "size": 4}),
    )
    definition = forms.CharField(
        label=_("Definition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, in the same language: what the theme covers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "fr").split("-")[0]
        self.existing: Theme | None = None

    def clean_language(self):
        return self.cleaned_data["language"].strip().lower()

    def clean(self):
        data = super().clean()
        label, language = data.get("label"), data.get("language")
        if label and language:
            self.existing = theme_with_label(label, language)
            if self.existing is not None:
                self.add_error(
                    "label",
                    _("This label already exists in this language: the theme “%(label)s”.")
                    % {"label": self.existing.label},
                )
            else:
                data["code"] = theme_code_free(label)
        return data


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.code})"


def _active_themes():
    return Theme.objects.active().order_by("code")


class ThemeMergeForm(forms.Form):
    merged = ThemeChoiceField(
        label=_("Theme to merge"),
        queryset=_active_themes(),
        help_text=_(
            "Its documents, commons and actors move to the other; its address leads there."
        ),
    )
    survivor = ThemeChoiceField(label=_("Into the theme"), queryset=_active_themes())

    def clean(self):
        data = super().clean()
        if data.get("merged") and data.get("merged") == data.get("survivor"):
            self.add_error("survivor", _("Choose two different themes."))
        return data


class ThemeWikidataForm(forms.Form):
    theme = ThemeChoiceField(label=_("Theme"), queryset=_active_themes())
    wikidata_id = forms.CharField(
        label=_("Wikidata identifier"),
        max_length=20,
        required=False,
        help_text=_("Typed by hand, e.g. Q1234; empty removes the link."),
    )
