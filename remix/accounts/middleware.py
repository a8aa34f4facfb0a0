"""The one place that holds back a log-in still waiting for its second factor."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from remix.accounts.selectors import has_second_factor
from remix.core.permissions import needs_second_factor

# Pages open to a session waiting for its second factor: setting it up, giving a code, leaving.
OPEN_URL_NAMES = {"otp_setup", "otp_verify", "otp_codes", "logout"}


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: a logged-in user whose session has not given a second
    factor, and who has one (or whose role asks for one: treasurers, stewards, superusers), is
    sent to give a code, or to set an authenticator up, before any other page or the admin.
    The API answers for itself (its tokens are checked in ``token_authenticate``); static files
    are served before this middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match.namespace == "accounts" and match.url_name in OPEN_URL_NAMES:
            return None
        if request.path_info.startswith(("/api/", "/hooks/")):
            return None
        if has_second_factor(user=user):
            target = "accounts:otp_verify"
        elif needs_second_factor(user):
            target = "accounts:otp_setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
