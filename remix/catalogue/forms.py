"""The catalogue's contribution forms: documents (new, edit, translate, remix) and commons.

The forms turn what a member types into what the services take: actor names into actors,
document addresses or titles into documents, "1:05:30" into seconds, « 45,76 » into a decimal.
They say what is wrong field by field; the rules themselves (licences, translations, lineage)
are the services', whose messages land on the same fields. A preview is built from the cleaned
data as the page would show it, and saves nothing.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from babel import Locale
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES, Licence, LicenceRefused, licence_get, remix_rule
from remix.catalogue.media import media_check
from remix.catalogue.models import (
    Commons,
    Document,
    DocumentKind,
    Family,
    language_code_validator,
)
from remix.catalogue.services import remix_licence_errors
from remix.core.formats import current_locale
from remix.core.forms import service_errors_show
from remix.core.i18ntext import text_for

MAX_NAMES = 50  # actors in one field
MAX_SOURCES = 20  # documents a remix derives from
ACTOR_SUGGESTIONS = 500  # names offered by the browser as one types a producer
THEMES_RECOMMENDED = (2, 5)
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Two-letter territories that are not countries (unknown region, EU, eurozone, UN, outlying).
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}
# An upload is stored under a name whose extension says what its first bytes are, never the
# name it came with: a PNG called page.html must not be served as HTML from our own origin.
_DOCUMENT_ADDRESS = re.compile(r"/documents/([-\w]+)/?(?:[?#].*)?$")


def language_name(code: str) -> str:
    return Locale.parse(current_locale()).languages.get(code, code)


def country_name(code: str) -> str:
    return Locale.parse(current_locale()).territories.get(code, code)


def licence_label(licence: Licence) -> str:
    """“CC BY-SA 4.0 — free”, “CC BY-NC 4.0 — non-free: no commercial use”."""
    if licence.free:
        return _("%(name)s — free") % {"name": licence.name}
    if licence.no_derivatives:
        return _("%(name)s — non-free: no derivative works") % {"name": licence.name}
    return _("%(name)s — non-free: no commercial use") % {"name": licence.name}


def licence_refusal(refused: LicenceRefused) -> str:
    # The same words as the service's, so a refusal reads alike in the form and the API.
    if refused.code == "all_rights_reserved":
        return _(
            "“All rights reserved” is refused: the commons cannot be appropriated. Choose a free "
            "licence (CC BY-SA, CC BY, CC0, Free Art…)."
        )
    return _("Unknown licence “%(code)s”: give its SPDX identifier, e.g. CC-BY-SA-4.0.") % {
        "code": refused.spdx
    }


def _licence_sort_key(licence: Licence) -> tuple:
    return (not licence.free, licence.family, tuple(-n for n in licence.version))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _names_listed(values) -> str:
    return ", ".join(f"“{value}”" for value in values)


# -- fields -------------------------------------------------------------------------------------


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
            kwargs.setdefault("help_text", _lazy("One a line, or separated by commas."))
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
        lines = [text.strip()] if self.single and text.strip() else _lines(text)
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
        lines = list(dict.fromkeys(_lines(super().clean(value))))
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
        kwargs.setdefault("label", _lazy("Country"))
        kwargs.setdefault("help_text", _lazy("ISO code: FR, SN, CA, CO…"))
        super().__init__(max_length=2, required=False, **kwargs)

    def clean(self, value):
        code = (super().clean(value) or "").strip().upper()
        if code and (
            code in _NOT_COUNTRIES or code not in Locale.parse("en").territories or len(code) != 2
        ):
            raise ValidationError(_("Use the two-letter ISO code of a country, e.g. FR."))
        return code


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


class LanguageChoiceField(forms.ChoiceField):
    """The site's languages not yet taken, then “another”; a taken one posted anyway is
    answered by the form with why, not with “not one of the choices”."""

    def valid_value(self, value):
        return value in SITE_LANGUAGES or value == "other"


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
            label=_lazy("Themes"),
            help_text=_lazy("2 to 5 themes are recommended."),
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


# -- preview ------------------------------------------------------------------------------------


@dataclass
class Fact:
    label: str
    value: object
    url: str = ""


@dataclass
class Section:
    heading: str
    text: str
    language: str = ""
    markdown: bool = True


@dataclass
class Preview:
    """What the page would show, built from the cleaned data."""

    title: str
    language: str = ""
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def _names(objects) -> str:
    return ", ".join(str(obj) for obj in objects)


# -- shared habits ------------------------------------------------------------------------------


class ContributionForm(forms.Form):
    """Fieldsets for the template, and the services' errors on the fields they concern."""

    FIELDSETS: list[tuple[str, list[str]]] = []
    # The services' field names that a form names otherwise; None: above the form.
    SERVICE_FIELDS: dict[str, str | None] = {}
    required_css_class = "required"

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def add_service_errors(self, error: ValidationError) -> None:
        service_errors_show(self, error, renames=self.SERVICE_FIELDS)

    @cached_property
    def themes_advice(self) -> str:
        """Advice, not a refusal, when fewer or more themes than recommended are chosen."""
        if not self.is_bound or "themes" not in getattr(self, "cleaned_data", {}):
            return ""
        count = len(self.cleaned_data["themes"])
        low, high = THEMES_RECOMMENDED
        if count < low:
            return ngettext(
                "%(count)d theme chosen: 2 to 5 themes are recommended, so that readers find it.",
                "%(count)d themes chosen: 2 to 5 themes are recommended, so that readers find it.",
                count,
            ) % {"count": count}
        if count > high:
            return _(
                "%(count)d themes chosen: 2 to 5 themes are recommended; keep those that say "
                "most about it."
            ) % {"count": count}
        return ""


