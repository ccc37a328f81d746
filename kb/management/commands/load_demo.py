"""Build the demo site from fixtures/: site tree, the 38 records (published; the 9 July 2567
resolution from the Secretariat's text through the resolution importer), portraits, related
links, then a search index rebuild. Idempotent: running it twice changes nothing."""

import hashlib
import json
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from complaints.demo import ensure_complaint_page
from home.models import HomePage, SectionPage
from home.site_pages import ensure_site_pages
from kb.files.store import document_from_file
from kb.importers import import_records
from kb.importers.resolutions import IMPORT_ACTION, import_parsed, page_fields, read_resolution, save_page
from kb.importers.writer import PageWriter, deferred_indexing, same_content
from kb.models import INDEX_MODELS, CabinetResolutionPage, RecordPage, RelatedRecord, block_text_lines
from kb.moderation import EDITORS, REVIEWERS
from kb.portraits import initials_portrait
from search import sync

FIXTURES = settings.BASE_DIR / "fixtures"
DEMO_PAGE_CHARS = 2500  # text per page of the demo PDF
DEMO_SCAN_CHARS = 700  # the scan is one page
# Resolutions built from the Secretariat's published text (fixtures/) by the resolution
# importer, as `manage.py import_resolution` does, so the demo shows the structure the
# product parses (numbered items, tables, footnotes), not the flat text of records.jsonl.
# The identifier is the one records.jsonl, site_tree.json and the links use.
DEMO_RESOLUTIONS = {"cr-2567-07-09-adgmin4": "resolution_002.txt"}


def demo_pages(text, size):
    """The text cut into pages of about `size` characters, at line ends."""
    pages, current = [], ""
    for line in text.split("\n"):
        if current and len(current) + len(line) > size:
            pages.append(current.rstrip())
            current = ""
        current += line + "\n"
    return [*pages, current.rstrip()] if current.strip() else pages


