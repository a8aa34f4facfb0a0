"""Uploaded files reach only those who may see the page they belong to.

Every FileField of every model is declared public (catalogue media) or protected; each protected
kind is built here with a real file and asked by a visitor, a person without the right and one
with it; its old /media/ address answers 404.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from remix.core import files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


def test_every_file_field_is_declared_public_or_protected():
    found, undeclared = [], []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                found.append(f"{model._meta.label}.{field.name}")
                entry = files.declared(model, field.name)
                if entry is None:
                    undeclared.append(f"{model._meta.label}.{field.name}")
                elif isinstance(entry, files.ProtectedFiles):
                    # Out of MEDIA_ROOT, under a name that reveals nothing.
                    assert isinstance(field, files.ProtectedFileField), field  # .url: its view
                    assert isinstance(field.storage, files.PrivateStorage), field
                    assert isinstance(field.upload_to, files.RandomName), field
                else:
                    assert not isinstance(field.storage, files.PrivateStorage), field
    assert undeclared == []
    assert len(found) >= 5  # the walk still sees what it saw when this was written
    assert files.declared(apps.get_model("catalogue", "Document"), "media_file").__class__ is (
        files.PublicFiles
    )


# --- one real object of each protected kind: (object, who may, who may not) ---------------------


def _receipt(make_user):
    from remix.ledger.services import attachment_add
    from remix.ledger.tests.builders import books_load

    (tx,) = books_load(
        """
        2026-03-03 * "Don de Julien" julien-martin
          Assets:Bank:Current              50.00 EUR
          Income:Contributions:Donations  -50.00 EUR
        """
    )
    upload = SimpleUploadedFile("reçu Julien Martin.pdf", PDF, "application/pdf")
    attachment = attachment_add(transaction=tx, upload=upload, name="Reçu Julien Martin")
    return attachment, make_user(roles=["treasurer"]), make_user(roles=["member"])


def _bank_statement(make_user):
    from remix.ledger.imports import bank_import_prepare
    from remix.ledger.models import Account, Fund

    batch = bank_import_prepare(
        data=PDF,
        filename="releve-mars.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=Fund.objects.get(kind="platform"),
        keep_upload=True,
    )
    return batch, make_user(roles=["steward"]), make_user(roles=["editor"])


def _application_document(make_user):
    from remix.grants import services
    from remix.grants.tests import builders

    owner = make_user(roles=["member"])
    application = services.application_create(
        opportunity=builders.opportunity(),
        fund=builders.fund(),
        owner=owner,
        amount_requested="6000",
    )
    document = services.document_add(
        application=application,
        upload=SimpleUploadedFile("budget.pdf", PDF, "application/pdf"),
        name="Budget prévisionnel",
        stored_name="budget.pdf",
    )
    stranger = make_user()
    stranger.groups.clear()  # signed up, then the member role withdrawn
    return document, make_user(roles=["member"]), stranger


def _call_attachment(make_user):
    from remix.grants import services
    from remix.grants.tests import builders

    attachment = services.opportunity_attachment_add(
        opportunity=builders.opportunity(),
        upload=SimpleUploadedFile("reglement.pdf", PDF, "application/pdf"),
        name="Règlement",
        stored_name="reglement.pdf",
    )
    return attachment, make_user(), None  # the call's page is public: so is its rules' file


BUILT = {
    "receipt": _receipt,
    "bank-statement": _bank_statement,
    "application-document": _application_document,
    "call-attachment": _call_attachment,
}


def test_each_protected_kind_has_a_builder_here():
    assert sorted(files.protected_kinds()) == sorted(BUILT)


@pytest.mark.parametrize("kind", sorted(BUILT))
def test_a_protected_file_asks_the_permission_of_its_page(kind, client, make_user, settings):
    obj, allowed, refused = BUILT[kind](make_user)
    entry = files.protected_kinds()[kind]
    stored = getattr(obj, entry.field)
    address = f"/files/{kind}/{obj.pk}/"
    assert files.file_url(obj) == address
    assert stored.url == address  # what the admin and any template get from .url
    assert re.fullmatch(r"[a-z/]+/[0-9a-f]{32}\.[a-z]+", stored.name)
    assert (settings.PRIVATE_MEDIA_ROOT / stored.name).read_bytes() == PDF
    assert not (settings.MEDIA_ROOT / stored.name).exists()

    anonymous = client.get(address)
    if refused is None:
        assert anonymous.status_code == 200
    else:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/accounts/login/?next=")
        client.force_login(refused)
        assert client.get(address).status_code == 403

    client.force_login(allowed)
    response = client.get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert response["Content-Disposition"].rstrip('"').endswith(stored.name[-4:])  # its type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"

    # Neither its stored name nor the name it came with is served from /media/.
    assert client.get(f"/media/{stored.name}").status_code == 404
    assert client.get(f"/files/{kind}/{obj.pk + 1000}/").status_code == 404


def test_the_download_keeps_the_given_name_and_the_stored_extension(client, make_user):
    attachment, treasurer, _member = _receipt(make_user)
    client.force_login(treasurer)
    response = client.get(files.file_url(attachment))
    # "Reçu Julien Martin" + ".pdf", percent-encoded (RFC 6266).
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Re%C3%A7u_Julien_Martin.pdf"
    )


def test_the_pages_link_to_the_view_never_to_media(client, make_user):
    document, member, _visitor = _application_document(make_user)
    client.force_login(member)
    page = client.get(f"/en/funding/applications/{document.application_id}/").content.decode()
    assert f'href="/files/application-document/{document.pk}/"' in page
    assert "/media/" not in page


# --- public catalogue media ----------------------------------------------------------------------


def _catalogue_document(title, **fields):
    from remix.catalogue.services import document_create

    data = {"title": title, "language": "fr", "licence": "CC-BY-SA-4.0", "kind": "text"}
    return document_create(author=None, data={**data, **fields})


def test_catalogue_media_are_public_while_the_document_is_shown(client, settings):
    image = _catalogue_document(
        "Affiche", kind="image", media_file=SimpleUploadedFile("affiche.png", PNG)
    )
    text = _catalogue_document(
        "Charte", media_file=SimpleUploadedFile("charte.txt", b"Article 1. Tout est commun.")
    )
    assert image.media_file.url.startswith("/media/catalogue/")

    shown = client.get(image.media_file.url)
    assert shown.status_code == 200 and b"".join(shown.streaming_content) == PNG
    assert shown["Content-Disposition"].startswith("inline;")  # an image shows in the page
    saved = client.get(text.media_file.url)
    assert saved.status_code == 200
    assert saved["Content-Disposition"].startswith("attachment;")  # anything else is saved
    assert saved["X-Content-Type-Options"] == "nosniff"

    # A file under MEDIA_ROOT that no shown document holds is not served.
    (settings.MEDIA_ROOT / "catalogue" / "stray.png").write_bytes(PNG)
    assert client.get("/media/catalogue/stray.png").status_code == 404

    type(image).objects.filter(pk=image.pk).update(hidden=True)
    assert client.get(image.media_file.url).status_code == 404  # as its page is gone


@pytest.mark.parametrize(
    ("name", "inline"),
    [
        ("a.png", True),
        ("a.jpg", True),
        ("a.webp", True),
        ("a.svg", False),
        ("a.pdf", False),
        ("a.html", False),
        ("a.txt", False),
    ],
)
def test_only_raster_images_are_shown_inline(name, inline, tmp_path):
    from django.core.files.storage import FileSystemStorage

    (tmp_path / name).write_bytes(b"x")
    response = files.send_file(FileSystemStorage(tmp_path), name, filename=name, alias="media")
    assert response["Content-Disposition"].startswith("inline;" if inline else "attachment;")


# --- handing the bytes to the proxy --------------------------------------------------------------


def test_nginx_is_handed_the_file_with_x_accel_redirect(client, make_user, settings):
    settings.REMIX_FILE_SENDER = "nginx"
    attachment, treasurer, member = _receipt(make_user)
    client.force_login(member)
    refused = client.get(files.file_url(attachment))
    assert refused.status_code == 403 and "X-Accel-Redirect" not in refused
    client.force_login(treasurer)
    response = client.get(files.file_url(attachment))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_files/private/{attachment.file.name}"
    assert response.content == b""  # nginx reads the file itself, from its internal location
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_apache_is_handed_the_file_s_path_with_x_sendfile(client, make_user, settings):
    settings.REMIX_FILE_SENDER = "sendfile"
    attachment, treasurer, _member = _receipt(make_user)
    client.force_login(treasurer)
    response = client.get(files.file_url(attachment))
    assert response["X-Sendfile"] == str(settings.PRIVATE_MEDIA_ROOT / attachment.file.name)
    assert response.content == b""


# --- an existing instance's files move on upgrade -------------------------------------------------


def test_the_migration_moves_files_out_of_media_under_random_names(
    settings, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from remix.ledger.models import Attachment
    from remix.ledger.tests.builders import books_load

    (tx,) = books_load(
        """
        2026-03-03 * "Don de Julien" julien-martin
          Assets:Bank:Current              50.00 EUR
          Income:Contributions:Donations  -50.00 EUR
        """
    )
    old = "ledger/receipts/2026/recu_julien_martin.pdf"
    default_storage.save(old, SimpleUploadedFile("x", PDF))
    attachment = Attachment.objects.create(transaction=tx, file=old, name="Reçu")

    with django_capture_on_commit_callbacks(execute=True):
        assert files.move_into_private(Attachment, "file", "ledger/receipts") == 1
    attachment.refresh_from_db()
    assert re.fullmatch(r"ledger/receipts/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).read_bytes() == PDF
    assert not (settings.MEDIA_ROOT / old).exists()
    assert files.move_into_private(Attachment, "file", "ledger/receipts") == 0  # run again


# --- too large a body is refused before it is read ------------------------------------------------


def test_an_upload_over_the_limit_is_refused_before_its_body_is_read(client, make_user, settings):
    from remix.ledger.models import Attachment
    from remix.ledger.tests.builders import books_load

    settings.REMIX_UPLOAD_MAX_BYTES = 1000
    (tx,) = books_load(
        """
        2026-03-03 * "Don de Julien" julien-martin
          Assets:Bank:Current              50.00 EUR
          Income:Contributions:Donations  -50.00 EUR
        """
    )
    client.force_login(make_user(roles=["treasurer"]))
    address = f"/en/budget/books/transactions/{tx.pk}/attachments/"
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * 2000, "application/pdf")
    response = client.post(address, {"file": big})
    assert response.status_code == 413
    assert "; the limit is 1000\xa0bytes." in response.content.decode()
    assert not Attachment.objects.exists()

    small = SimpleUploadedFile("petit.pdf", PDF, "application/pdf")
    assert client.post(address, {"file": small}).status_code == 302
    assert Attachment.objects.count() == 1


class _Unreadable:
    """A body that fails the test when anybody reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_the_limit_answers_from_the_declared_length_alone(rf, settings):
    from remix.core.uploads import UploadLimitMiddleware

    settings.REMIX_UPLOAD_MAX_BYTES = 1000
    request = rf.post("/en/budget/books/", data=b"", content_type="multipart/form-data; b=x")
    request.META["CONTENT_LENGTH"] = "5000000"
    request.META["wsgi.input"] = _Unreadable()
    request._stream = _Unreadable()
    middleware = UploadLimitMiddleware(lambda request: None)
    response = middleware.process_view(request, lambda request: None, (), {})
    assert response.status_code == 413


