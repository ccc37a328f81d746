"""The read API (Wagtail API v2 at /api/v2/): pages, documents and images, read-only and
anonymous, and only what anyone may see. One privacy rule per endpoint, in its base
queryset: records through visible_to_public (live, no view restriction, not expired);
documents and images only when a page anyone may see uses them and their collection is not
private. A draft, a restricted or expired page, a private file: never listed, 404 when asked.

Records filter by kind, B.E. year, agency, legal status and date range, and order by date,
title or identifier (kb.api filters below); every refusal is a 400 JSON message in Thai and
English (Wagtail's own messages are translated)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from rest_framework import status as http_status
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.query import SpecificIterable

from .labels import STATUS_LABELS
from .models import RECORD_MODELS, LegalRelation, RecordPage, RecordSubjectTag, RegulationPage, visible_to_public
from .models.base import private_collection_ids
from .thai.dates import parse_iso_day
from .thai.digits import to_arabic_digits

RECORD_FILTERS = ("kind", "year", "agency", "status", "date_from", "date_to")
ORDERINGS = {
    "date": "recordpage__sort_date",
    "-date": "-recordpage__sort_date",
    "title": "title",
    "-title": "-title",
    "identifier": "recordpage__identifier",
    "-identifier": "-recordpage__identifier",
    "id": "id",
    "-id": "-id",
}
MAX_PARAM_CHARS = 200
MAX_OFFSET = 10**9

# Wagtail's messages, in Thai beside the English: (pattern, Thai with {0}… from its groups)
THAI_MESSAGES = [
    (r"limit cannot be higher than (\d+)", "แสดงได้ไม่เกิน {0} รายการต่อครั้ง (limit)"),
    (r"limit must be a positive integer", "limit ต้องเป็นจำนวนเต็มบวก"),
    (r"offset must be a positive integer", "offset ต้องเป็นจำนวนเต็มที่ไม่ติดลบ"),
    (r"query parameter is not an operation or a recognised field: (.*)", "ไม่รู้จักพารามิเตอร์: {0}"),
    (r"unknown fields: (.*)", "ไม่รู้จักฟิลด์: {0}"),
    (r"fields error: (.*)", "ช่อง fields ไม่ถูกต้อง: {0}"),
    (r"type doesn't exist", "ไม่มีประเภทหน้านี้ (type)"),
    (r"field filters can only be used.*", "กรองด้วยฟิลด์ได้เมื่อระบุประเภท (type หรือ kind) เท่านั้น"),
    (r"cannot order by '(.*)' \(unknown field\)", "เรียงตาม {0} ไม่ได้"),
    (r"(.*) must be a positive integer", "{0} ต้องเป็นจำนวนเต็มบวก"),
]


def bilingual(message):
    """ "<Thai> (<English>)" for a Wagtail message (English alone when it has no Thai)."""
    if re.search(r"[\u0E00-\u0E7F]", message):
        return message
    for pattern, thai in THAI_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            return f"{thai.format(*match.groups())} ({message})"
    return f"คำขอไม่ถูกต้อง ({message})"


def bad_request(thai, english):
    return BadRequestError(f"{thai} ({english})")


class BilingualErrors:
    """400 and 404 as {"message": Thai and English}; never a 500 for a bad parameter."""

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            return Response({"message": bilingual(str(exc))}, status=http_status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Http404 | Page.DoesNotExist):
            return Response({"message": "ไม่พบรายการ (not found)"}, status=http_status.HTTP_404_NOT_FOUND)
        if isinstance(exc, ValueError | OverflowError):  # e.g. an id too large for the database
            return Response({"message": bilingual(str(exc))}, status=http_status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, ValidationError):  # a field filter's value (?date=abc)
            message = "; ".join(exc.messages)
            return Response({"message": f"ค่าตัวกรองไม่ถูกต้อง ({message})"}, status=http_status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, DatabaseError) and "search" in self.request.GET:  # FTS syntax in ?search=
            return Response(
                {"message": "ค้นด้วยคำนี้ไม่ได้ ลองคำอื่นหรือใช้ /api/search/ (this search cannot be run; try /api/search/)"},
                status=http_status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


def _param(request, name):
    value = request.GET.get(name, "").strip()
    if len(value) > MAX_PARAM_CHARS:
        raise bad_request(f"ค่า {name} ยาวเกิน {MAX_PARAM_CHARS} ตัวอักษร", f"{name} longer than {MAX_PARAM_CHARS}")
    return value


def parse_day(value, name):
    """An ISO date, B.E. (a year from 2400 on) or C.E., Thai or Arabic digits; 400 otherwise."""
    day = parse_iso_day(value)
    if day is None:
        raise bad_request(
            f"วันที่ {name} ไม่ถูกต้อง: {value!r} (ใช้ ปปปป-ดด-วว พ.ศ. หรือ ค.ศ.)",
            f"bad date in {name}: {value!r}, expected YYYY-MM-DD (B.E. or C.E.)",
        )
    return day


def kind_model(request):
    """The record model of `?kind=` (None when absent); 400 for an unknown kind."""
    kind = _param(request, "kind")
    if not kind:
        return None
    if kind not in RECORD_MODELS:
        raise bad_request(
            f"ไม่รู้จักประเภทเอกสาร {kind!r} (ใช้ {', '.join(RECORD_MODELS)})",
            f"unknown kind {kind!r}; expected one of {', '.join(RECORD_MODELS)}",
        )
    return RECORD_MODELS[kind]


class RecordFilter(BaseFilterBackend):
    """?year= (B.E.), ?agency=, ?status=, ?date_from=, ?date_to= and ?order=."""

    def filter_queryset(self, request, queryset, view):
        records = RecordPage.objects.all()
        if year := _param(request, "year"):
            year = to_arabic_digits(year)
            if not year.isdigit() or not 2400 <= int(year) <= 2800:
                raise bad_request(f"ปี พ.ศ. ไม่ถูกต้อง: {year!r}", f"year must be a B.E. year such as 2567, got {year!r}")
            records = records.filter(record_year_be=int(year))
        if agency := _param(request, "agency"):
            records = records.filter(agency=agency)
        if legal_status := _param(request, "status"):
            if legal_status not in STATUS_LABELS:
                raise bad_request(
                    f"สถานะไม่ถูกต้อง: {legal_status!r} (ใช้ {', '.join(STATUS_LABELS)})",
                    f"unknown status {legal_status!r}; expected one of {', '.join(STATUS_LABELS)}",
                )
            records = records.filter(pk__in=RegulationPage.objects.filter(status=legal_status).values("pk"))
        if start := _param(request, "date_from"):
            records = records.filter(sort_date__gte=parse_day(start, "date_from"))
        if end := _param(request, "date_to"):
            records = records.filter(sort_date__lte=parse_day(end, "date_to"))
        if any(_param(request, name) for name in RECORD_FILTERS[1:]):
            queryset = queryset.filter(pk__in=records.values("pk"))
        order = _param(request, "order") or "-date"
        if order not in ORDERINGS:
            raise bad_request(
                f"เรียงลำดับด้วย {order!r} ไม่ได้ (ใช้ {', '.join(ORDERINGS)})",
                f"cannot order by {order!r}; use one of {', '.join(ORDERINGS)}",
            )
        field = ORDERINGS[order]
        # a record model's own queryset has the RecordPage fields without the join prefix
        if issubclass(queryset.model, RecordPage):
            field = field.replace("recordpage__", "")
        name = field.lstrip("-")
        # undated records last either way, on SQLite and PostgreSQL alike
        term = F(name).desc(nulls_last=True) if field.startswith("-") else F(name).asc(nulls_last=True)
        return queryset.order_by(term, "id")


def prefetch_amendments(pages):
    """The amendments with a consolidated text of a page of regulations, in one query
    (kb.legal.versions reads them from here instead of a query per record)."""
    regulations = {page.pk: page for page in pages if isinstance(page, RegulationPage)}
    if not regulations:
        return
    rows = (
        LegalRelation.objects.filter(target_id__in=list(regulations), kind=LegalRelation.AMENDS)
        .exclude(consolidated_text="")
        .select_related("page")
    )
    found = {pk: [] for pk in regulations}
    for row in rows:
        found[row.target_id].append(row)
    for pk, page in regulations.items():
        page.__dict__["_amendment_rows"] = found[pk]


def prefetch_subjects(pages):
    """The subject names of a page of records, in one query (RecordPage.subject_names)."""
    names = {page.pk: [] for page in pages}
    rows = RecordSubjectTag.objects.filter(content_object_id__in=list(names)).values_list(
        "content_object_id", "tag__name"
    )
    for pk, name in rows:
        names[pk].append(name)
    for page in pages:
        page.__dict__["_subject_names"] = sorted(names[page.pk])


class RowsByIdPagination(WagtailPagination):
    """Wagtail's paging, in two steps: the page's ids first (ordering and offset over the
    id and sort columns only), then those rows. A deep offset then never sorts thousands of
    whole rows (bodies included): 2 s -> milliseconds at offset 4,000 of 10,000 (SQLite)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise bad_request(f"offset ต้องไม่เกิน {MAX_OFFSET}", f"offset cannot be higher than {MAX_OFFSET}")
        window = super().paginate_queryset(queryset, request, view)
        if not isinstance(window, QuerySet):
            return window  # search results: already a page
        ids = list(window.values_list("pk", flat=True))
        rows = queryset.model.objects.filter(pk__in=ids)
        if getattr(queryset, "_iterable_class", None) is SpecificIterable:
            rows = rows.specific()
        by_id = {row.pk: row for row in rows}
        page = [by_id[pk] for pk in ids if pk in by_id]
        prefetch_amendments(page)
        prefetch_subjects(page)
        return page