# -- documents ----------------------------------------------------------------------------------


def languages_taken(original: Document | None, exclude: Document | None = None) -> set[str]:
    """The languages a family of versions already has (the original and its translations)."""
    if original is None:
        return set()
    versions = Document.objects.filter(Q(pk=original.pk) | Q(translation_of=original))
    if exclude is not None:
        versions = versions.exclude(pk=exclude.pk)
    return set(versions.values_list("language", flat=True))


class DocumentForm(ContributionForm):
    """One form for the four ways of writing a document: `mode` is create, edit, translate or
    remix. `original` is the document being translated; `document` the one being edited."""

    kind = forms.ChoiceField(label=_lazy("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_lazy("Title"), max_length=300)
    summary = forms.CharField(
        label=_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("A few sentences shown in lists and search results."),
    )
    body = forms.CharField(
        label=_lazy("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_lazy(
            "In Markdown: **bold**, *italic*, [a link](https://…), ## a heading, - a list. "
            "Images are not shown: put media in the Media part below."
        ),
    )
    language = LanguageChoiceField(label=_lazy("Language"))
    language_other = forms.CharField(
        label=_lazy("Another language"),
        required=False,
        max_length=3,
        help_text=_lazy(
            "Its ISO 639 code, e.g. wo, br, qu. It takes the place of the language chosen above."
        ),
    )
    subtitles = LanguageCodesField(
        label=_lazy("Subtitles"),
        required=False,
        help_text=_lazy("Languages of the subtitles, as codes separated by commas: fr, en, wo…"),
    )
    authors = ActorNamesField(label=_lazy("Authors"))
    contributors = ActorNamesField(label=_lazy("Contributors"))
    producer = ActorNamesField(
        label=_lazy("Producer"),
        single=True,
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
    )
    date = forms.DateField(
        label=_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=_lazy("Place"), max_length=200, required=False)
    country = CountryField()
    duration = DurationField(
        label=_lazy("Duration"),
        required=False,
        help_text=_lazy("h:mm:ss or mm:ss, e.g. 1:05:30 or 42:10."),
    )
    pages = forms.IntegerField(label=_lazy("Pages"), min_value=1, required=False)
    sources = DocumentSourcesField(
        label=_lazy("Derives from"),
        required=False,
        help_text=_lazy(
            "For a remix: the documents it is made from, one a line, by address or exact title."
        ),
    )
    licence = LicenceField(label=_lazy("Licence"))
    themes = ThemesField()
    commons = CommonsChoiceField(
        label=_lazy("Commons documented"),
        queryset=Commons.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_lazy("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    media_file = forms.FileField(
        label=_lazy("Media file"),
        required=False,
        widget=forms.FileInput,
        help_text=_lazy(
            "A video, a sound, an image, a PDF or a plain text. A preview does not keep the "
            "file: choose it again before saving."
        ),
    )
    media_url = forms.URLField(
        label=_lazy("Or an external address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_lazy("Where the media is published elsewhere: it is shown as a link."),
    )
    thumbnail_url = forms.URLField(
        label=_lazy("Thumbnail address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_lazy("An image published elsewhere: pages link to it and do not load it."),
    )
    edit_summary = forms.CharField(
        label=_lazy("Summary of this edit"),
        max_length=300,
        required=False,
        help_text=_lazy("What changed and why, for the history."),
    )

    FIELDSETS = [
        (
            _lazy("The document"),
            ["kind", "title", "summary", "body", "language", "language_other", "subtitles"],
        ),
        (
            _lazy("Who made it, when and where"),
            [
                "authors",
                "contributors",
                "producer",
                "date",
                "place",
                "country",
                "duration",
                "pages",
            ],
        ),
        (_lazy("Lineage and licence"), ["sources", "licence"]),
        (_lazy("Themes and commons"), ["themes", "commons"]),
        (_lazy("Media"), ["media_file", "media_remove", "media_url", "thumbnail_url"]),
        (_lazy("This edit"), ["edit_summary"]),
    ]
    SERVICE_FIELDS = {
        "duration_seconds": "duration",
        "media_type": "media_file",
        "translation_of": None,
        "slug": None,
        "__all__": None,
    }

    def __init__(self, *args, mode: str, document=None, original=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode, self.document, self.original = mode, document, original
        self.fields["themes"].sort_by_label()
        self._language_choices()
        commons = Commons.objects.visible()
        if document is not None:
            # A hidden commons it already documents stays chosen.
            commons = Commons.objects.filter(Q(hidden=False) | Q(documents=document)).distinct()
        self.fields["commons"].queryset = commons
        if document is not None:
            self.fields["sources"].kept = frozenset(
                document.derivations.values_list("source_id", flat=True)
            )
        self._licence_choices()
        if document is not None and document.media_file:
            self.fields["media_remove"] = forms.BooleanField(
                label=_("Remove the current file (%(name)s)") % {"name": document.media_file.name},
                required=False,
            )
        if mode == "edit":
            self.fields["edit_summary"].required = True
        if mode == "translate":
            self.fields["language"].label = _("Language of this translation")
        reader = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        if reader not in self.taken:
            self.initial.setdefault("language", reader)

    # -- choices that depend on the document ------------------------------------------------

    def _language_choices(self) -> None:
        if self.mode == "translate":
            self.taken = languages_taken(self.original.original)
        elif self.document is not None:
            self.taken = languages_taken(self.document.original, exclude=self.document)
        else:
            self.taken = set()
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code not in self.taken
        ] + [("other", _("another language (give its code below)"))]

    @cached_property
    def sources_seen(self) -> list[Document]:
        """The sources as typed so far (unknown ones left out): they decide the licences."""
        raw = self.data.get("sources") if self.is_bound else self.initial.get("sources")
        raw = self.fields["sources"].prepare_value(raw or "")
        lines = list(dict.fromkeys(_lines(raw)))[:MAX_SOURCES]
        found = documents_match(lines, kept=self.fields["sources"].kept)
        return [found[line][0] for line in lines if len(found[line]) == 1]

    @cached_property
    def remix(self):
        """What the sources allow (None without sources)."""
        if not self.sources_seen:
            return None
        return remix_rule([source.licence for source in self.sources_seen])

    @property
    def remix_problems(self) -> list[str]:
        """Why these sources cannot be remixed, said before anything is typed."""
        if self.remix is None or self.remix.possible:
            return []
        return remix_licence_errors("", self.sources_seen)

    def _licence_choices(self) -> None:
        licence = self.fields["licence"]
        if self.remix is not None and self.remix.possible:
            licence.choices = [
                (
                    _("Allowed by the sources"),
                    [(c, licence_label(LICENCES[c])) for c in self.remix.allowed],
                )
            ]
            licence.help_text = _(
                "The sources allow these licences; the first one is what they impose or the "
                "most open."
            )
            if self.document is None:
                self.initial.setdefault("licence", self.remix.proposed)
            return
        ordered = sorted(LICENCES.values(), key=_licence_sort_key)
        licence.choices = [
            (
                _("Free licences"),
                [(each.spdx, licence_label(each)) for each in ordered if each.free],
            ),
            (
                _("Non-free licences"),
                [(each.spdx, licence_label(each)) for each in ordered if not each.free],
            ),
        ]
        licence.help_text = _(
            "Free licences come first. “All rights reserved” is not offered: the commons cannot "
            "be appropriated."
        )
        if self.remix_problems:
            licence.help_text = " ".join(self.remix_problems)

    @cached_property
    def actor_suggestions(self) -> list[str]:
        return list(
            Actor.objects.order_by("name").values_list("name", flat=True)[:ACTOR_SUGGESTIONS]
        )

    # -- cleaning -----------------------------------------------------------------------------

    def clean_language_other(self):
        code = self.cleaned_data["language_other"].strip().lower()
        if code:
            language_code_validator(code)
        return code

    def clean_media_file(self):
        upload = self.cleaned_data.get("media_file")
        if not upload:
            return upload
        media_check(upload)  # its ValidationError lands on this field; the service renames
        return upload

    def clean(self):
        data = super().clean()
        other = data.get("language_other") or ""
        chosen = data.get("language")
        if chosen == "other" and not other and "language_other" not in self.errors:
            self.add_error("language_other", _("Give the code of the language."))
        code = other or (chosen if chosen != "other" else "")
        if code and code in self.taken:
            self.add_error(
                "language_other" if other else "language",
                _("This document already has a version in this language."),
            )
        data["language_code"] = code
        if "licence" in data and "sources" in data:
            for message in remix_licence_errors(data["licence"], data["sources"]):
                self.add_error("licence", message)
        return data

    # -- for the services and the page --------------------------------------------------------

    @classmethod
    def initial_for(cls, document: Document) -> dict:
        on_site = document.language in SITE_LANGUAGES
        return {
            "kind": document.kind,
            "title": document.title,
            "summary": document.summary,
            "body": document.body,
            "language": document.language if on_site else "other",
            "language_other": "" if on_site else document.language,
            "subtitles": document.subtitles,
            "authors": list(document.authors.all()),
            "contributors": list(document.contributors.all()),
            "producer": document.producer,
            "date": document.date,
            "place": document.place,
            "country": document.country,
            "duration": document.duration_seconds,
            "pages": document.pages,
            "sources": [d.source for d in document.derivations.select_related("source")],
            "licence": document.licence,
            "themes": list(document.themes.all()),
            "commons": list(document.commons.all()),
            "media_url": document.media_url,
            "thumbnail_url": document.thumbnail_url,
        }

    @classmethod
    def initial_translating(cls, original: Document) -> dict:
        """A translation starts with the original's facts; the words are the translator's."""
        initial = cls.initial_for(original)
        for name in ("title", "summary", "body", "language", "language_other", "subtitles"):
            initial.pop(name)
        return initial

    def service_data(self) -> dict:
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "kind",
                "title",
                "summary",
                "body",
                "subtitles",
                "pages",
                "authors",
                "contributors",
                "producer",
                "date",
                "place",
                "country",
                "licence",
                "themes",
                "commons",
                "sources",
                "media_url",
                "thumbnail_url",
            )
        }
        values["themes"] = list(values["themes"])
        values["commons"] = list(values["commons"])
        values["language"] = data["language_code"]
        values["duration_seconds"] = data["duration"]
        if data.get("media_file"):
            values["media_file"] = data["media_file"]
        elif data.get("media_remove"):
            values["media_file"] = ""
            values["media_type"] = ""
        if self.mode == "translate":
            values["translation_of"] = self.original
        return values

    @property
    def upload_dropped(self) -> str:
        """The name of a file a preview checked but did not keep."""
        upload = self.cleaned_data.get("media_file") if hasattr(self, "cleaned_data") else None
        return upload.name if upload else ""

    def preview(self) -> Preview:
        data = self.cleaned_data
        licence = LICENCES[data["licence"]]
        facts = [
            Fact(_("Kind"), capfirst(DocumentKind(data["kind"]).label)),
            Fact(_("Language"), language_name(data["language_code"])),
            Fact(_("Authors"), _names(data["authors"])),
            Fact(_("Contributors"), _names(data["contributors"])),
            Fact(_("Producer"), data["producer"] or ""),
            Fact(_("Date"), data["date"] or ""),
            Fact(_("Place"), data["place"]),
            Fact(_("Country"), country_name(data["country"]) if data["country"] else ""),
            Fact(_("Duration"), format_duration(data["duration"])),
            Fact(_("Pages"), data["pages"] or ""),
            Fact(_("Subtitles"), ", ".join(language_name(c) for c in data["subtitles"])),
            Fact(_("Licence"), licence_label(licence), licence.url),
            Fact(_("Derives from"), _names(data["sources"])),
            Fact(_("Themes"), _names(data["themes"])),
            Fact(_("Commons documented"), _names(data["commons"])),
            Fact(_("Media"), data["media_url"], data["media_url"]),
        ]
        sections = [
            Section(_("Summary"), data["summary"], data["language_code"], markdown=False),
            Section(_("Text"), data["body"], data["language_code"]),
        ]
        return Preview(
            title=data["title"],
            language=data["language_code"],
            facts=[fact for fact in facts if fact.value not in ("", None)],
            sections=[section for section in sections if section.text],
        )


# -- commons ------------------------------------------------------------------------------------

COMMONS_TEXTS = [
    ("name", _lazy("Name")),
    ("description", _lazy("Description")),
    ("community", _lazy("Community")),
    ("governance", _lazy("Governance rules")),
]


class CommonsForm(ContributionForm):
    """A commons: its texts in each language of the site, then the facts shared by all."""

    family = forms.ModelChoiceField(label=_lazy("Family"), queryset=Family.objects.all())
    place = forms.CharField(label=_lazy("Place"), max_length=200, required=False)
    country = CountryField()
    latitude = CoordinateField(label=_lazy("Latitude"), limit=90)
    longitude = CoordinateField(label=_lazy("Longitude"), limit=180)
    themes = ThemesField()
    carriers = ActorNamesField(
        label=_lazy("Carried by"),
        help_text=_lazy("The actors who carry it: one a line, or separated by commas."),
    )
    edit_summary = forms.CharField(
        label=_lazy("Summary of this edit"),
        max_length=300,
        required=False,
        help_text=_lazy("What changed and why, for the history."),
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
        (_lazy("Where and what"), ["family", "place", "country", "latitude", "longitude"]),
        (_lazy("Themes and carriers"), ["themes", "carriers"]),
        (_lazy("This edit"), ["edit_summary"]),
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
            Fact(_("Themes"), _names(data["themes"])),
            Fact(_("Carried by"), _names(data["carriers"])),
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
