"""Keep PersonActivity right after single-row writes that bypass the services: the admin's
meeting and participation forms, django-import-export, the ingestion code saving rows.

Bulk status changes go through people.services.set_meetings_status (QuerySet.update sends no
signal). A write to a draft meeting changes nothing the public sees, so it recounts nobody.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from people import services
from people.models import Meeting, Participation, Status


def _published(meeting_ids):
    return Meeting.objects.filter(pk__in=[pk for pk in meeting_ids if pk], status=Status.PUBLISHED).exists()


@receiver(pre_save, sender=Participation, dispatch_uid="activity_participation_before")
def _participation_before(sender, instance, raw=False, **kwargs):
    instance._activity_before = None
    if not raw and instance.pk and not instance._state.adding:
        instance._activity_before = (
            Participation.objects.filter(pk=instance.pk).values_list("person_id", "meeting_id").first()
        )


@receiver(post_save, sender=Participation, dispatch_uid="activity_participation_saved")
def _participation_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    persons, meetings = {instance.person_id}, {instance.meeting_id}
    before = getattr(instance, "_activity_before", None)
    if before:
        persons.add(before[0])
        meetings.add(before[1])
    if any(persons) and _published(meetings):
        services.refresh_activity(person_ids=persons)


@receiver(post_delete, sender=Participation, dispatch_uid="activity_participation_deleted")
def _participation_deleted(sender, instance, **kwargs):
    if instance.person_id and _published([instance.meeting_id]):
        services.refresh_activity(person_ids=[instance.person_id])


@receiver(pre_save, sender=Meeting, dispatch_uid="activity_meeting_before")
def _meeting_before(sender, instance, raw=False, **kwargs):
    instance._activity_before = None
    if not raw and instance.pk and not instance._state.adding:
        instance._activity_before = Meeting.objects.filter(pk=instance.pk).values_list("status", "date").first()


def _month(day):
    return (day.year, day.month) if day else None


@receiver(post_save, sender=Meeting, dispatch_uid="activity_meeting_saved")
def _meeting_saved(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_activity_before", None)
    if raw or created or not before:
        return  # a new meeting has no participations yet
    status, day = before
    was_public, is_public = status == Status.PUBLISHED, instance.status == Status.PUBLISHED
    if (was_public or is_public) and (was_public != is_public or _month(day) != _month(instance.date)):
        services.refresh_activity(
            person_ids=instance.participations.filter(person__isnull=False).values_list("person_id", flat=True)
        )
