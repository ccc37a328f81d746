"""Show what the Thai analysis pipeline makes of a text, like Elasticsearch's
``_analyze``; or measure its speed.

    manage.py thai_analyze "มติ ครม. วันที่ 9 ก.ค. 2567"
    manage.py thai_analyze --query "ดิจิตอลฮับ 2019"
    manage.py thai_analyze --bench paragraphs.txt [--rounds 5]

Needs no database. ``--bench`` times what a rebuild runs per field (index_document and
the layer's index_grams) in CPU time: the first pass (per-word caches empty), the best
of ``--rounds`` passes after it, and the best with the cache of whole Thai runs emptied
before each pass (known words in new text), beside Lucene's ThaiAnalyzer on the same
paragraphs in the same run (bench/ThaiAnalyzerBench.java, when java and Debian's
liblucene8-java jars are there; ``LUCENE_CLASSPATH`` overrides where the jars are).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import analysis


class Command(BaseCommand):
    help = (
        "Print the tokens and index terms of a Thai text (--query: the "
        "query analysis), or measure analysis speed on a file (--bench)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="text to analyse")
        parser.add_argument("--query", action="store_true", help="show the query-side analysis")
        parser.add_argument(
            "--bench",
            metavar="FILE",
            help="analyse a UTF-8 file, one paragraph a line, as a rebuild does and print the speed",
        )
        parser.add_argument("--rounds", type=int, default=5, help="--bench: timed passes, the best is kept")

    def handle(self, *args, **options):
        if options["bench"]:
            self.bench(Path(options["bench"]), options["rounds"])
            return
        text = " ".join(options["text"])
        if not text:
            raise CommandError("give a text to analyse (or --bench FILE)")
        self.stdout.write(f"# analysis_version {analysis.ANALYSIS_VERSION}")
        self.stdout.write(f"# clean: {analysis.clean(text)!r}")
        if options["query"]:
            self.show_query(text)
        else:
            self.show_tokens(text)

    def show_tokens(self, text: str) -> None:
        self.stdout.write("pos\tstart-end\tsurface\tterm\textras")
        for position, tok in enumerate(analysis.tokens(text)):
            self.stdout.write(f"{position}\t{tok.start}-{tok.end}\t{tok.surface}\t{tok.term}\t{' '.join(tok.extras)}")

    def show_query(self, text: str) -> None:
        for position, qt in enumerate(analysis.analyze_query(text)):
            flag = "  (stopword)" if qt.stopword else ""
            self.stdout.write(f"{position}\tterm: {qt.term}{flag}")
            for label, values in (("alternatives", qt.alternatives), ("parts", qt.parts), ("surfaces", qt.surfaces)):
                if values:
                    self.stdout.write(f"\t{label}: {' | '.join(values)}")

    def bench(self, path: Path, rounds: int) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        paragraphs = [line for line in lines if line.strip()]
        chars = sum(map(len, paragraphs))
        ours = measure(paragraphs, rounds)
        reference, note = lucene_reference(path, rounds)
        self.stdout.write(f"analysis_version {analysis.ANALYSIS_VERSION}")
        self.stdout.write(f"chars {chars}")
        self.stdout.write(f"paragraphs {len(paragraphs)}")
        self.stdout.write(f"first_pass_chars_per_second {ours['first']:.0f}")
        self.stdout.write(f"chars_per_second {ours['best']:.0f}")
        self.stdout.write(f"new_runs_chars_per_second {ours['new_runs']:.0f}")
        if reference:
            self.stdout.write(f"lucene_thai_chars_per_second {reference:.0f}")
            self.stdout.write(f"ratio {ours['best'] / reference:.3f}")
            self.stdout.write(f"first_pass_ratio {ours['first'] / reference:.3f}")
            self.stdout.write(f"new_runs_ratio {ours['new_runs'] / reference:.3f}")
        else:
            self.stdout.write(f"lucene_thai_chars_per_second unavailable ({note})")


def analyse_field(text: str) -> None:
    """What a rebuild computes for one field: the word terms and the layer's bigrams."""
    analysis.index_document(text)
    analysis.index_grams(text)


def measure(paragraphs: list[str], rounds: int = 5) -> dict[str, float]:
    """chars/s in CPU time of analyse_field: the first pass over `paragraphs` (with this
    process's per-word caches as they are), the best of `rounds` passes after it, and the
    best of `rounds` passes with the cache of whole Thai runs emptied before each ("new_runs":
    text not seen before in words already known, a long rebuild's usual case)."""
    analysis.index_document("")  # load the dictionary outside the timing
    chars = sum(map(len, paragraphs)) or 1
    run_cache = analysis._lexicon()._run_cache

    def seconds(clear_runs: bool = False) -> float:
        if clear_runs:
            run_cache.clear()
        start = time.process_time()
        for paragraph in paragraphs:
            analyse_field(paragraph)
        return max(time.process_time() - start, 1e-9)

    first = seconds()
    best = min(seconds() for _ in range(max(rounds, 1)))
    new_runs = min(seconds(clear_runs=True) for _ in range(max(rounds, 1)))
    return {"first": chars / first, "best": chars / best, "new_runs": chars / new_runs}


JAVA_BENCH = Path(__file__).resolve().parents[3] / "bench" / "ThaiAnalyzerBench.java"
LUCENE_JARS = "/usr/share/java"  # Debian's liblucene8-java


def lucene_reference(path: Path, rounds: int = 5) -> tuple[float | None, str]:
    """(best chars/s of Lucene's ThaiAnalyzer over the non-blank lines of `path`, in the
    JVM's thread CPU time after a JIT warm-up; None and why when it cannot run)."""
    java = shutil.which("java")
    classpath = os.environ.get("LUCENE_CLASSPATH") or f"{LUCENE_JARS}/*"
    if not java:
        return None, "no java: apt-get install default-jre-headless liblucene8-java"
    if not os.environ.get("LUCENE_CLASSPATH") and not list(Path(LUCENE_JARS).glob("lucene-analyzers-common-*.jar")):
        return None, "no Lucene jars: apt-get install liblucene8-java, or set LUCENE_CLASSPATH"
    if not JAVA_BENCH.exists():
        return None, f"{JAVA_BENCH} missing"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as copy:
        # The same paragraphs as ours: the non-blank lines.
        copy.write("\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))
        copy.flush()
        try:
            done = subprocess.run(
                [java, "-cp", classpath, str(JAVA_BENCH), copy.name, str(max(rounds, 1))],
                capture_output=True,
                text=True,
                timeout=300,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return None, f"java failed: {exc}"
    best = 0.0
    for line in done.stdout.splitlines():
        fields = line.split()  # chars N cpu_seconds S tokens T
        if len(fields) >= 4 and fields[0] == "chars":
            best = max(best, int(fields[1]) / max(float(fields[3]), 1e-9))
    return (best, "") if best else (None, f"no timing in java's output: {done.stdout[-200:]!r}")
