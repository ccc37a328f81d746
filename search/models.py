"""Index updates that could not reach the search index (e.g. the cluster was down).

Publishing never fails because of the index: search.sync records the page here and
`manage.py search_index sync` applies the page's *current* state later, so nothing is
lost and an old state is never written over a newer one.
"""
from django.db import models


class PendingIndexChange(models.Model):
    INDEX = "index"
    REMOVE = "remove"
    ACTIONS = [(INDEX, "เพิ่มหรือปรับปรุงในดัชนี (index)"), (REMOVE, "นำออกจากดัชนี (remove)")]

    # Not a foreign key: the page may be deleted (that is one of the changes to apply).
    page_id = models.IntegerField("หน้า (page id)", db_index=True)
    action = models.CharField("การเปลี่ยนแปลง", max_length=10, choices=ACTIONS)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    attempts = models.PositiveIntegerField("จำนวนครั้งที่ลอง", default=0)
    last_error = models.TextField("ข้อผิดพลาดล่าสุด", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "การปรับปรุงดัชนีค้นหาที่รอดำเนินการ"
        verbose_name_plural = "การปรับปรุงดัชนีค้นหาที่รอดำเนินการ"

    def __str__(self):
        return f"{self.action} page {self.page_id} ({self.created_at:%Y-%m-%d %H:%M})"
