"""How the funding API's tests call it: JSON in and out, a bearer token, a refusal as
``{field: reason}``, days counted from today."""

import datetime

from django.utils import timezone

from remix.api.tests.calls import API, EN, bearer, get, post, refusal

__all__ = ["API", "EN", "bearer", "days", "get", "post", "refusal", "today"]


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> str:
    return (today() + datetime.timedelta(days=n)).isoformat()
