"""What the funding services share: who gives, how the books describe a gift, and the two legs
of the transaction that carries it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.contributions.models import Visibility
from remix.core.money import Money
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund


def account(code: str) -> Account:
    return Account.objects.get(code=code)


@dataclass(frozen=True)
class Giver:
    """Who gives: a member's account, an organisation among the allies, or a name alone."""

    user: object = None
    actor: object = None
    name: str = ""
    language: str = ""

    @property
    def display(self) -> str:
        if self.name.strip():
            return self.name.strip()[:200]
        if self.user is not None:
            return self.user.public_name
        if self.actor is not None:
            return self.actor.name
        return ""

    @property
    def lang(self) -> str:
        return self.language or getattr(self.user, "language", "") or "fr"

    def asked(self) -> dict:
        """Who gives, as the fields of a pledge or a gift: the name only when one was typed."""
        asked = {
            "user_id": getattr(self.user, "pk", None),
            "actor_id": getattr(self.actor, "pk", None),
        }
        if self.name.strip():
            asked["name"] = self.display
        return asked


def giver_check(giver: Giver) -> None:
    if not giver.display:
        raise ValidationError({"name": _("Say who gives.")})


def gift_description(kind: str, name: str, visibility: str, fund: Fund) -> str:
    """What the books say of a gift (« Don de Awa pour la plateforme »); a giver who did not ask to
    be named is not named."""
    if visibility == Visibility.PUBLIC:
        return _("%(kind)s from %(name)s to %(fund)s") % {
            "kind": kind,
            "name": name,
            "fund": fund.named,
        }
    return _("%(kind)s to %(fund)s") % {"kind": kind, "fund": fund.named}


def gift_legs(debit_code, credit, fund: Fund, money: Money) -> list:
    """A gift's two legs in one fund: ``money`` to the debit account, from the credit one."""
    debit = account(debit_code) if isinstance(debit_code, str) else debit_code
    credit = account(credit) if isinstance(credit, str) else credit
    return [ledger.Leg(debit, fund, money), ledger.Leg(credit, fund, -money)]
