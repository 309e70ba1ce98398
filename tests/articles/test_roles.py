import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITORS, REVIEWERS

pytestmark = pytest.mark.django_db


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw-role-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


def test_editors_may_upload_and_correct_but_not_publish_or_merge(django_user_model):
    editor = member_of(django_user_model, EDITORS, "ed")
    assert editor.has_perm("articles.add_article")
    assert editor.has_perm("people.change_participation")
    assert not editor.has_perm("articles.publish_article")
    assert not editor.has_perm("people.merge_person")
    assert not editor.has_perm("articles.delete_article")
    assert not editor.has_perm("auth.add_user")


def test_reviewers_may_publish_and_merge_but_not_manage_users(django_user_model):
    reviewer = member_of(django_user_model, REVIEWERS, "rev")
    assert reviewer.has_perm("articles.publish_article")
    assert reviewer.has_perm("people.publish_meeting")
    assert reviewer.has_perm("people.merge_person")
    assert not reviewer.has_perm("auth.change_user")


def test_no_role_may_edit_an_original_upload(django_user_model):
    for group in (EDITORS, REVIEWERS):
        user = member_of(django_user_model, group, f"u-{len(group)}")
        assert user.has_perm("articles.view_original")
        assert not user.has_perm("articles.change_original")


@pytest.mark.parametrize("model", ["people/person", "people/meeting", "articles/article"])
def test_only_reviewers_import_while_both_roles_export(client, django_user_model, model):
    editor = member_of(django_user_model, EDITORS, "ed-io")
    reviewer = member_of(django_user_model, REVIEWERS, "rev-io")
    client.force_login(editor)
    assert client.get(f"/admin/{model}/import/").status_code == 403
    assert client.get(f"/admin/{model}/export/").status_code == 200
    client.force_login(reviewer)
    assert client.get(f"/admin/{model}/import/").status_code == 200
