"""The open-data dump holds none of the private values: a world with one of each (an e-mail, a
password hash, an anonymous giver's name, a draft's words, a bank reference, a token, a hidden
document and its file, a protected file…) is dumped, and every file of the dump is searched for
each, as bytes. The public values of the same world are found, so the search can fail."""

import datetime
import zipfile

import pytest
from django.core.files.base import ContentFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.services import token_create
from remix.allies.models import Actor
from remix.catalogue.services import moderate
from remix.catalogue.tests.test_audit_events import document
from remix.contributions import services as giving
from remix.contributions.services.common import Giver
from remix.contributions.tests import builders
from remix.core.audit import audit_record
from remix.grants.models import CalendarToken
from remix.ledger.models import Account, Attachment, Fund, Transaction
from remix.ledger.services import Leg, transaction_create
from remix.portability.opendata import open_data_export

DAY = datetime.date(2026, 3, 2)


def _leg(code: str, amount: str, memo: str = "") -> Leg:
    fund = Fund.objects.get(kind="platform")
    return Leg.of(Account.objects.get(code=code), fund, amount, "EUR", memo)


def _gifts(treasurer) -> None:
    fund = builders.platform()
    for name, visibility in (
        ("Zéphyrine Cachée-Donatrice", "amount"),
        ("Privat Discret-Donateur", "private"),
        ("Paulette Publique-Donatrice", "public"),
    ):
        giving.payment_record(
            amount="25",
            date=DAY,
            fund=fund,
            giver=Giver(name=name),
            visibility=visibility,
            recorder=treasurer,
        )


def _books(treasurer) -> None:
    transaction_create(
        date=DAY,
        description="Brouillon du trésorier jamais posté",
        legs=[_leg("Assets:Bank:Current", "12"), _leg("Income:Contributions:Donations", "-12")],
        recorder=treasurer,
    )
    giver = Actor.objects.create(
        name="Fondation Muette", slug="fondation-muette", kind="organisation"
    )
    transaction_create(
        date=DAY,
        description="Virement de la Fondation Muette",
        counterparty=giver,
        anonymous=True,
        legs=[
            _leg("Assets:Bank:Current", "40", memo="mémo du don anonyme"),
            _leg("Income:Contributions:Donations", "-40"),
        ],
        post=True,
        recorder=treasurer,
    )
    posted, _new = transaction_create(
        date=DAY,
        description="Loyer du local public",
        reference="REF-BANQUE-0042-SECRETE",
        legs=[_leg("Expenses:Hosting", "30"), _leg("Assets:Bank:Current", "-30")],
        post=True,
        recorder=treasurer,
    )
    attachment = Attachment(transaction=posted, name="facture.pdf", uploaded_by=treasurer)
    attachment.file.save("facture.pdf", ContentFile(b"%PDF PROTECTED-INVOICE-BYTES"))


def _catalogue(editor) -> None:
    shown = document(author=editor, title="Le jardin partagé public")
    shown.media_file.save("shown.png", ContentFile(b"PUBLIC-MEDIA-BYTES"))
    hidden = document(author=editor, title="Un document retiré par la modération")
    hidden.media_file.save("hidden.png", ContentFile(b"HIDDEN-MEDIA-BYTES"))
    moderate(subject=hidden, moderator=editor, hide=True, reason="Contenu signalé")


@pytest.fixture
def private_world(make_user, settings):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    editor = make_user("editrice", roles=["editor"])
    person = make_user("personne")
    person.email = "personne.secrete@prive.example"
    person.save(update_fields=["email"])
    Actor.objects.create(
        name="Collectif Ouvert",
        slug="collectif-ouvert",
        kind="organisation",
        email="contact@collectif-prive.example",
        phone="+33 6 98 76 54 32",
    )
    raw_token = token_create(user=person, name="script").raw
    TOTPDevice.objects.create(user=person, name="phone", key="c0ffee" * 6, confirmed=True)
    CalendarToken.objects.create(user=person, key="calendar-key-secret-0123456789")
    audit_record(action="core.test.private", data={"note": "détail privé de l'audit"})
    builders.round_(slug="tour-prepare", draft=True)
    _gifts(treasurer)
    _books(treasurer)
    _catalogue(editor)
    (settings.PRIVATE_MEDIA_ROOT / "stray.txt").write_bytes(b"PRIVATE-STRAY-BYTES")
    return {
        "private": [
            "personne.secrete@prive.example",
            person.password,
            raw_token,
            "c0ffee" * 6,
            "calendar-key-secret-0123456789",
            "contact@collectif-prive.example",
            "+33 6 98 76 54 32",
            "détail privé de l'audit",
            "Zéphyrine Cachée-Donatrice",
            "Privat Discret-Donateur",
            "Brouillon du trésorier jamais posté",
            "Virement de la Fondation Muette",
            "mémo du don anonyme",
            "REF-BANQUE-0042-SECRETE",
            "PROTECTED-INVOICE-BYTES",
            "Un document retiré par la modération",
            "HIDDEN-MEDIA-BYTES",
            "PRIVATE-STRAY-BYTES",
            "tour-prepare",
        ],
        "public": [
            "Paulette Publique-Donatrice",
            "Loyer du local public",
            "Le jardin partagé public",
            "PUBLIC-MEDIA-BYTES",
            "Collectif Ouvert",
            "Fondation Muette",  # the organisation is on the allies' map; not as a giver
            "Contenu signalé",
        ],
    }


def _dump_bytes(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as dump:
        return {name: dump.read(name) for name in dump.namelist()}


def _found(value: str, files: dict[str, bytes]) -> list[str]:
    return [name for name, data in files.items() if value.encode("utf-8") in data]


def test_the_dump_holds_no_private_value(private_world, tmp_path):
    open_data_export(tmp_path / "open.zip")
    files = _dump_bytes(tmp_path / "open.zip")

    leaks = {value: _found(value, files) for value in private_world["private"]}
    assert {value: names for value, names in leaks.items() if names} == {}
    missing = [value for value in private_world["public"] if not _found(value, files)]
    assert missing == []


def test_an_anonymous_gift_is_published_with_its_amount_and_without_its_giver(
    private_world, tmp_path
):
    open_data_export(tmp_path / "open.zip")
    files = _dump_bytes(tmp_path / "open.zip")
    gifts = files["data/funding.contribution.jsonl"].decode().splitlines()
    anonymous = Transaction.objects.get(anonymous=True, description__startswith="Virement")
    transactions = files["data/ledger.transaction.jsonl"].decode()

    assert len(gifts) == 2  # the private gift is left out
    assert sum('"visibility":"amount"' in line and '"name":null' in line for line in gifts) == 1
    assert f'"counterparty_id":null,"date":"2026-03-02","description":null,"id":{anonymous.pk}' in (
        transactions
    )
    assert "data/accounts.user.jsonl" not in files and "data/core.auditevent.jsonl" not in files
    assert "ledger/books.beancount" not in files
