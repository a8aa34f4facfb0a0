"""An actor's legal identifier, checked by python-stdnum: SIREN, SIRET, or a VAT number of any
country stdnum knows (``stdnum.vatin``: the country prefix says which rule applies)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import vatin
from stdnum.exceptions import ValidationError as NumberError
from stdnum.fr import siren, siret

# By the values of ``models.LegalIdScheme`` (the model calls these checks: no import back).
CHECKS = {"siren": siren, "siret": siret, "vat": vatin}

MESSAGES = {
    "siren": lambda: _("This is not a valid SIREN: nine digits with a valid key."),
    "siret": lambda: _("This is not a valid SIRET: fourteen digits with a valid key."),
    "vat": lambda: _(
        "This is not a valid VAT number: it starts with its country's code (FR, BE, ES…)."
    ),
}


def legal_id_check(scheme: str, number: str) -> str:
    """``number`` in its compact form when it is a valid identifier of ``scheme``; a
    ``ValidationError`` on ``legal_id`` otherwise. No scheme and no number: nothing to check."""
    number = (number or "").strip()
    if not scheme and not number:
        return ""
    if not scheme:
        raise ValidationError({"legal_id_scheme": _("Say what kind of identifier this is.")})
    if not number:
        raise ValidationError({"legal_id": _("Give the identifier, or choose no scheme.")})
    module = CHECKS.get(scheme)
    if module is None:
        raise ValidationError({"legal_id_scheme": _("Say what kind of identifier this is.")})
    try:
        return module.validate(number)
    except NumberError:
        raise ValidationError({"legal_id": MESSAGES[scheme]()}) from None


def legal_id_display(scheme: str, number: str) -> str:
    """The identifier as people write it (« 732 829 320 00074 »)."""
    if not number:
        return ""
    module = CHECKS.get(scheme)
    return module.format(number) if module is not None and hasattr(module, "format") else number
