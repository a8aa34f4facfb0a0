"""The query pieces every read of the books is built from: posted postings, their sum, a month."""

from django.db.models import BigIntegerField, DateField, Func, Q, Sum
from django.db.models.functions import Cast

from remix.ledger.models import Fund, Posting


def total_minor():
    """SUM of minor units as an integer: PostgreSQL sums bigints as numeric (Decimal in Python)."""
    return Cast(Sum("amount_minor"), output_field=BigIntegerField())


def posted_in(fund: Fund | None):
    """Posted postings, of one fund or of all of them."""
    postings = Posting.objects.filter(posted=True)
    return postings.filter(fund=fund) if fund is not None else postings


def fund_scope(fund: Fund | None) -> Q:
    return Q(fund=fund) if fund is not None else Q()


class MonthStart(Func):
    """The first day of a date's month, natively on both databases (Django's TruncMonth runs a
    Python function per row on SQLite)."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'start of month')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(date_trunc('month', %(expressions)s) AS date)",
            **extra,
        )


class YearStart(Func):
    """The first day of a date's year, natively on both databases."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'start of year')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(date_trunc('year', %(expressions)s) AS date)",
            **extra,
        )
