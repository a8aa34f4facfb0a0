"""The catalogue's history made public: revisions and their diffs, reverts, and the reasoned
moderation log."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.catalogue.forms.history import ModerationForm, RevertForm
from remix.catalogue.models import Commons, Document, ModerationAction, Revision
from remix.catalogue.selectors.commons import commons_for
from remix.catalogue.selectors.documents import documents_for
from remix.catalogue.selectors.history import moderation_log, revision_read, revisions_of
from remix.catalogue.services import moderation as moderation_services
from remix.catalogue.services.revisions import commons_revert, document_revert
from remix.charter.selectors import charter_articles, charter_in_force
from remix.core.diff import snapshot_diff
from remix.core.forms import service_errors_show
from remix.core.permissions import can_contribute, can_edit_network, role_required

PER_PAGE = 50


@dataclass(frozen=True)
class Subject:
    """What differs between a document's history pages and a commons'."""

    kind: str  # the URL names' prefix: "document" or "commons"
    model: type[models.Model]
    objects_for: Callable  # what a person may open: editors see hidden ones too
    revert: Callable
    section: str  # the catalogue's navigation

    def get(self, request, slug: str):
        return get_object_or_404(self.objects_for(request.user), slug=slug)

    def title(self, subject) -> str:
        return subject.title if isinstance(subject, Document) else subject.label

    def urls(self, subject) -> dict:
        return {
            "subject_url": subject.get_absolute_url() if not subject.hidden else "",
            "revisions_url": reverse(f"catalogue:{self.kind}_revisions", args=[subject.slug]),
            "moderate_url": reverse(f"catalogue:{self.kind}_moderate", args=[subject.slug]),
            "revision_name": f"catalogue:{self.kind}_revision",
        }


DOCUMENT = Subject("document", Document, documents_for, document_revert, "home")
COMMONS = Subject("commons", Commons, commons_for, commons_revert, "commons")


def _context(request, spec: Subject, subject) -> dict:
    return {
        "subject": subject,
        "subject_title": spec.title(subject),
        "kind": spec.kind,
        "section": spec.section,
        "can_contribute": can_contribute(request.user),
        "can_moderate": can_edit_network(request.user),
        **spec.urls(subject),
    }


# -- revisions ----------------------------------------------------------------------------------


def revisions(request, spec: Subject, slug: str):
    subject = spec.get(request, slug)
    page = Paginator(revisions_of(subject), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "catalogue/revisions.html", {**_context(request, spec, subject), "page": page}
    )


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def _shown(field, value) -> str:
    """A snapshot's value as a reader reads it: choices by their label, dates and numbers per
    locale."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    try:
        if isinstance(field, models.DateField):
            return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if isinstance(field, models.DecimalField):
            return number_format(Decimal(value))
    except (TypeError, ValueError, ArithmeticError):
        pass  # an odd value in an old snapshot is shown as it was kept
    return str(value)


def change_rows(model, before: dict | None, after: dict) -> list[dict]:
    """The diff of two snapshots, labelled in the reader's language."""
    rows = []
    fields = [field.name for field in model._meta.get_fields()]
    languages = [code for code, _name in settings.LANGUAGES]
    for change in snapshot_diff(before, after, fields=fields, languages=languages):
        try:
            field = model._meta.get_field(change.name)
        except FieldDoesNotExist:
            field, label = models.Field(), change.name
        else:
            label = capfirst(field.verbose_name)
        rows.append(
            {
                "label": label,
                "language": _language_name(change.language) if change.language else "",
                "language_code": change.language,
                "before": _shown(field, change.before),
                "after": _shown(field, change.after),
                "lines": change.lines,
            }
        )
    return rows


def _revision_page(request, spec: Subject, subject, number: int, form=None):
    try:
        read = revision_read(subject, number)
    except Revision.DoesNotExist:
        raise Http404 from None
    revision, previous, latest = read.revision, read.previous, read.latest
    rows = change_rows(spec.model, previous.data if previous else None, revision.data)
    return render(
        request,
        "catalogue/revision.html",
        {
            **_context(request, spec, subject),
            "revision": revision,
            "previous": previous,
            "is_latest": revision.number == latest,
            "next_number": revision.number + 1 if revision.number != latest else None,
            "simple_rows": [row for row in rows if not row["lines"]],
            "line_rows": [row for row in rows if row["lines"]],
            "revert_form": form or RevertForm(),
            "revert_url": reverse(
                f"catalogue:{spec.kind}_revert", args=[subject.slug, revision.number]
            ),
        },
    )


