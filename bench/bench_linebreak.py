"""Cost of the Thai line-break step (kb.thai.linebreak) on the demo's biggest record page.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_linebreak.py [--repeat 50] [--keep DIR]

1. builds a fresh demo site in a temporary folder (`migrate`, `load_demo --no-index`), or
   reuses DIR from an earlier --keep run;
2. finds the live record page with the largest rendered HTML and GETs it --repeat times through
   Django's test Client with the LineBreakMiddleware and without it (p50 ms per request);
3. times add_line_breaks alone on that HTML: cold (its caches emptied each time) and warm,
   in ms per page and characters of HTML per second, plus how much markup it adds.
A printed benchmark, not a timed test; the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIDDLEWARE = "kb.thai.linebreak.LineBreakMiddleware"


def prepare_environment(folder):
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    os.environ.setdefault("DEBUG", "0")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["KB_VAR_DIR"] = str(folder / "var")
    os.environ["SEARCH_INDEX_PATH"] = str(folder / "search-index.sqlite3")
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def biggest_page(client):
    from kb.models import RecordPage

    sizes = []
    for page in RecordPage.objects.live().public():
        response = client.get(page.url)
        if response.status_code == 200:
            sizes.append((len(response.content), page.url))
    return max(sizes)[1]


def p50_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build the site in this folder and keep it (reused if present)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-linebreak-"))
    folder.mkdir(parents=True, exist_ok=True)
    fresh = not (folder / "db.sqlite3").exists()
    prepare_environment(folder)

    from django.core.management import call_command
    from django.test import Client, override_settings

    from kb.thai import linebreak

    if fresh:
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--no-index", verbosity=0)
    client = Client()
    url = biggest_page(client)
    with_step = client.get(url).content.decode()
    without = [name for name in linebreak.settings.MIDDLEWARE if name != MIDDLEWARE]
    with override_settings(MIDDLEWARE=without):
        plain_client = Client()  # a client loads the middleware list at its first request
        plain = plain_client.get(url).content.decode()
        ms_without = p50_ms(lambda: plain_client.get(url), args.repeat)
    ms_with = p50_ms(lambda: client.get(url), args.repeat)
    with override_settings(MIDDLEWARE=without):  # once more: the machine may be busy
        ms_without = min(ms_without, p50_ms(lambda: plain_client.get(url), args.repeat))
    ms_with = min(ms_with, p50_ms(lambda: client.get(url), args.repeat))

    def cold():
        linebreak._compound.cache_clear()
        linebreak._break_short_text.cache_clear()
        linebreak.add_line_breaks(plain)

    ms_cold = p50_ms(cold, max(5, args.repeat // 5))
    linebreak.add_line_breaks(plain)
    ms_warm = p50_ms(lambda: linebreak.add_line_breaks(plain), args.repeat)
    size, new_size = len(plain.encode()), len(with_step.encode())
    print(f"page: {url}  HTML {size:,} bytes -> {new_size:,} (+{new_size / size - 1:.0%}), {len(plain):,} chars")
    print(f"  <wbr>: {with_step.count('<wbr>'):,}  Thai runs in spans: {with_step.count('<span class="tw">'):,}")
    print(f"request p50: {ms_without:.1f} ms without the step, {ms_with:.1f} ms with it")
    for name, ms in (("cold", ms_cold), ("warm", ms_warm)):
        print(f"add_line_breaks {name}: {ms:.2f} ms/page, {len(plain) / ms * 1000:,.0f} chars/s")
    if not args.keep:
        print(f"(site in {folder}; pass --keep DIR to reuse one)")


if __name__ == "__main__":
    main()
