from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.accounts import selectors, services
from remix.accounts.forms import OtpCodeForm, ProfileForm, SignupForm, TokenCreateForm
from remix.accounts.models import ApiToken
from remix.core.languages import language_choose
from remix.core.permissions import needs_second_factor


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            language=get_language() or "fr",
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Remix, %(name)s!") % {"name": user.public_name})
        return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=request.user,
            recorder=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )
        if "language" in form.changed_data:
            language_choose(request, form.cleaned_data["language"])  # the pages follow it too
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": TokenCreateForm(),
            "tokens": selectors.user_tokens(user=request.user),
            "roles": selectors.user_roles(user=request.user),
            "new_token": request.session.pop("new_token", None),
            "second_factor": selectors.has_second_factor(user=request.user),
            "second_factor_required": needs_second_factor(request.user),
            "recovery_codes_left": selectors.recovery_codes_left(user=request.user),
            "otp_form": OtpCodeForm(auto_id="otp_%s"),
        },
    )


@login_required
@require_POST
def token_create(request):
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        created = services.token_create(user=request.user, name=form.cleaned_data["name"])
        # Shown on the next page once, then gone from the session.
        request.session["new_token"] = created.raw
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.token_revoke(token=token, recorder=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:profile")
