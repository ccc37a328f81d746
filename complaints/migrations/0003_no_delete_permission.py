"""Nobody deletes a complaint, its evidence or its notes by hand: retention decides, and
only `manage.py purge_complaints` deletes (docs/complaints.md). The delete permissions are
taken from every group (Administrators had them through 0002) and user, then removed, and
the models no longer declare them, so neither post_migrate nor kb.moderation.setup_roles
(which gives Administrators every permission there is) brings them back."""

from django.db import migrations

MODELS = ("complaint", "complaintnote", "evidencefile")
CODENAMES = [f"delete_{model}" for model in MODELS]


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    doomed = Permission.objects.filter(content_type__app_label="complaints", codename__in=CODENAMES)
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(permissions__in=doomed).distinct():
        group.permissions.remove(*doomed)
    User = apps.get_model("auth", "User")
    for user in User.objects.filter(user_permissions__in=doomed).distinct():
        user.user_permissions.remove(*doomed)
    doomed.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_officers_group"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="complaint",
            options={
                "default_permissions": ("add", "change", "view"),
                "ordering": ["-received_at"],
                "verbose_name": "เรื่องร้องเรียนการทุจริต",
                "verbose_name_plural": "เรื่องร้องเรียนการทุจริต",
            },
        ),
        migrations.AlterModelOptions(
            name="complaintnote",
            options={
                "default_permissions": ("add", "change", "view"),
                "ordering": ["created_at"],
                "verbose_name": "บันทึกของเจ้าหน้าที่",
            },
        ),
        migrations.AlterModelOptions(
            name="evidencefile",
            options={"default_permissions": ("add", "change", "view"), "verbose_name": "ไฟล์หลักฐาน"},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
