"""What a person keeps: their saved searches, and the secret address of their deadlines feed."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.grants.models import CalendarToken, SavedSearch
from remix.grants.selectors.personal import calendar_token_of


def saved_search_save(*, user, name: str, query: str) -> SavedSearch:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the search.")})
    search, _created = SavedSearch.objects.update_or_create(
        user=user, name=name[:100], defaults={"query": (query or "")[:1000]}
    )
    return search


def saved_search_delete(*, user, search_id: int) -> None:
    SavedSearch.objects.filter(user=user, pk=search_id).delete()


def calendar_token(*, user, renew: bool = False) -> CalendarToken:
    """The secret address of a person's deadlines feed, made on first asking; renewing it cuts
    off the old one."""
    if not renew and (found := calendar_token_of(user=user)) is not None:
        return found  # read without a lock: the page that shows it asks on every visit
    with db.atomic():
        token = CalendarToken.objects.select_for_update().filter(user=user).first()
        if token is None:
            token = CalendarToken.objects.create(user=user, key=secrets.token_urlsafe(32))
        elif renew:
            token.key = secrets.token_urlsafe(32)
            token.save(update_fields=["key"])
        return token
