from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Người và cuộc họp")

    def ready(self):
        from django.db.backends.signals import connection_created

        from people import signals  # noqa: F401  (connects the activity receivers)
        from people.textsearch import on_connection_created

        # Every SQLite connection gets the functions the generated search columns are computed with.
        connection_created.connect(on_connection_created, dispatch_uid="people.textsearch.sqlite_functions")
