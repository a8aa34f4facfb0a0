"""The demo network: illustrative actors on both sides, bridges, funders, local authorities.

Every name here is invented for the demo; any likeness to a real organisation is by chance.
"""

import datetime

from remix.allies.models import Actor, Relation, Theme
from remix.allies.services import actor_create, relation_create, theme_save
from remix.core.demo import demo_loader

THEMES = [
    # code, fr, en, es, broader
    (
        "gouvernance-partagee",
        "Gouvernance partagée",
        "Shared governance",
        "Gobernanza compartida",
        None,
    ),
    (
        "souverainete-alimentaire",
        "Souveraineté alimentaire",
        "Food sovereignty",
        "Soberanía alimentaria",
        None,
    ),
    (
        "semences",
        "Semences paysannes",
        "Farmers' seeds",
        "Semillas campesinas",
        "souverainete-alimentaire",
    ),
    (
        "circuits-courts",
        "Circuits courts",
        "Short supply chains",
        "Circuitos cortos",
        "souverainete-alimentaire",
    ),
    ("communs-numeriques", "Communs numériques", "Digital commons", "Comunes digitales", None),
    ("logiciel-libre", "Logiciel libre", "Free software", "Software libre", "communs-numeriques"),
    (
        "savoirs-ouverts",
        "Savoirs ouverts",
        "Open knowledge",
        "Saberes abiertos",
        "communs-numeriques",
    ),
    (
        "habitat-cooperatif",
        "Habitat coopératif",
        "Cooperative housing",
        "Vivienda cooperativa",
        None,
    ),
    ("finance-solidaire", "Finance solidaire", "Solidarity finance", "Finanzas solidarias", None),
    (
        "monnaies-locales",
        "Monnaies locales",
        "Local currencies",
        "Monedas locales",
        "finance-solidaire",
    ),
    ("tiers-lieux", "Tiers-lieux", "Third places", "Terceros lugares", None),
    ("eau", "Gestion de l'eau", "Water management", "Gestión del agua", None),
    ("energie-citoyenne", "Énergie citoyenne", "Community energy", "Energía ciudadana", None),
    ("insertion", "Insertion par l'activité", "Work integration", "Inserción laboral", None),
    ("culture-libre", "Culture libre", "Free culture", "Cultura libre", None),
    ("democratie-locale", "Démocratie locale", "Local democracy", "Democracia local", None),
]

ESS, COMMONS, OTHER = "ess", "commons", "other"

