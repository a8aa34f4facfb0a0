"""Revenue sharing pages: the rules (public, in words, every version), the dry run anyone may ask
for, and the treasurer's distribution."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import can_distribute_revenue, can_keep_books, require
from remix.sharing import rules, selectors, services, words
from remix.sharing.forms import DistributionForm, DryRunForm

# The distribution's fields are named apart from the dry run's, both forms being on one page.
DISTRIBUTE = "d"


def rule_list(request):
    found = []
    for rule in selectors.rule_list():
        version = selectors.rule_current(rule)
        found.append((rule, version, words.rule_words(version.bucket_list)))
    return render(request, "sharing/rules.html", {"rules": found})


def rule_detail(request, slug):
    rule = get_object_or_404(selectors.rule_list(), slug=slug)
    version = selectors.rule_current(rule)
    asked = DryRunForm(request.GET or None, commodity=rule.commodity)
    return _rule_page(request, rule, version, asked, distribute_form=None)


def _rule_page(request, rule, version, asked, *, distribute_form):
    run, refusal = None, ""
    if asked.is_bound and asked.is_valid():
        run, refusal = _dry_run(rule, version, asked.cleaned_data)
    may_distribute = can_distribute_revenue(request.user)
    if may_distribute and distribute_form is None:
        first, last = selectors.default_period(timezone.localdate())
        distribute_form = DistributionForm(
            prefix=DISTRIBUTE,
            initial={"date": last, "start": first, "end": last},
            commodity=rule.commodity,
            incomes=selectors.incomes_unshared(rule.fund),
        )
    context = {
        "rule": rule,
        "version": version,
        "said": words.rule_words(version.bucket_list),
        "versions": [(old, words.rule_words(old.bucket_list)) for old in rule.versions.all()[1:]],
        "asked": asked,
        "run": run,
        "parts": _parts_shown(run, names_shown=can_keep_books(request.user)) if run else [],
        "refusal": refusal,
        "distributions": selectors.distribution_list(rule=rule)[:20],
        "names_shown": can_keep_books(request.user),
        "distribute_form": distribute_form if may_distribute else None,
    }
    return render(request, "sharing/rule.html", context)


def _dry_run(rule, version, data):
    first, last = selectors.default_period(timezone.localdate())
    scope = selectors.Scope(
        rule.fund, data.get("start") or first, data.get("end") or last, rule.commodity
    )
    try:
        return selectors.dry_run(version=version, amount=data["amount"], scope=scope), ""
    except rules.SharingError as error:
        return None, _(str(error))


def _parts_shown(run, *, names_shown: bool) -> list[dict]:
    """Each part as the page shows it: who, by which bucket, the value counted and the amount."""
    named = words.recipients_named(run.version.bucket_list)
    shown = []
    for part in run.parts:
        row = {"amount": part.amount, "bucket": part.bucket, "value": None}
        if part.contributor is not None:
            visible = names_shown or part.contributor.public
            row["name"] = part.contributor.name if visible else _("A contributor")
            row["value"] = part.contributor.value
            row["hours"] = part.contributor.detail.get("hours", 0)
        elif part.recipient == rules.KEPT:
            row["name"] = _("stays in %(fund)s") % {"fund": run.scope.fund.label}
        else:
            row["name"] = named.get((part.recipient, part.target), "?")
        shown.append(row)
    return shown


@require_POST
def distribute(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("sharing:rule", args=[slug]))
    require(can_distribute_revenue, request.user)
    rule = get_object_or_404(selectors.rule_list(), slug=slug)
    version = selectors.rule_current(rule)
    form = DistributionForm(
        request.POST,
        prefix=DISTRIBUTE,
        commodity=rule.commodity,
        incomes=selectors.incomes_unshared(rule.fund),
    )

    def write():
        data = form.cleaned_data
        first, last = selectors.default_period(timezone.localdate())
        return services.distribution_record(
            version=version,
            amount=data["amount"],
            date=data["date"],
            period=(data.get("start") or first, data.get("end") or last),
            income=data.get("income"),
            recorder=request.user,
        )

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The distribution is posted to the books."))
        return redirect(reverse("sharing:rule", args=[slug]) + f"#distribution-{made.pk}")
    asked = DryRunForm(None, commodity=rule.commodity)
    return _rule_page(request, rule, version, asked, distribute_form=form)


@require_POST
def distribution_reverse(request, pk):
    """A treasurer undoes a distribution, saying why; the page shows it reversed."""
    made = get_object_or_404(selectors.distribution_list(), pk=pk)
    back = reverse("sharing:rule", args=[made.version.rule.slug]) + f"#distribution-{made.pk}"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    require(can_distribute_revenue, request.user)
    try:
        services.distribution_reverse(
            distribution=made, reason=request.POST.get("reason", ""), recorder=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The distribution is reversed in the books."))
    return redirect(back)
