"""Forms of the catalogue's history pages: revert to a revision, hide or show again."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.catalogue.models import ModerationAction


class RevertForm(forms.Form):
    summary = forms.CharField(
        label=_("Edit summary"),
        max_length=300,
        required=False,
        help_text=_("Optional: why this version comes back."),
    )


class ModerationForm(forms.Form):
    # The action the moderator saw: if someone else acted meanwhile, the service refuses.
    action = forms.ChoiceField(choices=ModerationAction.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to everyone in the public moderation log."),
        error_messages={
            "required": _("Say why: the reason is shown in the public moderation log.")
        },
    )
    article = forms.ChoiceField(
        label=_("Article of the charter"),
        required=False,
        help_text=_(
            "The article of the charter in force the decision rests on: the log links to it."
        ),
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [
            ("", pgettext_lazy("charter article", "None")),
            *((article.anchor, article.title) for article in articles),
        ]
        if not articles:
            del self.fields["article"]
