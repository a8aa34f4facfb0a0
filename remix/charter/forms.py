"""The charter's edit form: the new text of one language, and why it changed."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CharterForm(forms.Form):
    # The version the steward started from: the service refuses if another came meanwhile.
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Markdown. Each heading is an article the moderation log can cite: keep the "
            "headings stable, or older citations point to the version they cited."
        ),
        error_messages={"required": _("Write the charter's text.")},
    )
    summary = forms.CharField(
        label=_("Edit summary"),
        max_length=300,
        required=False,
        help_text=_("Shown in the public history: what changed and why."),
    )
