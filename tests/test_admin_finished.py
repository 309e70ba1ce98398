"""The admin, finished: Vietnamese throughout (import/export included, errors as sentences),
safe spreadsheets (BOM, formulas neutralised), http(s) addresses only, titles as plain text,
a name on every inline field, and a layout that fits 1280 px (tests/browser checks the pixels)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from articles.models import Article
from people.models import Participation, Role
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db


def export(client, model, fmt):
    """The admin's export, as the form posts it (format index in config.spreadsheets.FORMATS)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    page = client.get(url)
    fields = [name for name in page.context["form"].fields if name.startswith(f"{model.__name__.lower()}resource_")]
    data = {"format": fmt, "resource": 0, **{name: "on" for name in fields}}
    return client.post(url, data)


def test_admin_csv_export_has_a_bom_and_neutralised_formulas(staff_client):
    make_article('=HYPERLINK("http://evil.example","bấm")', "Nội dung", url="https://bao.vn/a.html")
    response = export(staff_client, Article, 0)
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the BOM to read Vietnamese"
    assert "'=HYPERLINK(" in content and ',=HYPERLINK(' not in content


def test_admin_xlsx_export_holds_no_live_formula(staff_client):
    make_article("=1+2", "Nội dung")
    response = export(staff_client, Article, 1)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=1+2" in values and "=1+2" not in values


def import_file(client, model, content, *, fmt=0, name="nhap.csv"):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    upload = io.BytesIO(content if isinstance(content, bytes) else content.encode("utf-8"))
    upload.name = name
    return client.post(url, {"resource": 0, "format": fmt, "import_file": upload})


def test_an_imported_address_must_be_http_or_https(staff_client):
    article = make_article("Tin", "Nội dung", url="https://bao.vn/a.html")
    csv = f"id,headline,url\n{article.pk},Tin,javascript:alert(1)\n"
    response = import_file(staff_client, Article, csv)
    html = response.content.decode()
    assert "Địa chỉ gốc phải bắt đầu bằng http:// hoặc https://." in html
    assert "Traceback" not in html
    article.refresh_from_db()
    assert article.url == "https://bao.vn/a.html"


def test_the_public_page_never_links_a_non_web_address(client):
    article = make_article("Tin", "Nội dung")
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(1)")  # bypassing validation
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:alert" not in html


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "id,headline\n1,\"unterminated\n", "khong,phai,cot\nmot,hai,ba\n"],
    ids=["binary", "broken-quote", "unknown-columns"],
)
def test_a_malformed_import_file_gets_a_sentence_never_a_traceback(staff_client, content):
    response = import_file(staff_client, Article, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Traceback" not in html and "File &quot;" not in html and 'File "' not in html
    assert re.search(r"Không đọc được tệp|Không có dữ liệu hợp lệ|Tệp thiếu|Lỗi|không hợp lệ", html), html[-3000:]


def test_import_and_export_screens_are_in_vietnamese(staff_client):
    for view in ("import", "export"):
        html = staff_client.get(reverse(f"admin:articles_article_{view}")).content.decode()
        assert ("Tệp cần nhập" in html) if view == "import" else ("Định dạng" in html)
        for english in (">Import<", ">Export<", "File to import", ">Submit<", "Skip to main content"):
            assert english not in html, (view, english)


def test_titles_are_edited_as_plain_text_fields(staff_client):
    meeting = make_meeting("Họp")
    row = add_participation(meeting, make_person("Lê Văn Ba"), role=Role.ATTENDEE, titles=["Phó Bí thư"])
    url = reverse("admin:people_participation_change", args=[row.pk])
    html = staff_client.get(url).content.decode()
    assert 'name="titles_as_written" id="id_titles_as_written_0" value="Phó Bí thư"' in html
    response = staff_client.post(url, {
        "meeting": meeting.pk, "person": row.person_id, "role": Role.ATTENDEE, "name_as_written": "Lê Văn Ba",
        "titles_as_written": ["Phó Bí thư Thành ủy", "  Chủ tịch  HĐND  ", ""], "evidence": row.evidence,
        "resolution_note": "",
    })
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.titles_as_written == ["Phó Bí thư Thành ủy", "Chủ tịch HĐND"]
    assert row.edited_fields == ["titles_as_written"]


def unnamed_fields(html):
    """Form controls with no accessible name: no <label for>, no aria-label, not hidden."""
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
    missing = []
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit|button)"', tag) or "aria-label=" in tag or "__prefix__" in tag:
            continue
        match = re.search(r'id="([^"]+)"', tag)
        if not match or match.group(1) not in labelled:
            missing.append(tag[:120])
    return missing


