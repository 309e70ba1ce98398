import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    "people/person", "people/organization", "people/meeting", "people/participation", "people/personredirect",
    "articles/source", "articles/article", "articles/mention", "articles/original",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_staff_can_open_every_admin_list_and_add_page(staff_client, model):
    assert staff_client.get(f"/admin/{model}/").status_code == 200
    add = staff_client.get(f"/admin/{model}/add/")
    assert add.status_code in (200, 403)  # originals are never added by hand


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_anonymous_users_are_sent_to_the_login_page(client, model):
    response = client.get(f"/admin/{model}/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", ["people/person", "people/organization", "people/meeting", "people/participation", "articles/source", "articles/article"])
def test_import_and_export_pages_load(staff_client, model):
    assert staff_client.get(f"/admin/{model}/import/").status_code == 200
    assert staff_client.get(f"/admin/{model}/export/").status_code == 200


def test_people_import_from_csv_previews_then_confirms(staff_client):
    from people.models import Person

    csv = "full_name,slug,description\nHoàng Minh Tâm,hoang-minh-tam,\n".encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        "/admin/people/person/import/",
        {"import_file": SimpleUploadedFile("people.csv", csv, content_type="text/csv"), "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "Hoàng Minh Tâm" in response.content.decode()
    assert Person.objects.count() == 0  # only a preview so far
    form = response.context["confirm_form"]
    confirm = staff_client.post("/admin/people/person/process_import/", {**form.initial})
    assert confirm.status_code == 302
    assert Person.objects.get().search_key == "hoang minh tam"