class Command(BaseCommand):
    help = "Create the demo site (tree + records + search index). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--admin-password", default="", help="create/refresh user 'admin' with this password")
        parser.add_argument("--no-index", action="store_true", help="skip the search index rebuild")
        parser.add_argument(
            "--site-url",
            default="http://localhost",
            help="the address the site is served at (full URLs in sitemap.xml and the API)",
        )

    def handle(self, *args, admin_password, no_index, site_url, **options):
        self.site_url = site_url
        tree = json.loads((FIXTURES / "site_tree.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            home = self.build_tree(tree)
            ensure_complaint_page(home, officer_password=admin_password)  # /complaint/ (complaints.demo)
            lines = (FIXTURES / "records.jsonl").read_text(encoding="utf-8").splitlines()
            result = import_records(
                [line for line in lines if line.strip() and json.loads(line)["identifier"] not in DEMO_RESOLUTIONS],
                publish=True,
            )
            self.import_resolutions()
            self.finish_records(tree)
            self.attach_demo_files()
        self.stdout.write(f"records: {result.created} created, {result.updated} updated")
        if admin_password:
            self.ensure_admin(admin_password)
        if not no_index:
            count = sync.rebuild(show_progress=options["verbosity"] > 1)
            self.stdout.write(f"search index: {count} documents")
        pages = Page.objects.descendant_of(home, inclusive=True).live().count()
        self.stdout.write(self.style.SUCCESS(f"demo site ready: {pages} live pages"))

    def child(self, parent, model, slug, **fields):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page
        changed = {k: v for k, v in fields.items() if getattr(page, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(page, name, value)
            page.save_revision().publish()
        return page

    def build_tree(self, tree):
        root = Page.get_first_root_node()
        home_spec = tree["home"]
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's initial migration leaves a placeholder "Welcome" page on the default site.
            for placeholder in Page.objects.child_of(root).filter(content_type__model="page"):
                placeholder.delete()
            home = HomePage(title=home_spec["title"], slug=home_spec["slug"], intro=home_spec["intro"])
            root.add_child(instance=home)
        home.title, home.intro = home_spec["title"], home_spec["intro"]
        home.body = [{"type": "statements", "value": home_spec["mission"]}]
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        address = urlsplit(self.site_url)
        site.hostname, site.port = address.hostname or "localhost", address.port or 80
        site.root_page, site.site_name = home, tree["site_name"]
        site.save()
        for spec in tree["indexes"]:
            self.child(
                home,
                INDEX_MODELS[spec["type"]],
                spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                show_in_menus=spec["menu"],
            )
        for spec in tree["sections"]:
            self.child(
                home,
                SectionPage,
                spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                section=spec["section"],
                show_in_menus=spec["menu"],
            )
        ensure_site_pages(home)  # contact, privacy, website policy, accessibility, HTML sitemap
        return home

    def import_resolutions(self):
        """DEMO_RESOLUTIONS through kb.importers.resolutions, published; a page that already
        holds what the importer would write is left alone (no new revision)."""
        for identifier, name in DEMO_RESOLUTIONS.items():
            parsed = read_resolution((FIXTURES / name).read_bytes())
            page = CabinetResolutionPage.objects.filter(identifier=identifier).first()
            if page is None:  # the importer's create path, under the demo's identifier
                with deferred_indexing():
                    writer = PageWriter(IMPORT_ACTION, publish=True)
                    save_page(writer, None, page_fields(parsed), identifier=identifier, log_data={"via": "load_demo"})
            elif page.has_unpublished_changes or not same_content(page, page_fields(parsed)):
                import_parsed(parsed, publish=True, via="load_demo")  # finds it by meeting date and title

    def finish_records(self, tree):
        """Site-specific touches the exchange format cannot carry: portraits, steps, links."""
        by_id = {p.identifier: p for p in RecordPage.objects.all()}
        for identifier in tree["steps"]:
            page = by_id[identifier].specific
            page.body = [
                {
                    "type": "steps" if b.block_type == "numbered_list" else b.block_type,
                    "value": b.block.get_prep_value(b.value),
                }
                for b in page.body
            ]
            page.save_revision().publish()
        for page in RecordPage.objects.live().specific():
            raw = [{"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in page.body]
            if not any(b["type"] == "people" for b in raw):
                continue
            for block in raw:
                if block["type"] == "people":
                    for item in block["value"]:
                        person = item["value"] if "value" in item else item
                        person["portrait"] = self.portrait(person["name"]).pk
            page.body = raw
            page.save_revision().publish()
        self.put_back_seed_listings(tree.get("seed_listings", {}), by_id)
        for source, target in tree["related"]:
            RelatedRecord.objects.get_or_create(page=by_id[source], target=by_id[target])
            RelatedRecord.objects.get_or_create(page=by_id[target], target=by_id[source])

    def put_back_seed_listings(self, listings, by_id):
        """Append each listed instrument's own text (the seed listing the records file cut
        into its record: a heading and the instrument's name) to the section page that
        carried it in the seed, once; publishing the page finds the citations in it."""
        for slug, listed in listings.items():
            if slug.startswith("_"):
                continue
            section = SectionPage.objects.get(slug=slug)
            raw = [{"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in section.body]
            text = "\n".join(line for b in section.body for line in block_text_lines(b.block_type, b.value))
            for other in listed:
                instrument = by_id[other].specific
                if instrument.title in text:
                    continue  # already put back (load_demo run again)
                raw += [{"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in instrument.body]
            section.body = raw
            section.save_revision().publish()

    def attach_demo_files(self):
        """Real files on two records, built from the records' own text: the 9 July 2567
        resolution as a PDF with a Thai text layer, and an image-only scan of the anti-
        corruption group's duties (OCR) on the centre's background page, whose own text
        does not hold them (search finds that page through its file). Their text is
        extracted in the background."""
        from kb import demo_files

        try:
            demo_files.thai_font_path()
        except Exception as exc:  # no Thai font: the demo goes on without files
            self.stderr.write(f"ไม่ได้แนบไฟล์ตัวอย่าง (demo files skipped): {exc}")
            return
        lines = (FIXTURES / "records.jsonl").read_text(encoding="utf-8").splitlines()
        records = {record["identifier"]: record for record in map(json.loads, filter(str.strip, lines))}
        with tempfile.TemporaryDirectory() as folder:
            for identifier, title, build, text in (
                (
                    "cr-2567-07-09-adgmin4",
                    "มติคณะรัฐมนตรี 9 กรกฎาคม 2567 (ฉบับ PDF)",
                    demo_files.build_text_pdf,
                    records["cr-2567-07-09-adgmin4"]["body"],
                ),
                (  # the duties, as a scanned order on the centre's background page
                    "page-acc-background",
                    "สำเนาอำนาจหน้าที่ กลุ่มงานป้องกันและปราบปรามการทุจริต (ฉบับสแกน)",
                    demo_files.build_scan_pdf,
                    records["page-acc-duties"]["body"][:DEMO_SCAN_CHARS],
                ),
            ):
                page = RecordPage.objects.get(identifier=identifier).specific
                if any(t == title for _d, t in page.attached_documents()):
                    continue
                path = Path(folder) / f"{identifier}.pdf"
                build(path, demo_pages(text, DEMO_PAGE_CHARS if build is demo_files.build_text_pdf else len(text)))
                document = document_from_file(path, title)
                page.attachments = [
                    *({"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in page.attachments),
                    {"type": "document", "value": {"document": document.pk, "title": title}},
                ]
                page.save_revision().publish()

    def portrait(self, name):
        Image = get_image_model()
        title = f"ภาพประจำตัว {name}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            png = initials_portrait(name)
            image = Image(title=title)
            image.file = ImageFile(BytesIO(png), name=f"portrait-{hashlib.sha1(name.encode()).hexdigest()[:10]}.png")
            image.save()
        return image

    def ensure_admin(self, password):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.invalid"})
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        # One account per role, so the review workflow can be tried out.
        for username, group_name, first_name in (("editor", EDITORS, "บรรณาธิการ"), ("reviewer", REVIEWERS, "ผู้ตรวจทาน")):
            member, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.invalid", "first_name": first_name}
            )
            member.set_password(password)
            member.save()
            member.groups.add(Group.objects.get(name=group_name))
