"""The public open budget and the sustainability dashboard, each with its JSON and CSV twins.

Views parse the fund and the period, make one report through the selectors, and render; what
the page shows, its ``.json`` and its ``.csv`` say the same. No login anywhere here.
"""

import csv
import io
from urllib.parse import urlencode

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.core.dates import date_in_window, date_window
from remix.core.pagecache import page_cached
from remix.ledger import hooks, maths, openbudget, sustainability_json
from remix.ledger.models import Fund
from remix.ledger.selectors.headline import money_headline
from remix.ledger.selectors.sustainability_report import sustainability
from remix.ledger.templatetags.ledger import period_label

PAGE_SIZE = 25  # transactions on the page
JSON_PAGE_SIZE = 200  # transactions in one page of the JSON twin


class BudgetQueryForm(forms.Form):
    """Which fund and which period: ``?fund=slug|all&period=2026|2026-Q3|2026-10``."""

    fund = forms.ChoiceField(label=gettext_lazy("Fund"), required=False)
    period = forms.CharField(
        label=gettext_lazy("Period"),
        required=False,
        widget=forms.Select,
        help_text=gettext_lazy("A year, a quarter or a month."),
    )

    def __init__(self, data, *, today):
        super().__init__(data)
        self.today = today
        funds = list(Fund.objects.all())
        self.platform = next((fund for fund in funds if fund.is_platform), None)
        self.funds = {fund.slug: fund for fund in funds}
        self.fields["fund"].choices = [
            *[
                (fund.slug, fund.label)
                for fund in sorted(funds, key=lambda fund: (not fund.is_platform, fund.label))
            ],
            (openbudget.ALL_FUNDS, _("All funds together")),
        ]
        self.fields["fund"].error_messages["invalid_choice"] = _(
            "There is no fund called “%(value)s”."
        )
        choices = []
        for year in openbudget.years_with_books(today):
            first = maths.period_parse(str(year))
            periods = [first]
            periods += [maths.period_parse(f"{year}-Q{quarter}") for quarter in range(1, 5)]
            periods += [maths.period_parse(f"{year}-{month:02d}") for month in range(1, 13)]
            choices.append((str(year), [(p.name, period_label(p)) for p in periods]))
        wanted = (data.get("period") or "").strip()
        known = {name for _year, group in choices for name, _label in group}
        if wanted and wanted not in known:
            try:
                extra = maths.period_parse(wanted)
            except ValueError:
                pass
            else:
                if date_in_window(extra.start):
                    choices.append((str(extra.start.year), [(extra.name, period_label(extra))]))
        self.fields["period"].widget.choices = choices

    def clean_fund(self) -> Fund | None:
        slug = self.cleaned_data.get("fund") or (self.platform.slug if self.platform else "")
        if slug == openbudget.ALL_FUNDS:
            return None
        if slug not in self.funds:
            raise forms.ValidationError(_("There is no fund called “%(value)s”.") % {"value": slug})
        return self.funds[slug]

    def clean_period(self) -> maths.Period:
        text = (self.cleaned_data.get("period") or "").strip()
        if not text:
            return maths.period_of("year", self.today)
        try:
            period = maths.period_parse(text)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a period: give a year (2026), a quarter (2026-Q3) "
                    "or a month (2026-10)."
                )
                % {"value": text[:20]}
            ) from None
        first, last = date_window(self.today)
        if not (first <= period.start and period.end <= last):
            raise forms.ValidationError(
                _("%(value)s is outside the years the books show (%(first)s – %(last)s).")
                % {"value": text[:20], "first": first.year, "last": last.year}
            )
        return period


def _query(request):
    form = BudgetQueryForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return form, None, None
    fund, period = form.cleaned_data["fund"], form.cleaned_data["period"]
    return form, fund, period


def _query_string(fund: Fund | None, period: maths.Period, **extra) -> str:
    return urlencode({"fund": openbudget.fund_key(fund), "period": period.name, **extra})


def _refused(request, form, template: str):
    """A bad fund or period: the page says what is wrong beside the form, the twin in JSON;
    both answer 400."""
    if template:
        return render(request, template, {"form": form, "report": None}, status=400)
    return JsonResponse(
        {
            "error": {
                "code": "invalid",
                "message": " ".join(str(m) for errors in form.errors.values() for m in errors),
                "fields": sorted(form.errors),
            }
        },
        status=400,
    )


