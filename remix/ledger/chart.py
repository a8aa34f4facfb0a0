"""The default chart of accounts of a French association, created on install and editable after.

Each row: code, PCG number, names (fr, en, es), and what the account carries: the resource nature
of income, the need category of expenses, the scope, cash and suspense flags. Volunteer time and
in-kind use the PCG's class 8 (contributions volontaires en nature), in hours and at fair value.
``account_list`` reads the chart as it stands.
"""

# fmt: off
CHART = [
    # code, number, fr, en, es, extra
    ("Assets:Bank:Current", "512", "Banque — compte courant", "Bank — current account",
     "Banco — cuenta corriente", {"is_cash": True}),
    ("Assets:Cash", "530", "Caisse", "Cash", "Caja", {"is_cash": True}),
    ("Assets:Receivables:Grants", "441", "Subventions à recevoir", "Grants receivable",
     "Subvenciones por cobrar", {}),
    ("Assets:Receivables:Other", "467", "Autres créances", "Other receivables",
     "Otros créditos", {}),
    ("Assets:Receivables:Pledges", "4687", "Promesses de dons à recevoir", "Pledges receivable",
     "Promesas de donación por cobrar", {}),
    ("Assets:Suspense", "471", "Opérations en attente de classement", "Awaiting categorisation",
     "Pendiente de clasificar", {"is_suspense": True}),
    ("Liabilities:Suppliers", "401", "Fournisseurs", "Suppliers", "Proveedores", {}),
    ("Liabilities:Contributors", "4678", "Rétributions dues aux contributeurs",
     "Retributions owed to contributors", "Retribuciones debidas a los contribuidores", {}),
    ("Liabilities:Deferred-income", "487", "Produits constatés d'avance", "Deferred income",
     "Ingresos anticipados", {}),
    ("Equity:Association-funds", "102", "Fonds associatifs", "Association funds",
     "Fondos de la asociación", {}),
    ("Equity:Retained", "110", "Report à nouveau", "Retained surplus", "Remanente", {}),
    ("Equity:Opening-balances", "890", "Bilan d'ouverture", "Opening balances",
     "Saldos de apertura", {}),
    ("Equity:Transfers", "181", "Transferts entre fonds", "Inter-fund transfers",
     "Transferencias entre fondos", {}),
    ("Income:Contributions:Donations", "754", "Dons des utilisateurs", "Users' donations",
     "Donaciones de usuarios", {"nature": "contributions"}),
    ("Income:Contributions:Membership", "756", "Cotisations", "Membership fees", "Cuotas",
     {"nature": "contributions"}),
    ("Income:Community:Time", "875", "Bénévolat", "Volunteer time", "Tiempo voluntario",
     {"nature": "community_time"}),
    ("Income:Community:In-kind", "871", "Prestations en nature", "In-kind contributions",
     "Aportaciones en especie", {"nature": "in_kind"}),
    ("Income:Grants:Public", "74", "Subventions des collectivités et de l'État",
     "Public authority grants", "Subvenciones públicas", {"nature": "public_authorities"}),
    ("Income:Grants:Institutional", "7478", "Subventions des fondations et institutions",
     "Foundation and institutional grants", "Subvenciones de fundaciones e instituciones",
     {"nature": "institutional_grants"}),
    ("Income:Micro-financing", "7588", "Financement participatif", "Crowdfunding",
     "Financiación colectiva", {"nature": "micro_financing"}),
    ("Income:Services", "706", "Prestations de services", "Services", "Prestación de servicios",
     {"nature": "commercial"}),
    ("Income:Sales", "707", "Ventes", "Sales", "Ventas", {"nature": "commercial"}),
    ("Income:Other", "758", "Produits divers", "Other income", "Otros ingresos",
     {"nature": "other"}),
    ("Expenses:Hosting", "6135", "Hébergement et services en ligne", "Hosting and online services",
     "Alojamiento y servicios en línea", {"need_category": "hosting"}),
    ("Expenses:Development", "611", "Développement logiciel", "Software development",
     "Desarrollo de software", {"need_category": "development"}),
    ("Expenses:Moderation", "6228", "Modération", "Moderation", "Moderación",
     {"need_category": "moderation"}),
    ("Expenses:Translation", "6226", "Traduction", "Translation", "Traducción",
     {"need_category": "translation"}),
    ("Expenses:Coordination", "641", "Coordination (salaires)", "Coordination (salaries)",
     "Coordinación (salarios)", {"need_category": "coordination"}),
    ("Expenses:Events", "6257", "Rencontres et réunions", "Meetings and gatherings",
     "Encuentros y reuniones", {"need_category": "events"}),
    ("Expenses:Bank-fees", "627", "Frais bancaires", "Bank fees", "Comisiones bancarias",
     {"need_category": "other"}),
    ("Expenses:Supplies", "606", "Fournitures", "Supplies", "Suministros",
     {"need_category": "other"}),
    ("Expenses:Retributions", "622", "Rétributions des contributeurs",
     "Contributors' retributions", "Retribuciones de los contribuidores",
     {"need_category": "other"}),
    ("Expenses:Volunteering", "864", "Personnel bénévole", "Volunteer work", "Trabajo voluntario",
     {"need_category": "other"}),
    ("Expenses:In-kind", "860", "Biens et services mis à disposition", "In-kind goods and services",
     "Bienes y servicios en especie", {"need_category": "other"}),
    ("Expenses:Mediation:Publications", "6236", "Publications", "Publications", "Publicaciones",
     {"need_category": "mediation", "scope": "projects"}),
    ("Expenses:Mediation:Meetings", "6256", "Rencontres de médiation", "Mediation meetings",
     "Encuentros de mediación", {"need_category": "mediation", "scope": "projects"}),
    ("Expenses:Mediation:Fiestas", "6238", "Fêtes", "Fiestas", "Fiestas",
     {"need_category": "mediation", "scope": "projects"}),
    ("Expenses:Mediation:Productions", "6237", "Productions (films, études)",
     "Productions (films, studies)", "Producciones (películas, estudios)",
     {"need_category": "mediation", "scope": "projects"}),
]
# fmt: on

