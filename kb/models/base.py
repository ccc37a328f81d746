"""The record base page: the metadata every record kind shares, its text for search and
snippets, related records, and the "anyone may see" rule for listings.

A concrete base (rather than an abstract mixin) gives one table where identifiers are
unique across every kind, one tag through-model for subjects, and one queryset the
search index and importers can walk.
"""

import datetime
import html

from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Collection, Orderable, Page
from wagtail.search import index

from search.analysis import clean, index_document
from search.documents import files_text
from search.plan import analysed_values

from ..blocks import AttachmentBlock, RecordBodyBlock
from ..moderation import DeleteRuleMixin
from ..thai.dates import be_to_ce, ce_to_be, format_thai_date
from .files import FileText


class RecordSubjectTag(TaggedItemBase):
    content_object = ParentalKey("kb.RecordPage", on_delete=models.CASCADE, related_name="subject_items")


class ThaiSearchMixin:
    """Gives Wagtail's own (admin) search a field of analysed Thai terms; see search.wagtail_backend."""

    # The admin's page search uses autocomplete, so the terms feed both kinds of field.
    thai_search_fields = [index.SearchField("thai_search_terms"), index.AutocompleteField("thai_search_terms")]

    def admin_search_text(self):
        return self.title

    def thai_search_terms(self):
        primary, extras = index_document(self.admin_search_text())
        return " ".join(primary + extras)


class ExactDateOrYearMixin:
    """The date rule of every record kind, written once: a record is dated by its own day when
    known (`exact_date_field`), else by a B.E. year only (the first of `year_fields` that is
    set). Kinds declare the fields; the rule is here.

    - get_exact_date: the day, or None (a kind with `year_date_is_exact` stands its year's
      sort day in, as reports' fiscal years have always been shown);
    - get_record_date: the day, else the year's `year_sort_day` (sorting, sort_date);
    - get_year_be: the declared year first, then the day's year (`exact_year_first` flips it);
    - date_label: the Thai date, else a year range (`year_range_fields` set and different),
      else `year_label`."""

    exact_date_field = ""
    year_fields = ()
    year_sort_day = (1, 1)  # (month, day) a year-only record sorts on
    year_date_is_exact = False
    exact_year_first = False
    year_range_fields = None  # (from, to)
    year_label = "พ.ศ. {}"
    year_range_label = "พ.ศ. {}–{}"

    def _exact_date(self):
        return getattr(self, self.exact_date_field) if self.exact_date_field else None

    def _declared_year_be(self):
        return next((y for y in (getattr(self, f) for f in self.year_fields) if y), None)

    def get_record_date(self):
        """The date a reader would sort this record by (meeting, signing, publication…)."""
        exact = self._exact_date()
        if exact:
            return exact
        year = self._declared_year_be()
        return datetime.date(be_to_ce(year), *self.year_sort_day) if year else None

    def get_exact_date(self):
        """The record's own day, when known (get_record_date may stand a year in for sorting)."""
        return self.get_record_date() if self.year_date_is_exact else self._exact_date()

    def get_year_be(self):
        exact = self._exact_date()
        exact_year = ce_to_be(exact.year) if exact else None
        if self.exact_year_first:
            return exact_year or self._declared_year_be()
        return self._declared_year_be() or exact_year

    def date_label(self):
        """The date as readers should see it: the Thai date, or only the B.E. year when that is all we know."""
        exact = self._exact_date()
        if exact:
            return format_thai_date(exact)
        if self.year_range_fields:
            start, end = (getattr(self, f) for f in self.year_range_fields)
            if start and end and start != end:
                return self.year_range_label.format(start, end)
        year = self.get_year_be()
        return self.year_label.format(year) if year else ""


