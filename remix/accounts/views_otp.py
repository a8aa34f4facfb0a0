"""Two-factor authentication pages: set up an authenticator, give a code at log-in, see the
recovery codes once, make new ones, turn it off."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from remix.accounts import selectors, services
from remix.accounts.forms import OtpCodeForm
from remix.core.permissions import needs_second_factor


def _next_url(request, default="accounts:profile"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _show_codes(request, codes: list[str]):
    # Shown on the next page once, then gone from the session (as a new API token is).
    request.session["recovery_codes"] = codes
    return redirect("accounts:otp_codes")


@login_required
def otp_setup(request):
    if selectors.has_second_factor(user=request.user):
        return redirect("accounts:profile")
    device = services.totp_device_start(user=request.user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            device=device, token=form.cleaned_data["token"], recorder=request.user
        )
        if codes is not None:
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            request.session["otp_next"] = _next_url(request, default="")
            return _show_codes(request, codes)
        form.add_error("token", _("This code is not the one your app shows. Try the next one."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, title=_("QR code to scan with your authenticator app")
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": needs_second_factor(request.user),
            "next": _next_url(request, default=""),
        },
    )


@login_required
def otp_verify(request):
    if request.user.is_verified() or not selectors.has_second_factor(user=request.user):
        return redirect(_next_url(request))
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_check(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            left = selectors.recovery_codes_left(user=request.user)
            if left <= 3:
                messages.warning(
                    request,
                    ngettext(
                        "Only %(count)d recovery code left: make new ones on your profile.",
                        "Only %(count)d recovery codes left: make new ones on your profile.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _(
                "This code is not right. Wait for the next one from your app, or use a "
                "recovery code; after several wrong codes, each try must wait longer."
            ),
        )
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request, default="")}
    )


@login_required
def otp_codes(request):
    codes = request.session.pop("recovery_codes", None)
    if not codes:
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/otp_codes.html",
        {"codes": codes, "next": request.session.pop("otp_next", "") or None},
    )


@login_required
@require_POST
def otp_codes_regenerate(request):
    if not selectors.has_second_factor(user=request.user):
        return redirect("accounts:profile")
    codes = services.recovery_codes_regenerate(user=request.user, recorder=request.user)
    messages.success(request, _("New recovery codes are made; the old ones no longer work."))
    return _show_codes(request, codes)


@login_required
@require_POST
def otp_disable(request):
    form = OtpCodeForm(request.POST)
    if not form.is_valid() or (
        services.second_factor_check(user=request.user, token=form.cleaned_data["token"]) is None
    ):
        messages.error(request, _("Two-factor authentication stays on: that code is not right."))
        return redirect("accounts:profile")
    services.second_factor_remove(user=request.user, recorder=request.user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:profile")