# The accounts the platform's own code writes to, named once; each is a row of the chart above.
BANK = "Assets:Bank:Current"
GRANTS_RECEIVABLE = "Assets:Receivables:Grants"
PLEDGES_RECEIVABLE = "Assets:Receivables:Pledges"
TRANSFERS = "Equity:Transfers"
DONATIONS = "Income:Contributions:Donations"
CROWDFUNDING = "Income:Micro-financing"
PUBLIC_GRANTS = "Income:Grants:Public"
INSTITUTIONAL_GRANTS = "Income:Grants:Institutional"
VOLUNTEER_EXPENSE, VOLUNTEER_INCOME = "Expenses:Volunteering", "Income:Community:Time"
IN_KIND_EXPENSE, IN_KIND_INCOME = "Expenses:In-kind", "Income:Community:In-kind"
# What is owed to a person for work done (a sharing rule's part, a contributive budget's payout),
# until the bank pays it; and its expense.
RETRIBUTIONS, CONTRIBUTORS_PAYABLE = "Expenses:Retributions", "Liabilities:Contributors"

ROOT_TYPE = {
    "Assets": "asset",
    "Liabilities": "liability",
    "Equity": "equity",
    "Income": "income",
    "Expenses": "expense",
}

PLATFORM_FUND = {
    "slug": "plateforme",
    "kind": "platform",
    "name": {"fr": "Plateforme", "en": "Platform", "es": "Plataforma"},
    "description": {
        "fr": "Les besoins et les ressources propres de la plateforme.",
        "en": "The platform's own needs and resources.",
        "es": "Las necesidades y los recursos propios de la plataforma.",
    },
}


def chart_install() -> None:
    """Create what is missing of the default chart, the platform fund and the books' state row
    (idempotent; after every migrate and flush)."""
    from remix.ledger.models import Account, BooksState, Fund

    present = set(Account.objects.values_list("code", flat=True))
    for code, number, fr, en, es, extra in CHART:
        if code in present:
            continue
        Account.objects.get_or_create(
            code=code,
            defaults={
                "number": number,
                "type": ROOT_TYPE[code.split(":", 1)[0]],
                "name": {"fr": fr, "en": en, "es": es},
                **extra,
            },
        )
    if not Fund.objects.filter(kind="platform").exists():
        Fund.objects.create(**PLATFORM_FUND)
    BooksState.objects.get_or_create(pk=1)


def account_list(*, type: str | None = None, active: bool | None = None):
    """The chart of accounts as it stands, by code: of one ``type``, open or closed ones only."""
    from remix.ledger.models import Account

    accounts = Account.objects.order_by("code")
    if type:
        accounts = accounts.filter(type=type)
    if active is not None:
        accounts = accounts.filter(active=active)
    return accounts