class RecordPage(ExactDateOrYearMixin, DeleteRuleMixin, ThaiSearchMixin, Page):
    """Shared metadata of every record (RECORDS.md: identifier, agency, subjects, source, language, dates)."""

    record_type = ""  # the RECORDS.md `type` value, set by each kind
    type_label = "เอกสาร"

    identifier = models.CharField(
        "รหัสอ้างอิง",
        max_length=120,
        unique=True,
        help_text="รหัสถาวรของเอกสาร ใช้นำเข้าซ้ำโดยไม่สร้างซ้ำ (stable identifier)",
    )
    agency = models.CharField("หน่วยงานที่รับผิดชอบ", max_length=255, blank=True)
    subjects = ClusterTaggableManager("หัวเรื่อง", through=RecordSubjectTag, blank=True)
    source = models.CharField("แหล่งที่มา", max_length=255, blank=True)
    source_url = models.URLField("ลิงก์ต้นฉบับ", max_length=500, blank=True)
    language = models.CharField("ภาษา", max_length=8, default="th")
    summary = models.TextField("สาระสังเขป", blank=True)
    body = StreamField(RecordBodyBlock(), blank=True, verbose_name="เนื้อหา")
    attachments = StreamField(AttachmentBlock(), blank=True, verbose_name="เอกสารแนบ")
    # Denormalised from each kind's own date so listings and search can sort by one column.
    sort_date = models.DateField(null=True, blank=True, editable=False, db_index=True)
    # get_year_be, stored (like sort_date) so index pages filter and list years on an indexed
    # column instead of computing each row's year ("year_be" is a field of some kinds).
    record_year_be = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)

    is_creatable = False
    parent_page_types = []
    # Identifiers are unique: a copy must not carry its source's into the page or into the
    # revisions Wagtail copies with it; copy_all_child_relations gives it one of its own.
    exclude_fields_in_copy = ["identifier"]

    search_fields = (
        Page.search_fields
        + ThaiSearchMixin.thai_search_fields
        + [
            index.SearchField("identifier", boost=5),
            index.SearchField("agency"),
            index.SearchField("summary"),
            index.SearchField("body"),
            index.FilterField("sort_date"),
        ]
    )

    # The read API (kb.api): what every record carries; each kind adds its own fields.
    api_fields = [
        APIField("identifier"),
        APIField("record_type"),
        APIField("type_label"),
        APIField("sort_date"),
        APIField("record_year_be"),
        APIField("date_label"),
        APIField("agency"),
        APIField("subject_names"),
        APIField("status"),
        APIField("status_label"),
        APIField("summary"),
        APIField("body"),
        APIField("body_text"),
        APIField("files"),
        APIField("source"),
        APIField("source_url"),
        APIField("language"),
        APIField("citation_graph"),
    ]

    metadata_panels = [
        FieldPanel("identifier"),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("language")]),
        FieldPanel("subjects"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
    ]
    kind_panels = []
    content_panels = Page.content_panels + [
        MultiFieldPanel(kind_panels, heading="ข้อมูลเฉพาะ"),
        MultiFieldPanel(metadata_panels, heading="ข้อมูลกำกับ (metadata)"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        InlinePanel("related_links", label="เอกสารที่เกี่ยวข้อง"),
    ]

    class Meta:
        verbose_name = "เอกสาร"

    @classmethod
    def build_content_panels(cls, kind_panels):
        return Page.content_panels + [
            MultiFieldPanel(kind_panels, heading="ข้อมูลเฉพาะ"),
            MultiFieldPanel(cls.metadata_panels, heading="ข้อมูลกำกับ (metadata)"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("attachments"),
            InlinePanel("related_links", label="เอกสารที่เกี่ยวข้อง"),
        ]

    # --- values each kind may refine -------------------------------------------------
    def get_status(self):
        """Legal status for the search facet ('' where the kind has none)."""
        return ""

    def get_status_label(self):
        return ""

    def get_status_badge(self):
        """The status in a few words, for the badge over the title."""
        return self.get_status_label()

    def get_metadata(self):
        """(label, value) rows for the record's metadata panel, kind-specific first."""
        return []

    @property
    def status(self):  # the read API's field; RegulationPage stores its own
        return self.get_status()

    @property
    def status_label(self):
        return self.get_status_label()

    @property
    def subject_names(self):
        if "_subject_names" in self.__dict__:  # read for a whole listing at once (kb.api)
            return self.__dict__["_subject_names"]
        return sorted(self.subjects.names())

    @property
    def files(self):
        """The record's attachments anyone may download (the read API): file or link."""
        rows = []
        for row in self.file_rows():
            text = row.get("text")
            rows.append(
                {
                    "title": row["title"],
                    "url": self.full_url_for(row["url"]) if not row.get("external") else row["url"],
                    "external": bool(row.get("external")),
                    "extension": row.get("extension", ""),
                    "size": row.get("size"),
                    "pages": text.page_count if text else None,
                    "language": text.language if text else "",
                }
            )
        return rows

    def full_url_for(self, path):
        root = self.get_site().root_url if self.get_site() else ""
        return f"{root}{path}" if path and path.startswith("/") else path

    @property
    def citation_graph(self):
        """{"cites": [...], "cited_by": [...]} of records anyone may see (the read API)."""
        from ..legal import citations
        from ..legal.timeline import reference

        return {
            "cites": [reference(p) for p in citations.cites(self)],
            "cited_by": [reference(p) for p in citations.cited_by(self)],
        }

    def thai_search_terms(self):
        # The admin's terms are the public document's analysed columns, so an import analyses
        # each page once for both indexes (search.plan.analysis_memo). modelsearch reads this
        # once per index field and column: analyse once per instance.
        terms = self.__dict__.get("_thai_search_terms")
        if terms is None:
            terms = self.__dict__["_thai_search_terms"] = " ".join(filter(None, analysed_values(*self.search_texts())))
        return terms

    def save(self, *args, **kwargs):
        self.__dict__.pop("_thai_search_terms", None)  # the text may have changed
        self.__dict__.pop("_search_texts", None)
        self.__dict__.pop("_attached_files", None)
        self.sort_date = self.get_record_date()
        self.record_year_be = self.get_year_be()
        if not self.identifier:  # made in code without one; forms and the importer require it
            self.identifier = free_identifier(self.slug or "record")
        super().save(*args, **kwargs)

    def copy_all_child_relations(self, target, exclude=None, commit=False, append=False):
        # Wagtail's page copy (admin "Copy", Page.copy) calls this on the source with the new,
        # unsaved copy, before saving it: the one place that sees both, so the copy is named
        # after its source: "<identifier>-copy", "-copy-2"…
        if exclude and "identifier" in exclude and isinstance(target, RecordPage) and not target.identifier:
            target.identifier = free_identifier(self.identifier, "-copy")
        return super().copy_all_child_relations(target, exclude=exclude, commit=commit, append=append)

    # --- text for search and snippets ---------------------------------------------
    def search_texts(self):
        """(identifier, title, body, metadata, files) as both search indexes analyse them;
        made once per instance (an import asks three times), forgotten when the page is saved."""
        texts = self.__dict__.get("_search_texts")
        if texts is None:
            body = "\n".join(filter(None, [self.summary, self.body_text()]))
            files = files_text(self.attached_files())
            texts = self.identifier, clean(self.title), clean(body), clean(self.metadata_text()), files
            self.__dict__["_search_texts"] = texts
        return texts

    def attached_documents(self):
        """[(document, title shown)] of the page's attached files, in order."""
        return [
            (block.value["document"], block.value["title"] or block.value["document"].title)
            for block in self.attachments
            if block.block_type == "document" and block.value["document"] is not None
        ]

    def public_documents(self):
        """attached_documents() but those in a private collection (Wagtail guards their
        download; their title, size and text are not shown or indexed either)."""
        attached = self.attached_documents()
        if not attached:
            return []
        private = private_collection_ids()
        return [(d, title) for d, title in attached if d.collection_id not in private]

    def attached_files(self):
        """The text of the page's files, for the search index: [{"title", "url", "pages":
        [{"page", "text"}]}] of the files extracted so far (no query without files)."""
        if "_attached_files" in self.__dict__:
            return self.__dict__["_attached_files"]
        attached = self.public_documents()
        if not attached:
            return []
        texts = {
            t.document_id: t
            for t in FileText.objects.filter(document__in=[d for d, _ in attached]).prefetch_related("pages")
        }
        files = []
        for document, title in attached:
            file_text = texts.get(document.pk)
            pages = [{**p, "text": clean(p["text"])} for p in file_text.search_pages()] if file_text else []
            if pages:
                files.append({"title": title, "url": document.url, "pages": pages})
        self.__dict__["_attached_files"] = files
        return files

    def text_body(self):
        """The body whose text is searched and cited: the page's body (a regulation: the
        text in force today, which is what its page shows)."""
        return self.body

    def body_text(self):
        """The body as plain text, one block per line (tables and lists cell by cell)."""
        lines = []
        for block in self.text_body():
            lines.extend(block_text_lines(block.block_type, block.value))
        return "\n".join(line for line in lines if line)

    def metadata_text(self):
        parts = [self.identifier, self.agency, " ".join(self.subjects.names())]
        parts.extend(str(value) for _label, value in self.get_metadata() if value)
        return "\n".join(p for p in parts if p)

    @cached_property
    def metadata_rows(self):
        rows = [(label, value) for label, value in self.get_metadata() if value not in (None, "", [])]
        rows += [("หน่วยงาน", self.agency), ("รหัสอ้างอิง", self.identifier)]
        return [(label, value) for label, value in rows if value]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The editor's order, but only targets anyone may see: this box is on a public page.
        target_ids = [link.target_id for link in self.related_links.all() if link.target_id]
        visible = {page.pk: page for page in published_records().filter(pk__in=target_ids).specific()}
        context["related_records"] = [visible[pk] for pk in dict.fromkeys(target_ids) if pk in visible]
        context["files"] = self.file_rows()
        context.update(self.citation_context(self.body))
        return context

    def citation_context(self, body):
        from ..legal.citations import page_context

        return page_context(self, body)

    def file_rows(self):
        """The attachments as the record page lists them: files with their kind, size, page
        count and language (when extracted), and external links."""
        documents = {d.pk: d for d, _ in self.public_documents()}
        texts = {t.document_id: t for t in FileText.objects.filter(document__in=list(documents))}
        rows = []
        for block in self.attachments:
            if block.block_type == "link":
                rows.append({"title": block.value["title"], "url": block.value["url"], "external": True})
            elif block.value["document"] is not None and block.value["document"].pk in documents:
                document = block.value["document"]
                rows.append(
                    {
                        "title": block.value["title"] or document.title,
                        "url": document.url,
                        "extension": document.file_extension.upper(),
                        "size": document.get_file_size(),
                        "text": texts.get(document.pk),
                    }
                )
        return rows


def private_collection_ids():
    """Ids of the collections behind a view restriction, with the collections below them."""
    restricted = Collection.objects.filter(view_restrictions__isnull=False).distinct()
    ids = set()
    for collection in restricted:
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def free_identifier(stem, suffix=""):
    """`stem+suffix`, else `…suffix-2`, `…suffix-3`…: the first identifier no record has,
    the stem cut (never the suffix) to fit max_length."""
    limit = RecordPage._meta.get_field("identifier").max_length
    n = 1
    while True:
        tail = suffix + (f"-{n}" if n > 1 else "")
        candidate = stem[: limit - len(tail)] + tail
        if not RecordPage.objects.filter(identifier=candidate).exists():
            return candidate
        n += 1


def body_anchors(body):
    """The anchors of a body's legal units (มาตรา-26…), for links to them."""
    from ..thai.sections import anchor

    return {anchor(b.value["unit"], b.value["number"]) for b in body if b.block_type == "legal_unit"}


def block_text_lines(block_type, value, heads=True):
    """Plain-text lines of one body block, for indexing and snippets (heads=False: without
    a legal unit's own "มาตรา ๒๖" line, which cites nothing)."""
    if block_type == "paragraph":
        return [html.unescape(strip_tags(value.source)).strip()]
    if block_type == "heading":
        return [value["text"]]
    if block_type in ("numbered_list", "bulleted_list", "steps", "footnotes"):
        return [str(item) for item in value]
    if block_type == "table":
        rows = (value or {}).get("data") or []
        caption = (value or {}).get("table_caption") or ""
        return [caption] + [" ".join(str(c) for c in row if c) for row in rows]
    if block_type == "statements":
        lines = []
        for statement in value:
            lines += [statement["title"], statement["text"] or ""] + [str(i) for i in statement["items"]]
        return lines
    if block_type == "people":
        return [f"{p['name']} {p['position'] or ''}".strip() for p in value]
    if block_type == "disclaimer":
        return [str(value)]
    if block_type == "legal_unit":
        head = " ".join(filter(None, [value["unit"], value["number"], value["heading"]]))
        return [head] * heads + [line for line in (value["text"] or "").splitlines() if line.strip()]
    return []


class RelatedRecord(Orderable):
    page = ParentalKey(RecordPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(RecordPage, on_delete=models.CASCADE, related_name="+", verbose_name="เอกสาร")
    panels = [FieldPanel("target")]


def visible_to_public(pages):
    """The "anyone may see" rule for any page queryset: live, public (no view restriction on
    the page or an ancestor: login, password or groups) and not expired. Every listing of other
    pages on a public page (related records, index pages, home, sections, menu, breadcrumbs)
    goes through this, as search and the feeds do through published_records()."""
    return pages.live().public().filter(expired=False)


def visible_ids(ids):
    """The ids among `ids` of pages anyone may see (no query for none): cheaper than a
    visible_to_public subquery when the ids are few, as related records' are."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    return set(visible_to_public(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def published_records(model=None):
    """Records anyone may see (visible_to_public). Search, feeds and the search fallback all
    list only these."""
    return visible_to_public((model or RecordPage).objects.all())
