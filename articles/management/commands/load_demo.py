"""Load the demo archive: a staff login and the project's own sample articles, published.

Idempotent: a second run finds every file already stored (same SHA-256) and creates nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles import ingestion, services
from articles.models import Article

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "vankho-demo"
DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "Create the demo staff login (demo / vankho-demo), ingest the demo articles and publish them."

    def handle(self, *args, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

        files = sorted(p for p in DEMO_DIR.iterdir() if p.suffix.lower() in ingestion.ARTICLE_EXTENSIONS)
        articles = []
        results = []
        for path in files:
            result = ingestion.ingest_file(data=path.read_bytes(), filename=path.name, uploaded_by=user)
            results.append(result)
            # Only what this run stored is published: a staff "unpublish" survives a re-run.
            if result.status in (ingestion.CREATED, ingestion.POSSIBLE_DUPLICATE):
                articles.append(result.article)
            if result.status == ingestion.FAILED:
                self.stderr.write(f"{path.name}: {result.message}")
        published = services.publish_articles(articles=[a for a in articles if not a.extraction_error])
        counts = ingestion.summarize(results)
        self.stdout.write(
            f"Demo archive: {len(files)} files — {counts['created'] + counts['possible_duplicate']} new, "
            f"{counts['duplicate']} already there, {counts['failed']} failed; {published} articles published "
            f"({Article.objects.published().count()} published in all)."
        )
        self.stdout.write(f"Demo staff login: {DEMO_USERNAME} / {DEMO_PASSWORD}")
