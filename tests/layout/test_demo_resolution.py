"""load_demo builds the 9 July 2567 resolution from fixtures/resolution_002.txt through the
resolution importer: numbered items, tables and footnotes as parsed, under the demo's
identifier with its related links; running load_demo again leaves the page alone."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, Revision

from kb.importers.resolutions import IMPORT_ACTION
from kb.management.commands.load_demo import FIXTURES
from kb.models import CabinetResolutionPage, RelatedRecord

pytestmark = pytest.mark.django_db

DEMO_ID = "cr-2567-07-09-adgmin4"


def demo_page():
    return CabinetResolutionPage.objects.get(identifier=DEMO_ID)


def test_the_seed_ships_with_the_fixtures():
    seed = (FIXTURES / "resolution_002.txt").read_text(encoding="utf-8")
    assert seed.startswith("ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4")


def test_demo_resolution_has_the_importers_structure(client):
    page = demo_page()
    assert page.live and not page.has_unpublished_changes
    assert page.agency == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" and page.outcome == "รับทราบ"
    types = [block.block_type for block in page.body]
    assert types.count("table") == 2 and types.count("numbered_list") == 3 and types[-2:] == ["footnotes", "disclaimer"]
    entry = PageLogEntry.objects.get(page=page, action=IMPORT_ACTION)
    assert entry.data["via"] == "load_demo" and entry.data["identifier"] == DEMO_ID

    text = re.sub(r"<[^>]*>", "", client.get(page.url).content.decode())
    assert "2.1 การกล่าวถ้อยแถลงและแลกเปลี่ยนมุมมอง" in text
    assert "3. 1" not in text and "7284" not in text  # the flat file's garbling
    assert "2.1.1 การนำเสนอนโยบาย" in text


def test_related_links_and_site_tree_still_point_at_it():
    page = demo_page()
    assert RelatedRecord.objects.filter(target=page, page__identifier="mou-sg-mci").exists()
    assert RelatedRecord.objects.filter(page=page, target__identifier="mou-sg-mci").exists()


def test_load_demo_again_changes_nothing_on_the_resolution():
    page = demo_page()
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count(), page.latest_revision_id
    call_command("load_demo", "--no-index", stdout=StringIO(), verbosity=0)
    page.refresh_from_db()
    assert (Revision.page_revisions.filter(object_id=str(page.pk)).count(), page.latest_revision_id) == before
    assert CabinetResolutionPage.objects.filter(identifier=DEMO_ID).count() == 1


def test_load_demo_repairs_a_page_built_from_the_flat_records():
    """A demo database from before: the flat text's page is rebuilt by the importer."""
    page = demo_page()
    page.body = [{"type": "paragraph", "value": "<p>3. 1 ข้อความแบน 7284</p>"}]
    page.save_revision().publish()
    call_command("load_demo", "--no-index", stdout=StringIO(), verbosity=0)
    page = demo_page()
    assert [b.block_type for b in page.body].count("table") == 2 and not page.has_unpublished_changes
