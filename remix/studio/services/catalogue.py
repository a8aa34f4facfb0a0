"""The study office's catalogue: a service written, with what it draws on and who delivers it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import audit_record
from remix.core.i18ntext import text_clean
from remix.core.permissions import can_manage_services, require_recorder
from remix.studio.models import PriceModel, Service, ServiceKind


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
    try:
        with db.atomic():
            service = Service.objects.create(
                slug=slug.strip(),
                title=title,
                description=description,
                kind=kind,
                price_model=price_model,
                price_minor=minor,
                commodity=commodity,
            )
            service.commons.set(commons)
            service.themes.set(themes)
            service.documents.set(documents)
            service.people.set(people)
            audit_record(
                action="studio.service.created",
                recorder=recorder,
                obj=service,
                data={"kind": kind, "price_model": price_model, "price": minor},
            )
    except IntegrityError:
        raise ValidationError({"slug": _("Another service has this address.")}) from None
    return service
