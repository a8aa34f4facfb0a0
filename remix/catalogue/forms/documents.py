"""The document form: one form for the four ways of writing a document (create, edit, translate,
remix). The rules themselves (licences, translations, lineage) are the services', whose messages
land on the same fields; the form says what the sources allow before anything is typed."""

from functools import cached_property

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from remix.allies.models import Actor
from remix.catalogue.forms.contribution import ContributionForm
from remix.catalogue.forms.fields import (
    MAX_SOURCES,
    SITE_LANGUAGES,
    ActorNamesField,
    CommonsChoiceField,
    CountryField,
    DocumentSourcesField,
    DurationField,
    LanguageChoiceField,
    LanguageCodesField,
    LicenceField,
    ThemesField,
    documents_match,
    format_duration,
    licence_label,
    lines_of,
)
from remix.catalogue.forms.preview import Fact, Preview, Section, names_joined
from remix.catalogue.licences import LICENCES, remix_rule
from remix.catalogue.media import media_check
from remix.catalogue.models import Commons, Document, DocumentKind, language_code_validator
from remix.catalogue.selectors.commons import commons_choosable
from remix.catalogue.selectors.documents import languages_taken
from remix.catalogue.services.documents import remix_licence_errors
from remix.catalogue.templatetags.catalogue_tags import country_name, language_name

ACTOR_SUGGESTIONS = 500  # names offered by the browser as one types a producer


class DocumentForm(ContributionForm):
    """One form for the four ways of writing a document: `mode` is create, edit, translate or
    remix. `original` is the document being translated; `document` the one being edited."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A few sentences shown in lists and search results."),
    )
    body = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "In Markdown: **bold**, *italic*, [a link](https://…), ## a heading, - a list. "
            "Images are not shown: put media in the Media part below."
        ),
    )
    language = LanguageChoiceField(label=gettext_lazy("Language"))
    language_other = forms.CharField(
        label=gettext_lazy("Another language"),
        required=False,
        max_length=3,
        help_text=gettext_lazy(
            "Its ISO 639 code, e.g. wo, br, qu. It takes the place of the language chosen above."
        ),
    )
    subtitles = LanguageCodesField(
        label=gettext_lazy("Subtitles"),
        required=False,
        help_text=gettext_lazy(
            "Languages of the subtitles, as codes separated by commas: fr, en, wo…"
        ),
    )
    authors = ActorNamesField(label=gettext_lazy("Authors"))
    contributors = ActorNamesField(label=gettext_lazy("Contributors"))
    producer = ActorNamesField(
        label=gettext_lazy("Producer"),
        single=True,
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
    )
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    country = CountryField()
    duration = DurationField(
        label=gettext_lazy("Duration"),
        required=False,
        help_text=gettext_lazy("h:mm:ss or mm:ss, e.g. 1:05:30 or 42:10."),
    )
    pages = forms.IntegerField(label=gettext_lazy("Pages"), min_value=1, required=False)
    sources = DocumentSourcesField(
        label=gettext_lazy("Derives from"),
        required=False,
        help_text=gettext_lazy(
            "For a remix: the documents it is made from, one a line, by address or exact title."
        ),
    )
    licence = LicenceField(label=gettext_lazy("Licence"))
    themes = ThemesField()
    commons = CommonsChoiceField(
        label=gettext_lazy("Commons documented"),
        queryset=Commons.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    media_file = forms.FileField(
        label=gettext_lazy("Media file"),
        required=False,
        widget=forms.FileInput,
        help_text=gettext_lazy(
            "A video, a sound, an image, a PDF or a plain text. A preview does not keep the "
            "file: choose it again before saving."
        ),
    )
    media_url = forms.URLField(
        label=gettext_lazy("Or an external address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Where the media is published elsewhere: it is shown as a link."),
    )
    thumbnail_url = forms.URLField(
        label=gettext_lazy("Thumbnail address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy(
            "An image published elsewhere: pages link to it and do not load it."
        ),
    )
    edit_summary = forms.CharField(
        label=gettext_lazy("Summary of this edit"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("What changed and why, for the history."),
    )

    FIELDSETS = [
        (
            gettext_lazy("The document"),
            ["kind", "title", "summary", "body", "language", "language_other", "subtitles"],
        ),
        (
            gettext_lazy("Who made it, when and where"),
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
        (gettext_lazy("Lineage and licence"), ["sources", "licence"]),
        (gettext_lazy("Themes and commons"), ["themes", "commons"]),
        (gettext_lazy("Media"), ["media_file", "media_remove", "media_url", "thumbnail_url"]),
        (gettext_lazy("This edit"), ["edit_summary"]),
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
        self.fields["commons"].queryset = commons_choosable(document)
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
        lines = list(dict.fromkeys(lines_of(raw)))[:MAX_SOURCES]
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
            licence.offer_allowed(self.remix.allowed)
            if self.document is None:
                self.initial.setdefault("licence", self.remix.proposed)
            return
        licence.offer_all()
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
            Fact(_("Authors"), names_joined(data["authors"])),
            Fact(_("Contributors"), names_joined(data["contributors"])),
            Fact(_("Producer"), data["producer"] or ""),
            Fact(_("Date"), data["date"] or ""),
            Fact(_("Place"), data["place"]),
            Fact(_("Country"), country_name(data["country"]) if data["country"] else ""),
            Fact(_("Duration"), format_duration(data["duration"])),
            Fact(_("Pages"), data["pages"] or ""),
            Fact(_("Subtitles"), ", ".join(language_name(c) for c in data["subtitles"])),
            Fact(_("Licence"), licence_label(licence), licence.url),
            Fact(_("Derives from"), names_joined(data["sources"])),
            Fact(_("Themes"), names_joined(data["themes"])),
            Fact(_("Commons documented"), names_joined(data["commons"])),
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
