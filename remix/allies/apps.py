from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reference_rows_after_migrate(sender, **kwargs):
    from remix.allies.services import reference_rows_ensure

    reference_rows_ensure()


class AlliesConfig(AppConfig):
    name = "remix.allies"
    label = "allies"
    verbose_name = _("Allies")

    def ready(self):
        from remix.core.pagecache import data_versions_track

        # The map's data is cached per version of the network (the measures' runs aside).
        data_versions_track("allies", self, untracked=("NetworkState", "MeasuresRun"))
        # After every migrate (and every flush), like the roles: the movements and the network
        # state row always exist. Once each time: when this app's own signal is sent.
        post_migrate.connect(
            _reference_rows_after_migrate, sender=self, dispatch_uid="remix.allies.reference"
        )
