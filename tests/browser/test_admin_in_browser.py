import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_logs_in_and_sees_the_archive_models(staff_page, screenshot):
    assert staff_page.get_by_role("link", name="Bài báo").first.is_visible()
    screenshot("admin-index")
