"""Analysis in forked workers gives exactly the serial analysis, in order; the memo an
import uses is filled by prime() and then answers analysed_values."""

import subprocess
import sys
import threading
from pathlib import Path

from search import parallel, plan
from search.progress import progress_bar

ROOT = Path(__file__).resolve().parents[2]
FIELDS = [(f"cr-{n}", f"มติคณะรัฐมนตรี เรื่องที่ {n}", "คณะรัฐมนตรีมีมติเห็นชอบ" * (n % 3 + 1), "สำนักนายกรัฐมนตรี") for n in range(7)]

# Run in a fresh interpreter: this test process may already have helper threads, and
# workers are only forked from a process without threads.
SCRIPT = """
import multiprocessing, sys
from search import parallel, plan
fields = %r
assert parallel.can_fork()
results = parallel.analysed_fields(fields, workers=2, parallel_min=2)
first = next(results)
assert multiprocessing.active_children(), "no worker processes were started"
assert [first, *results] == [plan.analyse(*f) for f in fields]
print("ok")
"""


def test_workers_give_the_serial_analysis_in_order():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT % (FIELDS,)],
        cwd=ROOT,
        env={"PYTHAINLP_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_in_process_when_few_or_threads_run():
    assert list(parallel.analysed_fields(FIELDS[:3], workers=2)) == [plan.analyse(*f) for f in FIELDS[:3]]
    helper = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
    helper.start()
    assert not parallel.can_fork()
    assert list(parallel.analysed_fields(FIELDS, workers=2, parallel_min=2)) == [plan.analyse(*f) for f in FIELDS]


def test_prime_fills_the_memo_that_analysed_values_answers_from(monkeypatch):
    parallel.prime(FIELDS)  # outside a memo: nothing to fill, nothing analysed
    with plan.analysis_memo() as memo:
        parallel.prime([*FIELDS, FIELDS[0]], parallel_min=100)
        assert set(memo) == set(FIELDS)
        monkeypatch.setattr(plan, "analyse", lambda *f: (_ for _ in ()).throw(AssertionError("analysed twice")))
        assert plan.analysed_values(*FIELDS[2]) is memo[FIELDS[2]]
        assert list(parallel.analysed_fields(FIELDS)) == [memo[f] for f in FIELDS]
    assert plan.current_memo() is None


def test_progress_bar_starts_no_thread():
    from tqdm._monitor import TMonitor

    bar = progress_bar("ทดสอบ", "รายการ", disable=False)
    assert list(bar(range(3))) == [0, 1, 2]
    assert not [t for t in threading.enumerate() if isinstance(t, TMonitor)]
