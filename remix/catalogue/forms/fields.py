"""The fields of the catalogue's contribution forms: what a member types, cleaned into what the
services take (actor names into actors, document addresses or titles into documents, "1:05:30"
into seconds, « 45,76 » into a decimal), each saying what is wrong in its own words.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES, Licence, LicenceRefused, licence_get
from remix.catalogue.models import Document, language_code_validator
from remix.catalogue.services.documents import licence_refusal
from remix.core.formats import quoted

MAX_NAMES = 50  # actors in one field
MAX_SOURCES = 20  # documents a remix derives from
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Two-letter territories that are not countries (unknown region, EU, eurozone, UN, outlying).
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}
# A document's address on the site, whose slug a line of sources may give.
_DOCUMENT_ADDRESS = re.compile(r"/documents/([-\w]+)/?(?:[?#].*)?$")


def lines_of(text: str) -> list[str]:
    """The lines of a text area that say something, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _names_listed(values) -> str:
    return ", ".join(quoted(value) for value in values)


# -- actors and documents by name ---------------------------------------------------------------


def actors_match(texts: set[str]) -> dict[str, list[Actor]]:
    """The actors each text names: by name, case-insensitively, or by slug."""
    if not texts:
        return {}
    query = Q()
    for text in texts:
        # `slugify` catches names whose case differs outside ASCII, which SQLite cannot fold.
        query |= Q(name__iexact=text) | Q(slug=text) | Q(slug=slugify(text))
    actors = list(Actor.objects.filter(query).only("pk", "name", "slug", "kind"))
    return {
        text: [
            actor
            for actor in actors
            if actor.slug == text or actor.name.casefold() == text.casefold()
        ]
        for text in texts
    }


