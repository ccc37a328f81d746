"""The read API (Wagtail API v2 at /api/v2/): records anyone may see, each kind with its
own fields; a regulation with both directions of every legal relation and its citations.
Read-only and anonymous. The open-data work extends the filters and documents; privacy is
one rule here: the base queryset is visible_to_public, so a draft, restricted or expired
page is never listed or fetched (404)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from .models import RecordPage, visible_to_public


class RecordPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail's own rule (live, public, the site's tree) and ours: not expired, records only
        base = super().get_base_queryset()
        return visible_to_public(base).filter(pk__in=RecordPage.objects.values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RecordPagesAPIViewSet)
