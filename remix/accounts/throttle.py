"""Log-in throttling on top of django-axes: who is refused, for how long, and what they read.

Failures are counted three ways, each with its own limit, as multiples of AXES_FAILURE_LIMIT:
one username from one address (×1: a person mistyping, or a guesser), one username from any
address (×2: a guesser spread over many addresses), one address whatever the username (×6: one
machine trying many accounts). Once any count reaches its limit, log-ins it covers are refused
*before* the password is hashed (AxesStandaloneBackend comes first), for a cool-off that
doubles with each further failure, up to a day. A successful log-in clears the counts.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

COOL_OFF = timedelta(minutes=10)  # the first lock, and how long failures are remembered
COOL_OFF_MAX = timedelta(days=1)
# The limit of each way of counting, as a multiple of AXES_FAILURE_LIMIT.
LIMIT_FACTORS = {("ip_address", "username"): 1, ("username",): 2, ("ip_address",): 6}


def client_address(request) -> str | None:
    """The caller's address. Behind our reverse proxy, the right-most X-Forwarded-For entry is
    the one the proxy itself added; entries to its left are whatever the caller claimed."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def _counts(request, credentials=None) -> list[tuple[int, int]]:
    """(failures not yet expired, limit) for each way of counting."""
    now = timezone.now()
    base = get_failure_limit(request, credentials)
    counts = []
    for filters in get_client_parameters(
        get_client_username(request, credentials),
        getattr(request, "axes_ip_address", None) or client_address(request),
        getattr(request, "axes_user_agent", ""),
        request,
        credentials,
    ):
        failures = AccessAttempt.objects.filter(
            **filters, expiration__expires_at__gt=now
        ).aggregate(total=Sum("failures_since_start"))["total"]
        counts.append((failures or 0, base * LIMIT_FACTORS[tuple(sorted(filters))]))
    return counts


def cool_off(request=None) -> timedelta:
    """How long the current lock lasts from now: COOL_OFF at the limit, doubled by each failure
    past it, at most COOL_OFF_MAX. Below every limit, how long a failure is remembered."""
    if request is None or not hasattr(request, "POST"):
        return COOL_OFF
    past = max((count - limit for count, limit in _counts(request)), default=-1)
    if past <= 0:
        return COOL_OFF
    return min(COOL_OFF * 2 ** min(past, 16), COOL_OFF_MAX)


class ThrottleHandler(AxesDatabaseHandler):
    """Axes's database handler with one limit per way of counting (LIMIT_FACTORS), and attempts
    that count until their own expiry (each lock keeps the cool-off it was given)."""

    def get_user_attempts(self, request, credentials=None):
        now = timezone.now()
        return [
            attempts.filter(expiration__expires_at__gt=now)
            for attempts in self.filter_user_attempts(request, credentials)
        ]

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A success proves the password of one username: it clears that username's failures,
        # not those of the other usernames its address tried (axes would clear every count the
        # request matches, the address's included).
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares one number with AXES_FAILURE_LIMIT: give it the count that is nearest
        # its own limit, scaled to that one.
        base = get_failure_limit(request, credentials)
        return max(
            (count * base // limit for count, limit in _counts(request, credentials)), default=0
        )


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out log-in gets, in the reader's language, saying when to try again."""
    wait = cool_off(request)
    response = render(
        request,
        "registration/locked_out.html",
        {"until": timezone.now() + wait, "minutes": max(1, round(wait.total_seconds() / 60))},
        status=429,
    )
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response