def _reports(fund, period):
    """The report of the fund chosen; for all funds together, the funds side by side too.

    Side by side takes the consolidated report, which reads every fund's postings: a single
    fund's page links to it rather than paying for it on every visit."""
    report = sustainability(fund=fund, period=period)
    funds = openbudget.funds_table(consolidated=report) if fund is None else []
    return report, funds


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})


def _csv(rows, columns: list[str], filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so that a spreadsheet opens accents right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(stem: str, fund, period, extension: str) -> str:
    return f"{stem}-{openbudget.fund_key(fund)}-{period.name}.{extension}"


# --- the open budget -----------------------------------------------------------------------------


@page_cached("books", "allies")
def budget(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "ledger/budget.html")
    report, funds = _reports(fund, period)
    number = _page_number(request)
    transactions, has_next = openbudget.transactions_page(
        fund=fund, period=period, number=number, size=PAGE_SIZE
    )
    natures = openbudget.nature_rows(report)
    return render(
        request,
        "ledger/budget.html",
        {
            "form": form,
            "fund": fund,
            "period": period,
            "report": report,
            "figures": report.figures(),
            "headline": money_headline(fund=fund, period=period),
            "transfers_share": maths.ratio(report.transfers_in, report.resources_total),
            "figure_labels": openbudget.figure_labels(),
            "monetary_natures": [row for row in natures if not row["non_monetary"]],
            "valued_natures": [row for row in natures if row["non_monetary"]],
            "hourly_rates": openbudget.hourly_rates(report),
            "hours_valued": report.by_nature.get("community_time", 0),
            "sources": report.sources[: openbudget.TOP_SOURCES],
            "sources_more": report.sources[openbudget.TOP_SOURCES :],
            "sources_more_total": sum(
                source["amount"] for source in report.sources[openbudget.TOP_SOURCES :]
            ),
            "hours_unvalued": any(
                rate["commodity"] == "HOUR" for rate in report.rates.get("missing", [])
            ),
            "categories": openbudget.category_rows(report),
            "spending_total": sum(report.spending_by_category.values()),
            "funds": funds,
            "fund_list": form.fields["fund"].choices[:-1],
            "transactions": openbudget.transaction_rows(transactions, fund),
            "page_number": number,
            "has_next": has_next,
            "query": _query_string(fund, period),
            "previous": _query_string(fund, period.previous()),
            "next": _query_string(fund, _next(period)),
            "previous_period": period.previous(),
            "next_period": _next(period),
        },
    )


def _next(period: maths.Period) -> maths.Period:
    return maths.period_of(period.kind, maths.add_months(period.start, period.months))


def budget_json(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, funds = _reports(fund, period)
    return _json(sustainability_json.budget_record(report, funds))


def budget_csv(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, funds = _reports(fund, period)
    rows = openbudget.summary_rows(openbudget.summary_record(report, funds))
    return _csv(rows, openbudget.SUMMARY_COLUMNS, _filename("budget", fund, period, "csv"))


def transactions_json(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    count = openbudget.transactions_count(fund=fund, period=period)
    pages = max(-(-count // JSON_PAGE_SIZE), 1)
    number = min(_page_number(request), pages)
    transactions, has_next = openbudget.transactions_page(
        fund=fund, period=period, number=number, size=JSON_PAGE_SIZE
    )
    base = reverse("ledger:budget_transactions_json")

    def link(page):
        return f"{base}?{_query_string(fund, period, page=page)}"

    return _json(
        {
            "fund": openbudget.fund_key(fund),
            "period": period.name,
            "count": count,
            "page": number,
            "pages": pages,
            "next": link(number + 1) if has_next else None,
            "previous": link(number - 1) if number > 1 else None,
            "transactions": openbudget.transaction_records(
                openbudget.transaction_rows(transactions, fund)
            ),
        }
    )


class _Echo:
    def write(self, value):
        return value


def transactions_csv(request):
    """Every posted transaction of the period, one line per posting shown, streamed."""
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    transactions = openbudget.transactions_listed(fund=fund, period=period)

    def lines():
        writer = csv.writer(_Echo(), lineterminator="\r\n")
        yield "\ufeff" + writer.writerow(openbudget.TRANSACTION_COLUMNS)
        chunk = []
        for transaction in transactions.iterator(chunk_size=500):
            chunk.append(transaction)
            if len(chunk) == 500:
                yield from _csv_chunk(writer, chunk, fund)
                chunk = []
        yield from _csv_chunk(writer, chunk, fund)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = _filename("transactions", fund, period, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_chunk(writer, chunk, fund):
    for row in openbudget.transaction_csv_rows(openbudget.transaction_rows(chunk, fund)):
        yield writer.writerow(row)


# --- the dashboard -------------------------------------------------------------------------------


def _dashboard_data(fund, period):
    report = sustainability(fund=fund, period=period)
    detail = openbudget.resource_detail(report=report)
    months = openbudget.month_rows(report, detail)
    return report, detail, months


def dashboard(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "ledger/dashboard.html")
    report, detail, months = _dashboard_data(fund, period)
    natures = list(report.by_nature)
    layout = openbudget.flows(report, detail)
    grants_share = beside = None
    if fund is not None and fund.is_platform:  # the grants' share of the platform's needs
        grants_share = hooks.grants_share(year=period.start.year)
        # The mediation projects beside the platform's budget, never inside it.
        beside = openbudget.projects_beside(period=period)
    return render(
        request,
        "ledger/dashboard.html",
        {
            "form": form,
            "fund": fund,
            "period": period,
            "report": report,
            "figures": report.figures(),
            "headline": money_headline(fund=fund, period=period),
            "months": months,
            "natures": natures,
            "charts": openbudget.month_charts(months, natures),
            "needs_css": ["bar-monetary", "bar-valued"],
            "needs_labels": [_("monetary resources"), _("valued time and in-kind")],
            "nature_css": [f"nature-{nature}" for nature in natures],
            "nature_labels": [openbudget.nature_label(nature) for nature in natures],
            "sankey": layout,
            "sankey_headings": [_("Sources"), _("Natures"), _("Funds"), _("Uses")],
            "sankey_table": openbudget.flow_table(layout),
            "query": _query_string(fund, period),
            "grants_share": grants_share,
            "beside": beside,
            "consolidated_query": _query_string(None, period),
        },
    )


def months_json(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, _detail, months = _dashboard_data(fund, period)
    return _json(
        {
            "fund": openbudget.fund_key(fund),
            "period": period.name,
            "currency": report.currency,
            "months": openbudget.month_records(report, months),
        }
    )


def months_csv(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, _detail, months = _dashboard_data(fund, period)
    natures = list(report.by_nature)
    columns = [
        "month",
        "needs",
        "resources_monetary",
        "resources_valued",
        "spending",
        "coverage",
        *[f"nature_{nature}" for nature in natures],
        "currency",
    ]
    rows = [
        [
            *[
                record[key]
                for key in (
                    "month",
                    "needs",
                    "resources_monetary",
                    "resources_valued",
                    "spending",
                )
            ],
            record["coverage"] or "",
            *[record["by_nature"][nature] for nature in natures],
            report.currency,
        ]
        for record in openbudget.month_records(report, months)
    ]
    return _csv(rows, columns, _filename("months", fund, period, "csv"))


def flows_json(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, detail, _months = _dashboard_data(fund, period)
    layout = openbudget.flows(report, detail)
    return _json(
        {
            "fund": openbudget.fund_key(fund),
            "period": period.name,
            "currency": report.currency,
            "flows": openbudget.flow_records(layout, report.currency),
        }
    )


def flows_csv(request):
    form, fund, period = _query(request)
    if period is None:
        return _refused(request, form, "")
    report, detail, _months = _dashboard_data(fund, period)
    layout = openbudget.flows(report, detail)
    records = openbudget.flow_records(layout, report.currency)
    columns = ["source", "source_label", "target", "target_label", "amount"]
    rows = [[record[key] for key in columns] + [report.currency] for record in records]
    return _csv(rows, [*columns, "currency"], _filename("flows", fund, period, "csv"))


urlpatterns = [
    path("", budget, name="budget"),
    path("summary.json", budget_json, name="budget_json"),
    path("summary.csv", budget_csv, name="budget_csv"),
    path("transactions.json", transactions_json, name="budget_transactions_json"),
    path("transactions.csv", transactions_csv, name="budget_transactions_csv"),
    path("dashboard/", dashboard, name="dashboard"),
    path("months.json", months_json, name="budget_months_json"),
    path("months.csv", months_csv, name="budget_months_csv"),
    path("flows.json", flows_json, name="budget_flows_json"),
    path("flows.csv", flows_csv, name="budget_flows_csv"),
]
