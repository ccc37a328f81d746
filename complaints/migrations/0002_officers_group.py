"""The complaint officers' group: into the admin, and to see and work complaints (nothing
else). Administrators (kb.moderation: they can do everything) get the same; editors and
reviewers get no complaint permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "เจ้าหน้าที่รับเรื่องร้องเรียน (Complaint officers)"
ADMINISTRATORS = "ผู้ดูแลระบบ (Administrators)"
PERMISSIONS = (("complaints", "view_complaint"), ("complaints", "change_complaint"), ("wagtailadmin", "access_admin"))


def forwards(apps, schema_editor):
    # Model permissions are normally created after migrate; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=OFFICERS)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    administrators = Group.objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.add(*Permission.objects.filter(content_type__app_label="complaints"))


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("kb", "0003_roles_and_review_workflow"),  # the groups exist; Administrators got every permission then
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