ACTORS = [
    # name, kind, legal form, country, movements, circle, themes, description (fr)
    (
        "Réseau ESS de Dakar",
        "network",
        "association",
        "SN",
        [ESS],
        "core",
        ["finance-solidaire", "insertion", "circuits-courts", "gouvernance-partagee"],
        "Réseau des structures de l'économie sociale et solidaire de la région de Dakar.",
    ),
    (
        "Coopérative des Communs",
        "organisation",
        "scic",
        "FR",
        [ESS, COMMONS],
        "core",
        ["gouvernance-partagee", "communs-numeriques", "logiciel-libre", "tiers-lieux"],
        "Société coopérative d'intérêt collectif qui outille les communs.",
    ),
    (
        "Collectif Semences du Sahel",
        "collective",
        "",
        "SN",
        [COMMONS],
        "core",
        ["semences", "souverainete-alimentaire", "savoirs-ouverts"],
        "Maisons de semences paysannes et échanges de savoirs entre villages.",
    ),
    (
        "Atelier du Logiciel Libre de Lyon",
        "collective",
        "association",
        "FR",
        [COMMONS],
        "partner",
        ["logiciel-libre", "communs-numeriques", "savoirs-ouverts"],
        "Install-parties, formation et entretien de logiciels libres pour les associations.",
    ),
    (
        "Mutuelle Solidaire du Québec",
        "organisation",
        "mutual",
        "CA",
        [ESS],
        "partner",
        ["finance-solidaire", "habitat-cooperatif"],
        "Mutuelle d'épargne et de crédit solidaire.",
    ),
    (
        "Habitat Partagé Montréal",
        "organisation",
        "cooperative",
        "CA",
        [ESS, COMMONS],
        "partner",
        ["habitat-cooperatif", "gouvernance-partagee", "democratie-locale"],
        "Coopérative d'habitation et fiducie foncière communautaire.",
    ),
    (
        "Red de Comunes Bogotá",
        "network",
        "association",
        "CO",
        [COMMONS],
        "partner",
        ["eau", "gouvernance-partagee", "democratie-locale", "savoirs-ouverts"],
        "Réseau de communs urbains et d'assemblées d'usagers de l'eau.",
    ),
    (
        "Cooperativa de Energía Ciudadana",
        "organisation",
        "cooperative",
        "ES",
        [ESS],
        "ally",
        ["energie-citoyenne", "gouvernance-partagee", "finance-solidaire"],
        "Coopérative de production d'énergie renouvelable détenue par ses usagers.",
    ),
    (
        "Wiki des Communs",
        "collective",
        "",
        "FR",
        [COMMONS],
        "ally",
        ["savoirs-ouverts", "culture-libre", "communs-numeriques"],
        "Encyclopédie collaborative des communs, sous licence libre.",
    ),
    (
        "Monnaie Locale du Pays Lyonnais",
        "organisation",
        "association",
        "FR",
        [ESS],
        "ally",
        ["monnaies-locales", "circuits-courts", "democratie-locale"],
        "Monnaie locale complémentaire et citoyenne.",
    ),
    (
        "CAE Horizons",
        "enterprise",
        "cae",
        "FR",
        [ESS],
        "ally",
        ["insertion", "gouvernance-partagee", "tiers-lieux"],
        "Coopérative d'activité et d'emploi pour entrepreneurs salariés.",
    ),
    (
        "Tiers-lieu La Fabrique",
        "organisation",
        "association",
        "BE",
        [ESS, COMMONS],
        "ally",
        ["tiers-lieux", "culture-libre", "savoirs-ouverts", "circuits-courts"],
        "Tiers-lieu : atelier partagé, café associatif et fablab.",
    ),
    (
        "Jardins Partagés de Thiès",
        "collective",
        "",
        "SN",
        [COMMONS],
        "friend",
        ["souverainete-alimentaire", "circuits-courts", "eau"],
        "Jardins collectifs et compost.",
    ),
    (
        "SCOP Les Semeurs",
        "enterprise",
        "scop",
        "FR",
        [ESS],
        "friend",
        ["circuits-courts", "semences", "insertion"],
        "Maraîchage biologique en coopérative.",
    ),
    (
        "Réseau Wi-Fi Communautaire du Plateau",
        "collective",
        "association",
        "CA",
        [COMMONS],
        "friend",
        ["communs-numeriques", "democratie-locale", "logiciel-libre"],
        "Réseau internet communautaire géré par ses membres.",
    ),
    (
        "Fondation pour l'Innovation Sociale",
        "funder",
        "foundation",
        "FR",
        [OTHER],
        "partner",
        ["finance-solidaire", "insertion"],
        "Fondation qui soutient des projets d'innovation sociale.",
    ),
    (
        "Ville de Lyon",
        "public_authority",
        "local_authority",
        "FR",
        [OTHER],
        "ally",
        ["democratie-locale", "tiers-lieux"],
        "Collectivité territoriale.",
    ),
    (
        "Région Dakar",
        "public_authority",
        "local_authority",
        "SN",
        [OTHER],
        "ally",
        ["souverainete-alimentaire", "insertion"],
        "Collectivité territoriale.",
    ),
    (
        "Banque Éthique Coopérative",
        "funder",
        "cooperative",
        "ES",
        [ESS],
        "friend",
        ["finance-solidaire"],
        "Banque coopérative qui finance l'économie sociale.",
    ),
    (
        "Fédération des SCOP Rhône-Alpes",
        "network",
        "association",
        "FR",
        [ESS],
        "partner",
        ["gouvernance-partagee", "insertion"],
        "Fédération régionale des coopératives de travail.",
    ),
    (
        "Assemblée de l'Eau de Chía",
        "collective",
        "",
        "CO",
        [COMMONS],
        "friend",
        ["eau", "gouvernance-partagee"],
        "Assemblée communautaire des usagers d'un aqueduc.",
    ),
    (
        "Archive Sonore Libre",
        "collective",
        "",
        "SN",
        [COMMONS],
        "friend",
        ["culture-libre", "savoirs-ouverts"],
        "Enregistrements de contes et de musiques sous licence libre.",
    ),
    (
        "Coopérative Numérique Solidaire",
        "enterprise",
        "scic",
        "CA",
        [ESS, COMMONS],
        "partner",
        ["logiciel-libre", "finance-solidaire", "gouvernance-partagee"],
        "Hébergement éthique et logiciels libres pour l'économie sociale.",
    ),
    (
        "Maison de l'ESS de Bogotá",
        "organisation",
        "association",
        "CO",
        [ESS],
        "ally",
        ["insertion", "circuits-courts", "democratie-locale"],
        "Lieu ressource de l'économie solidaire.",
    ),
    (
        "Aminata Sow",
        "person",
        "",
        "SN",
        [COMMONS, ESS],
        "core",
        ["semences", "finance-solidaire", "savoirs-ouverts"],
        "Animatrice de réseaux, passeuse entre l'ESS et les communs.",
    ),
    (
        "Julien Moreau",
        "person",
        "",
        "FR",
        [COMMONS],
        "partner",
        ["logiciel-libre", "culture-libre"],
        "Développeur et documentariste des communs numériques.",
    ),
    (
        "Lucía Herrera",
        "person",
        "",
        "CO",
        [ESS],
        "ally",
        ["democratie-locale", "eau"],
        "Chercheuse en économie solidaire.",
    ),
    (
        "Énergies Partagées Bretagne",
        "organisation",
        "scic",
        "FR",
        [ESS, COMMONS],
        "friend",
        ["energie-citoyenne", "gouvernance-partagee", "democratie-locale"],
        "Parcs éoliens et solaires citoyens en gouvernance partagée.",
    ),
    (
        "Collectif Données Ouvertes",
        "collective",
        "",
        "BE",
        [COMMONS],
        "friend",
        ["savoirs-ouverts", "communs-numeriques", "democratie-locale"],
        "Militants de l'ouverture des données publiques.",
    ),
    (
        "Épicerie Coopérative du Quartier",
        "organisation",
        "cooperative",
        "BE",
        [ESS],
        "friend",
        ["circuits-courts", "gouvernance-partagee"],
        "Supermarché coopératif et participatif.",
    ),
]

