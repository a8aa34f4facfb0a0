"""Every action of the books that writes: what a treasurer's POST does, a plain member's POST is
refused with 403 and changes nothing — swept over every write route, so that a guard removed
from one of them fails here."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remix.core.models import AuditEvent
from remix.ledger import urls as ledger_urls
from remix.ledger.models import (
    Account,
    Attachment,
    BankAccount,
    BankImport,
    BudgetLine,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    Posting,
    Transaction,
)
from remix.ledger.tests.builders import books_load, fund_project

pytestmark = pytest.mark.django_db
BOOKS = "/en/budget/books/"


def acc(code):
    return Account.objects.get(code=code)


@pytest.fixture
def books():
    """A posted gift, a draft to categorise, another to post, one to delete, a need and a
    receipt: something for every action to act on."""
    platform = Fund.objects.get(kind="platform")
    fiesta = fund_project("fiesta", kind="fiesta")
    posted, waiting, draft, doomed = books_load(
        """
        2026-03-03 * "Don de Julien" julien-moreau
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR

        2026-03-05 ! "VIR OVH SAS"
          Assets:Bank:Current              -12.00 EUR
          Assets:Suspense                   12.00 EUR

        2026-03-06 ! "Papeterie"
          Assets:Bank:Current              -20.00 EUR
          Expenses:Hosting                  20.00 EUR

        2026-03-07 ! "Saisi deux fois"
          Assets:Bank:Current              -30.00 EUR
          Expenses:Hosting                  30.00 EUR
        """
    )
    line = BudgetLine.objects.create(
        fund=platform,
        period_kind="year",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        category="hosting",
        amount_minor=120000,
    )
    return {
        "platform": platform,
        "fiesta": fiesta,
        "posted": posted,
        "waiting": waiting,
        "draft": draft,
        "doomed": doomed,
        "line": line,
    }


def _postings(date: str, description: str, legs) -> dict:
    data = {
        "date": date,
        "description": description,
        "postings-TOTAL_FORMS": str(len(legs)),
        "postings-INITIAL_FORMS": "0",
    }
    for n, (account, fund, amount) in enumerate(legs):
        data |= {
            f"postings-{n}-account": account.pk,
            f"postings-{n}-fund": fund.pk,
            f"postings-{n}-amount": amount,
            f"postings-{n}-commodity": "EUR",
        }
    return data


def _actions(b) -> dict[str, tuple[str, dict]]:
    """Route name → (address, what a treasurer sends): each one changes the books."""
    return {**_chart_actions(), **_transaction_actions(b), **_budget_actions(b)}


def _chart_actions() -> dict[str, tuple[str, dict]]:
    hosting = acc("Expenses:Hosting")
    return {
        "books_account_create": (
            "accounts/new/",
            {
                "code": "Expenses:Stationery",
                "number": "6064",
                "name_fr": "Fournitures",
                "scope": "any",
            },
        ),
        "books_account_edit": (
            f"accounts/{hosting.pk}/edit/",
            {"number": "6262", "name_fr": "Hébergement web", "scope": "any", "active": "on"},
        ),
        "books_fund_create": (
            "funds/new/",
            {
                "slug": "rencontre",
                "kind": "meeting",
                "name_fr": "Rencontre",
                "reporting_currency": "EUR",
            },
        ),
        "books_fund_edit": (
            "funds/plateforme/edit/",
            {"name_fr": "La plateforme", "active": "on"},
        ),
        "books_bank_accounts": (
            "bank-accounts/",
            {
                "account": acc("Assets:Bank:Current").pk,
                "holder": _fiscal_host().pk,
                "iban": "FR2510278073000002019870117",
                "held_from": "2019-01-01",
            },
        ),
    }


def _fiscal_host():
    from remix.allies.models import Actor
    from remix.allies.services import actor_create

    found = Actor.objects.filter(name="La Fabrique").first()
    return found or actor_create(name="La Fabrique", kind="organisation")


def _transaction_actions(b) -> dict[str, tuple[str, dict]]:
    p = b["platform"]
    bank, hosting = acc("Assets:Bank:Current"), acc("Expenses:Hosting")
    return {
        "books_transaction_create": (
            "transactions/new/",
            _postings("2026-04-02", "Serveur d'avril", [(bank, p, "-9"), (hosting, p, "9")]),
        ),
        "books_transaction_edit": (
            f"transactions/{b['draft'].pk}/edit/",
            _postings("2026-03-06", "Papeterie (corrigé)", [(bank, p, "-21"), (hosting, p, "21")]),
        ),
        "books_hours": (
            "transactions/hours/",
            {"date": "2026-04-10", "hours": "2", "fund": p.pk, "description": "Traduction"},
        ),
        "books_in_kind": (
            "transactions/in-kind/",
            {
                "date": "2026-04-11",
                "amount": "100",
                "commodity": "EUR",
                "fund": p.pk,
                "description": "Prêt d'une salle",
            },
        ),
        "books_transfer": (
            "transactions/transfer/",
            {
                "date": "2026-04-12",
                "from_fund": p.pk,
                "to_fund": b["fiesta"].pk,
                "amount": "10",
                "commodity": "EUR",
                "account": bank.pk,
                "description": "Avance",
                "post": "on",
            },
        ),
        "books_transaction_post": (f"transactions/{b['draft'].pk}/post/", {}),
        "books_transaction_categorise": (
            f"transactions/{b['waiting'].pk}/categorise/",
            {"account": hosting.pk, "fund": p.pk, "post": "on"},
        ),
        "books_transaction_reverse": (
            f"transactions/{b['posted'].pk}/reverse/",
            {"reason": "Don remboursé", "date": "2026-03-10"},
        ),
        "books_transaction_delete": (f"transactions/{b['doomed'].pk}/delete/", {}),
        "books_attachment_create": (
            f"transactions/{b['posted'].pk}/attachments/",
            {"file": SimpleUploadedFile("recu.pdf", b"%PDF-1.4 recu", "application/pdf")},
        ),
    }


def _budget_actions(b) -> dict[str, tuple[str, dict]]:
    """Needs, rates, closing, and a bank statement imported."""
    p = b["platform"]
    return {
        "books_need_create": (
            "needs/new/",
            {
                "fund": p.pk,
                "period": "2026",
                "category": "translation",
                "amount": "600",
                "commodity": "EUR",
            },
        ),
        "books_need_delete": (f"needs/{b['line'].pk}/delete/", {}),
        "books_rates": (
            "rates/",
            {"date": "2026-03-01", "commodity": "CAD", "quote": "EUR", "rate": "0,68"},
        ),
        "books_closing": ("closing/", {"period": "2026-02"}),
        "import": (
            "imports/",
            {
                "file": SimpleUploadedFile(
                    "releve.csv",
                    b"date;libelle;montant\n2026-03-09;VIR DON;25,00\n",
                    "text/csv",
                ),
                "account": acc("Assets:Bank:Current").pk,
                "fund": p.pk,
                "commodity": "EUR",
            },
        ),
    }


# Routes that only read: their GET is swept by tests/views/test_books_access.py.
READ_ONLY = {
    "books",
    "books_accounts",
    "books_funds",
    "books_transactions",
    "books_transaction",
    "books_needs",
    "books_trial_balance",
    "books_income_statement",
    "books_balance_sheet",
    "import_status",
    "import_status_json",
    "export_transactions",
    "export_report",
    "books_actor_search",
}
WRITES = [
    "books_account_create",
    "books_account_edit",
    "books_fund_create",
    "books_fund_edit",
    "books_bank_accounts",
    "books_transaction_create",
    "books_transaction_edit",
    "books_hours",
    "books_in_kind",
    "books_transfer",
    "books_transaction_post",
    "books_transaction_categorise",
    "books_transaction_reverse",
    "books_transaction_delete",
    "books_attachment_create",
    "books_need_create",
    "books_need_delete",
    "books_rates",
    "books_closing",
    "import",
]


def _state() -> dict:
    """All that the books hold, as plain values: equal before and after means nothing moved."""

    def rows(model, *fields):
        return sorted(model.objects.values_list(*fields), key=repr)

    return {
        "transactions": rows(
            Transaction, "pk", "status", "date", "description", "reverses", "posted_by"
        ),
        "postings": rows(Posting, "pk", "transaction", "account", "fund", "amount_minor"),
        "accounts": rows(Account, "pk", "code", "number", "name", "active"),
        "funds": rows(Fund, "pk", "slug", "name", "active"),
        "needs": rows(BudgetLine, "pk", "amount_minor", "category"),
        "rates": rows(ExchangeRate, "pk", "rate"),
        "closed": rows(ClosedPeriod, "pk", "start"),
        "attachments": rows(Attachment, "pk"),
        "imports": rows(BankImport, "pk", "status"),
        "bank_accounts": rows(BankAccount, "pk", "iban", "held_from", "held_until"),
        "audit": AuditEvent.objects.count(),
    }


def test_every_route_of_the_books_is_swept_as_a_write_or_a_read():
    routes = {p.name for p in ledger_urls.urlpatterns if str(p.pattern).startswith("books/")}
    # A run of an interrupted import is swept below with the writes, without a treasurer's run.
    assert routes == set(WRITES) | READ_ONLY | {"import_run"}
    assert not set(WRITES) & READ_ONLY


@pytest.mark.parametrize("name", WRITES)
def test_a_treasurers_post_writes_the_books(client, make_user, books, name):
    """The control of the sweep below: the same POST, sent by a treasurer, does change them."""
    client.force_login(make_user("tresoriere", roles=["treasurer"], language="en"))
    address, data = _actions(books)[name]
    before = _state()

    response = client.post(BOOKS + address, data)

    form = response.context.get("form") if response.context else None
    errors = getattr(form, "errors", None)
    assert response.status_code == 302, errors
    assert _state() != before


@pytest.mark.parametrize("name", [*WRITES, "import_run"])
def test_a_members_post_is_refused_and_changes_nothing(client, make_user, books, name):
    member = make_user("membre", roles=["member", "editor"], language="en")
    address, data = _actions(books).get(name, ("imports/1/run/", {}))
    before = _state()

    anonymous = client.post(BOOKS + address, data)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert _state() == before

    client.force_login(member)
    refused = client.post(BOOKS + address, _actions(books).get(name, (None, {}))[1])
    assert refused.status_code == 403
    assert _state() == before
