"""The deadlines' calendar: a page by month, and the iCal feeds calendar applications subscribe to.

Feeds are read by calendar applications, which cannot log in: the public feed and a fund's hold
what anyone may see (opportunities, granted applications); a person's own feed, their
applications and tasks too, is behind a secret address they can renew.
"""

import datetime

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.dates import query_month
from remix.core.ical import feed_language, feed_new, feed_response
from remix.grants import deadlines, selectors, services
from remix.grants.calendar_sources import calendar_events
from remix.grants.deadlines import Deadline
from remix.ledger import selectors as ledger
from remix.ledger.models import Fund
from remix.ledger.templatetags.ledger import month_long

DAYS_AHEAD = 90  # what the page shows by default
FEED_PAST_DAYS = 365  # how far back a feed goes: last year's calls, for the yearly ones


# --- the page ------------------------------------------------------------------------------------


def calendar(request):
    today = timezone.localdate()
    month = query_month(request.GET.get("month"), name="month")
    if month is None:
        start, end = today, today + datetime.timedelta(days=DAYS_AHEAD)
    else:
        start, end = month, _next_month(month) - datetime.timedelta(days=1)
    found = deadlines.merge(
        deadlines.deadlines_public(start, end),
        deadlines.deadlines_for_user(request.user, start, end),
    )
    # The mediation projects' events share the page: one calendar for the whole platform.
    events = calendar_events().rows_by_month(start, end)
    months = [
        {
            "label": month_long(first),
            "iso": first.strftime("%Y-%m"),
            "rows": [_row(d) for d in rows],
            "events": events.get(first, []),
        }
        for first, rows in deadlines.deadlines_by_month(found, start, end)
    ]
    previous = (start.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    following = _next_month(end.replace(day=1))
    here = reverse("grants:calendar")
    return render(
        request,
        "grants/calendar.html",
        {
            "months": months,
            "month": month,
            "period": {"start": start, "end": end},
            "previous": {"url": f"{here}?month={previous:%Y-%m}", "label": month_long(previous)},
            "following": {"url": f"{here}?month={following:%Y-%m}", "label": month_long(following)},
            "upcoming_url": here,
            "feeds": _feeds(request),
        },
    )


def _next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


def _row(deadline: Deadline) -> dict:
    opportunity = deadline.opportunity
    application = deadline.application
    return {
        "iso": deadline.day.isoformat(),
        "when": deadlines.when_text(deadline),
        "step": deadline.step_label,
        "task": deadline.task.title if deadline.task else "",
        "call": opportunity.title,
        "funder": opportunity.funder.name,
        "url": reverse("grants:opportunity", kwargs={"slug": opportunity.slug}),
        "application": {
            "fund": application.fund.label,
            "url": reverse("grants:application", kwargs={"pk": application.pk}),
        }
        if application is not None
        else None,
    }


def _feeds(request) -> dict:
    absolute = request.build_absolute_uri
    feeds = {
        "public": absolute(reverse("grants:deadlines_ics")),
        "funds": [
            {
                "label": fund.label,
                "url": absolute(reverse("grants:fund_deadlines_ics", kwargs={"fund": fund.slug})),
            }
            for fund in ledger.fund_list(active_only=True)
        ],
        "mine": None,
    }
    if request.user.is_authenticated:
        # Made on first sight: the address is the reason to come to this box.
        token = services.personal.calendar_token(user=request.user)
        feeds["mine"] = absolute(reverse("grants:my_deadlines_ics", kwargs={"key": token.key}))
    return feeds


@login_required
@require_POST
def calendar_renew(request):
    services.personal.calendar_token(user=request.user, renew=True)
    messages.success(
        request,
        _("Your calendar has a new address: the old one no longer works. Subscribe again with it."),
    )
    return redirect(reverse("grants:calendar") + "#feeds")


# --- the feeds -----------------------------------------------------------------------------------


def deadlines_ics(request):
    language = feed_language(request)
    with translation.override(language):
        found = deadlines.deadlines_public(_feed_start())
        # The platform's one public feed: the mediation projects' events join the deadlines.
        return _ics(
            request,
            found,
            name=_("Funding deadlines"),
            language=language,
            events=calendar_events().events_for_feed(),
        )


def my_deadlines_ics(request, key: str):
    token = selectors.personal.calendar_token_by_key(key=key)
    if token is None:
        raise Http404
    language = feed_language(request, token.user.language)
    with translation.override(language):
        found = deadlines.deadlines_for_user(token.user, _feed_start())
        return _ics(request, found, name=_("My funding deadlines"), language=language)


def fund_deadlines_ics(request, fund: str):
    fund = get_object_or_404(Fund, slug=fund)
    language = feed_language(request)
    with translation.override(language):
        found = deadlines.deadlines_for_fund(fund, _feed_start())
        name = _("Funding deadlines of %(fund)s") % {"fund": fund.label}
        return _ics(request, found, name=name, language=language)


def _feed_start() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)


def _ics(request, found: list[Deadline], *, name: str, language: str, events=()) -> HttpResponse:
    host = split_domain_port(request.get_host())[0] or "localhost"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    feed = feed_new(product="Funding deadlines", name=name, language=language)
    for deadline in found:
        feed.add_component(_event(request, deadline, host=host, stamp=stamp))
    calendar_events().add_events(request, feed, events)
    return feed_response(feed, language=language, filename="deadlines.ics")


def _event(request, deadline: Deadline, *, host: str, stamp: datetime.datetime):
    opportunity = deadline.opportunity
    if deadline.application is not None:
        url = reverse("grants:application", kwargs={"pk": deadline.application.pk})
    else:
        url = reverse("grants:opportunity", kwargs={"slug": opportunity.slug})
    url = request.build_absolute_uri(url)
    event = icalendar.Event()
    event.add("uid", f"{deadline.uid}@{host}")
    event.add("dtstamp", stamp)
    event.add("summary", deadline.summary)
    if deadline.timed:
        # Stored in UTC (…Z): every calendar application shows it at the right local hour.
        event.add("dtstart", deadline.when.astimezone(datetime.UTC))
    else:
        event.add("dtstart", deadline.day)  # VALUE=DATE: an all-day event
        event.add("dtend", deadline.day + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("url", url)
    lines = [
        _("%(step)s: %(when)s")
        % {"step": deadline.step_label, "when": deadlines.when_text(deadline)},
        _("Funder: %(funder)s") % {"funder": opportunity.funder.name},
        url,
    ]
    if deadline.task is not None and deadline.task.assignee is not None:
        lines.insert(1, _("Assigned to: %(person)s") % {"person": deadline.task.assignee})
    event.add("description", "\n".join(lines))
    event.add("categories", [str(deadline.step_label)])
    return event


urlpatterns = [
    path("calendar/", calendar, name="calendar"),
    path("calendar/renew/", calendar_renew, name="calendar_renew"),
    path("deadlines.ics", deadlines_ics, name="deadlines_ics"),
    path("deadlines/<str:key>.ics", my_deadlines_ics, name="my_deadlines_ics"),
    path("funds/<slug:fund>/deadlines.ics", fund_deadlines_ics, name="fund_deadlines_ics"),
]