class RecordPagesAPIViewSet(BilingualErrors, PagesAPIViewSet):
    model = RecordPage
    pagination_class = RowsByIdPagination
    filter_backends = [
        wagtail_filters.FieldsFilter,
        RecordFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.DescendantOfFilter,
        wagtail_filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(RECORD_FILTERS) - {
        "ancestor_of",
        "translation_of",
        "locale",
    }
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["identifier", "record_type", "sort_date"]
    # Both directions of every relation and the citations: a few queries per record, so
    # on /api/v2/pages/<id>/ only (a listing of 20 stays within its latency budget)
    detail_only_fields = PagesAPIViewSet.detail_only_fields + ["lifecycle", "citation_graph"]

    def get_base_queryset(self):
        # Wagtail's rule (live, public, this site's tree) and ours: not expired, records only
        base = super().get_base_queryset()
        return visible_to_public(base).filter(pk__in=RecordPage.objects.values("pk"))

    def records(self, model):
        """`model`'s records anyone may see under this site's root, as one flat query (no
        id subquery: counting and ordering 10,000 rows stay cheap on SQLite)."""
        if "search" in self.request.GET:  # the search backend filters on indexed fields only: ids
            return model.objects.filter(pk__in=self.get_base_queryset().values("pk"))
        pages = visible_to_public(model.objects.all())
        site = Site.find_for_request(self.request)
        return pages.descendant_of(site.root_page, inclusive=True) if site else pages

    def get_queryset(self):
        model = kind_model(self.request)
        if model is None and "type" not in self.request.GET:
            # specific instances: each record answers with its own kind, date and status
            return self.records(RecordPage).specific()
        if model is None:
            queryset = super().get_queryset()
            if not issubclass(queryset.model, RecordPage):  # ?type=home.HomePage: not a record
                raise bad_request("type ต้องเป็นประเภทเอกสาร เช่น kb.RegulationPage", "type must be a record type")
            return queryset
        return self.records(model)


def used_by_public_pages(model):
    """Ids of `model` objects (documents, images) that a page anyone may see refers to."""
    page_type = ContentType.objects.get_for_model(Page)
    visible = visible_to_public(Page.objects.all()).annotate(key=Cast("pk", CharField())).values("key")
    references = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        object_id__in=visible,
        to_content_type=ContentType.objects.get_for_model(model),
    )
    return {int(object_id) for object_id in references.values_list("to_object_id", flat=True)}


class PublicFilesMixin(BilingualErrors):
    """Documents or images a public page uses, outside private collections."""

    def get_queryset(self):
        queryset = super().get_queryset()
        private = private_collection_ids() or {-1}
        return queryset.filter(pk__in=used_by_public_pages(queryset.model)).exclude(collection__in=private)


class PublicDocumentsAPIViewSet(PublicFilesMixin, DocumentsAPIViewSet):
    pass


class PublicImagesAPIViewSet(PublicFilesMixin, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RecordPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
