"""What the treasurer's pages share: who may open them, refusals beside their field, going back."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from remix.core.forms import service_errors_show
from remix.core.permissions import can_keep_books, role_required

books_view = role_required(can_keep_books)


def errors_to_form(form, error: ValidationError, *, default_field: str | None = None) -> list:
    """Put a service's refusal next to the field it names; return what belongs to postings (an
    account's type, fixed once created, is told beside its code)."""
    renames = {} if "type" in form.fields else {"type": "code"}
    aside = service_errors_show(
        form, error, renames=renames, default=default_field, aside=("postings",)
    )
    return aside.get("postings", [])


def back(request, fallback: str):
    """Back to the page that sent the form (``next``, on this site only), else to ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def tx_url(tx) -> str:
    return reverse("ledger:books_transaction", kwargs={"pk": tx.pk})