def test_every_inline_field_has_a_name(staff_client):
    meeting = make_meeting("Họp")
    add_participation(meeting, make_person("Lê Văn Ba"), role=Role.ATTENDEE, titles=["Phó Bí thư"])
    add_participation(meeting, "Người Chưa Rõ", role=Role.SPEAKER)
    html = staff_client.get(reverse("admin:people_meeting_change", args=[meeting.pk])).content.decode()
    inline = html[html.index('id="participations-group"'):]
    assert unnamed_fields(inline) == []
    assert 'aria-label="Vai trò — Người Chưa Rõ — Phát biểu"' in inline


def test_model_fields_shown_in_the_admin_have_vietnamese_names(staff_client):
    row = add_participation(make_meeting("Họp"), make_person("Lê Văn Ba"))
    html = staff_client.get(reverse("admin:people_participation_change", args=[row.pk])).content.decode()
    assert "Origin" not in html and "nguồn" in html.lower()
    person_html = staff_client.get(reverse("admin:people_person_change", args=[row.person_id])).content.decode()
    assert "Created at" not in person_html and "Tạo lúc" in person_html
    assert Participation._meta.get_field("origin").verbose_name == "nguồn"


def test_an_import_is_recorded_as_an_import(staff_client, staff_user):
    article = make_article("Tin", "Nội dung", url="https://bao.vn/a.html")
    preview = import_file(staff_client, Article, f"id,headline,url,byline\n{article.pk},Tin,https://bao.vn/a.html,Phóng viên A\n")
    confirm = preview.context["confirm_form"]
    data = {name: confirm.initial.get(name, field.initial) for name, field in confirm.fields.items()}
    response = staff_client.post(reverse("admin:articles_article_process_import"), data, follow=True)
    assert "Đã nhập xong" in response.content.decode()
    article.refresh_from_db()
    assert article.byline == "Phóng viên A"
    record = Article.history.filter(id=article.pk).latest("history_id")
    assert (record.history_kind, record.history_user) == ("import", staff_user)


def test_a_person_twice_in_one_meeting_is_refused_with_a_sentence(staff_client):
    meeting = make_meeting("Họp")
    ba = make_person("Lê Văn Ba")
    url = reverse("admin:people_meeting_change", args=[meeting.pk])
    data = {
        "kind": meeting.kind, "kind_text": "", "title": "Họp", "date": "2024-03-01", "date_text": "", "place": "",
        "organizer": "", "status": meeting.status,
        "participations-TOTAL_FORMS": 2, "participations-INITIAL_FORMS": 0,
        "participations-MIN_NUM_FORMS": 0, "participations-MAX_NUM_FORMS": 1000,
    }
    for i, role in enumerate((Role.CHAIR, Role.SPEAKER)):
        data.update({
            f"participations-{i}-meeting": meeting.pk, f"participations-{i}-person": ba.pk, f"participations-{i}-role": role,
            f"participations-{i}-name_as_written": "Lê Văn Ba", f"participations-{i}-titles_as_written": [""],
            f"participations-{i}-evidence": "",
        })
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Lê Văn Ba có hai dòng trong thành phần cuộc họp" in response.content.decode()
    assert not Participation.objects.filter(meeting=meeting).exists()
