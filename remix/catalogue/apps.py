from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _families_after_migrate(sender, **kwargs):
    from remix.catalogue.services.commons import families_ensure

    families_ensure()


class CatalogueConfig(AppConfig):
    name = "remix.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self):
        from remix.core.pagecache import data_versions_track

        # The catalogue's public pages are cached per version of its data; the search entries,
        # written in bulk, follow the documents, commons and actors they index.
        data_versions_track("catalogue", self, untracked=("SearchEntry",))
        # Like the movements: the families of commons exist after every migrate and flush.
        post_migrate.connect(
            _families_after_migrate, sender=self, dispatch_uid="remix.catalogue.families"
        )
        from remix.allies.models import Actor
        from remix.catalogue.search import actor_saved

        # Actors are searched with documents and commons: their entry follows every save.
        post_save.connect(actor_saved, sender=Actor, dispatch_uid="remix.catalogue.actor_search")
        from remix.allies import hooks
        from remix.catalogue.views.trunk_notes import trunk_theme_documents, trunk_theme_note

        # The common trunk says how much of the catalogue documents each of its themes, and
        # which are the least documented for their strength.
        hooks.trunk_theme_note_register(trunk_theme_note)
        hooks.trunk_theme_documents_register(trunk_theme_documents)
