from django.db import migrations


def seed(apps, schema_editor):
    Movement = apps.get_model("allies", "Movement")
    for code in ("ess", "commons", "other"):
        Movement.objects.get_or_create(code=code)
    NetworkState = apps.get_model("allies", "NetworkState")
    NetworkState.objects.get_or_create(pk=1, defaults={"version": 0})


class Migration(migrations.Migration):
    dependencies = [("allies", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
