"""A write's payload as the catalogue's services take it: only the keys given, text fields sent
as null emptied, links by slug or code turned into objects. Every unknown slug or code is an
error on its field, all of them at once (a 422 with the reason per field)."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from remix.allies.models import Actor, Theme
from remix.catalogue.api.schemas import CommonsFields, DocumentFields
from remix.catalogue.models import Commons, Document, Family
from remix.catalogue.services.revisions import themes_alive


def _by_key(model_queryset, key: str, wanted: list[str], message: str, errors, name) -> list:
    """The objects named by `wanted`, in its order; each unknown one is an error for `name`
    (`message` names it as %(slug)s or %(code)s, after `key`)."""
    found = model_queryset.in_bulk(set(wanted), field_name=key)
    missing = [value for value in dict.fromkeys(wanted) if value not in found]
    for value in missing:
        errors.setdefault(name, []).append(message % {key: value})
    return [found[value] for value in dict.fromkeys(wanted) if value in found]


def _actors(wanted, errors, name) -> list[Actor]:
    return _by_key(Actor.objects, "slug", wanted, _("Unknown actor: %(slug)s."), errors, name)


def _themes(wanted, errors, name="themes") -> list[Theme]:
    themes = _by_key(
        Theme.objects.select_related("merged_into"),
        "code",
        wanted,
        _("Unknown theme: %(code)s."),
        errors,
        name,
    )
    return themes_alive(themes)  # a merged code answers for its survivor


def _documents(wanted, errors, name) -> list[Document]:
    return _by_key(
        Document.objects.visible(), "slug", wanted, _("Unknown document: %(slug)s."), errors, name
    )


def _commons(wanted, errors, name) -> list[Commons]:
    return _by_key(
        Commons.objects.visible(), "slug", wanted, _("Unknown commons: %(slug)s."), errors, name
    )


def _one(finder, slug: str | None, errors, name):
    if slug is None:
        return None
    found = finder([slug], errors, name)
    return found[0] if found else None


def _text(value: str | None) -> str:
    """A text field sent as null is emptied."""
    return value or ""


DOCUMENT_TEXT = ("summary", "body", "place", "country", "media_url", "thumbnail_url")


def document_data(payload: DocumentFields) -> dict:
    """The payload as the services take it: only the keys given, links as objects."""
    given = payload.model_dump(exclude_unset=True, exclude={"edit_summary"})
    errors: dict[str, list[str]] = {}
    for name in DOCUMENT_TEXT:
        if name in given:
            given[name] = _text(given[name])
    if "country" in given:
        given["country"] = given["country"].strip().upper()
    if "subtitles" in given:
        given["subtitles"] = given["subtitles"] or []
    for name in ("authors", "contributors"):
        if name in given:
            given[name] = _actors(given[name] or [], errors, name)
    if "producer" in given:
        given["producer"] = _one(_actors, given["producer"], errors, "producer")
    if "themes" in given:
        given["themes"] = _themes(given["themes"] or [], errors)
    if "commons" in given:
        given["commons"] = _commons(given["commons"] or [], errors, "commons")
    if "sources" in given:
        given["sources"] = _documents(given["sources"] or [], errors, "sources")
    if "translation_of" in given:
        given["translation_of"] = _one(
            _documents, given["translation_of"], errors, "translation_of"
        )
    if errors:
        raise DjangoValidationError(errors)
    return given


COORDINATE = Decimal("0.000001")


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(COORDINATE, ROUND_HALF_UP)


def commons_data(payload: CommonsFields) -> dict:
    given = payload.model_dump(exclude_unset=True, exclude={"edit_summary"})
    errors: dict[str, list[str]] = {}
    for name in ("description", "community", "governance"):
        if name in given:
            given[name] = given[name] or {}
    for name in ("place", "country"):
        if name in given:
            given[name] = _text(given[name]).strip()
    if "country" in given:
        given["country"] = given["country"].upper()
    for name, bound in (("latitude", 90), ("longitude", 180)):
        if name in given:
            if given[name] is not None and not -bound <= given[name] <= bound:
                errors[name] = [_("Between %(low)s and %(high)s.") % {"low": -bound, "high": bound}]
                continue  # 1e308 has no six decimals to round to
            given[name] = _coordinate(given[name])
    if "family" in given:
        family = Family.objects.filter(code=given["family"] or "").first()
        if family is None:
            errors["family"] = [_("Unknown family: %(code)s.") % {"code": given["family"]}]
        given["family"] = family
    if "themes" in given:
        given["themes"] = _themes(given["themes"] or [], errors)
    if "carriers" in given:
        given["carriers"] = _actors(given["carriers"] or [], errors, "carriers")
    if errors:
        raise DjangoValidationError(errors)
    return given
