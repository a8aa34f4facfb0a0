"""The treasury's list of money that found no pledge, and the forms that record it by hand.

Each row or notice has two small forms, each posted to its own address: the pledge it pays (its
reference, as the giver wrote it or as the treasurer finds it), or a gift without a pledge (the
fund, who gave, how it is shown). They work without JavaScript and answer with the treasury page
again, the row gone and a message saying what was recorded or why not.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.contributions.forms.unmatched import UnmatchedGiftForm
from remix.contributions.selectors import unmatched as selectors
from remix.contributions.selectors.pledges import pledge_by_reference
from remix.contributions.services import Giver
from remix.contributions.services import unmatched as services
from remix.core.formats import format_money
from remix.core.permissions import can_keep_books, role_required
from remix.ledger import selectors as ledger


def _funds():
    return ledger.fund_list(active_only=True)


def unmatched_context() -> dict:
    """What the treasury page shows of the money left unmatched, and the choices of the form
    that records one as a gift (the funds read once for every row)."""
    form = UnmatchedGiftForm(funds=_funds())
    return {
        "bank_rows_unmatched": selectors.bank_rows_unmatched(),
        "bank_rows_unmatched_count": selectors.bank_rows_unmatched_all().count(),
        "notices_unmatched": selectors.payment_notices_unmatched(),
        "notices_unmatched_count": selectors.payment_notices_unmatched_all().count(),
        "unmatched_funds": list(form.fields["fund"].queryset),
        "unmatched_visibilities": form.fields["visibility"].choices,
        "unmatched_visibility": form.fields["visibility"].initial,
    }


def _pledge_asked(request) -> dict | None:
    """The pledge the money pays, or None once the refusal is said."""
    reference = request.POST.get("reference", "").strip()
    pledge = pledge_by_reference(reference) if reference else None
    if pledge is None:
        messages.error(
            request,
            _("No pledge has the reference “%(reference)s”.") % {"reference": reference}
            if reference
            else _("Give the reference of the pledge this money pays."),
        )
        return None
    return {"pledge": pledge}


def _gift_asked(request) -> dict | None:
    """The fund, the giver and how the gift is shown, or None once the refusal is said."""
    form = UnmatchedGiftForm(request.POST, funds=_funds())
    if not form.is_valid():
        messages.error(request, " ".join(form.refusals()))
        return None
    data = form.cleaned_data
    return {
        "fund": data["fund"],
        "giver": Giver(name=data["name"]),
        "visibility": data["visibility"],
    }


def _by_hand_view(find, asked, record, found_as: str):
    """A treasurer's POST to record the row or notice ``find(pk)`` by hand: ``record`` (a
    service, given it as ``found_as``) writes what ``asked`` read of the form; the treasury
    page again, with what was recorded or why not."""

    @require_POST
    @role_required(can_keep_books)
    def view(request, pk: int):
        found = find(pk)
        if found is None:
            raise Http404
        chosen = asked(request)
        if chosen is not None:
            try:
                gift = record(**{found_as: found}, **chosen, recorder=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _recorded(gift))
        return redirect(reverse("contributions:treasury") + "#unmatched-title")

    return view


def _recorded(gift) -> str:
    return _("%(amount)s recorded as a gift of %(name)s to %(fund)s.") % {
        "amount": format_money(gift.amount_minor, gift.commodity),
        "name": gift.name,
        "fund": gift.fund.named,
    }


row_of, notice_of = selectors.bank_row_unmatched_of, selectors.payment_notice_of
bank_row_match = _by_hand_view(row_of, _pledge_asked, services.bank_row_match, "row")
notice_match = _by_hand_view(notice_of, _pledge_asked, services.payment_notice_match, "notice")
bank_row_give = _by_hand_view(row_of, _gift_asked, services.bank_row_give, "row")
notice_give = _by_hand_view(notice_of, _gift_asked, services.payment_notice_give, "notice")


urlpatterns = [
    path("treasury/bank-rows/<int:pk>/match/", bank_row_match, name="bank_row_match"),
    path("treasury/notices/<int:pk>/match/", notice_match, name="notice_match"),
    path("treasury/bank-rows/<int:pk>/give/", bank_row_give, name="bank_row_give"),
    path("treasury/notices/<int:pk>/give/", notice_give, name="notice_give"),
]
