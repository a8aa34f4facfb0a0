"""Tests of the books' API, by subject, on the books stated here (``BOOKS``, loaded by the
``ledger`` fixture of ``conftest``)."""

import json

API = "/api/v1/ledger"

BOOKS = """
2026-01-05 * "Subvention de fonctionnement" region-sud
  Assets:Bank:Current              3000.00 EUR
  Income:Grants:Public            -3000.00 EUR

2026-02-10 * "Don anonyme" awa-diop anonymous
  Assets:Bank:Current               500.00 EUR
  Income:Contributions:Donations   -500.00 EUR

2026-03-01 * "Hébergement du serveur"
  Expenses:Hosting                  120.00 EUR
  Assets:Bank:Current              -120.00 EUR

2026-03-15 * "Traduction bénévole"
  Expenses:Volunteering              10.00 HOUR
  Income:Community:Time             -10.00 HOUR

2026-04-01 ! "Facture de développement à vérifier"
  Expenses:Development              300.00 EUR
  Assets:Bank:Current              -300.00 EUR

2026-05-20 * "Billetterie de la fiesta"
  Assets:Bank:Current               800.00 EUR fiesta-2026
  Income:Sales                     -800.00 EUR fiesta-2026
"""


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client, path, body, **extra):
    return client.post(path, data=json.dumps(body), content_type="application/json", **extra)