class ActorNamesField(forms.CharField):
    """Actors by name, one a line or separated by commas; each must be on the map already.

    A line is first taken whole, so an actor called “Dupont, Jean” is found too. Cleans to a
    list of actors (or one actor or None with ``single=True``).
    """

    def __init__(self, *, single: bool = False, **kwargs):
        self.single = single
        kwargs.setdefault("required", False)
        if not single:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
            kwargs.setdefault("help_text", gettext_lazy("One a line, or separated by commas."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Actor):
            return value.name
        if isinstance(value, (list, tuple)):
            names = [actor.name for actor in value]
            return ("\n" if any("," in name for name in names) else ", ").join(names)
        return value

    def clean(self, value):
        text = super().clean(value)
        lines = [text.strip()] if self.single and text.strip() else lines_of(text)
        if len(lines) > MAX_NAMES:
            raise ValidationError(_("At most %(max)d names.") % {"max": MAX_NAMES})
        parts = {line: [p.strip() for p in line.split(",") if p.strip()] for line in lines}
        found = actors_match(set(lines) | {p for each in parts.values() for p in each})
        actors, unknown, ambiguous = [], [], []
        for line in lines:
            names = [line] if found[line] or self.single else parts[line]
            for name in names:
                matches = found.get(name) or []
                if not matches:
                    unknown.append(name)
                elif len(matches) > 1:
                    ambiguous.append((name, [actor.slug for actor in matches]))
                else:
                    actors.append(matches[0])
        errors = []
        if unknown:
            errors.append(
                ngettext(
                    "Not on the map: %(names)s. Check the spelling, or ask an editor to add it.",
                    "Not on the map: %(names)s. Check the spelling, or ask an editor to add them.",
                    len(unknown),
                )
                % {"names": _names_listed(unknown)}
            )
        for name, slugs in ambiguous:
            errors.append(
                _(
                    "Several actors are called “%(name)s”: write the one you mean by its short "
                    "name instead, one of %(slugs)s."
                )
                % {"name": name, "slugs": ", ".join(slugs)}
            )
        if errors:
            raise ValidationError(errors)
        actors = list(dict.fromkeys(actors))
        if self.single:
            return actors[0] if actors else None
        return actors


def documents_match(lines: list[str], *, kept: frozenset[int] = frozenset()) -> dict:
    """The documents each line names (its address, its slug, or its title): visible ones, and
    those `kept` (a remix's own sources stay, even when one has been hidden since)."""
    if not lines:
        return {}
    keys = {}
    query = Q()
    for line in lines:
        address = _DOCUMENT_ADDRESS.search(line)
        slug = address.group(1) if address else line
        keys[line] = slug
        query |= Q(slug=slug) | Q(slug=slugify(line)) | Q(title__iexact=line)
    documents = list(
        Document.objects.filter(Q(hidden=False) | Q(pk__in=kept))
        .filter(query)
        .only("pk", "slug", "title", "licence")
    )
    matches = {}
    for line, slug in keys.items():
        exact = [d for d in documents if d.slug == slug]
        titled = [d for d in documents if d.title.casefold() == line.casefold()]
        slugged = [d for d in documents if d.slug == slugify(line)]
        matches[line] = exact or titled or slugged
    return matches


class DocumentSourcesField(forms.CharField):
    """The documents a remix derives from: one a line, by address, slug or title."""

    widget = forms.Textarea(attrs={"rows": 3})
    kept: frozenset[int] = frozenset()

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(doc.slug if isinstance(doc, Document) else doc for doc in value)
        return value

    def clean(self, value):
        lines = list(dict.fromkeys(lines_of(super().clean(value))))
        if len(lines) > MAX_SOURCES:
            raise ValidationError(_("At most %(max)d sources.") % {"max": MAX_SOURCES})
        found = documents_match(lines, kept=self.kept)
        unknown = [line for line in lines if not found[line]]
        ambiguous = [line for line in lines if len(found[line]) > 1]
        errors = []
        if unknown:
            errors.append(
                _("No document found for %(names)s: give its address or its exact title.")
                % {"names": _names_listed(unknown)}
            )
        for line in ambiguous:
            errors.append(
                _("Several documents are titled “%(title)s”: give the address of the one you mean.")
                % {"title": line}
            )
        if errors:
            raise ValidationError(errors)
        return list(dict.fromkeys(found[line][0] for line in lines))


# -- durations, languages, countries ------------------------------------------------------------


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class DurationField(forms.CharField):
    """h:mm:ss, m:ss, or whole minutes; cleans to seconds."""

    def prepare_value(self, value):
        return format_duration(value) if isinstance(value, int) else value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        invalid = ValidationError(
            _("Write the duration as h:mm:ss or mm:ss, e.g. 1:05:30 or 42:10.")
        )
        parts = text.split(":")
        if len(parts) > 3 or not all(part.isdigit() for part in parts):
            raise invalid
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return numbers[0] * 60
        if numbers[-1] >= 60 or (len(numbers) == 3 and numbers[1] >= 60):
            raise invalid
        if len(numbers) == 2:
            return numbers[0] * 60 + numbers[1]
        return numbers[0] * 3600 + numbers[1] * 60 + numbers[2]


class LanguageCodesField(forms.CharField):
    """Language codes (ISO 639) separated by commas; cleans to a list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, (list, tuple)) else value

    def clean(self, value):
        codes = [code.strip().lower() for code in re.split(r"[,\s]+", super().clean(value) or "")]
        codes = [code for code in codes if code]
        for code in codes:
            language_code_validator(code)
        return list(dict.fromkeys(codes))


class CountryField(forms.CharField):
    """A country by its ISO 3166 alpha-2 code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Country"))
        kwargs.setdefault("help_text", gettext_lazy("ISO code: FR, SN, CA, CO…"))
        super().__init__(max_length=2, required=False, **kwargs)

    def clean(self, value):
        code = (super().clean(value) or "").strip().upper()
        if code and (
            code in _NOT_COUNTRIES or code not in Locale.parse("en").territories or len(code) != 2
        ):
            raise ValidationError(_("Use the two-letter ISO code of a country, e.g. FR."))
        return code


class LanguageChoiceField(forms.ChoiceField):
    """The site's languages not yet taken, then “another”; a taken one posted anyway is
    answered by the form with why, not with “not one of the choices”."""

    def valid_value(self, value):
        return value in SITE_LANGUAGES or value == "other"


# -- licences -----------------------------------------------------------------------------------


def licence_label(licence: Licence) -> str:
    """“CC BY-SA 4.0 — free”, “CC BY-NC 4.0 — non-free: no commercial use”."""
    if licence.free:
        return _("%(name)s — free") % {"name": licence.name}
    if licence.no_derivatives:
        return _("%(name)s — non-free: no derivative works") % {"name": licence.name}
    return _("%(name)s — non-free: no commercial use") % {"name": licence.name}


def _licence_sort_key(licence: Licence) -> tuple:
    return (not licence.free, licence.family, tuple(-n for n in licence.version))


class LicenceField(forms.ChoiceField):
    """A select of licences; a value posted outside the list is checked, not just refused."""

    def valid_value(self, value):
        return value in LICENCES

    def validate(self, value):
        forms.Field.validate(self, value)
        try:
            licence_get(value)
        except LicenceRefused as refused:
            raise ValidationError(licence_refusal(refused)) from None

    def offer_allowed(self, allowed: list[str]) -> None:
        """Only the licences a remix's sources allow, the first one what they impose or the
        most open."""
        self.choices = [
            (_("Allowed by the sources"), [(c, licence_label(LICENCES[c])) for c in allowed])
        ]
        self.help_text = _(
            "The sources allow these licences; the first one is what they impose or the most open."
        )

    def offer_all(self) -> None:
        """Every licence but “all rights reserved”, the free ones first."""
        ordered = sorted(LICENCES.values(), key=_licence_sort_key)
        self.choices = [
            (
                _("Free licences"),
                [(each.spdx, licence_label(each)) for each in ordered if each.free],
            ),
            (
                _("Non-free licences"),
                [(each.spdx, licence_label(each)) for each in ordered if not each.free],
            ),
        ]
        self.help_text = _(
            "Free licences come first. “All rights reserved” is not offered: the commons cannot "
            "be appropriated."
        )


# -- coordinates, themes, commons ---------------------------------------------------------------


def _coordinate_help_now() -> str:
    example = number_format(Decimal("45.76"), use_l10n=True)
    return _("Decimal degrees, e.g. %(example)s.") % {"example": example}


# In the reader's language and locale, not the one active when this module is imported.
_coordinate_help = lazy(_coordinate_help_now, str)


class CoordinateField(forms.DecimalField):
    """Decimal degrees in the reader's locale (« 45,76 » in French), kept to six places."""

    def __init__(self, *, limit: int, **kwargs):
        super().__init__(
            required=False,
            localize=True,
            min_value=-limit,
            max_value=limit,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            help_text=_coordinate_help(),
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            # 45.760000 shows as 45,76; 180.000000 as 180 (never 1.8E+2).
            return Decimal(format(value.normalize(), "f"))
        return value

    def clean(self, value):
        number = super().clean(value)
        if number is None:
            return None
        return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class ThemesField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Theme.objects.active(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=gettext_lazy("Themes"),
            help_text=gettext_lazy("2 to 5 themes are recommended."),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.label

    def sort_by_label(self) -> None:
        """Choices in the reader's alphabetical order (codes are not what people read)."""
        themes = sorted(self.queryset, key=lambda theme: theme.label.casefold())
        self.choices = [(theme.pk, theme.label) for theme in themes]


class CommonsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label
