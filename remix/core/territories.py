"""Territories by their names in the reader's language: « Sénégal », « Auvergne-Rhône-Alpes ».

Territories are stored as codes: ISO 3166-1 for countries (FR, SN), EU for the European Union,
ISO 3166-2 for France's regions and departments (FR-ARA, FR-69). Babel (CLDR) names the countries
and the Union in every language; it has no French regions nor departments, hence the table below,
from ISO 3166-2:FR. Their names are proper names, written as in French; the few with a name of
their own in English or Spanish (Bretagne, Normandie, Corse) are translated. A territory written
in words ("Nouvelle-Aquitaine"), or a code the table does not know, shows as written.
"""

from django.utils.translation import gettext_lazy as _

from remix.core.formats import current_locale

FRENCH_REGIONS = {
    "FR-ARA": "Auvergne-Rhône-Alpes",
    "FR-BFC": "Bourgogne-Franche-Comté",
    "FR-BRE": _("Brittany"),
    "FR-CVL": "Centre-Val de Loire",
    "FR-20R": _("Corsica"),
    "FR-GES": "Grand Est",
    "FR-HDF": "Hauts-de-France",
    "FR-IDF": "Île-de-France",
    "FR-NOR": _("Normandy"),
    "FR-NAQ": "Nouvelle-Aquitaine",
    "FR-OCC": "Occitanie",
    "FR-PDL": "Pays de la Loire",
    "FR-PAC": "Provence-Alpes-Côte d’Azur",
}

# Overseas: each is a region and a department at once; Babel names them as territories.
FRENCH_OVERSEAS = {"FR-971": "GP", "FR-972": "MQ", "FR-973": "GF", "FR-974": "RE", "FR-976": "YT"}

FRENCH_DEPARTMENTS = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes",
    "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône",
    "14": "Calvados", "15": "Cantal", "16": "Charente", "17": "Charente-Maritime", "18": "Cher",
    "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse", "21": "Côte-d’Or",
    "22": "Côtes-d’Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne",
    "32": "Gers", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre",
    "37": "Indre-et-Loire", "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher",
    "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot",
    "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche", "51": "Marne",
    "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse",
    "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne",
    "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin",
    "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie",
    "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne",
    "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne",
    "83": "Var", "84": "Vaucluse", "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne",
    "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d’Oise",
}  # fmt: skip


def country_name(code: str) -> str:
    """« Sénégal », "Bolivia": a country's name in the reader's language (its code if unknown)."""
    if not code:
        return ""
    return current_locale().territories.get(code.upper(), code.upper())


def territory_name(value: str) -> str:
    """A stored territory as people name it, in the reader's language; empty for anywhere."""
    value = (value or "").strip()
    code = value.upper()
    if len(code) == 2 and code.isalpha():
        return current_locale().territories.get(code, value)
    if code in FRENCH_REGIONS:
        return str(FRENCH_REGIONS[code])
    if code in FRENCH_OVERSEAS:
        return current_locale().territories.get(FRENCH_OVERSEAS[code], value)
    if code.startswith("FR-") and code[3:] in FRENCH_DEPARTMENTS:
        return FRENCH_DEPARTMENTS[code[3:]]
    return value
