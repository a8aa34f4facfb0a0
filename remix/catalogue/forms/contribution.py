"""What the catalogue's contribution forms share: fieldsets, the services' refusals on the fields
they concern, and advice on the number of themes."""

from functools import cached_property

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.core.forms import ServiceErrors

THEMES_RECOMMENDED = (2, 5)


class ContributionForm(ServiceErrors, forms.Form):
    """Fieldsets for the template, the services' errors on the fields they concern
    (``SERVICE_FIELDS`` renames the services' names; None: above the form), and advice on the
    themes chosen."""

    FIELDSETS: list[tuple[str, list[str]]] = []
    required_css_class = "required"

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

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
