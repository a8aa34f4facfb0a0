"""The chart of accounts and the funds, through the pages."""

from remix.ledger.models import Fund
from remix.ledger.tests.views.pages import BOOKS, acc


def test_the_chart_of_accounts_is_a_tree(as_treasurer):
    response = as_treasurer.get(BOOKS + "accounts/")
    rows = response.context["rows"]
    names = [(row["depth"], row["name"], bool(row["account"])) for row in rows]

    assert names[:4] == [
        (0, "Assets", False),
        (1, "Bank", False),
        (2, "Current", True),
        (1, "Cash", True),
    ]
    assert "Public authority grants" in response.content.decode()


def test_accounts_are_created_and_edited_but_never_change_code(as_treasurer):
    as_treasurer.post(
        BOOKS + "accounts/new/",
        {
            "code": "Income:Grants:Europe",
            "number": "7475",
            "name_fr": "Subventions européennes",
            "name_en": "European grants",
            "nature": "institutional_grants",
            "scope": "any",
        },
    )
    account = acc("Income:Grants:Europe")
    assert (account.type, account.nature, account.name["en"]) == (
        "income",
        "institutional_grants",
        "European grants",
    )

    missing = as_treasurer.post(
        BOOKS + "accounts/new/",
        {"code": "Income:Grants:Region", "name_fr": "Région", "scope": "any"},
    )
    assert missing.context["form"].errors == {
        "nature": ["Every income account has a resource nature."]
    }
    wrong = as_treasurer.post(
        BOOKS + "accounts/new/", {"code": "income:x", "name_fr": "x", "scope": "any"}
    )
    assert list(wrong.context["form"].errors) == ["code"]

    as_treasurer.post(
        BOOKS + f"accounts/{account.pk}/edit/",
        {
            "code": "Expenses:Hijack",
            "name_fr": "Subventions de l'Union européenne",
            "nature": "institutional_grants",
            "scope": "any",
        },
    )
    account.refresh_from_db()
    assert account.code == "Income:Grants:Europe"
    assert account.name == {"fr": "Subventions de l'Union européenne"}
    assert account.active is False  # the box was left unticked: closed


def test_a_mediation_project_fund_is_created_and_edited(as_treasurer):
    as_treasurer.post(
        BOOKS + "funds/new/",
        {
            "slug": "rencontres-dakar",
            "kind": "meeting",
            "name_fr": "Rencontres de Dakar",
            "reporting_currency": "xof",
        },
    )
    fund = Fund.objects.get(slug="rencontres-dakar")
    assert (fund.kind, fund.reporting_currency, fund.label) == (
        "meeting",
        "XOF",
        "Rencontres de Dakar",
    )
    kinds = [
        value
        for value, _label in as_treasurer.get(BOOKS + "funds/new/")
        .context["form"]
        .fields["kind"]
        .choices
    ]
    assert "platform" not in kinds

    as_treasurer.post(
        BOOKS + "funds/rencontres-dakar/edit/",
        {"name_fr": "Rencontres de Dakar 2026", "active": "on"},
    )
    fund.refresh_from_db()
    assert fund.name == {"fr": "Rencontres de Dakar 2026"} and fund.active