def test_no_middleware_before_the_limit_reads_the_body(make_user, settings):
    from django.test import Client

    settings.REMIX_UPLOAD_MAX_BYTES = 1000
    client = Client(enforce_csrf_checks=True)  # CSRF's check reads the form: it must come after
    client.force_login(make_user(roles=["treasurer"]))
    response = client.generic(
        "POST",
        "/en/budget/books/imports/",
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="5000000",
        **{"wsgi.input": _Unreadable()},
    )
    assert response.status_code == 413


def test_the_catalogue_takes_its_own_larger_limit(client, make_user, settings):
    settings.REMIX_UPLOAD_MAX_BYTES = 1000
    settings.CATALOGUE_MEDIA_MAX_BYTES = 10_000
    client.force_login(make_user(roles=["member"]))
    big = SimpleUploadedFile("affiche.png", PNG + b"\x00" * 3000, "image/png")
    response = client.post("/en/catalogue/documents/new/", {"title": "", "media_file": big})
    assert response.status_code != 413  # the form answers (a missing title), not the limit
    huge = SimpleUploadedFile("affiche.png", PNG + b"\x00" * 20_000, "image/png")
    refused = client.post("/en/catalogue/documents/new/", {"title": "", "media_file": huge})
    assert refused.status_code == 413


def test_the_api_answers_413_in_its_error_shape(client, settings):
    settings.REMIX_UPLOAD_MAX_BYTES = 1000
    response = client.post(
        "/api/v1/documents",
        data=b"{" + b" " * 2000 + b"}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["code"] == "too_large"
    message = "Le fichier fait 2,0\xa0Kio ; la limite est de 1000\xa0octets."
    assert body["error"]["message"] == message
    assert body["error"]["fields"] == []


def test_no_date_in_stored_names():
    # A receipt's stored name says nothing of when it was given either.
    name = files.RandomName("ledger/receipts")(None, f"recu-{datetime.date.today():%Y}.PDF")
    assert re.fullmatch(r"ledger/receipts/[0-9a-f]{32}\.pdf", name)
