"""Who may download a file, and which records a file belongs to.

A file attached to records is served to the public only while one of those records is
visible to the public (live, unexpired, no view restriction): a file of a draft, a private
or an expired record is a 404 for anyone who may not edit documents. Files attached to no
record keep Wagtail's own rule (their collection's privacy, checked by Wagtail's hook)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from ..models import RecordPage, visible_to_public


def record_ids_using(document):
    """Ids of the pages whose fields point at `document` (Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def records_using(document):
    return RecordPage.objects.filter(pk__in=record_ids_using(document))


def public_documents():
    """Documents attached to at least one record the public may see."""
    page_type = ContentType.objects.get_for_model(Page)
    public_ids = [str(pk) for pk in visible_to_public(RecordPage.objects.all()).values_list("pk", flat=True)]
    document_type = ContentType.objects.get_for_model(get_document_model())
    ids = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id__in=public_ids, to_content_type=document_type
    ).values_list("to_object_id", flat=True)
    return get_document_model().objects.filter(pk__in=[int(i) for i in ids])


def may_use_documents(user):
    """Editors: anyone who may change or choose documents (Wagtail's collection permissions)."""
    from wagtail.permissions import policy_registry  # not at import: app loading

    policy = policy_registry.get_by_type(get_document_model())
    return user.is_authenticated and policy.user_has_any_permission(user, ["change", "choose"])


def may_download(document, user):
    if may_use_documents(user):
        return True  # editors see the files of drafts and private records
    records = records_using(document)
    if not records.exists():
        return True  # no record: Wagtail's collection rule decides
    return visible_to_public(records).exists()
