"""A service of the catalogue, written or edited by a steward: its title and description in each
language of the site, then its kind and price, what it draws on and who delivers it."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.catalogue.forms.fields import (
    SITE_LANGUAGES,
    CommonsChoiceField,
    DocumentSourcesField,
    ThemesField,
    lines_of,
)
from remix.catalogue.models import Commons
from remix.core.forms import ServiceErrors
from remix.core.money import from_minor
from remix.ledger.forms.fields import AmountField, CommodityField
from remix.studio.models import PriceModel, Service, ServiceKind

TEXTS = [("title", gettext_lazy("Title")), ("description", gettext_lazy("Description"))]


class PeopleField(forms.CharField):
    """The people who deliver a service: usernames, one a line or separated by commas."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(getattr(user, "username", user) for user in value)
        return value

    def clean(self, value):
        names = list(
            dict.fromkeys(
                name.strip() for line in lines_of(super().clean(value)) for name in line.split(",")
            )
        )
        names = [name for name in names if name]
        found = {
            user.username: user
            for user in get_user_model().objects.filter(username__in=names, is_active=True)
        }
        unknown = [name for name in names if name not in found]
        if unknown:
            raise forms.ValidationError(
                _("Nobody has this username: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return [found[name] for name in names]


class ServiceForm(ServiceErrors, forms.Form):
    """A service, whole: the create and the edit pages post the same fields."""

    slug = forms.SlugField(
        label=gettext_lazy("Address"),
        max_length=80,
        help_text=gettext_lazy(
            "The end of the service's address: lowercase letters, digits and dashes."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ServiceKind.choices)
    price_model = forms.ChoiceField(label=gettext_lazy("Pricing"), choices=PriceModel.choices)
    price = AmountField(
        label=gettext_lazy("Price"),
        help_text=gettext_lazy(
            "The price of one unit (the service, a day, a participant); for a free price, "
            "the amount suggested."
        ),
    )
    commodity = CommodityField(label=gettext_lazy("Currency"), hours=False)
    commons = CommonsChoiceField(
        label=gettext_lazy("Commons it draws on"),
        queryset=Commons.objects.order_by("slug"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    themes = ThemesField()
    documents = DocumentSourcesField(
        label=gettext_lazy("Documents"),
        required=False,
        help_text=gettext_lazy("One a line: a document's address or its exact title."),
    )
    people = PeopleField(
        label=gettext_lazy("Delivered by"),
        required=False,
        help_text=gettext_lazy("Their usernames, one a line or separated by commas."),
    )
    active = forms.BooleanField(
        label=gettext_lazy("Offered in the catalogue"), required=False, initial=True
    )

    SERVICE_FIELDS = {"title": f"title_{settings.LANGUAGE_CODE}"}
    FIELDSETS = [
        (
            gettext_lazy("Address, kind and price"),
            ["slug", "kind", "price_model", "price", "commodity"],
        ),
        (gettext_lazy("What it draws on"), ["commons", "themes", "documents", "people"]),
    ]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].sort_by_label()
        self.fields["themes"].help_text = ""
        if not editing:
            del self.fields["active"]
        for code in SITE_LANGUAGES:
            for name, label in TEXTS:
                widget = (
                    forms.TextInput(attrs={"lang": code})
                    if name == "title"
                    else forms.Textarea(attrs={"lang": code, "rows": 4})
                )
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=label,
                    required=False,
                    widget=widget,
                    max_length=200 if name == "title" else None,
                )

    def language_fieldsets(self):
        """One fieldset a language, side by side: (code, legend, fields)."""
        for code, legend in settings.LANGUAGES:
            yield code, legend, [self[f"{name}_{code}"] for name, _label in TEXTS]

    def fieldsets(self):
        extra = [(_("Catalogue"), ["active"])] if "active" in self.fields else []
        for legend, names in [*self.FIELDSETS, *extra]:
            yield legend, [self[name] for name in names]

    @classmethod
    def initial_for(cls, service: Service) -> dict:
        initial = {
            "slug": service.slug,
            "kind": service.kind,
            "price_model": service.price_model,
            "price": number_format(from_minor(service.price_minor, service.commodity)),
            "commodity": service.commodity,
            "commons": list(service.commons.all()),
            "themes": list(service.themes.all()),
            "documents": list(service.documents.all()),
            "people": list(service.people.all()),
            "active": service.active,
        }
        for name, _label in TEXTS:
            for code in SITE_LANGUAGES:
                initial[f"{name}_{code}"] = getattr(service, name).get(code, "")
        return initial

    def written(self) -> dict:
        """What the service functions take."""
        data = self.cleaned_data
        values = {
            name: {code: data[f"{name}_{code}"] for code in SITE_LANGUAGES}
            for name, _label in TEXTS
        }
        for name in ("slug", "kind", "price_model", "price", "commodity", "documents", "people"):
            values[name] = data[name]
        values["commons"] = list(data["commons"])
        values["themes"] = list(data["themes"])
        if "active" in self.fields:
            values["active"] = data["active"]
        return values
