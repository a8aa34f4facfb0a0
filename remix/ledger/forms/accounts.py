"""The chart's forms: accounts and funds, created and edited, with a name per language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from remix.ledger.forms.fields import CommodityField
from remix.ledger.models import Account, AccountScope, Fund, FundKind, NeedCategory, ResourceNature

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class _PerLanguage:
    """Forms with one text per language: ``name_fr``, ``name_en``… become ``{"fr": …}``."""

    def per_language(self, prefix: str) -> dict:
        return {code: self.cleaned_data.get(f"{prefix}_{code}", "") for code in LANGUAGE_CODES}

    @staticmethod
    def initial_per_language(prefix: str, values: dict) -> dict:
        return {f"{prefix}_{code}": (values or {}).get(code, "") for code in LANGUAGE_CODES}

    def _require_a_name(self, prefix: str) -> None:
        if not any(self.cleaned_data.get(f"{prefix}_{code}") for code in LANGUAGE_CODES):
            self.add_error(
                f"{prefix}_{settings.LANGUAGE_CODE}",
                _("Give a name in at least one language."),
            )


class AccountEditForm(_PerLanguage, forms.Form):
    number = forms.CharField(
        label=_("Number in the French chart (PCG)"), max_length=12, required=False
    )
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    nature = forms.ChoiceField(
        label=_("Resource nature"),
        choices=[("", _("— (not an income account)")), *ResourceNature.choices],
        required=False,
        help_text=_("Income accounts only: where the resource comes from."),
    )
    need_category = forms.ChoiceField(
        label=_("Need category"),
        choices=[("", _("— (not an expense account)")), *NeedCategory.choices],
        required=False,
        help_text=_("Expense accounts only: which need it pays for."),
    )
    scope = forms.ChoiceField(
        label=_("May be used in"), choices=AccountScope.choices, initial=AccountScope.ANY
    )
    is_cash = forms.BooleanField(
        label=_("Bank or cash account (counted in the runway)"), required=False
    )
    active = forms.BooleanField(label=_("Open (new postings allowed)"), required=False)

    def clean(self):
        data = super().clean()
        self._require_a_name("name")
        return data

    @classmethod
    def initial_for(cls, account: Account) -> dict:
        return {
            "number": account.number,
            **cls.initial_per_language("name", account.name),
            "nature": account.nature,
            "need_category": account.need_category,
            "scope": account.scope,
            "is_cash": account.is_cash,
            "active": account.active,
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": self.per_language("name"),
            "number": data["number"].strip(),
            "nature": data["nature"],
            "need_category": data["need_category"],
            "scope": data["scope"],
            "is_cash": data["is_cash"],
            "active": data.get("active", True),
        }


class AccountCreateForm(AccountEditForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=200,
        help_text=_(
            "Its place in the tree, parts separated by colons: Income:Grants:Public. "
            "The first part gives the type (Assets, Liabilities, Equity, Income, Expenses); "
            "neither can change later."
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "off"}),
    )

    field_order = ["code", "number", "name_fr", "name_en", "name_es"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["active"]

    def service_fields(self) -> dict:
        fields = super().service_fields()
        del fields["active"]
        return {"code": self.cleaned_data["code"].strip(), **fields}


class FundEditForm(_PerLanguage, forms.Form):
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    description_fr = forms.CharField(
        label=_("Description in French"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    active = forms.BooleanField(label=_("Active"), required=False)

    def clean(self):
        data = super().clean()
        self._require_a_name("name")
        return data

    @classmethod
    def initial_for(cls, fund: Fund) -> dict:
        return {
            **cls.initial_per_language("name", fund.name),
            **cls.initial_per_language("description", fund.description),
            "active": fund.active,
        }

    def service_fields(self) -> dict:
        return {
            "name": self.per_language("name"),
            "description": self.per_language("description"),
            "active": self.cleaned_data["active"],
        }


class FundCreateForm(FundEditForm):
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=80,
        help_text=_("Lower case, no spaces, used in addresses and exports: fiesta-2026."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of mediation project"),
        choices=[(value, label) for value, label in FundKind.choices if value != "platform"],
    )
    reporting_currency = CommodityField(
        label=_("Reporting currency"),
        hours=False,
        max_length=3,
        help_text=_("Reports of this fund convert other currencies to this one."),
    )

    field_order = ["slug", "kind", "name_fr", "name_en", "name_es"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["active"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "slug": data["slug"],
            "kind": data["kind"],
            "name": self.per_language("name"),
            "description": self.per_language("description"),
            "reporting_currency": data["reporting_currency"],
        }
