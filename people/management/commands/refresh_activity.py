"""``manage.py refresh_activity``: recount every person's monthly activity (PersonActivity).

Needed only after writes that bypass the services and the model signals (raw SQL, COPY, a
restored dump); ``--check`` reports drift without changing anything.
"""

from django.core.management.base import BaseCommand, CommandError

from people.services import activity_drift, rebuild_activity


class Command(BaseCommand):
    help = "Recount the published meetings each person chaired and attended per month."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only report persons whose counts are wrong")

    def handle(self, *args, check=False, **options):
        if check:
            drift = activity_drift()
            if drift:
                raise CommandError(f"{len(drift)} person(s) with wrong activity counts, e.g. ids {drift[:10]}")
            self.stdout.write("Activity counts are right.")
            return
        rebuild_activity()
        self.stdout.write(self.style.SUCCESS("Activity recounted."))
