"""The OpenSearch 1.1 description (/opensearch.xml), so browsers offer the site's search
(templates/base.html links it with rel="search"). Every URL is absolute, from the request's
host; the templates point at /search/ (HTML), /search/feed/ and /search/feed/atom/ (feeds,
search.feeds) and /api/search/ (JSON). docs/search-feeds.md."""

from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

CONTENT_TYPE = "application/opensearchdescription+xml; charset=utf-8"
SHORT_NAME = "คลังระเบียบ ดศ."  # OpenSearch: at most 16 characters
DESCRIPTION = "ค้นหาระเบียบ มติคณะรัฐมนตรี บันทึกความเข้าใจ และเอกสารของกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
TAGS = "ระเบียบ มติคณะรัฐมนตรี บันทึกความเข้าใจ กฎหมาย ดศ."
# (static path, MIME type, width, height): the first one the site has becomes the <Image>.
ICONS = [("favicon.ico", "image/x-icon", 16, 16), ("favicon.png", "image/png", 64, 64)]
TERMS = "?q={searchTerms}"


def site_icon(request):
    for path, mime_type, width, height in ICONS:
        if finders.find(path):
            return {
                "url": request.build_absolute_uri(static(path)),
                "type": mime_type,
                "width": width,
                "height": height,
            }
    return None


@require_safe
def opensearch_description(request):
    def absolute(name, query=TERMS):
        return request.build_absolute_uri(reverse(name)) + query

    context = {
        "short_name": SHORT_NAME,
        "description": DESCRIPTION,
        "tags": TAGS,
        "html_template": absolute("search"),
        "rss_template": absolute("search_feed"),
        "atom_template": absolute("search_feed_atom"),
        "json_template": absolute("search_api"),
        "self_url": absolute("opensearch", ""),
        "search_form": absolute("search", ""),
        "image": site_icon(request),
    }
    return render(request, "search/opensearch.xml", context, content_type=CONTENT_TYPE)
