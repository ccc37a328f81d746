"""Index bookkeeping: updates that could not reach the search index (e.g. the cluster was
down), and the rebuilds in progress.

Publishing never fails because of the index: search.sync records the page here and
`manage.py search_index sync` applies the page's *current* state later, so nothing is
lost and an old state is never written over a newer one.
"""

import datetime
import os
import socket
import time

from django.db import models
from django.utils import timezone

from .backends.embedded.index_files import process_exists


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


class IndexRebuild(models.Model):
    """A `search_index rebuild` in progress (one row while it runs).

    While any is running, search.sync also records every index update as a
    PendingIndexChange (besides applying it to the live index): the rebuild replays those
    pages into the new index before it goes live, so changes made during the rebuild are
    not lost. A killed rebuild leaves its row behind; it counts as running only while its
    process lives (same host) or its heartbeat is recent (a process on another host).
    """

    STALE_AFTER = datetime.timedelta(minutes=30)  # no heartbeat for this long: the rebuild died
    HEARTBEAT_EVERY = 30  # seconds

    started_at = models.DateTimeField("เริ่มเมื่อ", auto_now_add=True)
    heartbeat_at = models.DateTimeField("ยังทำงานอยู่เมื่อ", default=timezone.now)
    host = models.CharField("เครื่อง", max_length=255)
    pid = models.IntegerField("หมายเลขโปรเซส (pid)")
    # PendingIndexChange ids up to this one existed before the rebuild read the pages: the
    # new index settles them. Later ones are replayed.
    baseline = models.BigIntegerField("การปรับปรุงล่าสุดก่อนเริ่ม", default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = "การสร้างดัชนีค้นหาใหม่ที่กำลังทำงาน"
        verbose_name_plural = "การสร้างดัชนีค้นหาใหม่ที่กำลังทำงาน"

    def __str__(self):
        return f"rebuild pid {self.pid}@{self.host} since {self.started_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def begin(cls):
        baseline = PendingIndexChange.objects.aggregate(last=models.Max("id"))["last"] or 0
        return cls.objects.create(host=socket.gethostname(), pid=os.getpid(), baseline=baseline)

    @classmethod
    def running(cls):
        """The rebuilds that are really running; forgets those that died."""
        rebuilds = list(cls.objects.all())
        dead = [rebuild.pk for rebuild in rebuilds if not rebuild.is_alive()]
        if dead:
            cls.objects.filter(pk__in=dead).delete()
        return [rebuild for rebuild in rebuilds if rebuild.pk not in dead]

    def is_alive(self):
        if timezone.now() - self.heartbeat_at > self.STALE_AFTER:
            return False
        if self.host == socket.gethostname():
            return process_exists(self.pid)
        return True

    def beat(self):
        """Refresh the heartbeat, at most every HEARTBEAT_EVERY seconds."""
        now = time.monotonic()
        if now - getattr(self, "_last_beat", 0) >= self.HEARTBEAT_EVERY:
            self._last_beat = now
            IndexRebuild.objects.filter(pk=self.pk).update(heartbeat_at=timezone.now())
