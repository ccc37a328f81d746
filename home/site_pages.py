"""The site's information pages (contact, privacy policy, website policy, accessibility
statement, HTML sitemap) with modest demo text that staff edit, and the HTML sitemap's tree.

ensure_site_pages(home) creates the missing ones under the home page and publishes them; a page
that exists (by slug) is left as it is, so staff edits survive load_demo."""

from wagtail.models import Page

from kb.models import INDEX_MODELS, visible_to_public

# At most this many records are listed under an index page; the rest are one "ดูทั้งหมด" link.
INDEX_CHILDREN_LIMIT = 50
# Levels below the home page shown in the tree (the template nests this many lists); a page at
# the last level that has children gets a "ดูทั้งหมด" link instead of its children.
SITEMAP_LEVELS = 3

MINISTRY_ADDRESS = (
    "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\n"
    "ศูนย์ราชการเฉลิมพระเกียรติ 80 พรรษา 5 ธันวาคม 2550\n"
    "เลขที่ 120 หมู่ 3 ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ กรุงเทพมหานคร 10210"
)


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _bullets(*items):
    return {"type": "bulleted_list", "value": list(items)}


DEMO_NOTE = "ข้อความในหน้านี้เป็นข้อความตัวอย่างเพื่อให้เจ้าหน้าที่ปรับแก้ให้ตรงกับการดำเนินงานจริง ไม่ใช่คำแนะนำทางกฎหมาย"

SITE_PAGES = [
    {
        "slug": "contact",
        "kind": "contact",
        "title": "ติดต่อเรา",
        "intro": "ช่องทางติดต่อกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม เกี่ยวกับระเบียบ มติ และเอกสารในคลังข้อมูลนี้",
        "address": MINISTRY_ADDRESS,
        "body": [
            _paragraph(
                "หากพบข้อความในคลังข้อมูลที่ไม่ตรงกับต้นฉบับ ลิงก์ที่ใช้งานไม่ได้ หรือต้องการสอบถามเกี่ยวกับเอกสาร "
                "โปรดแจ้งชื่อเอกสารหรือที่อยู่หน้าเว็บที่เกี่ยวข้องมาด้วย เพื่อให้เจ้าหน้าที่ตรวจสอบได้รวดเร็ว"
            ),
        ],
    },
    {
        "slug": "privacy",
        "kind": "privacy",
        "title": "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        "intro": "เว็บไซต์นี้เก็บข้อมูลเกี่ยวกับผู้เข้าชมเท่าที่จำเป็นต่อการให้บริการและดูแลระบบเท่านั้น",
        "body": [
            _heading("ข้อมูลที่เว็บไซต์เก็บ"),
            _bullets(
                "ผู้เข้าชมทั่วไปไม่ต้องสมัครสมาชิกหรือเข้าสู่ระบบ และเว็บไซต์ไม่มีบัญชีผู้ใช้สำหรับประชาชน",
                "เครื่องแม่ข่ายบันทึกข้อมูลการใช้งานตามปกติ (log) เช่น วันเวลา หน้าที่เรียก หมายเลข IP "
                "และชนิดของเบราว์เซอร์ เพื่อดูแลความมั่นคงปลอดภัยและแก้ไขข้อขัดข้องของระบบ",
                "คำค้นที่พิมพ์ในช่องค้นหาอาจปรากฏในบันทึกของเครื่องแม่ข่าย เพราะเป็นส่วนหนึ่งของที่อยู่หน้าเว็บ",
            ),
            _heading("คุกกี้และการตั้งค่าในเบราว์เซอร์"),
            _bullets(
                "เว็บไซต์ไม่ใช้คุกกี้ติดตามหรือโฆษณา และไม่ใช้บริการวิเคราะห์สถิติของบุคคลภายนอก",
                "ขนาดตัวอักษรที่เลือกด้วยปุ่ม ก- / ก / ก+ เก็บไว้ใน localStorage ของเบราว์เซอร์ของท่านเอง "
                "ไม่ถูกส่งมายังเครื่องแม่ข่าย และลบได้ด้วยการล้างข้อมูลเว็บไซต์ในเบราว์เซอร์",
                "คุกกี้ที่จำเป็นต่อการทำงานใช้เฉพาะกับเจ้าหน้าที่ที่เข้าสู่ระบบจัดการเนื้อหา",
            ),
            _heading("การใช้และการเก็บรักษา"),
            _paragraph(
                "ข้อมูลในบันทึกของเครื่องแม่ข่ายใช้เพื่อดูแลระบบเท่านั้น ไม่นำไปขายหรือเปิดเผยแก่ผู้อื่น "
                "เว้นแต่กฎหมายกำหนด หากมีคำถามเกี่ยวกับข้อมูลส่วนบุคคล โปรดติดต่อผ่านหน้า "
                '<a href="/contact/">ติดต่อเรา</a>'
            ),
            {"type": "disclaimer", "value": DEMO_NOTE},
        ],
    },
    {
        "slug": "website-policy",
        "kind": "website_policy",
        "title": "นโยบายเว็บไซต์",
        "intro": "ข้อตกลงการใช้คลังข้อมูลระเบียบ มติ และเอกสารราชการของกระทรวง",
        "body": [
            _heading("ความถูกต้องของข้อมูล"),
            _paragraph(
                "ข้อความในเว็บไซต์นี้จัดทำเพื่อความสะดวกในการค้นคว้า หากแตกต่างจากต้นฉบับ "
                "ให้ถือตามฉบับที่ประกาศในราชกิจจานุเบกษาหรือเอกสารต้นฉบับเป็นสำคัญ"
            ),
            _heading("การนำข้อมูลไปใช้"),
            _paragraph(
                "ระเบียบ มติ และเอกสารในคลังนี้เป็นข้อมูลข่าวสารของราชการที่เปิดเผยต่อสาธารณะ "
                'ค้นหาและนำไปใช้ต่อได้ ทั้งผ่านหน้าค้นหาและในรูปแบบ JSON ที่ <a href="/api/search/">/api/search/</a> '
                "โปรดอ้างอิงแหล่งที่มาเมื่อนำไปเผยแพร่"
            ),
            _heading("ลิงก์ไปยังเว็บไซต์อื่น"),
            _paragraph("ลิงก์ไปยังเว็บไซต์ภายนอกมีไว้เพื่อความสะดวก กระทรวงไม่ได้ควบคุมเนื้อหาของเว็บไซต์เหล่านั้น"),
            {"type": "disclaimer", "value": DEMO_NOTE},
        ],
    },
    {
        "slug": "accessibility",
        "kind": "accessibility",
        "title": "การเข้าถึงเว็บไซต์",
        "intro": "เว็บไซต์นี้ออกแบบให้ทุกคนใช้งานได้ รวมถึงผู้ใช้โปรแกรมอ่านหน้าจอและผู้ใช้แป้นพิมพ์",
        "body": [
            _heading("สิ่งที่เว็บไซต์รองรับ"),
            _bullets(
                "ปุ่มปรับขนาดตัวอักษร ก- / ก / ก+ ที่ส่วนหัวของทุกหน้า (จำค่าไว้ในเบราว์เซอร์ของท่าน)",
                'ลิงก์ "ข้ามไปยังเนื้อหาหลัก" และการใช้งานด้วยแป้นพิมพ์ พร้อมกรอบแสดงตำแหน่งที่ชัดเจน',
                "หัวข้อ รายการ และตารางที่มีโครงสร้าง เพื่อให้โปรแกรมอ่านหน้าจออ่านได้ตามลำดับ",
                "สีตัวอักษรและพื้นหลังที่ตัดกันชัดเจน และหน้าเว็บที่ขยายได้โดยไม่ต้องเลื่อนด้านข้าง",
                "หน้าแผนผังเว็บไซต์ (/sitemap/) ที่รวมลิงก์ไปยังทุกหมวด",
            ),
            _heading("ข้อจำกัดที่ทราบ"),
            _paragraph(
                "เอกสารแนบบางฉบับเป็นไฟล์ภาพสแกน ซึ่งโปรแกรมอ่านหน้าจออาจอ่านไม่ได้ "
                "หากต้องการเอกสารในรูปแบบอื่น โปรดแจ้งผ่านหน้า "
                '<a href="/contact/">ติดต่อเรา</a>'
            ),
            {"type": "disclaimer", "value": DEMO_NOTE},
        ],
    },
    {
        "slug": "sitemap",
        "kind": "sitemap",
        "title": "แผนผังเว็บไซต์",
        "intro": "รายการหน้าทั้งหมดของเว็บไซต์ จัดตามหมวด",
        "body": [],
    },
]


