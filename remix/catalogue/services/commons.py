"""Writes of the documented commons, created, edited and reverted as revisions, and of their
families."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remix.allies.models import Actor, Theme
from remix.catalogue import search
from remix.catalogue.models import Commons, Family
from remix.catalogue.services.revisions import (
    SubjectKind,
    created_by,
    subject_revert,
    subject_save,
    themes_alive,
    unique_slug,
)
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


def _commons_apply(commons: Commons, fields: dict, links: dict | None = None) -> dict:
    """Set fields on the instance, check them, and return errors by field (links need none)."""
    for name, value in fields.items():
        if name in LANGUAGE_TEXT:
            value = text_clean(value)
        setattr(commons, name, value)
    errors: dict[str, list[str]] = {}
    if not commons.name:
        errors["name"] = [_("A commons needs a name in at least one language.")]
    if not commons.slug and commons.name:
        commons.slug = unique_slug(Commons, commons.label)
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


def _commons_links_set(commons: Commons, links: dict) -> None:
    if "themes" in links:
        commons.themes.set(themes_alive(links["themes"] or []))
    if "carriers" in links:
        commons.carriers.set(links["carriers"] or [])


def _commons_data_from(snapshot: dict) -> dict:
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


@transaction.atomic
def commons_create(*, author, data: dict, summary: str = "") -> Commons:
    commons = Commons(created_by=created_by(author))
    return subject_save(COMMONS, commons, author=author, data=data, summary=summary or _("Created"))


@transaction.atomic
def commons_update(*, commons: Commons, author, data: dict, summary: str = "") -> Commons:
    commons = Commons.objects.select_for_update().get(pk=commons.pk)
    return subject_save(COMMONS, commons, author=author, data=data, summary=summary)


@transaction.atomic
def commons_revert(*, commons: Commons, author, number: int, summary: str = "") -> Commons:
    return subject_revert(COMMONS, commons, author=author, number=number, summary=summary)


COMMONS = SubjectKind(
    key="commons",
    model=Commons,
    links=COMMONS_LINKS,
    apply=_commons_apply,
    links_set=_commons_links_set,
    snapshot=commons_snapshot,
    index=search.index_commons,
    data_from=_commons_data_from,
)
