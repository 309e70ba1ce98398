"""PostEvidence.meeting: the participation's meeting, copied, with a (meeting, post) index for the
search's post facet and filter. Filled from the participations, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_meetings(apps, schema_editor):
    PostEvidence = apps.get_model("people", "PostEvidence")
    Participation = apps.get_model("people", "Participation")
    PostEvidence.objects.using(schema_editor.connection.alias).update(
        meeting_id=Subquery(Participation.objects.filter(pk=OuterRef("participation_id")).values("meeting_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0007_posts_and_tenures")]

    operations = [
        migrations.AddField(
            model_name="postevidence",
            name="meeting",
            field=models.ForeignKey(
                null=True, editable=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="post_evidence",
                to="people.meeting", verbose_name="cuộc họp",
            ),
        ),
        migrations.RunPython(fill_meetings, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="postevidence",
            name="meeting",
            field=models.ForeignKey(
                editable=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="post_evidence",
                to="people.meeting", verbose_name="cuộc họp",
            ),
        ),
        migrations.AddIndex(
            model_name="postevidence",
            index=models.Index(fields=["meeting", "post"], name="post_evidence_by_meeting"),
        ),
    ]