RELATIONS = [
    # source, kind, target, start
    ("Coopérative des Communs", "member_of", "Fédération des SCOP Rhône-Alpes", "2019-03-01"),
    ("Coopérative des Communs", "partner_of", "Atelier du Logiciel Libre de Lyon", "2020-01-15"),
    ("Coopérative des Communs", "co_produces", "Wiki des Communs", "2021-06-01"),
    ("Coopérative des Communs", "allied_with", "Réseau ESS de Dakar", "2022-02-10"),
    ("Réseau ESS de Dakar", "partner_of", "Collectif Semences du Sahel", "2021-05-20"),
    ("Collectif Semences du Sahel", "member_of", "Réseau ESS de Dakar", "2022-01-01"),
    ("Jardins Partagés de Thiès", "member_of", "Collectif Semences du Sahel", "2020-09-01"),
    ("Région Dakar", "funds", "Réseau ESS de Dakar", "2023-01-01"),
    ("Région Dakar", "funds", "Jardins Partagés de Thiès", "2024-04-01"),
    ("Aminata Sow", "member_of", "Collectif Semences du Sahel", "2018-01-01"),
    ("Aminata Sow", "member_of", "Réseau ESS de Dakar", "2019-01-01"),
    ("Archive Sonore Libre", "partner_of", "Wiki des Communs", "2023-03-01"),
    ("Archive Sonore Libre", "allied_with", "Collectif Semences du Sahel", "2023-05-01"),
    ("Mutuelle Solidaire du Québec", "funds", "Habitat Partagé Montréal", "2020-01-01"),
    (
        "Habitat Partagé Montréal",
        "partner_of",
        "Réseau Wi-Fi Communautaire du Plateau",
        "2021-01-01",
    ),
    (
        "Coopérative Numérique Solidaire",
        "carries",
        "Réseau Wi-Fi Communautaire du Plateau",
        "2022-06-01",
    ),
    ("Coopérative Numérique Solidaire", "partner_of", "Mutuelle Solidaire du Québec", "2021-09-01"),
    ("Coopérative Numérique Solidaire", "allied_with", "Coopérative des Communs", "2023-01-01"),
    ("Red de Comunes Bogotá", "partner_of", "Maison de l'ESS de Bogotá", "2022-08-01"),
    ("Assemblée de l'Eau de Chía", "member_of", "Red de Comunes Bogotá", "2019-05-01"),
    ("Lucía Herrera", "member_of", "Maison de l'ESS de Bogotá", "2020-02-01"),
    ("Lucía Herrera", "co_produces", "Red de Comunes Bogotá", "2023-10-01"),
    ("Cooperativa de Energía Ciudadana", "partner_of", "Énergies Partagées Bretagne", "2021-04-01"),
    ("Banque Éthique Coopérative", "funds", "Cooperativa de Energía Ciudadana", "2019-01-01"),
    ("Banque Éthique Coopérative", "funds", "Épicerie Coopérative du Quartier", "2021-01-01"),
    ("Tiers-lieu La Fabrique", "partner_of", "Épicerie Coopérative du Quartier", "2020-06-01"),
    ("Tiers-lieu La Fabrique", "partner_of", "Collectif Données Ouvertes", "2022-03-01"),
    ("Collectif Données Ouvertes", "co_produces", "Wiki des Communs", "2022-11-01"),
    ("Monnaie Locale du Pays Lyonnais", "partner_of", "SCOP Les Semeurs", "2020-10-01"),
    ("Ville de Lyon", "funds", "Monnaie Locale du Pays Lyonnais", "2021-01-01"),
    ("Ville de Lyon", "funds", "Atelier du Logiciel Libre de Lyon", "2022-01-01"),
    ("Fondation pour l'Innovation Sociale", "funds", "Coopérative des Communs", "2021-01-01"),
    ("Fondation pour l'Innovation Sociale", "funds", "CAE Horizons", "2020-01-01"),
    ("CAE Horizons", "member_of", "Fédération des SCOP Rhône-Alpes", "2017-01-01"),
    ("SCOP Les Semeurs", "member_of", "Fédération des SCOP Rhône-Alpes", "2016-01-01"),
    ("Julien Moreau", "member_of", "Atelier du Logiciel Libre de Lyon", "2018-01-01"),
    ("Julien Moreau", "co_produces", "Archive Sonore Libre", "2024-02-01"),
    ("Énergies Partagées Bretagne", "allied_with", "Coopérative des Communs", "2023-06-01"),
]

