"""Application documents and call attachments become protected files: out of MEDIA_ROOT (which
was served to anybody) into the private storage, under names that reveal nothing."""

from django.db import migrations

import remix.core.files
from remix.core import files


def move_files(apps, schema_editor):
    files.move_into_private(
        apps.get_model("grants", "ApplicationDocument"), "file", "grants/applications"
    )
    files.move_into_private(
        apps.get_model("grants", "OpportunityAttachment"), "file", "grants/opportunities"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="applicationdocument",
            name="file",
            field=remix.core.files.ProtectedFileField(
                storage=remix.core.files.private_storage,
                upload_to=remix.core.files.RandomName("grants/applications"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="opportunityattachment",
            name="file",
            field=remix.core.files.ProtectedFileField(
                storage=remix.core.files.private_storage,
                upload_to=remix.core.files.RandomName("grants/opportunities"),
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_files, migrations.RunPython.noop),
    ]
