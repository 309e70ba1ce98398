"""Staff roles as Django groups, kept in sync after every `migrate`.

- Editors upload articles and correct facts (add/change, never publish).
- Reviewers do what editors do, and publish, unpublish, delete and merge persons.
- Superusers manage users; nobody else gets auth permissions.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Biên tập viên"
REVIEWERS = "Người duyệt"

_EDITABLE = {
    "articles": ["article", "mention", "source"],
    "people": ["person", "personalias", "organization", "meeting", "participation"],
}
_VIEW_ONLY = {"articles": ["original", "ingestbatch"], "people": ["personredirect"]}


def _editor_codenames():
    for app, models in _EDITABLE.items():
        for model in models:
            for action in ("view", "add", "change"):
                yield app, f"{action}_{model}"
    for app, models in _VIEW_ONLY.items():
        for model in models:
            yield app, f"view_{model}"


def _reviewer_codenames():
    yield from _editor_codenames()
    for app, models in _EDITABLE.items():
        for model in models:
            yield app, f"delete_{model}"
    yield "articles", "publish_article"
    yield "people", "publish_meeting"
    yield "people", "merge_person"
    yield "people", "add_personredirect"


GROUPS = {EDITORS: _editor_codenames, REVIEWERS: _reviewer_codenames}


def ensure_staff_groups(**kwargs):
    """Create or update the two staff groups with exactly their permissions."""
    for name, codenames in GROUPS.items():
        wanted = list(codenames())
        perms = [
            perm
            for perm in Permission.objects.select_related("content_type").filter(
                content_type__app_label__in=["articles", "people"]
            )
            if (perm.content_type.app_label, perm.codename) in wanted
        ]
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)
