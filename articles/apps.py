from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Bài báo")

    def ready(self):
        from articles import posts  # noqa: F401  (connects the titles → posts receiver)
        from articles.roles import ensure_staff_groups

        # After our own migrations, when every permission of both apps exists.
        post_migrate.connect(ensure_staff_groups, sender=self, dispatch_uid="vankho-staff-groups")
