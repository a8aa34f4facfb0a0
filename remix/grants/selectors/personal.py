"""What a person keeps: their saved searches, and the secret address of their deadlines feed."""

from django.db.models import QuerySet

from remix.grants.models import CalendarToken, SavedSearch


def saved_searches(*, user) -> QuerySet[SavedSearch]:
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


def calendar_token_of(*, user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_by_key(*, key: str) -> CalendarToken | None:
    """The token of a feed's address, while its owner's account is active."""
    return (
        CalendarToken.objects.select_related("user").filter(key=key, user__is_active=True).first()
    )