# One relation that has ended: relations are never deleted, only ended.
ENDED = (
    "Atelier du Logiciel Libre de Lyon",
    "partner_of",
    "Wiki des Communs",
    "2019-01-01",
    "2022-12-31",
)


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


@demo_loader(order=20, name="allies: themes, actors and relations of the demo network")
def load_network() -> None:
    if Actor.objects.filter(source="demo").exists():
        return  # loaded already; the demo never duplicates itself
    themes = {}
    for code, fr, en, es, _broader in THEMES:
        themes[code] = theme_save(code=code, labels={"fr": fr, "en": en, "es": es})
    for code, *_labels, broader in THEMES:
        if broader:
            themes[code].broader.set([themes[broader]])
    Theme.objects.get(code="semences").related.add(themes["savoirs-ouverts"])
    actors = {}
    for name, kind, legal_form, country, movements, circle, codes, description in ACTORS:
        actors[name] = actor_create(
            name=name,
            kind=kind,
            legal_form=legal_form,
            country=country,
            circle=circle,
            movements=movements,
            themes=[themes[code] for code in codes],
            description={"fr": description},
            languages=["fr"],
            source="demo",
        )
    for source, kind, target, start in RELATIONS:
        relation_create(
            source=actors[source], target=actors[target], kind=kind, start_date=_date(start)
        )
    source, kind, target, start, end = ENDED
    relation_create(
        source=actors[source],
        target=actors[target],
        kind=kind,
        start_date=_date(start),
        end_date=_date(end),
    )
    assert Relation.objects.filter(end_date__isnull=False).count() == 1
