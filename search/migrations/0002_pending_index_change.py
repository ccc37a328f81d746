"""Index updates that could not reach the search index, applied later by `search_index sync`."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_thai_admin_fts_tokenizer'),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingIndexChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('page_id', models.IntegerField(db_index=True, verbose_name='หน้า (page id)')),
                ('action', models.CharField(choices=[('index', 'เพิ่มหรือปรับปรุงในดัชนี (index)'), ('remove', 'นำออกจากดัชนี (remove)')], max_length=10, verbose_name='การเปลี่ยนแปลง')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='บันทึกเมื่อ')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='จำนวนครั้งที่ลอง')),
                ('last_error', models.TextField(blank=True, verbose_name='ข้อผิดพลาดล่าสุด')),
            ],
            options={
                'verbose_name': 'การปรับปรุงดัชนีค้นหาที่รอดำเนินการ',
                'verbose_name_plural': 'การปรับปรุงดัชนีค้นหาที่รอดำเนินการ',
                'ordering': ['id'],
            },
        ),
    ]
