"""The study office's catalogue: a service written or edited, with what it draws on and who
delivers it. Both writes check their input in one place (``_checked``)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import audit_record
from remix.core.i18ntext import text_clean
from remix.core.permissions import can_manage_services, require_recorder
from remix.studio.models import PriceModel, Service, ServiceKind


def _checked(*, slug, title, description, kind, price_model, price, commodity) -> dict:
    """A service's own fields, cleaned, or the refusal naming each field that is wrong."""
    title, description = text_clean(title), text_clean(description)
    errors = {}
    if not (slug or "").strip():
        errors["slug"] = _("Give the service an address (slug).")
    if not title:
        errors["title"] = _("Give the service a title in at least one language.")
    if kind not in ServiceKind.values:
        errors["kind"] = _("Choose what kind of service it is.")
    if price_model not in PriceModel.values:
        errors["price_model"] = _("Choose how the service is priced.")
    if errors:
        raise ValidationError(errors)
    minor, commodity = amount_positive(price, commodity, field="price")
    return {
        "slug": slug.strip(),
        "title": title,
        "description": description,
        "kind": kind,
        "price_model": price_model,
        "price_minor": minor,
        "commodity": commodity,
    }


def _links_set(service: Service, *, commons, themes, documents, people) -> None:
    service.commons.set(commons)
    service.themes.set(themes)
    service.documents.set(documents)
    service.people.set(people)


def service_create(
    *,
    slug: str,
    title: dict,
    kind: str,
    price_model: str,
    price,
    description: dict | None = None,
    commodity: str = "EUR",
    commons=(),
    themes=(),
    documents=(),
    people=(),
    recorder=None,
) -> Service:
    """A new service of the catalogue. ``price`` is a unit's price, or for a free price the
    amount suggested; ``title`` and ``description`` hold one text per language."""
    require_recorder(can_manage_services, recorder)
    fields = _checked(
        slug=slug,
        title=title,
        description=description,
        kind=kind,
        price_model=price_model,
        price=price,
        commodity=commodity,
    )
    try:
        with db.atomic():
            service = Service.objects.create(**fields)
            _links_set(service, commons=commons, themes=themes, documents=documents, people=people)
            audit_record(
                action="studio.service.created",
                recorder=recorder,
                obj=service,
                data={"kind": kind, "price_model": price_model, "price": fields["price_minor"]},
            )
    except IntegrityError:
        raise ValidationError({"slug": _("Another service has this address.")}) from None
    return service


def service_update(
    *,
    service: Service,
    slug: str,
    title: dict,
    kind: str,
    price_model: str,
    price,
    description: dict | None = None,
    commodity: str = "EUR",
    active: bool = True,
    commons=(),
    themes=(),
    documents=(),
    people=(),
    recorder=None,
) -> Service:
    """``service`` rewritten whole: its texts, price, what it draws on and who delivers it, and
    whether it is still offered. Quotes already written keep their own lines and prices."""
    require_recorder(can_manage_services, recorder)
    fields = _checked(
        slug=slug,
        title=title,
        description=description,
        kind=kind,
        price_model=price_model,
        price=price,
        commodity=commodity,
    )
    fields["active"] = bool(active)
    changed = sorted(name for name, value in fields.items() if getattr(service, name) != value)
    try:
        with db.atomic():
            Service.objects.filter(pk=service.pk).update(**fields)
            for name, value in fields.items():
                setattr(service, name, value)
            _links_set(service, commons=commons, themes=themes, documents=documents, people=people)
            audit_record(
                action="studio.service.updated",
                recorder=recorder,
                obj=service,
                data={
                    "changed": changed,
                    "price": fields["price_minor"],
                    "active": fields["active"],
                },
            )
    except IntegrityError:
        raise ValidationError({"slug": _("Another service has this address.")}) from None
    return service
