"""Rebuilds in progress: while one runs, index updates are also recorded for it to replay."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_pending_index_change'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexRebuild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='เริ่มเมื่อ')),
                ('heartbeat_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='ยังทำงานอยู่เมื่อ')),
                ('host', models.CharField(max_length=255, verbose_name='เครื่อง')),
                ('pid', models.IntegerField(verbose_name='หมายเลขโปรเซส (pid)')),
                ('baseline', models.BigIntegerField(default=0, verbose_name='การปรับปรุงล่าสุดก่อนเริ่ม')),
            ],
            options={
                'verbose_name': 'การสร้างดัชนีค้นหาใหม่ที่กำลังทำงาน',
                'verbose_name_plural': 'การสร้างดัชนีค้นหาใหม่ที่กำลังทำงาน',
                'ordering': ['id'],
            },
        ),
    ]
