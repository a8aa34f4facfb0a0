"""The funding search's dated steps, as data: what the calendar page, the iCal feeds and the
reminders read.

A **deadline** is one dated step: an opportunity's opening, letter of intent, application deadline,
decision expected or report due; for an application, the report due once granted and its tasks'
due dates. The application deadline is an instant (an aware datetime: calls close at noon); every
other step is a day. Days are counted in the instance's time zone (``TIME_ZONE``).

Who sees what follows the issue's rule: opportunities are public; an application is the members'
business until it is granted, so the public feeds hold opportunities and granted applications
only, and tasks appear in their own people's feeds alone.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from babel import dates
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.core.formats import current_locale, first_of_month
from remix.grants.models import PUBLIC_STAGES, Application, Opportunity, Stage, Task


class Step(models.TextChoices):
    OPENS = "opens", gettext_lazy("Opens")
    LETTER_OF_INTENT = "letter_of_intent", gettext_lazy("Letter of intent due")
    DEADLINE = "deadline", gettext_lazy("Application deadline")
    DECISION = "decision", gettext_lazy("Decision expected")
    REPORT_DUE = "report_due", gettext_lazy("Report due")
    TASK = "task", gettext_lazy("Task due")


# Each step of an opportunity and the field that dates it, in the order they come.
OPPORTUNITY_STEPS = (
    (Step.OPENS, "opens_on"),
    (Step.LETTER_OF_INTENT, "letter_of_intent_on"),
    (Step.DEADLINE, "deadline"),
    (Step.DECISION, "decision_on"),
    (Step.REPORT_DUE, "report_due_on"),
)
# Applications given up or refused have no deadline left; a closed one keeps its history.
DROPPED_STAGES = (Stage.REFUSED, Stage.ABANDONED)
# Stages whose report is still to be written.
REPORTING_STAGES = (Stage.GRANTED, Stage.REPORTING)


@dataclass(frozen=True)
class Deadline:
    when: datetime.date | datetime.datetime  # an aware datetime for the application deadline
    what: str  # a Step
    opportunity: Opportunity
    application: Application | None = None
    task: Task | None = None

    @property
    def timed(self) -> bool:
        return isinstance(self.when, datetime.datetime)

    @property
    def day(self) -> datetime.date:
        """The day it falls on, in the instance's time zone."""
        return timezone.localtime(self.when).date() if self.timed else self.when

    @property
    def sort_key(self) -> tuple:
        # Within a day: the all-day steps first, then the timed ones by their hour.
        instant = timezone.localtime(self.when).time() if self.timed else datetime.time.min
        return (self.day, self.timed, instant, self.opportunity.title, self.uid)

    @property
    def uid(self) -> str:
        """Stable across feeds and fetches: a calendar application updates the event in place."""
        if self.task is not None:
            return f"task-{self.task.pk}"
        if self.application is not None:
            return f"application-{self.application.pk}-{self.what}"
        return f"opportunity-{self.opportunity.pk}-{self.what}"

    @property
    def step_label(self) -> str:
        return str(Step(self.what).label)

    @property
    def summary(self) -> str:
        """One line in the active language: « Date limite de dépôt : Appel ESS 2027 »."""
        if self.task is not None:
            return _("Task « %(task)s »: %(call)s") % {
                "task": self.task.title,
                "call": self.opportunity.title,
            }
        if self.application is not None:
            return _("%(step)s: %(call)s, for %(fund)s") % {
                "step": self.step_label,
                "call": self.opportunity.title,
                "fund": self.application.fund.label,
            }
        return _("%(step)s: %(call)s") % {"step": self.step_label, "call": self.opportunity.title}


def when_text(deadline: Deadline, *, weekday: bool = True) -> str:
    """The date (and the hour of a timed deadline, in the instance's time zone) in the active
    language: « samedi 12 décembre 2026, 12:00 », "Saturday, 12 December 2026"."""
    locale = current_locale()
    day = first_of_month(
        dates.format_date(deadline.day, "full" if weekday else "long", locale=locale)
    )
    if not deadline.timed:
        return day
    hour = dates.format_time(timezone.localtime(deadline.when).time(), "short", locale=locale)
    return dates.get_datetime_format("full", locale=locale).replace("'", "").format(hour, day)


# --- building the deadlines ----------------------------------------------------------------------


def opportunity_deadlines(opportunity: Opportunity) -> list[Deadline]:
    return [
        Deadline(getattr(opportunity, field), step, opportunity)
        for step, field in OPPORTUNITY_STEPS
        if getattr(opportunity, field) is not None
    ]


def application_deadlines(application: Application) -> list[Deadline]:
    """The report due of a granted application (its tasks come apart: they have their people)."""
    due = application.opportunity.report_due_on
    if due is None or application.stage not in REPORTING_STAGES:
        return []
    return [Deadline(due, Step.REPORT_DUE, application.opportunity, application)]


def task_deadline(task: Task) -> Deadline:
    application = task.application
    return Deadline(task.due_on, Step.TASK, application.opportunity, application, task)


def _window(start: datetime.date | None, end: datetime.date | None):
    def inside(deadline: Deadline) -> bool:
        return (start is None or deadline.day >= start) and (end is None or deadline.day <= end)

    return inside


