"""The books over HTTP: accounts, funds, transactions, trial balance and sustainability."""

from ninja import Router

router = Router(tags=["ledger"])
