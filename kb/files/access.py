"""Who may download a file, and which records a file belongs to.

Fail closed: besides editors, a file is served only to a visitor who may see a live,
unexpired page whose published content links it (a record's attachments, a link in rich
text): anyone for a public page, or a visitor the page's view restriction accepts (logged
in, the right group, the page password given). A file attached only in a draft, removed
from its record, or attached to nothing is a 404 for everyone else; Wagtail's own check of
the file's collection privacy still applies on top."""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from ..models import RecordPage


def page_ids_using(document):
    """Ids of the pages whose fields point at `document` (Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def records_using(document):
    return RecordPage.objects.filter(pk__in=page_ids_using(document))


EDITOR_ACTIONS = ["change", "choose"]


def _document_policy():
    from wagtail.permissions import policy_registry  # not at import: app loading

    return policy_registry.get_by_type(get_document_model())


def may_use_documents(user):
    """Editors: anyone who may change or choose documents (Wagtail's collection permissions)."""
    return user.is_authenticated and _document_policy().user_has_any_permission(user, EDITOR_ACTIONS)


def documents_for(user):
    """The documents of the collections this editor may change or choose."""
    return _document_policy().instances_user_has_any_permission_for(user, EDITOR_ACTIONS)


def _publishes(page, document):
    """The page's published content links the document (the reference index follows the
    page row, which for a live page is its published content; a record's attachments are
    checked there directly)."""
    if isinstance(page, RecordPage):
        return any(d.pk == document.pk for d, _ in page.attached_documents())
    return True


def may_download(document, request):
    if may_use_documents(request.user):
        return True  # editors see the files of drafts and private records
    pages = Page.objects.filter(pk__in=page_ids_using(document)).live().filter(expired=False).specific()
    for page in pages:
        if _publishes(page, document) and all(r.accept_request(request) for r in page.get_view_restrictions()):
            return True
    return False
