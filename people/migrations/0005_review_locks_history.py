"""Corrections that stick and a history of every change (issue 12).

- History tables (django-simple-history) for persons, aliases, redirects, organisations,
  meetings and participations, each row with why (``history_kind``) and its operation.
- Meeting: how the date was found (``date_basis``, ``date_evidence``) and the participants
  staff removed (``removed_names``); Participation: the fields staff locked (``edited_fields``).
- One participation per person and meeting (was one per person, meeting and role): rows of a
  person listed twice at one meeting are first folded into one (the stronger role, both
  titles), and those persons' monthly activity is recounted.
"""

from collections import defaultdict

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


PRECEDENCE = ("chair", "co_chair", "head_of_delegation", "speaker", "attendee")


def one_participation_per_person(apps, schema_editor):
    Participation = apps.get_model("people", "Participation")
    PersonActivity = apps.get_model("people", "PersonActivity")
    twice = (
        Participation.objects.filter(person__isnull=False)
        .values("meeting_id", "person_id")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .order_by()
    )
    rows = defaultdict(list)
    for pair in twice.iterator():  # only the pairs listed twice: cheap on a million participations
        for p in Participation.objects.filter(meeting_id=pair["meeting_id"], person_id=pair["person_id"]).order_by("pk"):
            rows[p.meeting_id, p.person_id].append(p)
    touched = set()
    for (meeting_id, person_id), same in rows.items():
        if len(same) < 2:
            continue
        same.sort(key=lambda p: (PRECEDENCE.index(p.role) if p.role in PRECEDENCE else 99, p.pk))
        keep, extra = same[0], same[1:]
        for p in extra:
            keep.titles_as_written = list(keep.titles_as_written or []) + [
                t for t in p.titles_as_written or [] if t not in (keep.titles_as_written or [])
            ]
            p.delete()
        keep.save(update_fields=["titles_as_written"])
        touched.add(person_id)
    if not touched:
        return
    # PersonActivity is derived from the participations of published meetings: recount those persons.
    PersonActivity.objects.filter(person_id__in=touched).delete()
    counts = defaultdict(lambda: [0, 0])
    for p in Participation.objects.filter(person_id__in=touched, meeting__status="published").select_related("meeting"):
        month = p.meeting.date.replace(day=1) if p.meeting.date else None
        counts[p.person_id, month][0 if p.role in ("chair", "co_chair") else 1] += 1
    PersonActivity.objects.bulk_create(
        [PersonActivity(person_id=pk, month=month, chaired=c, attended=a) for (pk, month), (c, a) in counts.items()]
    )


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0004_person_activity'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalMeeting',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('kind', models.CharField(choices=[('hoi-nghi', 'Hội nghị'), ('buoi-lam-viec', 'Buổi làm việc'), ('ky-hop', 'Kỳ họp'), ('dai-hoi', 'Đại hội'), ('hoi-thao', 'Hội thảo'), ('phien-hop', 'Phiên họp'), ('le', 'Lễ'), ('tiep', 'Buổi tiếp'), ('kiem-tra', 'Kiểm tra, khảo sát'), ('bao-cao', 'Báo cáo'), ('khac', 'Khác')], db_index=True, default='khac', max_length=20, verbose_name='loại')),
                ('kind_text', models.CharField(blank=True, max_length=100, verbose_name='loại như được viết')),
                ('title', models.CharField(blank=True, max_length=500, verbose_name='tiêu đề')),
                ('date', models.DateField(blank=True, db_index=True, null=True, verbose_name='ngày')),
                ('date_text', models.CharField(blank=True, help_text='Ví dụ “22/4” khi bài không cho biết năm.', max_length=50, verbose_name='ngày như được viết')),
                ('date_basis', models.CharField(blank=True, choices=[('stated', 'ghi trong bài'), ('stamp', 'năm lấy từ dấu thời gian đăng bài'), ('inferred', 'năm suy ra từ ngữ cảnh'), ('staff', 'biên tập viên nhập')], max_length=10, verbose_name='cách xác định ngày')),
                ('date_evidence', models.CharField(blank=True, help_text='Những chữ trong bài cho biết ngày (hoặc năm).', max_length=300, verbose_name='căn cứ xác định ngày')),
                ('place', models.CharField(blank=True, max_length=300, verbose_name='địa điểm')),
                ('status', models.CharField(choices=[('draft', 'Bản nháp'), ('published', 'Đã công bố')], db_index=True, default='draft', max_length=10, verbose_name='trạng thái')),
                ('edited_fields', models.JSONField(blank=True, default=list, editable=False, verbose_name='trường đã sửa tay')),
                ('removed_names', models.JSONField(blank=True, default=list, editable=False, verbose_name='người biên tập viên đã bỏ')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical cuộc họp',
                'verbose_name_plural': 'historical cuộc họp',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOrganization',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('name', models.CharField(max_length=300, verbose_name='tên')),
                ('name_key', models.CharField(db_index=True, editable=False, max_length=300)),
                ('search_key', models.CharField(db_index=True, editable=False, max_length=300)),
                ('slug', models.SlugField(blank=True, max_length=100)),
                ('kind', models.CharField(choices=[('party_committee', 'Cấp ủy Đảng'), ('peoples_council', 'Hội đồng nhân dân'), ('peoples_committee', 'Ủy ban nhân dân'), ('ministry', 'Bộ, ngành'), ('front', 'Mặt trận, đoàn thể'), ('other', 'Khác')], default='other', max_length=30, verbose_name='loại')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical tổ chức',
                'verbose_name_plural': 'historical tổ chức',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParticipation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('role', models.CharField(choices=[('chair', 'Chủ trì'), ('co_chair', 'Đồng chủ trì'), ('head_of_delegation', 'Trưởng đoàn'), ('attendee', 'Tham dự'), ('speaker', 'Phát biểu')], max_length=20, verbose_name='vai trò')),
                ('name_as_written', models.CharField(max_length=200, verbose_name='tên như được viết')),
                ('titles_as_written', models.JSONField(blank=True, default=list, verbose_name='chức danh như được viết')),
                ('evidence', models.TextField(blank=True, verbose_name='câu trích dẫn')),
                ('origin', models.CharField(choices=[('extracted', 'Trích xuất tự động'), ('staff', 'Biên tập viên')], default='extracted', max_length=10, verbose_name='nguồn')),
                ('resolution_note', models.CharField(blank=True, help_text='Vì sao chưa xác định được là ai.', max_length=300, verbose_name='ghi chú xác định')),
                ('edited_fields', models.JSONField(blank=True, default=list, editable=False, verbose_name='trường đã sửa tay')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical tham gia',
                'verbose_name_plural': 'historical tham gia',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPerson',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('full_name', models.CharField(help_text='Như được viết trong bài (NFC).', max_length=200, verbose_name='họ tên')),
                ('name_key', models.CharField(db_index=True, editable=False, max_length=200)),
                ('search_key', models.CharField(db_index=True, editable=False, max_length=200)),
                ('slug', models.SlugField(blank=True, max_length=100)),
                ('description', models.CharField(blank=True, help_text='Giúp phân biệt hai người trùng tên, ví dụ chức vụ hoặc địa phương.', max_length=300, verbose_name='ghi chú phân biệt')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical người',
                'verbose_name_plural': 'historical người',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPersonAlias',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('name', models.CharField(max_length=200, verbose_name='tên khác')),
                ('name_key', models.CharField(db_index=True, editable=False, max_length=200)),
                ('search_key', models.CharField(db_index=True, editable=False, max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical tên khác',
                'verbose_name_plural': 'historical tên khác',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPersonRedirect',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_kind', models.CharField(blank=True, choices=[('staff_edit', 'Biên tập viên sửa'), ('reextraction', 'Trích xuất lại'), ('merge', 'Gộp người'), ('import', 'Nhập từ bảng tính'), ('publish', 'Công bố / thôi công bố'), ('ingest', 'Tải lên và trích xuất'), ('undo', 'Hoàn tác')], max_length=20, verbose_name='lý do')),
                ('history_operation', models.CharField(blank=True, db_index=True, max_length=32)),
                ('old_slug', models.SlugField(max_length=100, verbose_name='địa chỉ cũ')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical chuyển hướng',
                'verbose_name_plural': 'historical chuyển hướng',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name='personredirect',
            options={'verbose_name': 'chuyển hướng', 'verbose_name_plural': 'chuyển hướng'},
        ),
        migrations.RemoveConstraint(
            model_name='participation',
            name='unique_person_role_per_meeting',
        ),
        migrations.AddField(
            model_name='meeting',
            name='date_basis',
            field=models.CharField(blank=True, choices=[('stated', 'ghi trong bài'), ('stamp', 'năm lấy từ dấu thời gian đăng bài'), ('inferred', 'năm suy ra từ ngữ cảnh'), ('staff', 'biên tập viên nhập')], max_length=10, verbose_name='cách xác định ngày'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='date_evidence',
            field=models.CharField(blank=True, help_text='Những chữ trong bài cho biết ngày (hoặc năm).', max_length=300, verbose_name='căn cứ xác định ngày'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='removed_names',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='người biên tập viên đã bỏ'),
        ),
        migrations.AddField(
            model_name='participation',
            name='edited_fields',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='trường đã sửa tay'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='edited_fields',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='trường đã sửa tay'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc'),
        ),
        migrations.AlterField(
            model_name='participation',
            name='origin',
            field=models.CharField(choices=[('extracted', 'Trích xuất tự động'), ('staff', 'Biên tập viên')], default='extracted', max_length=10, verbose_name='nguồn'),
        ),
        migrations.AlterField(
            model_name='person',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc'),
        ),
        migrations.AlterField(
            model_name='person',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc'),
        ),
        migrations.AlterField(
            model_name='personredirect',
            name='old_slug',
            field=models.SlugField(max_length=100, unique=True, verbose_name='địa chỉ cũ'),
        ),
        migrations.AlterField(
            model_name='personredirect',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='redirects', to='people.person', verbose_name='người'),
        ),
        migrations.RunPython(one_participation_per_person, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='participation',
            constraint=models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('meeting', 'person'), name='one_participation_per_person_and_meeting', violation_error_message='Người này đã có trong thành phần cuộc họp.'),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='organizer',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.organization', verbose_name='cơ quan tổ chức'),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='parent',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.organization', verbose_name='trực thuộc'),
        ),
        migrations.AddField(
            model_name='historicalparticipation',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalparticipation',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.meeting', verbose_name='cuộc họp'),
        ),
        migrations.AddField(
            model_name='historicalparticipation',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Để trống khi chưa xác định được là ai.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person', verbose_name='người'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalpersonalias',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalpersonalias',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person'),
        ),
        migrations.AddField(
            model_name='historicalpersonredirect',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalpersonredirect',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person', verbose_name='người'),
        ),
    ]
