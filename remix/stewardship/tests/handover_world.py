"""A handover's world, built through the services: the fiscal host's term, its bank account with
a balance in two funds and two commodities, the incoming cooperative, and one open obligation
of each kind."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from remix.contributions import services as contributions
from remix.contributions.tests.builders import campaign, giver, round_
from remix.grants import services as grants
from remix.grants.tests.builders import opportunity
from remix.ledger.models import Account
from remix.ledger.services import account_create
from remix.ledger.tests.builders import books_load, fund_project
from remix.stewardship.services import handover_propose
from remix.stewardship.tests.builders import organisation, term

BANK = "Assets:Bank:Current"


@dataclass
class World:
    outgoing_term: object
    incoming: object
    louise: object  # steward of the outgoing carrier
    mateo: object  # treasurer of the outgoing carrier
    yasmine: object  # acts for the incoming carrier
    new_bank: object
    pledge: object


def world(make_user) -> World:
    louise = make_user("louise", roles=["member", "steward"])
    mateo = make_user("mateo", roles=["member", "treasurer"])
    yasmine = make_user("yasmine", roles=["member"])
    fabrique = organisation("La Fabrique")
    outgoing_term = term("fiscal_host", fabrique, "2019-01-01", people=[louise, mateo])
    new_bank = account_create(
        code="Assets:Bank:Communs", name={"fr": "Banque des Communs"}, is_cash=True
    )
    fund_project("fiesta-2026")
    books_load(
        """
        2026-01-10 * "Dons de janvier"
          Assets:Bank:Current               500.00 EUR
          Income:Contributions:Donations   -500.00 EUR

        2026-01-12 * "Fiesta"
          Assets:Bank:Current               120.00 EUR fiesta-2026
          Income:Contributions:Donations   -120.00 EUR fiesta-2026

        2026-01-15 * "Don du Québec"
          Assets:Bank:Current                80.00 CAD
          Income:Contributions:Donations    -80.00 CAD
        """
    )
    pledge, _new = contributions.pledge_create(
        fund=fund_project("fiesta-2026"),
        amount="10",
        frequency="monthly",
        start=timezone.localdate(),
        giver=giver(make_user("awa")),
    )
    campaign(slug="fiesta-ouverte")
    round_(slug="abondement-ouvert")
    application = grants.application_create(opportunity=opportunity(), fund=fund_project())
    grants.application_stage(application=application, to="qualified")
    return World(
        outgoing_term=outgoing_term,
        incoming=organisation("Coopérative des Communs", "scic"),
        louise=louise,
        mateo=mateo,
        yasmine=yasmine,
        new_bank=new_bank,
        pledge=pledge,
    )


def proposed(the: World, **fields):
    return handover_propose(
        term=the.outgoing_term,
        incoming=the.incoming,
        effective_date=datetime.date(2026, 7, 1),
        incoming_people=[the.yasmine],
        from_account=Account.objects.get(code=BANK),
        to_account=the.new_bank,
        hours_per_month=6,
        recorder=the.louise,
        **fields,
    )
