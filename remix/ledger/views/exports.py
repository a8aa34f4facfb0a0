"""Downloads of the books for treasurers: transactions and reports as CSV or XLSX.

    books/exports/transactions/?fund=plateforme&period=2026-Q3&format=xlsx[&drafts=1]
    books/exports/reports/<trial-balance|income-statement|balance-sheet|sustainability|all>/
        ?fund=…&period=2026&on=2026-06-30&format=csv|xlsx

Without ``fund`` every fund together; ``period`` defaults to the current year and ``on`` to the
period's last day. ``all`` is a workbook with one sheet per report (XLSX only).
"""

import datetime
from dataclasses import dataclass

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from remix.core.dates import QueryError, date_in_window, date_window, query_date
from remix.core.permissions import can_keep_books, role_required
from remix.ledger import maths, spreadsheets
from remix.ledger.models import Fund

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


class BadQuery(ValueError):
    """A parameter that cannot be read: the message says which, in the reader's language."""


@dataclass(frozen=True)
class Query:
    fund: Fund | None
    period: maths.Period
    on: datetime.date
    format: str
    drafts: bool

    @property
    def scope(self) -> str:
        return self.fund.slug if self.fund is not None else "all-funds"


def _query(request) -> Query:
    params = request.GET
    slug = params.get("fund", "").strip()
    fund = None
    if slug:
        fund = Fund.objects.filter(slug=slug).first()
        if fund is None:
            raise Http404(_("No fund has the slug %(slug)s.") % {"slug": slug})
    try:
        period = maths.period_parse(params.get("period") or str(timezone.localdate().year))
    except ValueError:
        raise BadQuery(
            _("A period is a year, a quarter or a month: 2026, 2026-Q3, 2026-10.")
        ) from None
    if not (date_in_window(period.start) and date_in_window(period.end)):
        first, last = date_window()
        raise BadQuery(
            _("%(value)s is outside the years the books show (%(first)s – %(last)s).")
            % {"value": period.name, "first": first.year, "last": last.year}
        )
    on = query_date(params.get("on"), name="on") or period.end
    kind = params.get("format", "csv")
    if kind not in FORMATS:
        raise BadQuery(_("The format is csv or xlsx."))
    return Query(fund, period, on, kind, drafts=params.get("drafts") in {"1", "true", "on"})


def _refusing_bad_queries(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (BadQuery, QueryError) as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    return wrapped


def _download(sheets: list, query: Query, stem: str):
    filename = f"{stem}.{query.format}"
    if query.format == "xlsx":
        response = HttpResponse(spreadsheets.xlsx_bytes(sheets), content_type=XLSX_TYPE)
    else:
        (sheet,) = sheets
        response = StreamingHttpResponse(_in_language(spreadsheets.csv_lines(sheet)), CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _in_language(lines):
    """The rows of a streamed file are read after the view returns: in the request's language."""
    language = translation.get_language()
    with translation.override(language):
        yield from lines


@role_required(can_keep_books)
@_refusing_bad_queries
def export_transactions(request):
    query = _query(request)
    sheet = spreadsheets.transactions_sheet(
        fund=query.fund, period=query.period, drafts=query.drafts
    )
    return _download([sheet], query, f"transactions-{query.scope}-{query.period.name}")


@role_required(can_keep_books)
@_refusing_bad_queries
def export_report(request, report: str):
    if report not in spreadsheets.REPORTS and report != "all":
        raise Http404(_("No such report."))
    query = _query(request)
    if report == "all" and query.format != "xlsx":
        raise BadQuery(_("All the reports together come as one workbook: format=xlsx."))
    sheets = spreadsheets.report_sheets(report, fund=query.fund, period=query.period, on=query.on)
    dated = report in {"trial-balance", "balance-sheet"}
    when = query.on.isoformat() if dated else query.period.name
    return _download(sheets, query, f"{report}-{query.scope}-{when}")


urlpatterns = [
    path("books/exports/transactions/", export_transactions, name="export_transactions"),
    path("books/exports/reports/<slug:report>/", export_report, name="export_report"),
]
