"""The demo complaint page at /complaint/ (load_demo), with modest PDPA text staff edit; an
existing page is left as it is, so staff edits survive load_demo. With a password, a demo
officer account ("officer") too."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import ComplaintPage
from .services import OFFICERS

SLUG = "complaint"
CONTROLLER = (
    "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ผู้ควบคุมข้อมูลส่วนบุคคล)\n"
    "ศูนย์ปฏิบัติการต่อต้านการทุจริต ศูนย์ราชการเฉลิมพระเกียรติ 80 พรรษา 5 ธันวาคม 2550\n"
    "เลขที่ 120 หมู่ 3 ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ กรุงเทพมหานคร 10210\n"
    "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO): dpo@example.invalid"
)
PDPA_NOTICE = (
    "<p><b>วัตถุประสงค์</b> ข้อมูลในแบบฟอร์มนี้ใช้เพื่อรับ ตรวจสอบ และดำเนินการเรื่องร้องเรียนการทุจริต "
    "รวมถึงติดต่อกลับเพื่อขอข้อเท็จจริงเพิ่มเติมและแจ้งผลแก่ท่าน และส่งต่อหน่วยงานที่มีอำนาจเมื่อจำเป็น เท่านั้น</p>"
    "<p><b>ฐานทางกฎหมาย</b> การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะและการใช้อำนาจรัฐ "
    "(พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 มาตรา 24 (4)) และการปฏิบัติตามกฎหมายว่าด้วยการป้องกันและปราบปรามการทุจริต</p>"
    "<p><b>ข้อมูลที่เก็บ</b> เฉพาะที่ท่านกรอกและไฟล์ที่แนบ หากเลือกไม่เปิดเผยชื่อ ระบบจะไม่เก็บชื่อและช่องทางติดต่อ "
    "ระบบไม่เก็บหมายเลข IP ของท่านคู่กับเรื่องร้องเรียน เพื่อป้องกันการส่งซ้ำจำนวนมาก ระบบเก็บเพียงค่าที่แปลงจากหมายเลข IP "
    "(ไม่ใช่ตัวหมายเลข) กับชั่วโมงที่ส่ง ไว้ไม่เกิน 1 วัน และบันทึกการใช้งานของเครื่องแม่ข่ายไม่บันทึกหมายเลข IP ของหน้านี้</p>"
    "<p><b>ระยะเวลาเก็บรักษา</b> 5 ปีนับจากวันที่ปิดเรื่อง แล้วลบเนื้อหาและไฟล์ทั้งหมด คงไว้เพียงจำนวนสถิติที่ไม่ระบุตัวบุคคล</p>"
    "<p><b>การรักษาความลับ</b> เนื้อหาและไฟล์ถูกเข้ารหัส เปิดดูได้เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียน "
    "และทุกการเปิดดูถูกบันทึกไว้</p>"
    "<p><b>สิทธิของท่าน</b> ขอเข้าถึง ขอสำเนา ขอแก้ไข ขอลบ ขอระงับการใช้ หรือคัดค้านการประมวลผลข้อมูลของท่าน "
    "ตามที่กฎหมายกำหนด และร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคลได้ โดยติดต่อผู้ควบคุมข้อมูลตามด้านล่าง</p>"
    "<p><i>ข้อความนี้เป็นข้อความตัวอย่างเพื่อให้เจ้าหน้าที่ปรับแก้ให้ตรงกับการดำเนินงานจริง ไม่ใช่คำแนะนำทางกฎหมาย</i></p>"
)


def ensure_complaint_page(home, officer_password=""):
    page = ComplaintPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        page = ComplaintPage(
            title="ร้องเรียนการทุจริต",
            slug=SLUG,
            intro=(
                "แจ้งเรื่องร้องเรียนการทุจริตของเจ้าหน้าที่ในสังกัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม "
                "ต่อศูนย์ปฏิบัติการต่อต้านการทุจริต กรอกรายละเอียดตามแนวทางการร้องเรียนให้ครบถ้วนที่สุด"
            ),
            pdpa_notice=PDPA_NOTICE,
            controller_contact=CONTROLLER,
            officer_emails="complaints@example.invalid",
            show_in_menus=False,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    if officer_password:
        user, _ = get_user_model().objects.get_or_create(
            username="officer", defaults={"email": "officer@example.invalid", "first_name": "เจ้าหน้าที่รับเรื่อง"}
        )
        user.set_password(officer_password)
        user.save()
        user.groups.add(Group.objects.get(name=OFFICERS))
    return page
