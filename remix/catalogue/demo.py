"""The demo catalogue: illustrative documents in French, English and Spanish, and eight commons.

Every text is written for the demo and ends by saying so; the people and organisations are the
demo network's invented actors (the reading notes describe real books). Media addresses are
example.org's: nothing is fetched. Everything goes through the catalogue's services, so each
document and commons has its revisions, and one spam-like test document is hidden with a reason
so that the public moderation log is not empty.
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.utils.text import slugify

from remix.accounts.models import User
from remix.allies.models import Actor, Theme
from remix.catalogue import services
from remix.catalogue.models import Commons, Document, Family
from remix.charter import demo as charter_demo
from remix.charter.selectors import charter_current
from remix.core.demo import demo_loader

ILLUSTRATIVE = {
    "fr": "_Document illustratif : ce sont des données de démonstration._",
    "en": "_Illustrative document: this is demo data._",
    "es": "_Documento ilustrativo: son datos de demostración._",
}
ILLUSTRATIVE_COMMONS = {
    "fr": " Commun illustratif : ce sont des données de démonstration.",
    "en": " Illustrative commons: this is demo data.",
    "es": " Común ilustrativo: son datos de demostración.",
}

# Who enters the demo's documents, by language (the accounts demo's members).
CONTRIBUTOR_BY_LANGUAGE = {"fr": "amina", "en": "camille", "es": "mateo"}
MODERATOR = "camille"  # an editor
DEMO_USERNAMES = ["amina", "camille", "mateo"]


class DemoCommons(NamedTuple):
    key: str
    family: str
    name: dict
    description: dict
    community: dict
    governance: dict
    carriers: tuple
    themes: tuple
    place: str = ""
    country: str = ""
    coordinates: tuple | None = None


COMMONS = [
    DemoCommons(
        key="seeds",
        family="food",
        name={
            "fr": "Maison des semences de Thiès",
            "en": "Thiès seed house",
            "es": "Casa de semillas de Thiès",
        },
        description={
            "fr": "Une maison où les familles confient, empruntent et multiplient leurs semences "
            "paysannes.",
            "en": "A house where families lend, borrow and multiply their farmers' seeds.",
            "es": "Una casa donde las familias prestan, toman y multiplican sus semillas "
            "campesinas.",
        },
        community={
            "fr": "Les familles de douze villages et un comité de gardiennes.",
            "en": "Families from twelve villages and a committee of seed keepers.",
            "es": "Las familias de doce pueblos y un comité de guardianas.",
        },
        governance={
            "fr": "Chaque prêt est rendu après la récolte suivante ; le comité est élu chaque "
            "année.",
            "en": "Every loan is returned after the next harvest; the committee is elected "
            "each year.",
            "es": "Cada préstamo se devuelve tras la cosecha siguiente; el comité se elige cada "
            "año.",
        },
        carriers=("Collectif Semences du Sahel", "Aminata Sow"),
        themes=("semences", "souverainete-alimentaire"),
        place="Thiès",
        country="SN",
        coordinates=("14.791000", "-16.935900"),
    ),
    DemoCommons(
        key="water",
        family="nature",
        name={
            "fr": "Aqueduc communautaire de Chía",
            "en": "Chía community aqueduct",
            "es": "Acueducto comunitario de Chía",
        },
        description={
            "fr": "Un aqueduc construit et entretenu par ses usagers depuis trente ans.",
            "en": "An aqueduct built and maintained by its users for thirty years.",
            "es": "Un acueducto construido y mantenido por sus usuarios desde hace treinta años.",
        },
        community={
            "fr": "Cent vingt familles usagères, réunies en assemblée.",
            "en": "A hundred and twenty user families, meeting as an assembly.",
            "es": "Ciento veinte familias usuarias, reunidas en asamblea.",
        },
        governance={
            "fr": "Assemblée mensuelle, une voix par famille, travaux en minga.",
            "en": "A monthly assembly, one voice per family, repairs done together (minga).",
            "es": "Asamblea mensual, una voz por familia, obras en minga.",
        },
        carriers=("Assemblée de l'Eau de Chía", "Red de Comunes Bogotá"),
        themes=("eau", "gouvernance-partagee"),
        place="Chía",
        country="CO",
        coordinates=("4.861900", "-74.032500"),
    ),
    DemoCommons(
        key="garden",
        family="urban",
        name={
            "fr": "Jardins partagés de Thiès",
            "en": "Thiès shared gardens",
            "es": "Huertos compartidos de Thiès",
        },
        description={
            "fr": "Des parcelles cultivées en commun, un compost et une réserve d'eau partagés.",
            "en": "Plots grown together, with a shared compost and water tank.",
            "es": "Parcelas cultivadas en común, con compost y depósito de agua compartidos.",
        },
        community={
            "fr": "Une quarantaine de jardinières et jardiniers du quartier.",
            "en": "About forty gardeners from the neighbourhood.",
            "es": "Unas cuarenta personas del barrio.",
        },
        governance={
            "fr": "Une réunion par mois sous le même arbre ; un règlement lu aux nouveaux venus.",
            "en": "One meeting a month under the same tree; rules read aloud to newcomers.",
            "es": "Una reunión al mes bajo el mismo árbol; un reglamento leído a quien llega.",
        },
        carriers=("Jardins Partagés de Thiès",),
        themes=("souverainete-alimentaire", "circuits-courts", "eau"),
        place="Thiès",
        country="SN",
        coordinates=("14.788600", "-16.926000"),
    ),
    DemoCommons(
        key="network",
        family="infrastructure",
        name={
            "fr": "Réseau Wi-Fi communautaire du Plateau",
            "en": "Plateau community Wi-Fi network",
            "es": "Red wifi comunitaria del Plateau",
        },
        description={
            "fr": "Deux cents foyers reliés par des antennes posées sur les toits.",
            "en": "Two hundred homes linked by antennas on the roofs.",
            "es": "Doscientos hogares conectados por antenas en los tejados.",
        },
        community={
            "fr": "Les foyers membres et une équipe bénévole d'entretien.",
            "en": "The member households and a volunteer maintenance team.",
            "es": "Los hogares socios y un equipo voluntario de mantenimiento.",
        },
        governance={
            "fr": "Cotisation à prix libre ; une assemblée par saison.",
            "en": "A pay-what-you-can fee; one assembly each season.",
            "es": "Cuota a precio libre; una asamblea por estación.",
        },
        carriers=("Réseau Wi-Fi Communautaire du Plateau", "Coopérative Numérique Solidaire"),
        themes=("communs-numeriques", "democratie-locale"),
        place="Montréal",
        country="CA",
        coordinates=("45.522500", "-73.580000"),
    ),
    DemoCommons(
        key="software",
        family="digital",
        name={
            "fr": "Gestiasso, logiciel libre de gestion associative",
            "en": "Gestiasso, free software for associations",
            "es": "Gestiasso, software libre de gestión asociativa",
        },
        description={
            "fr": "Adhésions, cotisations et comptes d'une association, sous licence libre.",
            "en": "Memberships, fees and accounts of an association, under a free licence.",
            "es": "Socios, cuotas y cuentas de una asociación, con licencia libre.",
        },
        community={
            "fr": "Des contributrices et contributeurs bénévoles et des centaines d'associations.",
            "en": "Volunteer contributors and hundreds of associations using it.",
            "es": "Personas voluntarias que contribuyen y cientos de asociaciones usuarias.",
        },
        governance={
            "fr": "Feuille de route votée par les associations utilisatrices ; revue de code.",
            "en": "A roadmap voted by the associations that use it; code review.",
            "es": "Hoja de ruta votada por las asociaciones usuarias; revisión de código.",
        },
        carriers=("Atelier du Logiciel Libre de Lyon", "Coopérative Numérique Solidaire"),
        themes=("logiciel-libre", "communs-numeriques"),
    ),
    DemoCommons(
        key="tools",
        family="urban",
        name={
            "fr": "Outilthèque de La Fabrique",
            "en": "La Fabrique tool library",
            "es": "Biblioteca de herramientas de La Fabrique",
        },
        description={
            "fr": "Une bibliothèque d'outils : on emprunte, on rend, on répare ensemble.",
            "en": "A library of tools: borrow, return, repair together.",
            "es": "Una biblioteca de herramientas: se presta, se devuelve, se repara en común.",
        },
        community={
            "fr": "Les membres du tiers-lieu et les habitants du quartier.",
            "en": "The third place's members and the neighbourhood's residents.",
            "es": "Las personas socias del tercer lugar y los vecinos del barrio.",
        },
        governance={
            "fr": "Un règlement révisé chaque année en assemblée ; cotisation à prix libre.",
            "en": "Rules revised each year in assembly; a pay-what-you-can fee.",
            "es": "Un reglamento revisado cada año en asamblea; cuota a precio libre.",
        },
        carriers=("Tiers-lieu La Fabrique",),
        themes=("tiers-lieux", "circuits-courts"),
        place="Liège",
        country="BE",
        coordinates=("50.632600", "5.579700"),
    ),
    DemoCommons(
        key="health",
        family="health",
        name={
            "fr": "Case de santé communautaire de Pikine",
            "en": "Pikine community health post",
            "es": "Puesto de salud comunitario de Pikine",
        },
        description={
            "fr": "Des soins de base à prix solidaire, gérés par un comité d'habitants.",
            "en": "Basic care at a solidarity price, run by a residents' committee.",
            "es": "Atención básica a precio solidario, gestionada por un comité vecinal.",
        },
        community={
            "fr": "Les familles cotisantes du quartier, une infirmière et une matrone.",
            "en": "The neighbourhood's contributing families, a nurse and a midwife.",
            "es": "Las familias del barrio que cotizan, una enfermera y una partera.",
        },
        governance={
            "fr": "Comité élu ; comptes lus en assemblée chaque trimestre ; caisse mutuelle.",
            "en": "An elected committee; accounts read in assembly each quarter; a mutual fund.",
            "es": "Comité elegido; cuentas leídas en asamblea cada trimestre; caja mutual.",
        },
        carriers=("Réseau ESS de Dakar",),
        themes=("insertion", "democratie-locale"),
        place="Pikine",
        country="SN",
        coordinates=("14.764000", "-17.390000"),
    ),
    DemoCommons(
        key="archive",
        family="culture",
        name={
            "fr": "Archive sonore libre des contes du Sine",
            "en": "Open sound archive of Sine tales",
            "es": "Archivo sonoro libre de los cuentos del Sine",
        },
        description={
            "fr": "Contes, chants et témoignages enregistrés avec les villages, sous licence "
            "libre.",
            "en": "Tales, songs and testimonies recorded with the villages, under free licences.",
            "es": "Cuentos, cantos y testimonios grabados con los pueblos, con licencias libres.",
        },
        community={
            "fr": "Les conteuses, les villages et les bénévoles qui numérisent.",
            "en": "The storytellers, the villages and the volunteers who digitise.",
            "es": "Las narradoras, los pueblos y las personas voluntarias que digitalizan.",
        },
        governance={
            "fr": "Rien n'est publié sans l'accord de celles et ceux qui ont parlé.",
            "en": "Nothing is published without the consent of those who spoke.",
            "es": "Nada se publica sin el acuerdo de quienes hablaron.",
        },
        carriers=("Archive Sonore Libre", "Wiki des Communs"),
        themes=("culture-libre", "savoirs-ouverts"),
        place="Fatick",
        country="SN",
    ),
]


class DemoDocument(NamedTuple):
    key: str
    language: str
    kind: str
    licence: str
    title: str
    summary: str
    body: str
    date: str
    authors: tuple = ()
    contributors: tuple = ()
    producer: str = ""
    themes: tuple = ()
    commons: tuple = ()
    country: str = ""
    place: str = ""
    translation_of: str = ""
    sources: tuple = ()
    media_url: str = ""
    duration_seconds: int | None = None
    pages: int | None = None
    subtitles: tuple = ()


MEDIA = "https://example.org/media/"

DOCUMENTS = [
    # Definitions, the first one in three languages.
    DemoDocument(
        key="definition-fr",
        language="fr",
        kind="definition",
        licence="CC-BY-SA-4.0",
        title="Qu'est-ce qu'un commun ?",
        summary="Une définition de travail : une ressource, une communauté qui en prend soin, et "
        "les règles qu'elle se donne.",
        body="Un **commun** réunit trois choses :\n\n"
        "- une ressource partagée, matérielle ou non (une source, des semences, un logiciel, "
        "un savoir) ;\n"
        "- une communauté qui l'utilise et en prend soin ;\n"
        "- les règles que cette communauté se donne pour la gouverner et la transmettre.\n\n"
        "Un commun n'est la propriété ni de l'État ni d'un marché : c'est une manière de faire "
        "ensemble, qui tient tant que ses règles sont discutées et respectées.",
        date="2023-03-14",
        authors=("Wiki des Communs",),
        themes=("gouvernance-partagee", "savoirs-ouverts"),
        country="FR",
    ),
    DemoDocument(
        key="definition-en",
        language="en",
        kind="definition",
        licence="CC-BY-SA-4.0",
        title="What is a commons?",
        summary="A working definition: a resource, a community that takes care of it, and the "
        "rules it gives itself.",
        body="A **commons** brings three things together:\n\n"
        "- a shared resource, material or not (a spring, seeds, software, knowledge);\n"
        "- a community that uses it and takes care of it;\n"
        "- the rules this community gives itself to govern it and hand it on.\n\n"
        "A commons belongs neither to the State nor to a market: it is a way of doing things "
        "together, which holds as long as its rules are discussed and kept.",
        date="2023-03-20",
        authors=("Wiki des Communs",),
        contributors=("Julien Moreau",),
        themes=("gouvernance-partagee", "savoirs-ouverts"),
        country="FR",
        translation_of="definition-fr",
    ),
    DemoDocument(
        key="definition-es",
        language="es",
        kind="definition",
        licence="CC-BY-SA-4.0",
        title="¿Qué es un común?",
        summary="Una definición de trabajo: un recurso, una comunidad que lo cuida y las reglas "
        "que se da.",
        body="Un **común** reúne tres cosas:\n\n"
        "- un recurso compartido, material o no (un manantial, semillas, un software, un "
        "saber);\n"
        "- una comunidad que lo usa y lo cuida;\n"
        "- las reglas que esa comunidad se da para gobernarlo y transmitirlo.\n\n"
        "Un común no es propiedad ni del Estado ni de un mercado: es una manera de hacer juntos, "
        "que se sostiene mientras sus reglas se discuten y se respetan.",
        date="2023-04-02",
        authors=("Wiki des Communs",),
        contributors=("Lucía Herrera",),
        themes=("gouvernance-partagee", "savoirs-ouverts"),
        country="FR",
        translation_of="definition-fr",
    ),
    DemoDocument(
        key="digital-definition",
        language="en",
        kind="definition",
        licence="CC-BY-4.0",
        title="Digital commons, a working definition",
        summary="Software, data and knowledge that a community produces and governs together, "
        "open to all.",
        body="A **digital commons** is a resource made of bits — code, data, maps, encyclopaedic "
        "articles — produced and maintained by a community that decides its own rules of "
        "contribution.\n\n"
        "Unlike land or water, it does not wear out when used; what it needs is care: "
        "maintenance, moderation, translation, and the people who do that work.",
        date="2022-05-10",
        authors=("Coopérative des Communs",),
        themes=("communs-numeriques", "logiciel-libre", "savoirs-ouverts"),
        country="FR",
    ),
    DemoDocument(
        key="bienes-comunes",
        language="es",
        kind="definition",
        licence="CC0-1.0",
        title="Bienes comunes y comunes: una distinción",
        summary="Por qué hablamos de comunes y no solo de bienes comunes: la economía de un "
        "recurso no basta para describir una comunidad.",
        body="Se habla de *bienes comunes* para nombrar recursos que nadie debería apropiarse: "
        "el agua, el aire, el conocimiento.\n\n"
        "Hablar de **comunes** pone el acento en otra cosa: en la comunidad que decide, en sus "
        "asambleas y en sus reglas. La economía de un recurso no basta; hace falta la práctica "
        "de cuidarlo juntos.",
        date="2021-09-02",
        authors=("Lucía Herrera",),
        themes=("gouvernance-partagee", "democratie-locale"),
        country="CO",
        place="Bogotá",
    ),
    DemoDocument(
        key="enclosure",
        language="fr",
        kind="definition",
        licence="CC-BY-4.0",
        title="Enclosure : quand un commun est clôturé",
        summary="Le mot vient des clôtures des champs ouverts anglais ; il désigne toute "
        "appropriation d'une ressource partagée.",
        body="En Angleterre, du XVIe au XIXe siècle, les *enclosures* ont clôturé des terres "
        "jusque-là utilisées en commun.\n\n"
        "Le mot sert aujourd'hui à nommer toute appropriation d'une ressource partagée : un "
        "brevet sur une semence paysanne, un savoir rendu payant, une source privatisée. "
        "Documenter un commun, c'est aussi le protéger de l'enclosure.",
        date="2020-11-20",
        authors=("Wiki des Communs",),
        themes=("savoirs-ouverts", "gouvernance-partagee"),
        country="FR",
    ),
    # Interviews.
    DemoDocument(
        key="seeds-interview-fr",
        language="fr",
        kind="interview",
        licence="CC-BY-SA-4.0",
        title="Entretien avec Aminata Sow : les maisons de semences",
        summary="Comment les villages du Sahel gardent, échangent et multiplient leurs semences "
        "paysannes.",
        body="**Pourquoi une maison de semences ?**\n\n"
        "Parce qu'une semence qu'on ne sème plus disparaît. Chaque famille confie une part de "
        "sa récolte ; la maison la prête à qui en a besoin, qui la rend après la récolte "
        "suivante.\n\n"
        "**Qui décide ?**\n\n"
        "Un comité de gardiennes, renouvelé chaque année, tient le registre des prêts et "
        "organise la fête des semences.",
        date="2024-02-17",
        authors=("Archive Sonore Libre",),
        contributors=("Aminata Sow",),
        producer="Collectif Semences du Sahel",
        themes=("semences", "souverainete-alimentaire", "savoirs-ouverts"),
        commons=("seeds",),
        country="SN",
        place="Thiès",
        media_url=MEDIA + "entretien-aminata-sow.ogg",
        duration_seconds=1860,
    ),
    DemoDocument(
        key="seeds-interview-en",
        language="en",
        kind="interview",
        licence="CC-BY-SA-4.0",
        title="Interview with Aminata Sow: seed houses",
        summary="How villages in the Sahel keep, exchange and multiply their farmers' seeds "
        "(transcript translated from French).",
        body="**Why a seed house?**\n\n"
        "Because a seed that is no longer sown disappears. Each family entrusts part of its "
        "harvest; the house lends it to whoever needs it, who gives it back after the next "
        "harvest.\n\n"
        "**Who decides?**\n\n"
        "A committee of seed keepers, renewed every year, keeps the register of loans and "
        "organises the seed festival.",
        date="2024-03-01",
        authors=("Archive Sonore Libre",),
        contributors=("Aminata Sow", "Julien Moreau"),
        producer="Collectif Semences du Sahel",
        themes=("semences", "souverainete-alimentaire", "savoirs-ouverts"),
        commons=("seeds",),
        country="SN",
        place="Thiès",
        translation_of="seeds-interview-fr",
    ),
    DemoDocument(
        key="water-interview",
        language="es",
        kind="interview",
        licence="CC-BY-4.0",
        title="Entrevista: la asamblea del acueducto de Chía",
        summary="Cómo ciento veinte familias gestionan juntas el agua de su vereda desde hace "
        "treinta años.",
        body="**¿Quién es dueño del acueducto?**\n\n"
        "Nadie y todos: las familias usuarias lo construyeron con sus manos en una minga y lo "
        "mantienen con una cuota mensual.\n\n"
        "**¿Cómo se toman las decisiones?**\n\n"
        "En asamblea, una vez al mes. La junta rinde cuentas del agua, del dinero y de las "
        "obras; cada familia tiene una voz.",
        date="2023-08-05",
        authors=("Lucía Herrera",),
        contributors=("Assemblée de l'Eau de Chía",),
        themes=("eau", "gouvernance-partagee", "democratie-locale"),
        commons=("water",),
        country="CO",
        place="Chía",
        media_url=MEDIA + "entrevista-acueducto-chia.mp3",
        duration_seconds=2400,
    ),
    DemoDocument(
        key="network-interview",
        language="fr",
        kind="interview",
        licence="CC-BY-ND-4.0",
        title="Entretien : un réseau internet qui appartient à ses membres",
        summary="Des antennes sur les toits, une cotisation à prix libre, une assemblée par "
        "saison. Sous CC BY-ND : il se partage tel quel et ne se remixe pas.",
        body="**Comment est né le réseau ?**\n\n"
        "D'un immeuble sans connexion abordable. Une première antenne sur le toit, puis dix, "
        "puis deux cents foyers reliés.\n\n"
        "**Pourquoi cette licence ?**\n\n"
        "Les membres ont voulu que leur parole soit citée telle quelle : l'entretien se partage "
        "librement, mais sans modification.",
        date="2024-10-03",
        authors=("Réseau Wi-Fi Communautaire du Plateau",),
        contributors=("Coopérative Numérique Solidaire",),
        themes=("communs-numeriques", "democratie-locale"),
        commons=("network",),
        country="CA",
        place="Montréal",
        media_url=MEDIA + "entretien-wifi-plateau.webm",
        duration_seconds=1500,
    ),
    DemoDocument(
        key="energy-interview",
        language="es",
        kind="interview",
        licence="CC-BY-SA-4.0",
        title="Entrevista: energía que se decide en asamblea",
        summary="Una cooperativa de energía renovable cuenta cómo sus socias deciden las "
        "inversiones.",
        body="**¿Por qué una cooperativa?**\n\n"
        "Porque la energía es de todos. Cada socia tiene un voto, sea cual sea su aportación.\n\n"
        "**¿Qué se decide en asamblea?**\n\n"
        "Las nuevas instalaciones solares, el precio de la electricidad y el reparto de los "
        "excedentes, que financian la cooperación con otros proyectos.",
        date="2022-04-21",
        authors=("Cooperativa de Energía Ciudadana",),
        themes=("energie-citoyenne", "gouvernance-partagee"),
        country="ES",
        place="Pamplona",
        media_url=MEDIA + "entrevista-energia.mp3",
        duration_seconds=1320,
    ),
    # A documentary in Spanish with its French and English versions, and another.
    DemoDocument(
        key="water-documentary-es",
        language="es",
        kind="documentary",
        licence="LAL-1.3",
        title="El agua de todos: el acueducto comunitario de Chía",
        summary="Un documental de cuarenta y cuatro minutos sobre una comunidad que cuida su agua.",
        body="Entre montañas, un acueducto construido y gobernado por sus usuarios.\n\n"
        "El documental sigue un año de la asamblea: las mingas de mantenimiento, la sequía, la "
        "discusión sobre la tarifa y la llegada de nuevos vecinos.",
        date="2024-06-15",
        authors=("Julien Moreau", "Lucía Herrera"),
        producer="Red de Comunes Bogotá",
        themes=("eau", "gouvernance-partagee"),
        commons=("water",),
        country="CO",
        place="Chía",
        media_url=MEDIA + "el-agua-de-todos.mp4",
        duration_seconds=2640,
        subtitles=("fr",),
    ),
    DemoDocument(
        key="water-documentary-fr",
        language="fr",
        kind="documentary",
        licence="LAL-1.3",
        title="L'eau de tous : l'aqueduc communautaire de Chía",
        summary="Un documentaire de quarante-quatre minutes sur une communauté qui prend soin "
        "de son eau (version sous-titrée en français).",
        body="Entre les montagnes, un aqueduc construit et gouverné par ses usagers.\n\n"
        "Le documentaire suit une année de l'assemblée : les travaux d'entretien en commun, la "
        "sécheresse, la discussion sur le tarif et l'arrivée de nouveaux voisins.",
        date="2024-07-01",
        authors=("Julien Moreau", "Lucía Herrera"),
        producer="Red de Comunes Bogotá",
        themes=("eau", "gouvernance-partagee"),
        commons=("water",),
        country="CO",
        place="Chía",
        translation_of="water-documentary-es",
        media_url=MEDIA + "el-agua-de-todos.mp4",
        duration_seconds=2640,
        subtitles=("fr",),
    ),
    DemoDocument(
        key="water-documentary-en",
        language="en",
        kind="documentary",
        licence="LAL-1.3",
        title="Everyone's water: the community aqueduct of Chía",
        summary="A forty-four-minute documentary about a community that takes care of its water "
        "(English-subtitled version).",
        body="Among the mountains, an aqueduct built and governed by its users.\n\n"
        "The documentary follows a year of the assembly: shared maintenance work, the drought, "
        "the debate on the fee and the arrival of new neighbours.",
        date="2024-07-10",
        authors=("Julien Moreau", "Lucía Herrera"),
        producer="Red de Comunes Bogotá",
        themes=("eau", "gouvernance-partagee"),
        commons=("water",),
        country="CO",
        place="Chía",
        translation_of="water-documentary-es",
        media_url=MEDIA + "el-agua-de-todos.mp4",
        duration_seconds=2640,
        subtitles=("en",),
    ),
    DemoDocument(
        key="software-documentary",
        language="fr",
        kind="documentary",
        licence="CC-BY-SA-4.0",
        title="Les artisans du logiciel libre",
        summary="Une année avec les bénévoles qui entretiennent un logiciel de gestion "
        "associative.",
        body="Qui répare le logiciel quand il casse ? Le documentaire suit les contributrices et "
        "contributeurs d'un logiciel libre utilisé par des centaines d'associations.\n\n"
        "On y voit les install-parties, les revues de code, les traductions, et la question qui "
        "revient : comment rémunérer l'entretien d'un commun numérique ?",
        date="2023-11-25",
        authors=("Julien Moreau",),
        producer="Atelier du Logiciel Libre de Lyon",
        themes=("logiciel-libre", "communs-numeriques"),
        commons=("software",),
        country="FR",
        place="Lyon",
        media_url=MEDIA + "artisans-du-logiciel-libre.mp4",
        duration_seconds=3120,
        subtitles=("en", "es"),
    ),
    # Practices.
    DemoDocument(
        key="garden-practices-en",
        language="en",
        kind="text",
        licence="CC-BY-4.0",
        title="Running a shared garden: ten practices",
        summary="What the gardeners of Thiès learned about plots, water, compost and meetings.",
        body="1. Share the water before sharing the plots.\n"
        "2. Keep a common compost, turned by everyone in turn.\n"
        "3. Hold a short meeting every month, under the same tree.\n"
        "4. Write the rules down, and read them aloud to newcomers.\n"
        "5. Keep a seed box open to all.\n"
        "6. Leave one plot for the school.\n"
        "7. Lend tools, and mark who has them.\n"
        "8. Sell the surplus at the market together.\n"
        "9. Settle disputes before the next sowing.\n"
        "10. Celebrate the harvest.",
        date="2023-03-30",
        authors=("Jardins Partagés de Thiès",),
        themes=("souverainete-alimentaire", "circuits-courts", "eau"),
        commons=("garden",),
        country="SN",
        place="Thiès",
        pages=8,
    ),
    DemoDocument(
        key="garden-practices-fr",
        language="fr",
        kind="text",
        licence="CC-BY-4.0",
        title="Faire vivre un jardin partagé : dix pratiques",
        summary="Ce que les jardinières et jardiniers de Thiès ont appris sur les parcelles, "
        "l'eau, le compost et les réunions.",
        body="1. Partager l'eau avant de partager les parcelles.\n"
        "2. Tenir un compost commun, retourné par chacun à son tour.\n"
        "3. Se réunir chaque mois, brièvement, sous le même arbre.\n"
        "4. Écrire le règlement, et le lire aux nouveaux venus.\n"
        "5. Garder une boîte de semences ouverte à tous.\n"
        "6. Laisser une parcelle à l'école.\n"
        "7. Prêter les outils, et noter qui les a.\n"
        "8. Vendre ensemble le surplus au marché.\n"
        "9. Régler les désaccords avant les prochains semis.\n"
        "10. Fêter la récolte.",
        date="2023-04-15",
        authors=("Jardins Partagés de Thiès",),
        themes=("souverainete-alimentaire", "circuits-courts", "eau"),
        commons=("garden",),
        country="SN",
        place="Thiès",
        translation_of="garden-practices-en",
        pages=8,
    ),
    DemoDocument(
        key="garden-practices-es",
        language="es",
        kind="text",
        licence="CC-BY-4.0",
        title="Animar un huerto compartido: diez prácticas",
        summary="Lo que aprendieron las personas de los huertos de Thiès sobre parcelas, agua, "
        "compost y reuniones.",
        body="1. Compartir el agua antes de repartir las parcelas.\n"
        "2. Mantener un compost común, volteado por turnos.\n"
        "3. Reunirse cada mes, brevemente, bajo el mismo árbol.\n"
        "4. Escribir el reglamento y leerlo a quien llega.\n"
        "5. Tener una caja de semillas abierta a todos.\n"
        "6. Dejar una parcela para la escuela.\n"
        "7. Prestar las herramientas y anotar quién las tiene.\n"
        "8. Vender juntos el excedente en el mercado.\n"
        "9. Resolver los desacuerdos antes de la siembra.\n"
        "10. Celebrar la cosecha.",
        date="2023-05-02",
        authors=("Jardins Partagés de Thiès",),
        contributors=("Maison de l'ESS de Bogotá",),
        themes=("souverainete-alimentaire", "circuits-courts", "eau"),
        commons=("garden",),
        country="SN",
        place="Thiès",
        translation_of="garden-practices-en",
        pages=8,
    ),
    DemoDocument(
        key="tool-rules",
        language="fr",
        kind="text",
        licence="CC0-1.0",
        title="Prêter des outils : le règlement de l'outilthèque",
        summary="Le règlement, écrit par les membres, d'une bibliothèque d'outils : emprunter, "
        "rendre, réparer.",
        body="- Chaque membre peut emprunter trois outils à la fois, pour une semaine.\n"
        "- Un outil rendu cassé se répare ensemble, à l'atelier du jeudi.\n"
        "- La cotisation est à prix libre ; personne n'est refusé faute de moyens.\n"
        "- Le règlement se révise chaque année en assemblée.",
        date="2024-01-12",
        authors=("Tiers-lieu La Fabrique",),
        themes=("tiers-lieux", "circuits-courts"),
        commons=("tools",),
        country="BE",
        place="Liège",
        pages=2,
    ),
    DemoDocument(
        key="health-practice",
        language="fr",
        kind="text",
        licence="CC-BY-SA-4.0",
        title="Une case de santé gérée par le quartier",
        summary="Comment un comité d'habitants gère une case de santé communautaire, ses soins et "
        "ses finances.",
        body="La case de santé est née d'une cotisation des familles du quartier. Un comité élu "
        "en assure la gestion : horaires, achats de médicaments, rémunération de l'infirmière et "
        "de la matrone.\n\n"
        "Les comptes sont lus en assemblée chaque trimestre. Les soins de base sont à prix "
        "solidaire ; une caisse mutuelle couvre les familles qui ne peuvent pas payer.",
        date="2022-12-08",
        authors=("Réseau ESS de Dakar",),
        themes=("insertion", "democratie-locale"),
        commons=("health",),
        country="SN",
        place="Pikine",
        pages=12,
    ),
    DemoDocument(
        key="local-currency",
        language="fr",
        kind="text",
        licence="CC-BY-4.0",
        title="Lancer une monnaie locale : retour d'expérience",
        summary="Cinq ans d'une monnaie locale citoyenne : ce qui a marché, ce qui a coincé, et "
        "sa place dans l'économie du territoire.",
        body="Une monnaie locale ne remplace pas l'euro : elle oriente les achats vers les "
        "commerces et les producteurs du territoire qui ont signé une charte.\n\n"
        "Ce qui a marché : les marchés de producteurs, les comptoirs de change chez les "
        "commerçants, le paiement par téléphone. Ce qui a coincé : la trésorerie des premiers "
        "mois, et le temps bénévole que tout cela demande à l'économie sociale et solidaire.",
        date="2021-06-19",
        authors=("Monnaie Locale du Pays Lyonnais",),
        themes=("monnaies-locales", "circuits-courts", "finance-solidaire"),
        country="FR",
        place="Lyon",
        pages=16,
    ),
    DemoDocument(
        key="land-trust",
        language="en",
        kind="text",
        licence="CC-BY-NC-SA-4.0",
        title="Community land trusts: how we hold land together",
        summary="A guide to the community land trust model, from the board's three colleges to "
        "resale formulas. Its non-commercial licence is shown as not free.",
        body="In a **community land trust**, the land belongs to a non-profit and the homes to "
        "the residents. The trust's board has three colleges: residents, neighbours, and the "
        "public interest.\n\n"
        "A resale formula keeps homes affordable for the next household: the seller recovers "
        "what they paid plus a share of the increase, never the whole speculative gain.",
        date="2023-05-04",
        authors=("Habitat Partagé Montréal",),
        contributors=("Mutuelle Solidaire du Québec",),
        themes=("habitat-cooperatif", "gouvernance-partagee"),
        country="CA",
        place="Montréal",
        pages=24,
    ),
    # Reading notes on real books, written for the demo.
    DemoDocument(
        key="ostrom-fr",
        language="fr",
        kind="bibliographic_note",
        licence="CC0-1.0",
        title="Note de lecture : La gouvernance des biens communs (Elinor Ostrom)",
        summary="Elinor Ostrom, Governing the Commons, Cambridge University Press, 1990 ; "
        "traduction française, De Boeck, 2010.",
        body="**Référence** : Elinor Ostrom, *Governing the Commons. The Evolution of "
        "Institutions for Collective Action*, Cambridge University Press, 1990. Traduction "
        "française : *La gouvernance des biens communs*, De Boeck, 2010.\n\n"
        "**En bref** : à partir de systèmes d'irrigation, de pêcheries et de pâturages gérés en "
        "commun, l'autrice dégage huit principes d'institutions durables, parmi lesquels des "
        "règles adaptées au lieu, la surveillance par les usagers eux-mêmes, des sanctions "
        "graduées et des lieux pour résoudre les conflits.",
        date="2020-03-08",
        authors=("Wiki des Communs",),
        themes=("gouvernance-partagee", "eau"),
        country="FR",
    ),
    DemoDocument(
        key="ostrom-es",
        language="es",
        kind="bibliographic_note",
        licence="CC0-1.0",
        title="Nota de lectura: El gobierno de los bienes comunes (Elinor Ostrom)",
        summary="Elinor Ostrom, Governing the Commons, Cambridge University Press, 1990; "
        "traducción al español, Fondo de Cultura Económica, 2000.",
        body="**Referencia**: Elinor Ostrom, *Governing the Commons. The Evolution of "
        "Institutions for Collective Action*, Cambridge University Press, 1990. Traducción: "
        "*El gobierno de los bienes comunes*, Fondo de Cultura Económica, 2000.\n\n"
        "**En breve**: a partir de sistemas de riego, pesquerías y pastos gestionados en común, "
        "la autora propone ocho principios de instituciones duraderas, entre ellos reglas "
        "adaptadas al lugar, la vigilancia por los propios usuarios, sanciones graduales y "
        "espacios para resolver los conflictos.",
        date="2020-04-01",
        authors=("Wiki des Communs",),
        contributors=("Lucía Herrera",),
        themes=("gouvernance-partagee", "eau"),
        country="FR",
        translation_of="ostrom-fr",
    ),
    DemoDocument(
        key="hess-en",
        language="en",
        kind="bibliographic_note",
        licence="CC-BY-4.0",
        title="Reading note: Mapping the New Commons (Charlotte Hess, 2008)",
        summary="The map of the new commons that the catalogue's families of commons follow.",
        body="**Reference**: Charlotte Hess, *Mapping the New Commons*, paper presented at the "
        "12th biennial conference of the International Association for the Study of the "
        "Commons, Cheltenham, 2008.\n\n"
        "**In short**: beyond the traditional commons of land, water and fisheries, Hess maps "
        "the new commons scholars were starting to study — knowledge, culture, neighbourhoods, "
        "infrastructure, health, markets and the global commons.",
        date="2022-02-14",
        authors=("Collectif Données Ouvertes",),
        themes=("savoirs-ouverts", "communs-numeriques"),
        country="BE",
    ),
    DemoDocument(
        key="bollier-en",
        language="en",
        kind="bibliographic_note",
        licence="CC-BY-SA-4.0",
        title="Reading note: Free, Fair and Alive (Bollier and Helfrich, 2019)",
        summary="A pattern language of commoning, for people who practise the commons.",
        body="**Reference**: David Bollier and Silke Helfrich, *Free, Fair and Alive. The "
        "Insurgent Power of the Commons*, New Society Publishers, 2019.\n\n"
        "**In short**: a pattern language of commoning — social life, peer governance, "
        "provisioning — meant for people who practise the commons more than for those who "
        "study them.",
        date="2021-01-25",
        authors=("Coopérative des Communs",),
        themes=("gouvernance-partagee", "culture-libre"),
        country="FR",
    ),
    # Recordings of the network's calls, as links.
    DemoDocument(
        key="call-fr",
        language="fr",
        kind="call_recording",
        licence="CC-BY-4.0",
        title="Appel du réseau : les communs et l'ESS, même combat ?",
        summary="Enregistrement de l'appel mensuel : où l'économie sociale et solidaire et les "
        "communs se rejoignent, et où ils divergent.",
        body="**Ordre du jour**\n\n"
        "1. Tour de table des projets.\n"
        "2. Les communs et l'ESS : ce qui les rapproche, ce qui les oppose.\n"
        "3. Préparation de la fiesta des communs.\n\n"
        "L'enregistrement est publié avec l'accord de toutes les personnes présentes.",
        date="2025-03-12",
        contributors=("Aminata Sow", "Julien Moreau", "Réseau ESS de Dakar"),
        producer="Coopérative des Communs",
        themes=("gouvernance-partagee", "finance-solidaire"),
        country="FR",
        media_url="https://example.org/appels/2025-03-communs-ess",
        duration_seconds=5400,
    ),
    DemoDocument(
        key="call-en",
        language="en",
        kind="call_recording",
        licence="CC-BY-4.0",
        title="Network call: seed exchanges across borders",
        summary="Keepers of seed houses in Senegal and market growers in France compare how they "
        "exchange seeds.",
        body="**Agenda**\n\n"
        "1. How each seed house keeps its register.\n"
        "2. What the law allows when seeds cross a border.\n"
        "3. A shared calendar of seed fairs.\n\n"
        "Recorded with the consent of everyone on the call.",
        date="2024-11-06",
        contributors=("Collectif Semences du Sahel", "SCOP Les Semeurs"),
        producer="Réseau ESS de Dakar",
        themes=("semences", "souverainete-alimentaire"),
        commons=("seeds",),
        country="SN",
        media_url="https://example.org/calls/2024-11-seed-exchanges",
        duration_seconds=4200,
    ),
    DemoDocument(
        key="call-es",
        language="es",
        kind="call_recording",
        licence="CC-BY-SA-4.0",
        title="Llamada de la red: defender el agua común",
        summary="Grabación de la llamada mensual: acueductos comunitarios frente a la "
        "privatización del agua.",
        body="**Orden del día**\n\n"
        "1. Noticias de los acueductos de la red.\n"
        "2. Una propuesta de ley sobre la gestión comunitaria del agua.\n"
        "3. Cooperación entre asambleas para las obras.\n\n"
        "Grabada con el consentimiento de todas las personas presentes.",
        date="2025-02-19",
        contributors=("Assemblée de l'Eau de Chía", "Lucía Herrera"),
        producer="Red de Comunes Bogotá",
        themes=("eau", "democratie-locale"),
        commons=("water",),
        country="CO",
        media_url="https://example.org/llamadas/2025-02-agua-comun",
        duration_seconds=3600,
    ),
    # A video, an image, a sound recording and a link.
    DemoDocument(
        key="minga-video",
        language="es",
        kind="video",
        licence="CC-BY-4.0",
        title="Video: una minga de mantenimiento del acueducto",
        summary="Siete minutos de trabajo colectivo: limpiar la bocatoma y cambiar un tubo.",
        body="Un sábado al mes, las familias usuarias del acueducto se reúnen para la minga: "
        "limpian la bocatoma, revisan los tanques y reparan lo que haga falta.\n\n"
        "Después del trabajo, una olla comunitaria.",
        date="2024-03-09",
        authors=("Assemblée de l'Eau de Chía",),
        themes=("eau", "gouvernance-partagee"),
        commons=("water",),
        country="CO",
        place="Chía",
        media_url=MEDIA + "minga-acueducto.mp4",
        duration_seconds=420,
    ),
    DemoDocument(
        key="map",
        language="fr",
        kind="image",
        licence="CC-BY-SA-4.0",
        title="Carte des communs du quartier",
        summary="Une carte dessinée avec les habitants : jardins, outilthèque, boîtes à livres, "
        "bancs, fontaines.",
        body="Dessinée lors d'un atelier de cartographie participative, la carte recense les "
        "communs du quartier et celles et ceux qui en prennent soin.\n\n"
        "Les données de la carte sont publiées sous licence ouverte.",
        date="2024-05-22",
        authors=("Collectif Données Ouvertes",),
        themes=("savoirs-ouverts", "democratie-locale"),
        commons=("tools",),
        country="BE",
        place="Liège",
        media_url=MEDIA + "carte-des-communs.png",
    ),
    DemoDocument(
        key="tales",
        language="fr",
        kind="audio",
        licence="CC-BY-SA-4.0",
        title="Contes du Sine, enregistrés au village",
        summary="Trois contes dits en sérère et en français, enregistrés à la veillée.",
        body="Enregistrés avec l'accord des conteuses et du village, ces contes rejoignent "
        "l'archive sonore libre : chacun peut les écouter, les partager et les réutiliser, en "
        "citant celles qui les ont dits.",
        date="2023-12-02",
        authors=("Archive Sonore Libre",),
        themes=("culture-libre", "savoirs-ouverts"),
        commons=("archive",),
        country="SN",
        place="Fatick",
        media_url=MEDIA + "contes-du-sine.ogg",
        duration_seconds=2280,
    ),
    DemoDocument(
        key="archive-link",
        language="en",
        kind="link",
        licence="CC0-1.0",
        title="The open sound archive's catalogue",
        summary="A link to the archive's own catalogue of tales, songs and testimonies, with "
        "their licences.",
        body="The archive lists every recording with the people who gave it, the place, the "
        "language and the licence. This record points to it.",
        date="2024-09-09",
        authors=("Archive Sonore Libre",),
        themes=("culture-libre",),
        commons=("archive",),
        country="SN",
        media_url="https://example.org/archive-sonore/catalogue",
    ),
    # Remixes: several sources each, the licence the sources allow.
    DemoDocument(
        key="remix-definitions",
        language="fr",
        kind="remix",
        licence="CC-BY-SA-4.0",
        title="Remix : trois façons de définir le commun",
        summary="Trois définitions du catalogue, en trois langues, côte à côte. Une source est "
        "sous CC BY-SA : le remix l'est aussi.",
        body="Ce remix met côte à côte trois définitions : celle du commun (Wiki des Communs), "
        "celle des communs numériques (Coopérative des Communs) et la distinction entre *bienes "
        "comunes* et *comunes* (Lucía Herrera).\n\n"
        "Ce qui les relie : une communauté, des règles, et une ressource dont on prend soin.",
        date="2024-04-04",
        authors=("Julien Moreau",),
        themes=("gouvernance-partagee", "savoirs-ouverts", "communs-numeriques"),
        country="FR",
        place="Lyon",
        sources=("definition-fr", "digital-definition", "bienes-comunes"),
    ),
    DemoDocument(
        key="remix-water",
        language="en",
        kind="remix",
        licence="CC-BY-SA-4.0",
        title="Remix: water assemblies from Chía, in their own words",
        summary="Fifteen minutes cut from the documentary and the interview. A Free Art source "
        "and a CC BY one: the remix takes CC BY-SA 4.0, which the Free Art licence accepts.",
        body="Extracts from *El agua de todos* (Free Art licence) and from the interview with "
        "the assembly (CC BY), edited into a short film for the meetings of other water "
        "committees.",
        date="2024-09-30",
        authors=("Red de Comunes Bogotá",),
        themes=("eau", "gouvernance-partagee"),
        commons=("water",),
        country="CO",
        media_url=MEDIA + "water-assemblies-remix.mp4",
        duration_seconds=900,
        sources=("water-documentary-es", "water-interview"),
    ),
    DemoDocument(
        key="remix-gardens",
        language="es",
        kind="remix",
        licence="CC-BY-4.0",
        title="Remix: huertos y herramientas compartidas",
        summary="Una guía que junta las prácticas de los huertos de Thiès y el reglamento de una "
        "biblioteca de herramientas.",
        body="Esta guía adapta dos documentos del catálogo para los huertos urbanos de Bogotá: "
        "las diez prácticas de un huerto compartido y el reglamento de una biblioteca de "
        "herramientas.\n\n"
        "Las fuentes están bajo CC BY y CC0: el remix queda bajo CC BY.",
        date="2024-07-11",
        authors=("Maison de l'ESS de Bogotá",),
        themes=("circuits-courts", "tiers-lieux"),
        commons=("garden", "tools"),
        country="CO",
        place="Bogotá",
        sources=("garden-practices-en", "tool-rules"),
    ),
    DemoDocument(
        key="remix-keepers",
        language="fr",
        kind="remix",
        licence="CC-BY-SA-4.0",
        title="Remix de remix : le commun raconté par ses gardiennes",
        summary="Un montage sonore : les définitions du premier remix, illustrées par la parole "
        "des gardiennes de semences.",
        body="Un remix peut à son tour être remixé : celui-ci reprend le montage des trois "
        "définitions et l'entretien avec Aminata Sow. La lignée garde la trace de chaque "
        "source.",
        date="2025-01-20",
        authors=("Aminata Sow", "Julien Moreau"),
        themes=("semences", "gouvernance-partagee"),
        commons=("seeds",),
        country="SN",
        place="Thiès",
        media_url=MEDIA + "le-commun-par-ses-gardiennes.ogg",
        duration_seconds=1200,
        sources=("remix-definitions", "seeds-interview-fr"),
    ),
]

# A spam-like test document, entered anonymously and hidden with a reason.
SPAM = DemoDocument(
    key="spam",
    language="en",
    kind="link",
    licence="CC0-1.0",
    title="Cheap luxury watches, limited offer, click here",
    summary="Best prices, buy now.",
    body="Buy cheap watches now. Limited offer.",
    date="2025-04-01",
    media_url="https://example.org/spam-test",
)
SPAM_REASON = (
    "Publicité sans rapport avec les communs. Document de test de la démo, masqué pour montrer "
    "le journal public de modération."
)

# Added to the first definition in a second revision.
RULES_PARAGRAPH = (
    "Les travaux d'Elinor Ostrom ont montré que ces règles tiennent mieux quand celles et ceux "
    "qui les suivent peuvent les modifier."
)


def _demo_slug() -> str:
    return slugify(DOCUMENTS[0].title)


def _with_notice(body: str, language: str) -> str:
    return f"{body}\n\n{ILLUSTRATIVE[language]}"


@demo_loader(order=30, name="catalogue: illustrative documents, remixes and commons")
def load_catalogue() -> None:
    if Document.objects.filter(slug=_demo_slug()).exists():
        return  # loaded already; the demo never duplicates itself
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    actors = {actor.name: actor for actor in Actor.objects.filter(source="demo")}
    themes = {theme.code: theme for theme in Theme.objects.all()}
    commons = _commons_load(users, actors, themes)
    documents: dict[str, Document] = {}
    for spec in DOCUMENTS:
        documents[spec.key] = services.document_create(
            author=users[CONTRIBUTOR_BY_LANGUAGE[spec.language]],
            data=_document_data(spec, actors, themes, commons, documents),
        )
    services.document_update(
        document=documents["definition-fr"],
        author=users["camille"],
        data={"body": _with_notice(f"{DOCUMENTS[0].body}\n\n{RULES_PARAGRAPH}", "fr")},
        summary="Ajoute le rôle des règles que les usagers peuvent modifier",
    )
    services.document_update(
        document=documents["water-documentary-es"],
        author=users["mateo"],
        data={"subtitles": ["en", "fr"]},
        summary="Añade los subtítulos en inglés",
    )
    spam = services.document_create(author=None, data=_document_data(SPAM, {}, {}, {}, {}))
    charter = charter_current(language="fr")  # loaded before the catalogue by `remix demo`
    services.moderate(
        subject=spam,
        moderator=users[MODERATOR],
        hide=True,
        reason=SPAM_REASON,
        charter=charter,
        article=charter_demo.ARTICLE_HIDDEN if charter is not None else "",
    )


def _commons_load(users, actors, themes) -> dict[str, Commons]:
    families = {family.code: family for family in Family.objects.all()}
    created = {}
    for spec in COMMONS:
        data = {
            "name": spec.name,
            "description": {
                code: text + ILLUSTRATIVE_COMMONS[code] for code, text in spec.description.items()
            },
            "community": spec.community,
            "governance": spec.governance,
            "family": families[spec.family],
            "place": spec.place,
            "country": spec.country,
            "themes": [themes[code] for code in spec.themes],
            "carriers": [actors[name] for name in spec.carriers],
        }
        if spec.coordinates:
            data["latitude"], data["longitude"] = (Decimal(value) for value in spec.coordinates)
        created[spec.key] = services.commons_create(author=users["amina"], data=data)
    # The archive gets its coordinates in a second revision.
    services.commons_update(
        commons=created["archive"],
        author=users["camille"],
        data={"latitude": Decimal("14.339000"), "longitude": Decimal("-16.411000")},
        summary="Ajoute les coordonnées de Fatick",
    )
    return created


def _document_data(spec: DemoDocument, actors, themes, commons, documents) -> dict:
    return {
        "kind": spec.kind,
        "language": spec.language,
        "licence": spec.licence,
        "title": spec.title,
        "summary": spec.summary,
        "body": _with_notice(spec.body, spec.language),
        "date": datetime.date.fromisoformat(spec.date),
        "country": spec.country,
        "place": spec.place,
        "media_url": spec.media_url,
        "duration_seconds": spec.duration_seconds,
        "pages": spec.pages,
        "subtitles": list(spec.subtitles),
        "authors": [actors[name] for name in spec.authors],
        "contributors": [actors[name] for name in spec.contributors],
        "producer": actors[spec.producer] if spec.producer else None,
        "themes": [themes[code] for code in spec.themes],
        "commons": [commons[key] for key in spec.commons],
        "sources": [documents[key] for key in spec.sources],
        "translation_of": documents[spec.translation_of] if spec.translation_of else None,
    }
