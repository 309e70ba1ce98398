"""Writes about organisations staff make: rename and merge (like persons: history kept, the old
address redirects, the old name keeps leading to the organisation it became)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people import history
from people.models import (
    ChangeKind,
    Meeting,
    Organization,
    OrganizationRedirect,
    Post,
    PostEvidence,
    Tenure,
    unique_slug,
)
from people.names import clean_name, name_key
from people.services import activity_recount, refresh_activity


def organization_named(name):
    """The organisation a canonical name stands for: its own, or the one it was renamed or merged into."""
    key = name_key(clean_name(name))
    org = Organization.objects.filter(name_key=key).first()
    if org is None:
        moved = OrganizationRedirect.objects.filter(old_name_key=key).select_related("organization").first()
        org = moved.organization if moved else None
    return org


def _remember(org, *, slug, name):
    redirect = OrganizationRedirect.objects.filter(old_slug=slug).first() or OrganizationRedirect(old_slug=slug)
    redirect.organization, redirect.old_name_key = org, name_key(name)
    redirect.save()


def _rename_posts(org, old_name):
    """"Bí thư Thành ủy Hà Nội" follows its organisation's new name; a post that now has the name of
    another is folded into it (its evidence moves, the tenures are recounted)."""
    persons = set()
    for post in Post.objects.filter(organization=org):
        new_name = post.name.replace(old_name, org.name) if old_name in post.name else post.name
        other = Post.objects.filter(name_key=name_key(new_name)).exclude(pk=post.pk).first()
        if other is None:
            if new_name != post.name:
                post.name = new_name
                post.save()
            continue
        persons |= set(Tenure.objects.filter(post=post).values_list("person_id", flat=True))
        taken = set(PostEvidence.objects.filter(post=other).values_list("participation_id", flat=True))
        PostEvidence.objects.filter(post=post).exclude(participation_id__in=taken).update(post=other)
        if other.organization_id != org.pk:
            other.organization = org
            other.save(update_fields=["organization"])
        post.delete()
    refresh_activity(person_ids=persons)


@transaction.atomic
@activity_recount()
def rename_organization(*, organization, name):
    """Staff give an organisation its right name; the old address and name lead to it."""
    name = clean_name(name)[:300]
    if not name:
        raise ValidationError(_("Tên tổ chức không được để trống."))
    if Organization.objects.filter(name_key=name_key(name)).exclude(pk=organization.pk).exists():
        raise ValidationError(_("Đã có tổ chức tên “%(name)s”: hãy gộp hai tổ chức thay vì đổi tên.") % {"name": name})
    old_name, old_slug = organization.name, organization.slug
    if old_name == name:
        return organization
    with history.unless_given(ChangeKind.STAFF_EDIT):
        organization.name = name
        organization.slug = unique_slug(Organization, name, exclude_pk=organization.pk)
        organization.save()
        _remember(organization, slug=old_slug, name=old_name)
        _rename_posts(organization, old_name)
    return organization


@transaction.atomic
@activity_recount()
def merge_organizations(*, survivor, merged):
    """Merge ``merged`` into ``survivor``: meetings it organised, articles about it, bodies within
    it, its posts (with their evidence) and its redirects move; its address and name lead to the
    survivor. One history operation."""
    if survivor.pk == merged.pk:
        raise ValidationError(_("Không thể gộp một tổ chức với chính nó."))
    moved = {}
    with history.change_reason(ChangeKind.MERGE, note=f"{merged.name} (#{merged.pk}) → #{survivor.pk}") as reason:
        meetings = list(Meeting.objects.filter(organizer=merged))
        for meeting in meetings:
            meeting.organizer = survivor
        history.bulk_update(meetings, Meeting, ["organizer"])
        moved["meetings"] = len(meetings)
        children = list(Organization.objects.filter(parent=merged).exclude(pk=survivor.pk))
        for child in children:
            child.parent = survivor
        history.bulk_update(children, Organization, ["parent"])
        for redirect in OrganizationRedirect.objects.filter(organization=merged):
            redirect.organization = survivor
            redirect.save()
        # Articles about it (a many-to-many of another app: reached generically, never imported).
        for rel in Organization._meta.related_objects:
            if not rel.many_to_many:
                continue
            through = rel.through
            mine = rel.field.m2m_reverse_field_name()  # the column pointing at the organisation
            other = rel.field.m2m_field_name()
            have = set(through.objects.filter(**{mine: survivor}).values_list(f"{other}_id", flat=True))
            through.objects.filter(**{mine: merged, f"{other}_id__in": have}).delete()
            moved[rel.get_accessor_name()] = through.objects.filter(**{mine: merged}).update(**{mine: survivor})
        old_name, old_slug = merged.name, merged.slug
        Post.objects.filter(organization=merged).update(organization=survivor)
        _rename_posts(survivor, old_name)
        merged.delete()
        _remember(survivor, slug=old_slug, name=old_name)
    moved["operation"] = reason.operation
    return moved

