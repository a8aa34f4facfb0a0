"""What the books' API reads from a request, refused in the reader's language: a fund, a period,
a counterparty, postings; and a refused write as one answer.

A bad parameter is the 422 of any bad parameter (``remix.api.common.refused``); a write a rule
refuses is a 422 whose message joins its reasons (``refusals``).
"""

import functools

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja.responses import Status

from remix.allies.models import Actor
from remix.api.common import actor_by_slug, fund_by_slug, refused
from remix.api.errors import error_body
from remix.core.dates import date_in_window, date_window
from remix.ledger import maths, selectors
from remix.ledger.api.schemas import PostingIn
from remix.ledger.models import Account, Fund
from remix.ledger.services.checks import Leg, legs_read

# --- answers -------------------------------------------------------------------------------------


def _refusal(error: DjangoValidationError) -> Status:
    """A refused write as 422, its reasons in ``fields`` and, joined, in ``message`` too: a
    client that shows one line shows which commodity and which fund do not balance."""
    if hasattr(error, "error_dict"):
        items = [
            ("" if name == NON_FIELD_ERRORS else name, item)
            for name, errors in error.error_dict.items()
            for item in errors
        ]
    else:
        items = [("", item) for item in error.error_list]
    fields = [
        {"field": name, "code": item.code or "invalid", "reason": " ".join(item.messages)}
        for name, item in items
    ]
    message = " ".join(field["reason"] for field in fields) or _("The request is not valid.")
    return Status(422, error_body("validation_error", message, fields))


def refusals(view):
    """Turn a service's ValidationError into the 422 above (the view's signature is kept)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DjangoValidationError as error:
            return _refusal(error)

    return wrapped


def conflict(message: str) -> Status:
    return Status(409, error_body("conflict", message))


# --- parameters ----------------------------------------------------------------------------------


def fund_param(slug: str) -> Fund | None:
    """``all`` or nothing means every fund (consolidated); an unknown slug is a bad request."""
    if slug in ("", "all"):
        return None
    return fund_by_slug(slug)


def period_param(text: str) -> maths.Period:
    try:
        period = maths.period_parse(text)
    except ValueError:
        raise refused(
            "period",
            _("%(text)s is not a period: write 2026, 2026-Q3 or 2026-10.") % {"text": text},
        ) from None
    if not (date_in_window(period.start) and date_in_window(period.end)):
        first, last = date_window()
        raise refused(
            "period",
            _("%(value)s is outside the years the books show (%(first)s – %(last)s).")
            % {"value": text, "first": first.year, "last": last.year},
        )
    return period


def counterparty_param(slug: str | None) -> Actor | None:
    if not slug:
        return None
    return actor_by_slug(slug, "counterparty")


def legs_param(postings: list[PostingIn]) -> list[Leg]:
    """Postings as the service takes them; every unknown account or fund said at once."""
    accounts = Account.objects.in_bulk({p.account for p in postings}, field_name="code")
    funds = Fund.objects.in_bulk({p.fund for p in postings if p.fund}, field_name="slug")
    platform = selectors.platform_fund() if any(not p.fund for p in postings) else None
    errors = {}
    for index, posting in enumerate(postings):
        if posting.account not in accounts:
            errors[f"postings.{index}.account"] = _("Unknown account: %(code)s.") % {
                "code": posting.account
            }
        if posting.fund and posting.fund not in funds:
            errors[f"postings.{index}.fund"] = _("Unknown fund: %(slug)s.") % {"slug": posting.fund}
    if errors:
        raise DjangoValidationError(errors)
    return legs_read(
        {
            "account": accounts[p.account],
            "fund": funds[p.fund] if p.fund else platform,
            "amount": p.amount,
            "commodity": p.commodity,
            "memo": p.memo,
        }
        for p in postings
    )
