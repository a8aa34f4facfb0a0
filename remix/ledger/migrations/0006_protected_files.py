"""Receipts and bank statements become protected files: out of MEDIA_ROOT (which
was served to anybody) into the private storage, under names that reveal nothing."""

from django.db import migrations

import remix.core.files
from remix.core import files


def move_files(apps, schema_editor):
    files.move_into_private(apps.get_model("ledger", "Attachment"), "file", "ledger/receipts")
    files.move_into_private(apps.get_model("ledger", "BankImport"), "upload", "ledger/imports")


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0005_books_state"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=remix.core.files.ProtectedFileField(
                storage=remix.core.files.private_storage,
                upload_to=remix.core.files.RandomName("ledger/receipts"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="bankimport",
            name="upload",
            field=remix.core.files.ProtectedFileField(
                blank=True,
                storage=remix.core.files.private_storage,
                upload_to=remix.core.files.RandomName("ledger/imports"),
            ),
        ),
        migrations.RunPython(move_files, migrations.RunPython.noop),
    ]
