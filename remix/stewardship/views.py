"""Stewardship pages: the public history of who carried which charge."""

from django.shortcuts import render

from remix.stewardship import selectors


def history(request):
    charges = selectors.charges_history(selectors.terms_history())
    return render(request, "stewardship/history.html", {"charges": charges})
