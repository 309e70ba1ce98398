"""``manage.py refresh_posts``: read every participation's and mention's titles into posts again, then recount
every tenure. After a better title parser, or writes that bypassed the ORM."""

from django.core.management.base import BaseCommand

from articles.posts import rebuild_posts
from people.services import rebuild_activity


class Command(BaseCommand):
    help = "Read every participation's titles into posts again and recount the tenures."

    def handle(self, *args, **options):
        count = rebuild_posts()
        rebuild_activity()
        self.stdout.write(self.style.SUCCESS(f"{count} participations read; tenures recounted."))
