"""What generated texts are made of: words in French, English and Spanish, accents included,
whose frequencies follow a long tail as in real text, and the places they are set in."""

import random
from functools import cache
from itertools import accumulate

LANGUAGES, LANGUAGE_WEIGHTS = ["fr", "en", "es"], [50, 25, 25]

# Content words, the most frequent first; then a few rare words.
WORDS = {
    "fr": """communs commun coopération économie solidarité gouvernance territoire réseau
    semences eau jardin habitat énergie savoirs logiciel libre données culture santé quartier
    village assemblée usagers règles ressource partage entraide mutualisation participation
    démocratie éducation mémoire archive bibliothèque outils atelier monnaie finance épargne
    crédit coopérative association collectif fédération transition écologie agriculture
    paysanne alimentation marché circuits producteurs habitants forêt rivière terre foncier
    logement numérique internet serveur code licence traduction documentaire entretien
    témoignage histoire pratique méthode expérience formation recherche université politique
    commune municipalité région budget subvention bénévoles travail emploi insertion autogestion
    délibération consensus conflit médiation confiance réciprocité hospitalité soin gardiennes
    récolte compost irrigation pâturage pêcherie aqueduc fontaine antenne câble outillage
    réparation recyclage réemploi mobilité vélo école enfance jeunesse aînés femmes migrations
    frontière droits justice égalité dignité autonomie résilience sécheresse climat biodiversité
    pollinisateurs abeilles graines variétés sélection échange troc fête veillée conte chant
    musique théâtre cinéma photographie carte cartographie encyclopédie wiki contribution""",
    "en": """commons common cooperation economy solidarity governance territory network seeds
    water garden housing energy knowledge software free data culture health neighbourhood
    village assembly users rules resource sharing mutual aid participation democracy education
    memory archive library tools workshop currency finance savings credit cooperative
    association collective federation transition ecology farming peasant food market supply
    producers residents forest river land trust digital internet server code licence
    translation documentary interview testimony history practice method experience training
    research university policy municipality region budget grant volunteers work employment
    integration self-management deliberation consensus conflict mediation reciprocity care
    stewardship keepers harvest compost irrigation pasture fishery aqueduct fountain antenna
    cable repair recycling reuse mobility bicycle school childhood youth elders women migration
    border rights justice equality dignity autonomy resilience drought climate biodiversity
    pollinators bees varieties selection exchange barter festival storytelling tale song music
    theatre cinema photography map mapping encyclopaedia wiki contribution enclosure""",
    "es": """comunes común cooperación economía solidaridad gobernanza territorio red semillas
    agua huerto vivienda energía saberes software libre datos cultura salud barrio pueblo
    asamblea usuarios reglas recurso compartir ayuda mutua participación democracia educación
    memoria archivo biblioteca herramientas taller moneda finanzas ahorro crédito cooperativa
    asociación colectivo federación transición ecología agricultura campesina alimentación
    mercado circuitos productores vecinos bosque río tierra paisaje digital internet
    servidor código licencia traducción documental entrevista testimonio historia práctica
    método experiencia formación investigación universidad política municipio región
    presupuesto subvención voluntarios trabajo empleo inserción autogestión deliberación
    consenso conflicto mediación confianza reciprocidad cuidado guardianas cosecha compost
    riego pastoreo pesca acueducto fuente antena cable reparación reciclaje reutilización
    movilidad bicicleta escuela infancia juventud mayores mujeres migraciones frontera derechos
    justicia igualdad dignidad autonomía resiliencia sequía clima biodiversidad polinizadores
    abejas variedades selección intercambio trueque fiesta cuento canto música teatro cine
    fotografía mapa cartografía enciclopedia wiki contribución minga comunitaria comunitario""",
}
RARE = {
    "fr": "mycorhizes ethnobotanique palimpseste hydrogéologie",
    "en": "mycorrhiza ethnobotany palimpsest hydrogeology",
    "es": "micorrizas etnobotánica palimpsesto hidrogeología",
}
FUNCTION_WORDS = {
    "fr": "le la les de des du et un une pour dans avec sur par qui que en au aux est sont plus",
    "en": "the of and a to in for with on by is are that who as from their its this",
    "es": "el la los las de del y un una para en con por que es son sus al como más",
}
PLACES = [
    ("Thiès", "SN", 14.79, -16.93),
    ("Dakar", "SN", 14.69, -17.44),
    ("Kaolack", "SN", 14.15, -16.07),
    ("Lyon", "FR", 45.76, 4.84),
    ("Rennes", "FR", 48.11, -1.68),
    ("Liège", "BE", 50.63, 5.58),
    ("Montréal", "CA", 45.50, -73.57),
    ("Québec", "CA", 46.81, -71.21),
    ("Bogotá", "CO", 4.71, -74.07),
    ("Medellín", "CO", 6.24, -75.58),
    ("Bilbao", "ES", 43.26, -2.93),
    ("Valencia", "ES", 39.47, -0.38),
    ("Bamako", "ML", 12.64, -8.00),
    ("Recife", "BR", -8.05, -34.88),
]


class Vocabulary:
    """Words of one language with cumulative weights for `random.choices`.

    Word frequencies follow the Zipf–Mandelbrot law of real text, 1 / (rank + q), the function
    words holding the first ranks (q is their number): the commonest content word is in two
    thirds of a language's documents, a mid-list one in a fifth, a rare one in a few per mille.
    """

    def __init__(self, language: str):
        content = WORDS[language].split()
        rare = RARE[language].split()
        self.words = content + rare
        self.function = FUNCTION_WORDS[language].split()
        offset = len(self.function)
        weights = [1 / (rank + 1 + offset) for rank in range(len(content))]
        weights += [weights[-1] / 40] * len(rare)
        self.cumulative = list(accumulate(weights))

    def title(self, rng: random.Random) -> str:
        words = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(3, 7))
        return " ".join(words).capitalize()

    def text(self, rng: random.Random, count: int) -> str:
        content = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        words = [
            f"{rng.choice(self.function)} {word}" if rng.random() < 0.5 else word
            for word in content
        ]
        sentences = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
        return ". ".join(sentence.capitalize() for sentence in sentences) + "."


@cache
def vocabulary(language: str) -> Vocabulary:
    return Vocabulary(language)
