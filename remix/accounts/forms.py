from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from remix.accounts.models import User


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("Used only to reset your password; never shown.")
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        required=False,
        help_text=_("How others see you. Leave empty to use your username."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "display_name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail already exists."))
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name", "email", "language")
        widgets = {"language": forms.Select(choices=settings.LANGUAGES)}


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “bank import script”."),
    )


class StewardAuthenticationForm(AdminAuthenticationForm):
    """The admin is for stewards: the role decides, not Django's staff flag."""

    def confirm_login_allowed(self, user):
        if not user.is_active or not user.has_role("steward"):
            raise ValidationError(
                _("This space is for the platform's stewards."), code="invalid_login"
            )


class RemixPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail in the recipient's language, through the background tasks."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from remix.core.tasks import email_send

        with translation.override(context["user"].language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        email_send.enqueue(subject=subject, body=body, to=[to_email], from_email=from_email)


class OtpCodeForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