def _dated_between(start: datetime.date | None, end: datetime.date | None) -> Q:
    """Opportunities with at least one step between two days (both included)."""
    if start is None and end is None:
        return Q()
    condition = Q()
    for _step, field in OPPORTUNITY_STEPS:
        if field == "deadline":  # an instant: from local midnight to local midnight
            bounds = {}
            if start is not None:
                bounds["deadline__gte"] = _midnight(start)
            if end is not None:
                bounds["deadline__lt"] = _midnight(end + datetime.timedelta(days=1))
            condition |= Q(**bounds)
        else:
            bounds = {}
            if start is not None:
                bounds[f"{field}__gte"] = start
            if end is not None:
                bounds[f"{field}__lte"] = end
            condition |= Q(**bounds)
    return condition


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def merge(*groups: Iterable[Deadline]) -> list[Deadline]:
    """Every deadline once, in date order. An application's own step stands for its
    opportunity's step of the same kind (its report due says for which fund)."""
    found: dict[str, Deadline] = {}
    for group in groups:
        for deadline in group:
            found.setdefault(deadline.uid, deadline)
    covered = {
        (d.opportunity.pk, d.what)
        for d in found.values()
        if d.application is not None and d.task is None
    }
    return sorted(
        (
            d
            for d in found.values()
            if d.application is not None or (d.opportunity.pk, d.what) not in covered
        ),
        key=lambda d: d.sort_key,
    )


# --- selectors -----------------------------------------------------------------------------------


def deadlines_public(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> list[Deadline]:
    """Every opportunity's dated steps between two days (both included; ``None``: no bound)."""
    opportunities = Opportunity.objects.filter(_dated_between(start, end)).select_related(
        "funder__actor"
    )
    inside = _window(start, end)
    return merge(d for o in opportunities for d in opportunity_deadlines(o) if inside(d))


def deadlines_for_user(
    user, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[Deadline]:
    """A person's deadlines: the steps of the opportunities they answer (they own the
    application, or hold one of its tasks), the reports due of their granted applications, and
    their tasks not yet done (those given to them, and the unassigned ones of their
    applications)."""
    if not user.is_authenticated:
        return []
    applications = list(
        Application.objects.filter(Q(owner=user) | Q(tasks__assignee=user))
        .exclude(stage__in=DROPPED_STAGES)
        .select_related("opportunity__funder__actor", "fund")
        .distinct()
    )
    tasks = (
        Task.objects.filter(
            Q(assignee=user) | Q(assignee__isnull=True, application__owner=user),
            due_on__isnull=False,
            done_on__isnull=True,
        )
        .exclude(application__stage__in=(*DROPPED_STAGES, Stage.CLOSED))
        .select_related("application__opportunity__funder__actor", "application__fund", "assignee")
    )
    if start is not None:
        tasks = tasks.filter(due_on__gte=start)
    if end is not None:
        tasks = tasks.filter(due_on__lte=end)
    opportunities = {a.opportunity_id: a.opportunity for a in applications}
    inside = _window(start, end)
    return merge(
        (d for o in opportunities.values() for d in opportunity_deadlines(o) if inside(d)),
        (d for a in applications for d in application_deadlines(a) if inside(d)),
        (task_deadline(t) for t in tasks),
    )


def deadlines_for_fund(
    fund, start: datetime.date | None = None, end: datetime.date | None = None, *, private=False
) -> list[Deadline]:
    """A fund's deadlines: the steps of the opportunities that fit it and of those it answers,
    and the reports due of its granted applications. Its applications before the decision and
    its tasks only with ``private`` (for members: a feed anyone may read has neither)."""
    applications = Application.objects.filter(fund=fund).exclude(stage__in=DROPPED_STAGES)
    if not private:
        applications = applications.filter(stage__in=PUBLIC_STAGES)
    applications = list(applications.select_related("opportunity__funder__actor", "fund"))
    fitting = Opportunity.objects.filter(funds=fund).filter(_dated_between(start, end))
    opportunities = {o.pk: o for o in fitting.select_related("funder__actor")}
    opportunities.update({a.opportunity_id: a.opportunity for a in applications})
    tasks = []
    if private:
        tasks = (
            Task.objects.filter(
                application__in=applications, due_on__isnull=False, done_on__isnull=True
            )
            .exclude(application__stage=Stage.CLOSED)
            .select_related(
                "application__opportunity__funder__actor", "application__fund", "assignee"
            )
        )
    inside = _window(start, end)
    return merge(
        (d for o in opportunities.values() for d in opportunity_deadlines(o) if inside(d)),
        (d for a in applications for d in application_deadlines(a) if inside(d)),
        (d for d in map(task_deadline, tasks) if inside(d)),
    )


def deadlines_by_month(
    deadlines: Iterable[Deadline], start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, list[Deadline]]]:
    """Each month from ``start``'s to ``end``'s (its first day), with its deadlines in order;
    a month without any is still there, empty."""
    months: dict[datetime.date, list[Deadline]] = {}
    month = start.replace(day=1)
    while month <= end:
        months[month] = []
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    for deadline in sorted(deadlines, key=lambda d: d.sort_key):
        months.setdefault(deadline.day.replace(day=1), []).append(deadline)
    return sorted(months.items())
