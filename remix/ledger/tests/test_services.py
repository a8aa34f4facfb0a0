"""Writing the books: drafts, posting, reversals, transfers, needs, rates and closed periods."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remix.core.models import AuditEvent
from remix.ledger import maths, selectors, services
from remix.ledger.models import Account, Fund, Posting, Transaction
from remix.ledger.services import transactions
from remix.ledger.tests.builders import books_load, fund_project

D = datetime.date


def acc(code):
    return Account.objects.get(code=code)


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


def test_install_creates_the_chart_and_the_platform_fund(db):
    assert Fund.objects.get(kind="platform").slug == "plateforme"
    grants = acc("Income:Grants:Public")
    assert (grants.type, grants.nature, grants.number) == ("income", "public_authorities", "74")
    assert grants.name == {
        "fr": "Subventions des collectivités et de l'État",
        "en": "Public authority grants",
        "es": "Subvenciones públicas",
    }
    assert not Account.objects.filter(type="income", nature="").exists()
    assert acc("Assets:Suspense").is_suspense


def test_a_balanced_draft_posts_and_leaves_audit_events(make_user, platform):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    (tx,) = books_load(
        """
        2026-10-03 ! "Don de Julien" julien-moreau
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR
        """
    )
    assert tx.status == "draft" and not tx.postings.filter(posted=True).exists()
    services.transaction_post(transaction=tx, recorder=treasurer)
    tx.refresh_from_db()
    assert tx.status == "posted" and tx.posted_by == treasurer
    assert sorted(tx.postings.values_list("amount_minor", "posted")) == [
        (-5000, True),
        (5000, True),
    ]
    assert services.transaction_post(transaction=tx).posted_at == tx.posted_at  # a no-op
    actions = list(
        AuditEvent.objects.filter(
            object_type="ledger.transaction", object_id=str(tx.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["ledger.transaction.created", "ledger.transaction.posted"]


def test_an_unbalanced_transaction_is_refused_naming_commodity_and_fund(platform):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.transaction_create(
            date=D(2026, 10, 5),
            description="OVH",
            legs=[
                services.Leg.of(acc("Assets:Bank:Current"), platform, "-12.34"),
                services.Leg.of(acc("Expenses:Hosting"), platform, "12.35"),
            ],
        )
    assert error.value.message_dict["postings"] == [
        "EUR does not balance in the fund plateforme: off by €0.01."
    ]
    assert not Transaction.objects.exists()


def test_each_fund_balances_on_its_own(platform):
    fiesta = fund_project()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.transaction_create(
            date=D(2026, 6, 27),
            description="Fiesta tickets paid into the platform's books",
            legs=[
                services.Leg.of(acc("Assets:Bank:Current"), platform, "1450"),
                services.Leg.of(acc("Income:Sales"), fiesta, "-1450"),
            ],
        )
    assert "does not balance in the fund fiesta-2026" in str(error.value)


def test_money_crosses_funds_only_by_a_transfer(platform):
    fiesta = fund_project()
    tx = services.transfer_record(
        date=D(2026, 5, 15), from_fund=platform, to_fund=fiesta, amount="500"
    )
    assert tx.is_transfer and tx.is_posted
    bank = acc("Assets:Bank:Current")
    assert services_balance(bank, platform) == {"EUR": -50000}
    assert services_balance(bank, fiesta) == {"EUR": 50000}
    assert selectors.trial_balance(fund=fiesta, on=D(2026, 12, 31)).balanced


def services_balance(account, fund):
    return selectors.account_balance(account=account, fund=fund, on=D(2026, 12, 31))


def test_a_mediation_project_cost_never_lands_in_the_platform_fund(platform):
    with translation.override("en"), pytest.raises(ValidationError, match="cannot land in the"):
        books_load(
            """
            2026-10-12 * "Impression du livre"
              Assets:Bank:Current                -2300 EUR
              Expenses:Mediation:Publications     2300 EUR
            """
        )
    books_load(
        """
        2026-10-12 * "Impression du livre"
          Assets:Bank:Current                -2300 EUR fiesta-2026
          Expenses:Mediation:Publications     2300 EUR fiesta-2026
        """.replace("fiesta-2026", fund_project().slug)
    )


def test_a_reversal_negates_every_posting_and_links_both_ways(make_user, platform):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    (tx,) = books_load(
        """
        2026-08-03 * "Hébergement (prélevé deux fois)"
          Assets:Bank:Current   -180 EUR
          Expenses:Hosting       180 EUR
        """
    )
    reversal = services.transaction_reverse(
        transaction=tx, reason="Prélèvement en double", date=D(2026, 8, 12), recorder=treasurer
    )
    assert reversal.reverses == tx and tx.reversed_by == reversal
    assert reversal.reason == "Prélèvement en double" and reversal.created_by == treasurer
    assert sorted(reversal.postings.values_list("account__code", "amount_minor")) == [
        ("Assets:Bank:Current", 18000),
        ("Expenses:Hosting", -18000),
    ]
    assert selectors.trial_balance(fund=platform, on=D(2026, 12, 31)).rows == []
    again = services.transaction_reverse(transaction=tx, reason="encore", date=D(2026, 8, 13))
    assert again == reversal and Transaction.objects.count() == 2
    with pytest.raises(ValidationError):
        services.transaction_reverse(transaction=tx, reason="", date=D(2026, 8, 13))


def test_a_draft_can_be_edited_and_deleted_but_not_a_posted_one(platform):
    draft, posted = books_load(
        """
        2026-10-01 ! "Brouillon"
          Assets:Bank:Current   -10 EUR
          Expenses:Supplies      10 EUR

        2026-10-02 * "Posté"
          Assets:Bank:Current   -20 EUR
          Expenses:Supplies      20 EUR
        """
    )
    services.transaction_update(
        transaction=draft,
        date=D(2026, 10, 1),
        description="Fournitures",
        legs=[
            services.Leg.of(acc("Assets:Bank:Current"), platform, "-12.50"),
            services.Leg.of(acc("Expenses:Supplies"), platform, "12.50"),
        ],
    )
    assert sorted(draft.postings.values_list("amount_minor", flat=True)) == [-1250, 1250]
    with pytest.raises(ValidationError):
        services.transaction_update(
            transaction=posted, date=D(2026, 10, 2), description="x", legs=[]
        )
    with pytest.raises(ValidationError):
        services.transaction_delete(transaction=posted)
    services.transaction_delete(transaction=draft)
    assert list(Transaction.objects.all()) == [posted]


def test_an_imported_row_is_categorised_then_posted(platform):
    fiesta = fund_project()
    suspense = acc("Assets:Suspense")
    tx, _new = services.transaction_create(
        date=D(2026, 11, 20),
        description="VIR SONO FIESTA",
        legs=[
            services.Leg.of(acc("Assets:Bank:Current"), platform, "-300"),
            services.Leg.of(suspense, platform, "300"),
        ],
    )
    with translation.override("en"), pytest.raises(ValidationError, match="categoris"):
        services.transaction_post(transaction=tx)
    services.transaction_categorise(
        transaction=tx, account=acc("Expenses:Mediation:Fiestas"), fund=fiesta
    )
    services.transaction_post(transaction=tx)
    assert sorted(tx.postings.values_list("account__code", "fund__slug", "amount_minor")) == [
        ("Assets:Bank:Current", "fiesta-2026", -30000),
        ("Expenses:Mediation:Fiestas", "fiesta-2026", 30000),
    ]


def test_a_repeated_external_key_creates_nothing(platform):
    legs = [
        services.Leg.of(acc("Assets:Bank:Current"), platform, "5"),
        services.Leg.of(acc("Income:Contributions:Donations"), platform, "-5"),
    ]
    first, created = services.transaction_create(
        date=D(2026, 10, 1), description="Don", legs=legs, external_key="api:1:abc"
    )
    again, created_again = services.transaction_create(
        date=D(2026, 10, 1), description="Don", legs=legs, external_key="api:1:abc"
    )
    assert (created, created_again, again) == (True, False, first)
    assert Transaction.objects.count() == 1


def test_a_key_that_raced_in_returns_the_first_transaction(platform, monkeypatch):
    legs = [
        services.Leg.of(acc("Assets:Bank:Current"), platform, "5"),
        services.Leg.of(acc("Income:Contributions:Donations"), platform, "-5"),
    ]
    first, _created = services.transaction_create(
        date=D(2026, 10, 1), description="Don", legs=legs, external_key="api:1:abc"
    )
    # A parallel call with the same key had not committed when this one looked for it.
    keyed, looks = transactions._keyed, []

    def late(key):
        looks.append(key)
        return None if len(looks) == 1 else keyed(key)

    monkeypatch.setattr(transactions, "_keyed", late)
    again, created = services.transaction_create(
        date=D(2026, 10, 1), description="Don", legs=legs, external_key="api:1:abc"
    )

    assert (again, created, len(looks)) == (first, False, 2)
    assert Transaction.objects.count() == 1


def test_a_closed_month_refuses_posting_and_reversing_inside_it(platform):
    (tx,) = books_load(
        """
        2026-09-10 * "Frais"
          Assets:Bank:Current   -12 EUR
          Expenses:Bank-fees     12 EUR
        """
    )
    services.period_close(period=maths.period_parse("2026-09"))
    assert services.period_close(period=maths.period_parse("2026-09"))  # again: a no-op
    with translation.override("en"), pytest.raises(ValidationError, match="closed period"):
        books_load(
            """
            2026-09-30 * "Oubli"
              Assets:Bank:Current   -5 EUR
              Expenses:Bank-fees     5 EUR
            """
        )
    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        services.transaction_reverse(transaction=tx, reason="erreur", date=D(2026, 9, 30))
    reversal = services.transaction_reverse(transaction=tx, reason="erreur", date=D(2026, 10, 1))
    assert reversal.date == D(2026, 10, 1)


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (D(2026, 8, 31), False),
        (D(2026, 9, 1), True),  # a closed month holds its first day
        (D(2026, 9, 15), True),
        (D(2026, 9, 30), True),  # and its last
        (D(2026, 10, 1), False),
    ],
)
def test_a_closed_month_holds_both_its_ends_and_no_day_beside_them(platform, day, closed):
    (tx,) = books_load(
        """
        2026-08-20 * "Frais"
          Assets:Bank:Current   -12 EUR
          Expenses:Bank-fees     12 EUR
        """
    )
    services.period_close(period=maths.period_parse("2026-09"))
    legs = [
        services.Leg.of(Account.objects.get(code="Assets:Bank:Current"), platform, "-5"),
        services.Leg.of(Account.objects.get(code="Expenses:Bank-fees"), platform, "5"),
    ]
    if closed:
        with translation.override("en"), pytest.raises(ValidationError, match="closed period"):
            services.transaction_create(date=day, description="Oubli", legs=legs, post=True)
        draft, _new = services.transaction_create(date=day, description="Oubli", legs=legs)
        with translation.override("en"), pytest.raises(ValidationError, match="closed period"):
            services.transaction_post(transaction=draft)
        with translation.override("en"), pytest.raises(ValidationError, match="closed"):
            services.transaction_reverse(transaction=tx, reason="erreur", date=day)
        services.transaction_delete(transaction=draft)
        assert not Transaction.objects.filter(date=day).exists()
    else:
        posted, _new = services.transaction_create(
            date=day, description="Oubli", legs=legs, post=True
        )
        reversal = services.transaction_reverse(transaction=tx, reason="erreur", date=day)
        assert posted.is_posted and reversal.is_posted and reversal.date == day


def test_closing_refuses_a_month_with_drafts(platform):
    books_load(
        """
        2026-09-10 ! "À classer"
          Assets:Bank:Current   -12 EUR
          Assets:Suspense        12 EUR
        """
    )
    with translation.override("en"), pytest.raises(ValidationError, match="1 draft"):
        services.period_close(period=maths.period_parse("2026-09"))
    with pytest.raises(ValidationError):
        services.period_close(period=maths.period_parse("2026-Q3"))


def test_income_accounts_need_a_nature(db):
    with pytest.raises(ValidationError):
        services.account_create(code="Income:Sponsoring", name={"fr": "Mécénat"})
    sponsoring = services.account_create(
        code="Income:Sponsoring", name={"fr": "Mécénat"}, nature="commercial"
    )
    assert sponsoring.type == "income"
    with pytest.raises(ValidationError):
        services.account_create(code="Revenus:Dons", name={"fr": "Dons"}, nature="contributions")


def test_rates_are_dated_and_corrected_not_duplicated(db):
    services.rate_record(date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0.67")
    services.rate_record(date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0.68")
    converter = selectors.Converter("EUR")
    assert converter.minor(50000, "CAD", D(2026, 5, 6)) == 34000
    assert converter.minor(5000, "XOF", D(2026, 5, 6)) is None
    assert converter.report()["missing"] == [{"commodity": "XOF", "date": D(2026, 5, 6)}]


def test_budget_lines_are_positive_expense_needs(platform):
    line = services.budget_line_create(
        fund=platform,
        period=maths.period_parse("2026"),
        amount="2400",
        account=acc("Expenses:Hosting"),
    )
    assert (line.start, line.end, line.need_category, line.amount_minor) == (
        D(2026, 1, 1),
        D(2026, 12, 31),
        "hosting",
        240000,
    )
    with pytest.raises(ValidationError):
        services.budget_line_create(
            fund=platform, period=maths.period_parse("2026"), amount="-1", category="hosting"
        )
    with pytest.raises(ValidationError):
        services.budget_line_create(
            fund=platform,
            period=maths.period_parse("2026"),
            amount="10",
            account=acc("Income:Other"),
        )


def test_postings_copy_the_transaction_date_and_status(platform):
    (tx,) = books_load(
        """
        2026-10-03 * "Don"
          Assets:Bank:Current               50 EUR
          Income:Contributions:Donations   -50 EUR
        """
    )
    assert set(Posting.objects.values_list("date", "posted")) == {(D(2026, 10, 3), True)}
