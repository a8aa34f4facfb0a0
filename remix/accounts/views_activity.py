"""A person's own activity: what they did on the platform, from its audit events, and what other
apps add about them (``remix.accounts.hooks``). Each logged-in person reads only their own."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from remix.accounts import hooks, selectors

PER_PAGE = 50


def _year(asked: str | None, years: list[int]) -> int | None:
    """The year asked for, when it is one of the person's; otherwise every year."""
    try:
        year = int(asked or "")
    except ValueError:
        return None
    return year if year in years else None


@login_required
@require_GET
def activity(request):
    years = selectors.activity_years(user=request.user)
    year = _year(request.GET.get("year"), years)
    events = selectors.activity_events(user=request.user, year=year)
    context = {
        "page": Paginator(events, PER_PAGE).get_page(request.GET.get("page")),
        "years": years,
        "year": year,
        "sections": hooks.activity_sections(request.user),
    }
    return render(request, "accounts/activity.html", context)
