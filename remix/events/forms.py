from django import forms
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors


class RegistrationForm(ServiceErrors, forms.Form):
    occurrence = forms.ChoiceField(label=_("Date"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail"), required=False)

    def __init__(self, *args, choices=(), anonymous=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = choices
        if not anonymous:
            del self.fields["name"]
            del self.fields["email"]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True


class DocumentForm(ServiceErrors, forms.Form):
    document = forms.SlugField(
        label=_("Document of the catalogue (its address's slug)"), max_length=220
    )
