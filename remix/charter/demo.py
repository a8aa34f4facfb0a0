"""The demo's charter, in French, English and Spanish, in two versions each: what the platform's
neutrality between the social and solidarity economy and the commons means, what is hidden and
why. The second version names advertising and says how the charter itself changes; the
catalogue's demo moderation cites its article « Ce qui est masqué »."""

from remix.accounts.models import User
from remix.charter import services
from remix.charter.models import CharterVersion
from remix.core.demo import demo_loader

STEWARD = "louise"

FR_1 = """# 1. Un espace de rencontre neutre

Remix est une plateforme de documentation des communs. Elle a sa propre rationalité : elle n'est
l'outil d'aucun des mouvements qui s'y rencontrent, ni de l'économie sociale et solidaire, ni des
communs. Cette neutralité en fait un espace de rencontre entre les deux mouvements : chacun y
documente ce qu'il porte, et le tronc commun, les thèmes que les deux tiennent ensemble, s'y
dessine.

# 2. Personne ne possède les contenus

Les documents et les communs du catalogue sont à celles et ceux qui les ont faits, sous licence
libre. La plateforme les héberge ; elle ne les possède pas et ne les signe pas. Chaque
modification est gardée dans l'historique, lisible par toutes et tous.

# 3. Ce qui est masqué

Un document ou un commun n'est masqué que s'il est hors du sujet des communs, s'il enfreint la
loi ou les droits d'autrui, ou s'il attaque des personnes. Un désaccord d'idées n'est pas une
raison de masquer : le catalogue accueille les débats entre les mouvements.

# 4. Comment on modère

Les éditrices et éditeurs modèrent. Chaque décision donne sa raison, cite l'article de la charte
sur lequel elle repose et paraît dans le journal public de modération, avec le nom de qui l'a
prise. Rien n'est effacé : un contenu masqué peut être montré de nouveau.
"""

FR_2 = (
    FR_1.replace(
        "ou s'il attaque des personnes.",
        "s'il attaque des personnes, ou s'il est de la publicité sans rapport avec les communs.",
    )
    + """
# 5. Comment la charte change

Les intendantes et intendants publient une nouvelle version de la charte quand la communauté en
décide. Aucune version n'est jamais modifiée : chacune reste lisible dans l'historique public, et
une décision de modération renvoie à la version en vigueur quand elle a été prise.
"""
)

EN_1 = """# 1. A neutral meeting space

Remix is a platform that documents the commons. It has its own rationale: it is the tool of
neither movement that meets on it, neither the social and solidarity economy nor the commons.
This neutrality makes it a meeting space between the two movements: each documents what it
carries, and the common trunk, the themes both hold together, takes shape there.

# 2. Nobody owns the content

The catalogue's documents and commons belong to those who made them, under free licences. The
platform hosts them; it neither owns nor signs them. Every change is kept in the history, open to
everyone.

# 3. What is hidden

A document or a commons is hidden only when it is off the subject of the commons, breaks the law
or someone else's rights, or attacks people. A disagreement of ideas is no reason to hide: the
catalogue welcomes the debates between the movements.

# 4. How moderation works

Editors moderate. Each decision gives its reason, cites the article of the charter it rests on
and appears in the public moderation log, with the name of who took it. Nothing is erased: hidden
content can be shown again.
"""

EN_2 = (
    EN_1.replace(
        "or attacks people.",
        "attacks people, or is advertising unrelated to the commons.",
    )
    + """
# 5. How the charter changes

Stewards publish a new version of the charter when the community decides so. No version is ever
changed: each stays readable in the public history, and a moderation decision links to the
version in force when it was taken.
"""
)

ES_1 = """# 1. Un espacio de encuentro neutral

Remix es una plataforma que documenta los comunes. Tiene su propia racionalidad: no es la
herramienta de ninguno de los movimientos que se encuentran en ella, ni de la economía social y
solidaria ni de los comunes. Esta neutralidad la convierte en un espacio de encuentro entre ambos
movimientos: cada uno documenta lo que lleva, y el tronco común, los temas que ambos sostienen
juntos, toma forma allí.

# 2. Nadie es dueño de los contenidos

Los documentos y los comunes del catálogo pertenecen a quienes los hicieron, bajo licencias
libres. La plataforma los aloja; no los posee ni los firma. Cada cambio se guarda en el
historial, abierto a todas y todos.

# 3. Lo que se oculta

Un documento o un común solo se oculta si está fuera del tema de los comunes, infringe la ley o
los derechos de otros, o ataca a personas. Un desacuerdo de ideas no es razón para ocultar: el
catálogo acoge los debates entre los movimientos.

# 4. Cómo se modera

Las editoras y los editores moderan. Cada decisión da su razón, cita el artículo de la carta en
que se apoya y aparece en el registro público de moderación, con el nombre de quien la tomó. Nada
se borra: un contenido oculto puede mostrarse de nuevo.
"""

ES_2 = (
    ES_1.replace(
        "o ataca a personas.",
        "ataca a personas, o es publicidad sin relación con los comunes.",
    )
    + """
# 5. Cómo cambia la carta

Las administradoras y los administradores publican una nueva versión de la carta cuando la
comunidad lo decide. Ninguna versión se modifica nunca: cada una sigue legible en el historial
público, y una decisión de moderación enlaza con la versión vigente cuando se tomó.
"""
)

# language: (first version, its summary), (second version, its summary)
CHARTER = {
    "fr": (
        (FR_1, "Première version de la charte"),
        (FR_2, "Nomme la publicité parmi ce qui est masqué ; dit comment la charte change"),
    ),
    "en": (
        (EN_1, "First version of the charter"),
        (EN_2, "Names advertising among what is hidden; says how the charter changes"),
    ),
    "es": (
        (ES_1, "Primera versión de la carta"),
        (ES_2, "Nombra la publicidad entre lo que se oculta; dice cómo cambia la carta"),
    ),
}

# The article the catalogue's demo moderation cites, in the French version in force.
ARTICLE_HIDDEN = "art-3-ce-qui-est-masque"


@demo_loader(order=25, name="charter: the charter in three languages, two versions each")
def load_charter() -> None:
    steward = User.objects.filter(username=STEWARD).first()
    for language, versions in CHARTER.items():
        if CharterVersion.objects.filter(language=language).exists():
            continue
        based_on = None
        for body, summary in versions:
            based_on = services.charter_publish(
                language=language, body=body, summary=summary, based_on=based_on, author=steward
            ).number
