"""E-mail reminders before each deadline, sent by ``remix send-reminders`` (daily, from cron).

For each deadline exactly one of ``REMIX_REMINDER_DAYS`` days away (counted in the instance's time
zone), each person concerned gets one e-mail, in their own language:

- an application deadline or a letter of intent: the owner of each application of that call not
  yet submitted (spotted, qualified, drafting);
- a report due: the owner of each granted application whose report is still to come (granted,
  reporting);
- a task's due date: the person it is given to, while it is not done.

Each e-mail is written down (``ReminderSent``, unique) in the transaction that sends it: a second
run the same day, or a run after a crash, sends nothing twice; an e-mail that could not be sent
leaves no row behind, so the next run tries it again.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from remix.core.mail import automatic_message
from remix.grants.deadlines import (
    REPORTING_STAGES,
    Deadline,
    Step,
    deadlines_public,
    task_deadline,
    when_text,
)
from remix.grants.models import Application, ReminderSent, Stage, Task

logger = logging.getLogger(__name__)

BEFORE_SUBMISSION = (Stage.SPOTTED, Stage.QUALIFIED, Stage.DRAFTING)
# Which applications' owners hear of each step of a call; the other steps send nothing.
STAGES_REMINDED = {
    Step.LETTER_OF_INTENT: BEFORE_SUBMISSION,
    Step.DEADLINE: BEFORE_SUBMISSION,
    Step.REPORT_DUE: REPORTING_STAGES,
}
TASK_STAGES_DONE = (Stage.REFUSED, Stage.ABANDONED, Stage.CLOSED)


@dataclass(frozen=True)
class Reminder:
    user: object
    deadline: Deadline
    days: int
    applications: tuple[Application, ...]

    @property
    def what(self) -> str:
        """The step reminded, as ``ReminderSent`` keeps it: ``deadline``, ``task-12``…"""
        return self.deadline.uid if self.deadline.task is not None else self.deadline.what

    @property
    def key(self) -> dict:
        return {
            "user": self.user,
            "opportunity": self.deadline.opportunity,
            "what": self.what,
            "due": self.deadline.day,
            "days_before": self.days,
        }


@dataclass
class Outcome:
    sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Every reminder of the day, sent or not yet."""
    days_away = {today + datetime.timedelta(days=n): n for n in settings.REMIX_REMINDER_DAYS}
    if not days_away:
        return []
    found = [
        d
        for d in deadlines_public(min(days_away), max(days_away))
        if d.day in days_away and d.what in STAGES_REMINDED
    ]
    applications = (
        Application.objects.filter(
            opportunity__in={d.opportunity for d in found},
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .select_related("owner", "fund", "opportunity")
        .order_by("id")
    )
    reminders = []
    for deadline in found:
        owners: dict[int, list[Application]] = {}
        for application in applications:
            if (
                application.opportunity_id == deadline.opportunity.pk
                and application.stage in STAGES_REMINDED[deadline.what]
            ):
                owners.setdefault(application.owner_id, []).append(application)
        reminders += [
            Reminder(group[0].owner, deadline, days_away[deadline.day], tuple(group))
            for group in owners.values()
        ]
    tasks = (
        Task.objects.filter(
            due_on__in=list(days_away),
            done_on__isnull=True,
            assignee__is_active=True,
        )
        .exclude(assignee__email="")
        .exclude(application__stage__in=TASK_STAGES_DONE)
        .select_related("assignee", "application__fund", "application__opportunity__funder__actor")
        .order_by("due_on", "id")
    )
    reminders += [
        Reminder(task.assignee, task_deadline(task), days_away[task.due_on], (task.application,))
        for task in tasks
    ]
    return reminders


def reminders_send(*, now: datetime.datetime | None = None) -> Outcome:
    """Send the reminders of ``now``'s day (in the instance's time zone) not sent yet."""
    today = timezone.localdate(now or timezone.now())
    outcome = Outcome()
    for reminder in reminders_due(today=today):
        if ReminderSent.objects.filter(**reminder.key).exists():
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(**reminder.key)
                reminder_message(reminder).send()
        except IntegrityError:
            continue  # a run beside this one sent it meanwhile
        except OSError as error:  # the mail server refused or is down: the row went back too
            logger.warning("reminder to %s not sent: %s", reminder.user.email, error)
            outcome.failed.append((reminder, str(error)))
        else:
            outcome.sent.append(reminder)
    return outcome


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives:
    """The e-mail, in its recipient's language: plain text, and the same in HTML."""
    return automatic_message(
        reminder.user,
        templates="grants/email/reminder",
        write=lambda: (_subject(reminder), _context(reminder)),
    )


def _subject(reminder: Reminder) -> str:
    deadline = reminder.deadline
    values = {
        "count": reminder.days,
        "step": deadline.step_label,
        "call": deadline.opportunity.title,
    }
    if deadline.task is not None:
        return ngettext(
            "Task « %(task)s » due in %(count)d day: %(call)s",
            "Task « %(task)s » due in %(count)d days: %(call)s",
            reminder.days,
        ) % {**values, "task": deadline.task.title}
    return (
        ngettext(
            "%(step)s in %(count)d day: %(call)s",
            "%(step)s in %(count)d days: %(call)s",
            reminder.days,
        )
        % values
    )


def _context(reminder: Reminder) -> dict:
    deadline = reminder.deadline
    site = settings.REMIX_SITE_URL
    return {
        "name": reminder.user.public_name,
        "days": reminder.days,
        "step": deadline.step_label,
        "when": when_text(deadline),
        "call": deadline.opportunity.title,
        "funder": deadline.opportunity.funder.name,
        "task": deadline.task.title if deadline.task is not None else "",
        "applications": [
            {
                "fund": application.fund.label,
                "stage": application.get_stage_display(),
                "url": site + reverse("grants:application", kwargs={"pk": application.pk}),
            }
            for application in reminder.applications
        ],
        "opportunity_url": site
        + reverse("grants:opportunity", kwargs={"slug": deadline.opportunity.slug}),
        "calendar_url": site + reverse("grants:calendar"),
    }
