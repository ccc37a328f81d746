"""Index pages: one per kind, listing its published records newest first, with the filters
that fit the kind, paginated."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.urls import reverse
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
            .annotate(year_be_value=self.record_model.year_be_expression())
            .order_by(models.F("sort_date").desc(nulls_last=True), "-first_published_at")
        )

    def filter_definitions(self, records):
        """[(param, label, [(value, label)], lookup)]: the filters this kind offers, options from
        the database (distinct values, never a walk over the records); `lookup(records, value)`
        narrows the queryset."""
        years = sorted(
            set(records.exclude(year_be_value=None).values_list("year_be_value", flat=True).order_by().distinct()),
            reverse=True,
        )
        return [
            ("year", "ปี พ.ศ.", [(str(y), str(y)) for y in years], lambda qs, value: qs.filter(year_be_value=int(value)))
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        records = all_records = self.records()
        filters, selected = [], {}
        for param, label, options, lookup in self.filter_definitions(all_records):
            value = request.GET.get(param, "")
            if value not in {v for v, _l in options}:
                value = ""
            selected[param] = value
            filters.append({"name": param, "label": label, "options": options, "value": value})
            if value:
                records = lookup(records, value)
        paginator = Paginator(records, self.per_page)
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


def distinct_values(records, field):
    """The distinct non-empty values of `field` among `records`, sorted (a DB aggregate)."""
    return sorted(v for v in records.values_list(field, flat=True).order_by().distinct() if v)


class RegulationIndexPage(RecordIndexPage):
    record_model = RegulationPage
    subpage_types = ["kb.RegulationPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญกฎหมายและระเบียบ"

    def filter_definitions(self, records):
        return super().filter_definitions(records) + [
            ("status", "สถานะ", RegulationPage.STATUSES, lambda qs, value: qs.filter(status=value)),
            (
                "legal_type",
                "ประเภท",
                [(t, t) for t in distinct_values(records, "legal_type")],
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

    def filter_definitions(self, records):
        # One country a line: the few distinct `countries` texts are split here, the filter
        # matches a whole line in the database.
        texts = records.values_list("countries", flat=True).order_by().distinct()
        countries = sorted({c.strip() for text in texts for c in text.splitlines() if c.strip()} - {"ไทย"})
        return super().filter_definitions(records) + [("country", "ประเทศ", [(c, c) for c in countries], has_country)]


def has_country(records, country):
    """MOUs with `country` as one line of their `countries` (surrounding spaces ignored)."""
    return records.filter(countries__regex=rf"(^|\n)[ \t\r]*{re.escape(country)}[ \t\r]*(\n|$)")


class CabinetResolutionIndexPage(RecordIndexPage):
    record_model = CabinetResolutionPage
    subpage_types = ["kb.CabinetResolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญมติคณะรัฐมนตรี"

    def filter_definitions(self, records):
        outcomes = distinct_values(records, "outcome")
        return super().filter_definitions(records) + [
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
