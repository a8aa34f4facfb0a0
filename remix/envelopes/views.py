"""The contributive budget's pages: the envelopes, and one envelope with its public requests,
their threads and versions, the form to ask, the treasurer's freezing and closing. Every form
posts to its own address and the page is shown again with the refusal on its fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.amounts import amount_positive
from remix.core.forms import form_written
from remix.core.money import from_minor, to_minor
from remix.core.permissions import (
    can_envelope_close,
    can_envelope_comment,
    can_envelope_open,
    can_envelope_request,
    can_request_amend,
    role_required,
)
from remix.envelopes import selectors, services
from remix.envelopes.forms import CloseForm, CommentForm, EnvelopeForm, RequestForm
from remix.envelopes.models import Request, Rule, Status


def envelope_list(request):
    context = {
        "envelopes": [
            (envelope, selectors.envelope_subscription(envelope))
            for envelope in selectors.envelopes_list()
        ],
        "may_open": can_envelope_open(request.user),
    }
    return render(request, "envelopes/list.html", context)


@role_required(can_envelope_open)
def envelope_new(request):
    form = EnvelopeForm(request.POST or None)

    def write():
        data = dict(form.cleaned_data)
        money = data["fund"].reporting_currency
        for field in ("amount", "day_min", "day_max"):
            data[f"{field}_minor"] = amount_positive(data.pop(field), money, field=field)[0]
        return services.envelope_open(**data, commodity=money, recorder=request.user)

    envelope = form_written(request, form, write)
    if envelope is not None:
        messages.success(request, _("The envelope is open to requests."))
        return redirect("envelopes:envelope", pk=envelope.pk)
    return render(request, "envelopes/new.html", {"form": form})


def _page(request, envelope, *, ask=None, amend=None, amending=None, comment=None, close=None):
    """The envelope's page, with the forms the reader may use (a refused one bound again)."""
    user = request.user
    requests = list(envelope.requests.all())
    mine = next((r for r in requests if user.is_authenticated and r.requester_id == user.pk), None)
    is_open = envelope.status == Status.OPEN
    if mine and is_open and amend is None:
        amend = RequestForm(
            initial={
                "what": mine.what,
                "days": mine.days,
                "amount": from_minor(mine.asked_minor, envelope.commodity),
            }
        )
    context = {
        "envelope": envelope,
        "requests": requests,
        "subscription": selectors.envelope_subscription(envelope),
        "preview": selectors.envelope_preview(envelope) if envelope.status != Status.CLOSED else (),
        "mine": mine,
        "ask_form": ask or (RequestForm() if is_open and not mine else None),
        "amend_form": amend if mine and is_open else None,
        "comment_form": comment or CommentForm(),
        "commented": amending,
        "may_ask": can_envelope_request(user) and is_open and not mine,
        "may_comment": can_envelope_comment(user) and envelope.status != Status.CLOSED,
        "may_close": can_envelope_close(user) and envelope.status != Status.CLOSED,
        "close_form": close or CloseForm(requests=requests, initial={"rule": Rule.PROPORTIONAL}),
    }
    return render(request, "envelopes/envelope.html", context)


def _envelope(pk):
    return get_object_or_404(selectors.envelope_detail(), pk=pk)


def envelope_detail(request, pk):
    return _page(request, _envelope(pk))


def _values(form, envelope) -> dict:
    data = form.cleaned_data
    return {
        "what": data["what"],
        "days": data["days"],
        "asked_minor": amount_positive(data["amount"], envelope.commodity)[0],
    }


@require_POST
@role_required(can_envelope_request)
def request_ask(request, pk):
    envelope = _envelope(pk)
    form = RequestForm(request.POST)

    def write():
        return services.request_ask(
            envelope=envelope, requester=request.user, **_values(form, envelope)
        )

    made = form_written(request, form, write)
    if made is None:
        return _page(request, envelope, ask=form)
    messages.success(request, _("Your request is public. Others may question it below."))
    return redirect(f"{reverse('envelopes:envelope', args=[pk])}#request-{made.pk}")


def _request(request_pk) -> Request:
    return get_object_or_404(Request.objects.select_related("envelope"), pk=request_pk)


@require_POST
@role_required(can_envelope_comment)
def request_amend(request, request_pk):
    found = _request(request_pk)
    if not can_request_amend(request.user, request=found):
        raise PermissionDenied
    envelope = found.envelope
    form = RequestForm(request.POST)

    def write():
        return services.request_amend(
            request=found, recorder=request.user, **_values(form, envelope)
        )

    if form_written(request, form, write) is None:
        return _page(request, _envelope(envelope.pk), amend=form)
    messages.success(request, _("Your request is amended; its earlier versions stay visible."))
    return redirect(f"{reverse('envelopes:envelope', args=[envelope.pk])}#request-{found.pk}")


@require_POST
@role_required(can_envelope_comment)
def comment_write(request, request_pk):
    found = _request(request_pk)
    form = CommentForm(request.POST)

    def write():
        return services.comment_write(
            request=found, body=form.cleaned_data["body"], author=request.user
        )

    if form_written(request, form, write) is None:
        return _page(request, _envelope(found.envelope_id), comment=form, amending=found.pk)
    return redirect(f"{reverse('envelopes:envelope', args=[found.envelope_id])}#thread-{found.pk}")


@require_POST
@role_required(can_envelope_close)
def envelope_freeze(request, pk):
    envelope = _envelope(pk)
    try:
        services.envelope_freeze(envelope=envelope, recorder=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The requests are frozen for the closing."))
    return redirect("envelopes:envelope", pk=pk)


@require_POST
@role_required(can_envelope_close)
def envelope_close(request, pk):
    envelope = _envelope(pk)
    form = CloseForm(request.POST, requests=envelope.requests.all())

    def write():
        rule = form.cleaned_data["rule"]
        agreed = None
        if rule == Rule.AGREED:
            agreed = {
                key: to_minor(value, envelope.commodity) for key, value in form.agreed().items()
            }
        return services.envelope_close(
            envelope=envelope, rule=rule, agreed=agreed, recorder=request.user
        )

    if form_written(request, form, write) is None:
        return _page(request, _envelope(pk), close=form)
    messages.success(request, _("The envelope is closed and its payouts are in the books."))
    return redirect("envelopes:envelope", pk=pk)
