"""Where the treasurer's pages are, and an account by its code, for their tests."""

from remix.ledger.models import Account

BOOKS = "/en/budget/books/"


def acc(code):
    return Account.objects.get(code=code)
