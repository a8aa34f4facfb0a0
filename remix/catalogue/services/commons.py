"""A documented commons as it is written: the fields and links a revision keeps, its checks, and
how its fields and links are set; and the families of commons."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.allies.models import Actor, Theme
from remix.catalogue.models import Commons, Family
from remix.core.i18ntext import text_clean

FAMILIES = [
    ("nature", {"fr": "Nature", "en": "Nature", "es": "Naturaleza"}),
    ("knowledge", {"fr": "Savoirs", "en": "Knowledge", "es": "Conocimiento"}),
    ("digital", {"fr": "Numérique", "en": "Digital", "es": "Digital"}),
    ("urban", {"fr": "Urbain", "en": "Urban", "es": "Urbano"}),
    ("culture", {"fr": "Culture", "en": "Culture", "es": "Cultura"}),
    ("health", {"fr": "Santé", "en": "Health", "es": "Salud"}),
    ("food", {"fr": "Alimentation", "en": "Food", "es": "Alimentación"}),
    ("infrastructure", {"fr": "Infrastructures", "en": "Infrastructure", "es": "Infraestructura"}),
]
COMMONS_FIELDS = (
    "name",
    "description",
    "family",
    "community",
    "governance",
    "place",
    "country",
    "latitude",
    "longitude",
)
COMMONS_LINKS = ("themes", "carriers")
LANGUAGE_TEXT = ("name", "description", "community", "governance")


def families_ensure() -> None:
    """The eight families of Hess's map (idempotent: an edited family keeps its labels)."""
    for position, (code, labels) in enumerate(FAMILIES):
        Family.objects.get_or_create(code=code, defaults={"labels": labels, "position": position})


def commons_snapshot(commons: Commons) -> dict:
    data = {name: getattr(commons, name) for name in COMMONS_FIELDS if name != "family"}
    for name in ("latitude", "longitude"):
        data[name] = str(data[name]) if data[name] is not None else None
    data["family"] = commons.family.code
    data["themes"] = sorted(commons.themes.values_list("code", flat=True))
    data["carriers"] = sorted(commons.carriers.values_list("slug", flat=True))
    return data


def commons_apply(commons: Commons, fields: dict, links: dict | None = None) -> dict:
    """Set fields on the instance, check them, and return errors by field (links need none)."""
    for name, value in fields.items():
        if name in LANGUAGE_TEXT:
            value = text_clean(value)
        setattr(commons, name, value)
    errors: dict[str, list[str]] = {}
    if not commons.name:
        errors["name"] = [_("A commons needs a name in at least one language.")]
    try:
        commons.full_clean(exclude=["slug", "name"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if (commons.latitude is None) != (commons.longitude is None):
        errors.setdefault("longitude", []).append(
            _("Give both latitude and longitude, or neither.")
        )
    return errors


def commons_links_set(commons: Commons, links: dict) -> None:
    if "themes" in links:
        commons.themes.set(links["themes"] or [])
    if "carriers" in links:
        commons.carriers.set(links["carriers"] or [])


def commons_data_from(snapshot: dict) -> dict:
    """A revision's snapshot as data for `commons_update` (links that still exist)."""
    data = {name: snapshot.get(name) for name in COMMONS_FIELDS if name != "family"}
    for name in ("place", "country"):
        data[name] = data.get(name) or ""
    family = Family.objects.filter(code=snapshot.get("family")).first()
    if family is not None:
        data["family"] = family
    data["themes"] = list(
        Theme.objects.in_bulk(snapshot.get("themes") or [], field_name="code").values()
    )
    data["carriers"] = list(
        Actor.objects.in_bulk(snapshot.get("carriers") or [], field_name="slug").values()
    )
    return data
