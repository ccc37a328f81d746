"""Roles and the review workflow for cabinet resolutions and regulations.

Three groups: editors write drafts (resolutions, regulations, MOUs, news …) but never
publish; reviewers approve or reject (with a comment) and publish; administrators can do
everything. The resolutions and regulations sections get a workflow of their own
("ตรวจทานมติ ครม. และระเบียบ"), so an editor's change there is published only after a
reviewer approves it. Wagtail's default "Moderators approval" workflow on the root
covers every other section the same way.

Deleting: users who cannot publish a page (editors) may delete only pages they own that
have never been published, their own abandoned drafts; Wagtail alone would let them delete
anyone's page that is not live right now, including withdrawn ones with a history.
Reviewers and administrators keep Wagtail's rules. The rule lives in the page permission
tester (DeleteRuleMixin), so the delete view, every delete button and bulk delete agree.

The functions take an app registry so the data migration can run them on historical
models (kb/migrations/0003) and load_demo on today's.
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import PagePermissionTester

EDITORS = "บรรณาธิการ (Editors)"
REVIEWERS = "ผู้ตรวจทาน (Reviewers)"
ADMINISTRATORS = "ผู้ดูแลระบบ (Administrators)"
REVIEW_WORKFLOW = "ตรวจทานมติ ครม. และระเบียบ"
REVIEW_TASK = "ผู้ตรวจทานอนุมัติ"
REVIEWED_INDEX_MODELS = ("CabinetResolutionIndexPage", "RegulationIndexPage")

PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    REVIEWERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    ADMINISTRATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"),
}
# Collection-wide rights on documents and images (attachments, portraits).
MEDIA_PERMISSIONS = ("add", "change", "choose", "delete")
# Wagtail created "Editors" and "Moderators"; they become our editors and reviewers.
WAGTAIL_DEFAULT_NAMES = {"Editors": EDITORS, "Moderators": REVIEWERS}


class KBPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        return not self.delete_refused_pages().exists()

    def delete_refused_pages(self):
        """The pages (this one and below) the delete rule keeps this user from deleting."""
        pages = self.page.get_descendants(inclusive=True)
        return pages.exclude(owner=self.user, first_published_at__isnull=True)


class DeleteRuleMixin:
    """For every page type of the site: Wagtail asks the specific page for its permission tester."""

    def permissions_for_user(self, user):
        return KBPagePermissionTester(user, self)


def setup_roles(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for old, new in WAGTAIL_DEFAULT_NAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        if name == ADMINISTRATORS:
            group.permissions.add(*Permission.objects.all())
        if root is not None:
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        if root_collection is not None:
            for model in ("document", "image"):
                for action in MEDIA_PERMISSIONS:
                    permission = Permission.objects.filter(codename=f"{action}_{model}").first()
                    if permission:
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=root_collection, permission=permission
                        )
    # Editors never publish anywhere, even if an older set-up granted it.
    GroupPagePermission.objects.filter(group=groups[EDITORS], permission__codename="publish_page").delete()
    return groups


def setup_review_workflow(apps=global_apps):
    """The review workflow, attached to every resolutions and regulations index page."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    reviewers = Group.objects.get(name=REVIEWERS)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK, content_type=task_type, active=True)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model_name in REVIEWED_INDEX_MODELS:
        for index_page in apps.get_model("kb", model_name).objects.all():
            WorkflowPage.objects.get_or_create(page_id=index_page.pk, defaults={"workflow": workflow})
    return workflow


@receiver(post_save)
def review_new_sections(sender, instance, created, raw=False, **kwargs):
    """A resolutions or regulations index page added later gets the review workflow too."""
    if created and not raw and sender._meta.app_label == "kb" and sender.__name__ in REVIEWED_INDEX_MODELS:
        from wagtail.models import Workflow, WorkflowPage

        workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW, active=True).first()
        if workflow:
            WorkflowPage.objects.get_or_create(page_id=instance.pk, defaults={"workflow": workflow})
