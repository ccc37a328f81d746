from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve
from wagtail.images.views.serve import ServeView

from kb.api import api_router
from kb.feeds import RecordsFeed
from kb.legal.eli import eli_view
from kb.opendata import views as opendata_views
from kb.security import throttle_password_form
from search import views as search_views
from search.feeds import SearchAtomFeed, SearchRSSFeed
from search.opensearch import opensearch_description

# No Django admin site (/django-admin/): nothing here is managed through it, and every
# login page is one more thing to throttle and patch. Staff use Wagtail's /admin/.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms for restricted pages and documents, counted like failed
    # logins (kb.security); same paths and names as Wagtail's, matched before them.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle_password_form(wagtail_views.authenticate_with_password, "page-password", "page_view_restriction_id"),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle_password_form(wagtaildocs_serve.authenticate_with_password, "document-password", "restriction_id"),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("images/<str:signature>/<int:image_id>/<str:filter_spec>/", ServeView.as_view(), name="wagtailimages_serve"),
    path("search/", search_views.search_page, name="search"),
    path("search/feed/", SearchRSSFeed(), name="search_feed"),
    path("search/feed/atom/", SearchAtomFeed(), name="search_feed_atom"),
    path("opensearch.xml", opensearch_description, name="opensearch"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/", RecordsFeed(), name="feed"),
    path("feeds/<slug:kind>/", RecordsFeed(), name="feed_kind"),
    # Permanent identifiers of regulations (kb.legal.eli, docs/legal-identifiers.md)
    path("eli/<str:legal_type>/<str:year>/<str:number>/", eli_view, name="eli"),
    path("eli/<str:legal_type>/<str:year>/<str:number>/<str:version>/", eli_view, name="eli_version"),
    # Open data: downloads per kind and the DCAT-AP catalogue (kb.opendata, docs/opendata.md)
    path("opendata/", opendata_views.opendata_page, name="opendata"),
    path("opendata/catalog.jsonld", opendata_views.catalog_view, name="opendata_catalog"),
    path("opendata/catalog.ttl", opendata_views.catalog_view, {"fmt": "ttl"}, name="opendata_catalog_ttl"),
    path("opendata/<slug:kind>.jsonl", opendata_views.download, {"fmt": "jsonl"}, name="opendata_download_jsonl"),
    path("opendata/<slug:kind>.csv", opendata_views.download, {"fmt": "csv"}, name="opendata_download_csv"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents go through Wagtail's serve view and its privacy checks
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=f"{settings.MEDIA_ROOT}/images")
    urlpatterns += static(
        f"{settings.MEDIA_URL}original_images/", document_root=f"{settings.MEDIA_ROOT}/original_images"
    )

# The complaint form's POST keeps evidence files in memory (complaints.uploads): it must
# come before Wagtail's page serving.
urlpatterns += [path("", include("complaints.urls")), path("", include(wagtail_urls))]
