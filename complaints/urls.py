"""Include in the root URLconf before Wagtail's page serving (kb/urls.py):

    path("", include("complaints.urls")),

so the complaint form's POST (<page>/send/) keeps evidence files in memory
(complaints.uploads). Without it the same route is served by ComplaintPage itself and
large files pass through FILE_UPLOAD_TEMP_DIR, as they do for every other upload."""

from django.urls import re_path

from .uploads import private_uploads

# Wagtail's own page-path pattern, ending in send/.
urlpatterns = [re_path(r"^((?:[\w\-]+/)*send/)$", private_uploads, name="complaints_private_uploads")]
