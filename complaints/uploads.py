"""Evidence files stay in memory, never in the temp folder.

Django spools an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) to
FILE_UPLOAD_TEMP_DIR in plain text for the length of the request. For the complaint form
only, `private_uploads` (complaints/urls.py, ahead of Wagtail's page serving) swaps the
handlers for EvidenceMemoryHandler before anything reads the body: every file is held in
memory, and only up to the form's own limits (COMPLAINTS_MAX_FILES files of
COMPLAINTS_MAX_FILE_BYTES each), so memory is bounded too. A file beyond a limit is skipped
as it arrives and the refusal reaches the form, which names it in Thai.

The handlers must be changed before the CSRF check reads request.POST, hence Django's
"modifying upload handlers on the fly" pattern: the view is csrf_exempt and the rest of it,
Wagtail's own serve view, runs under csrf_protect, so the check is the same as everywhere."""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail import views as wagtail_views
from wagtail.models import Page

# request.<REFUSALS>: [("count", name) | ("size", name)], read by views.complaint_form.
REFUSALS = "complaint_upload_refusals"


class EvidenceMemoryHandler(FileUploadHandler):
    """In memory whatever the request's size; a file over the size limit or past the count
    limit is dropped while it streams (SkipFile: the other fields are still read)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.files = 0
        setattr(self.request, REFUSALS, [])

    def _refuse(self, reason):
        getattr(self.request, REFUSALS).append((reason, self.file_name))
        raise SkipFile()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        # A fresh buffer even for a refused file: the parser closes `self.file` on SkipFile,
        # which must not be the previous, accepted file.
        self.file = BytesIO()
        self.files += 1
        if self.files > settings.COMPLAINTS_MAX_FILES:
            self._refuse("count")

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.COMPLAINTS_MAX_FILE_BYTES:
            self.file = BytesIO()  # what came so far is dropped now, not at the end of the request
            self._refuse("size")
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


_serve = csrf_protect(wagtail_views.serve)


@csrf_exempt
def private_uploads(request, path):
    """<page path>send/: the complaint form's POST. Any other page's send/ is served as usual."""
    if request.method == "POST":
        route = Page.route_for_request(request, path)  # cached on the request: Wagtail reuses it
        from .models import ComplaintPage

        if route is not None and isinstance(route[0], ComplaintPage):
            request.upload_handlers = [EvidenceMemoryHandler(request)]
    return _serve(request, path)
