"""Index pages: one per kind, listing its published records newest first, with the filters
that fit the kind, paginated."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..moderation import DeleteRuleMixin
from .base import RecordPage, published_records
from .kinds import CabinetResolutionPage, EthicsCodePage, MOUPage, NewsPage, ProjectPage, RegulationPage, ReportPage


class RecordIndexPage(DeleteRuleMixin, Page):
    """Lists its records newest first, with the filters that fit the kind, paginated."""

    intro = models.TextField("คำอธิบาย", blank=True)
    record_model = RecordPage
    per_page = 20
    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "kb/record_index_page.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # Wagtail gives every subclass a default "kb/<model>.html"; all kinds share this one.
        return RecordIndexPage.template

    def feed_url(self):
        """The RSS feed of this kind's newest records (kb/feeds.py)."""
        return reverse("feed_kind", kwargs={"kind": self.record_model.record_type})

    def records(self):
        return (
            published_records(self.record_model)
            .child_of(self)
            .order_by(models.F("sort_date").desc(nulls_last=True), "-first_published_at")
        )

    # Fields whose distinct values are the filters' options; a kind adds its own.
    option_fields = ("record_year_be",)

    def option_values(self, records):
        """({field: its distinct values}, how many records): one GROUP BY over option_fields, so
        every filter's options and the unfiltered count cost one pass over the records."""
        values = {field: set() for field in self.option_fields}
        total = 0
        for *row, count in records.order_by().values_list(*self.option_fields).annotate(n=models.Count("pk")):
            total += count
            for field, value in zip(self.option_fields, row, strict=True):
                values[field].add(value)
        return values, total

    def filter_definitions(self, values):
        """[(param, label, [(value, label)], lookup)]: the filters this kind offers, options from
        `values` (option_values: distinct values in the database, never a walk over the records);
        `lookup(records, value)` narrows the queryset. Years are the stored, indexed
        record_year_be (get_year_be)."""
        years = sorted(non_empty(values["record_year_be"]), reverse=True)
        return [
            (
                "year",
                "ปี พ.ศ.",
                [(str(y), str(y)) for y in years],
                lambda qs, value: qs.filter(record_year_be=int(value)),
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        records = all_records = self.records()
        values, total = self.option_values(all_records)
        filters, selected = [], {}
        for param, label, options, lookup in self.filter_definitions(values):
            value = request.GET.get(param, "")
            if value not in {v for v, _l in options}:
                value = ""
            selected[param] = value
            filters.append({"name": param, "label": label, "options": options, "value": value})
            if value:
                records = lookup(records, value)
        # Unfiltered, the grouped query has counted the records already.
        paginator = ListingPaginator(records, self.per_page, known_count=None if any(selected.values()) else total)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1 if not str(request.GET.get("page", "")).isdigit() else paginator.num_pages)
        context.update(
            filters=filters,
            page_obj=page_obj,
            records=page_obj.object_list,
            total=paginator.count,
            any_filter=any(selected.values()),
        )
        return context


class ListingPaginator(Paginator):
    """Sorts and slices the records on their keys only, then loads the shown page's rows by key:
    the database's sort then carries one narrow row per record instead of every column of three
    tables (the body's StreamField JSON among them). page.object_list is a list in the order of
    the queryset; the paginator's object_list stays the (unevaluated) queryset. `known_count`
    spares the COUNT query when the caller has counted already."""

    def __init__(self, object_list, per_page, known_count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self):
        return super().count if self.known_count is None else self.known_count

    def page(self, number):
        page = super().page(number)
        keys = list(page.object_list.values_list("pk", flat=True))
        rows = self.object_list.order_by().in_bulk(keys)
        page.object_list = [rows[key] for key in keys if key in rows]
        return page


def non_empty(values):
    """The values that are set (not None or ''), sorted."""
    return sorted(v for v in values if v)


class RegulationIndexPage(RecordIndexPage):
    record_model = RegulationPage
    subpage_types = ["kb.RegulationPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญกฎหมายและระเบียบ"

    option_fields = RecordIndexPage.option_fields + ("legal_type",)

    def filter_definitions(self, values):
        return super().filter_definitions(values) + [
            ("status", "สถานะ", RegulationPage.STATUSES, lambda qs, value: qs.filter(status=value)),
            (
                "legal_type",
                "ประเภท",
                [(t, t) for t in non_empty(values["legal_type"])],
                lambda qs, value: qs.filter(legal_type=value),
            ),
        ]


class EthicsCodeIndexPage(RecordIndexPage):
    record_model = EthicsCodePage
    subpage_types = ["kb.EthicsCodePage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญประมวลจริยธรรม"


class MOUIndexPage(RecordIndexPage):
    record_model = MOUPage
    subpage_types = ["kb.MOUPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญบันทึกความเข้าใจ"

    option_fields = RecordIndexPage.option_fields + ("countries",)

    def filter_definitions(self, values):
        # One country a line: the few distinct `countries` texts are split here, the filter
        # matches a whole line in the database.
        texts = values["countries"]
        countries = sorted({c.strip() for text in texts for c in text.splitlines() if c.strip()} - {"ไทย"})
        return super().filter_definitions(values) + [("country", "ประเทศ", [(c, c) for c in countries], has_country)]


def has_country(records, country):
    """MOUs with `country` as one line of their `countries` (surrounding spaces ignored)."""
    return records.filter(countries__regex=rf"(^|\n)[ \t\r]*{re.escape(country)}[ \t\r]*(\n|$)")


class CabinetResolutionIndexPage(RecordIndexPage):
    record_model = CabinetResolutionPage
    subpage_types = ["kb.CabinetResolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญมติคณะรัฐมนตรี"

    option_fields = RecordIndexPage.option_fields + ("outcome",)

    def filter_definitions(self, values):
        outcomes = non_empty(values["outcome"])
        return super().filter_definitions(values) + [
            ("outcome", "ผลการพิจารณา", [(o, o) for o in outcomes], lambda qs, value: qs.filter(outcome=value))
        ]


class NewsIndexPage(RecordIndexPage):
    record_model = NewsPage
    subpage_types = ["kb.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญข่าว"


class ReportIndexPage(RecordIndexPage):
    record_model = ReportPage
    subpage_types = ["kb.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญรายงาน"


class ProjectIndexPage(RecordIndexPage):
    record_model = ProjectPage
    subpage_types = ["kb.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญโครงการ"


INDEX_MODELS = {
    "regulation": RegulationIndexPage,
    "ethics_code": EthicsCodeIndexPage,
    "mou": MOUIndexPage,
    "cabinet_resolution": CabinetResolutionIndexPage,
    "news": NewsIndexPage,
    "report": ReportIndexPage,
    "project": ProjectIndexPage,
}
