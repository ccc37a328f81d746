"""The home page and the section pages (ethics centre, organisation, international affairs)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kb.blocks import RecordBodyBlock
from kb.models import (
    INDEX_MODELS,
    CabinetResolutionPage,
    ContentPage,
    ThaiSearchMixin,
    published_records,
    visible_to_public,
)
from kb.moderation import DeleteRuleMixin


class HomePage(DeleteRuleMixin, ThaiSearchMixin, Page):
    intro = models.TextField("คำแนะนำเว็บไซต์", blank=True)
    body = StreamField(RecordBodyBlock(), blank=True, verbose_name="เนื้อหา (พันธกิจของกระทรวง ฯลฯ)")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + ThaiSearchMixin.thai_search_fields
    subpage_types = [f"kb.{model.__name__}" for model in INDEX_MODELS.values()] + ["home.SectionPage"]
    max_count = 1

    class Meta:
        verbose_name = "หน้าแรก"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything listed here is on the public home page: only what anyone may see.
        context["latest_resolutions"] = published_records(CabinetResolutionPage).order_by(
            models.F("meeting_date").desc(nulls_last=True)
        )[:5]
        kinds = []
        for record_type, index_model in INDEX_MODELS.items():
            for index_page in visible_to_public(index_model.objects.descendant_of(self)):
                count = published_records(index_page.record_model).child_of(index_page).count()
                kinds.append({"page": index_page, "count": count, "type": record_type})
        context["kinds"] = kinds
        context["sections"] = visible_to_public(SectionPage.objects.child_of(self))
        context["latest_records"] = (
            published_records().descendant_of(self).exclude(sort_date=None).order_by("-sort_date")[:6].specific()
        )
        return context


class SectionPage(DeleteRuleMixin, ThaiSearchMixin, Page):
    SECTIONS = ContentPage.SECTIONS

    section = models.CharField("หมวด", max_length=20, choices=SECTIONS)
    intro = models.TextField("คำนำ", blank=True)
    body = StreamField(RecordBodyBlock(), blank=True, verbose_name="เนื้อหา")

    content_panels = Page.content_panels + [FieldPanel("section"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + ThaiSearchMixin.thai_search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["kb.ContentPage", "home.SectionPage"]

    class Meta:
        verbose_name = "หน้าหมวด (ศูนย์ฯ / องค์กร / ต่างประเทศ)"

    type_label = "หน้าหมวด"

    def get_context(self, request, *args, **kwargs):
        from kb.legal.citations import page_context

        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.public_children()
        context.update(page_context(self, self.body))  # the instruments its text lists, linked
        return context

    def public_children(self):
        """The child pages anyone may see (listed here and on the home page)."""
        return visible_to_public(self.get_children()).specific()