def revision(request, spec: Subject, slug: str, number: int):
    return _revision_page(request, spec, spec.get(request, slug), number)


@role_required(can_contribute)
@require_POST
def revert(request, spec: Subject, slug: str, number: int):
    subject = spec.get(request, slug)
    get_object_or_404(subject.revisions, number=number)
    form = RevertForm(request.POST)
    if form.is_valid():
        try:
            spec.revert(
                **{spec.kind: subject},
                author=request.user,
                number=number,
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            service_errors_show(form, error)
        else:
            messages.success(
                request,
                _("Revision %(number)d is current again, as a new revision.") % {"number": number},
            )
            subject.refresh_from_db()
            if subject.hidden:
                return redirect(f"catalogue:{spec.kind}_revisions", slug=subject.slug)
            return redirect(subject)
    return _revision_page(request, spec, subject, number, form=form)


# -- moderation ---------------------------------------------------------------------------------


@role_required(can_edit_network)
def moderate(request, spec: Subject, slug: str):
    subject = get_object_or_404(spec.model, slug=slug)
    action = ModerationAction.RESTORE if subject.hidden else ModerationAction.HIDE
    charter = charter_in_force(language=get_language())
    form = ModerationForm(
        request.POST or None, initial={"action": action}, articles=charter_articles(charter)
    )
    if request.method == "POST" and form.is_valid():
        hide = form.cleaned_data["action"] == ModerationAction.HIDE
        try:
            moderation_services.moderate(
                subject=subject,
                moderator=request.user,
                hide=hide,
                reason=form.cleaned_data["reason"],
                charter=charter,
                article=form.cleaned_data.get("article", ""),
            )
        except ValidationError as error:
            service_errors_show(form, error)
        else:
            title = spec.title(subject)
            if hide:
                messages.success(
                    request,
                    _("“%(title)s” is hidden; the reason is in the public log.") % {"title": title},
                )
                return redirect("catalogue:moderation")
            messages.success(request, _("“%(title)s” is shown again.") % {"title": title})
            return redirect(subject)
    return render(
        request,
        "catalogue/moderate_form.html",
        {
            **_context(request, spec, subject),
            "form": form,
            "hide": action == ModerationAction.HIDE,
            "charter": charter,
        },
    )


def moderation(request):
    page = Paginator(moderation_log(), PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for event in page:
        subject = event.subject
        is_document = event.document_id is not None
        rows.append(
            {
                "event": event,
                "what": subject.title if is_document else subject.label,
                "kind": _("document") if is_document else _("commons"),
                "url": "" if subject.hidden else subject.get_absolute_url(),
                "language": subject.language if is_document else "",
            }
        )
    return render(request, "catalogue/moderation.html", {"page": page, "rows": rows})


urlpatterns = [
    path(
        "documents/<slug:slug>/revisions/", revisions, {"spec": DOCUMENT}, name="document_revisions"
    ),
    path(
        "documents/<slug:slug>/revisions/<int:number>/",
        revision,
        {"spec": DOCUMENT},
        name="document_revision",
    ),
    path(
        "documents/<slug:slug>/revisions/<int:number>/revert/",
        revert,
        {"spec": DOCUMENT},
        name="document_revert",
    ),
    path("documents/<slug:slug>/moderate/", moderate, {"spec": DOCUMENT}, name="document_moderate"),
    path("commons/<slug:slug>/revisions/", revisions, {"spec": COMMONS}, name="commons_revisions"),
    path(
        "commons/<slug:slug>/revisions/<int:number>/",
        revision,
        {"spec": COMMONS},
        name="commons_revision",
    ),
    path(
        "commons/<slug:slug>/revisions/<int:number>/revert/",
        revert,
        {"spec": COMMONS},
        name="commons_revert",
    ),
    path("commons/<slug:slug>/moderate/", moderate, {"spec": COMMONS}, name="commons_moderate"),
    path("moderation/", moderation, name="moderation"),
]