def ensure_site_pages(home):
    """Create and publish the missing site pages under `home`; existing ones (by slug) are
    left untouched. Returns the pages, in SITE_PAGES order."""
    from .models import SitePage

    pages = []
    for spec in SITE_PAGES:
        existing = Page.objects.child_of(home).filter(slug=spec["slug"]).first()
        if existing is not None:
            pages.append(existing.specific)
            continue
        page = SitePage(show_in_menus=False, **spec)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def sitemap_tree(home):
    """The pages anyone may see under `home`, as nested nodes
    {"page", "children", "more" (how many are not listed), "more_url"}: index pages list their
    first INDEX_CHILDREN_LIMIT records, and the tree stops at SITEMAP_LEVELS."""
    index_classes = tuple(INDEX_MODELS.values())

    def nodes(parent, level):
        children = visible_to_public(parent.get_children()).order_by("path")
        result = []
        for page in children:
            node = {"page": page, "children": [], "more": 0}
            if not page.numchild:
                result.append(node)
                continue
            grandchildren = visible_to_public(page.get_children())
            if level >= SITEMAP_LEVELS:
                node["more"] = grandchildren.count()
            elif issubclass(page.specific_class or Page, index_classes):
                node["children"] = [
                    {"page": child, "children": [], "more": 0}
                    for child in grandchildren.order_by("path")[:INDEX_CHILDREN_LIMIT]
                ]
                node["more"] = max(grandchildren.count() - len(node["children"]), 0)
            else:
                node["children"] = nodes(page, level + 1)
            result.append(node)
        return result

    return nodes(home, 1)
