from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Người và cuộc họp")

    def ready(self):
        from people import signals  # noqa: F401  (connects the activity receivers)
