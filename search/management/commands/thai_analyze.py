"""Show what the Thai analysis pipeline makes of a text, like Elasticsearch's
``_analyze``; or measure its speed.

    manage.py thai_analyze "มติ ครม. วันที่ 9 ก.ค. 2567"
    manage.py thai_analyze --query "ดิจิตอลฮับ 2019"
    manage.py thai_analyze --bench paragraphs.txt

Needs no database.
"""

from __future__ import annotations

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
            help="analyse a UTF-8 file, one paragraph a line, with index_document and print the speed",
        )

    def handle(self, *args, **options):
        if options["bench"]:
            self.bench(Path(options["bench"]))
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

    def bench(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        paragraphs = [line for line in lines if line.strip()]
        analysis.index_document("")  # load the dictionary outside the timing
        chars = sum(map(len, paragraphs))
        start = time.perf_counter()
        for paragraph in paragraphs:
            analysis.index_document(paragraph)
        seconds = time.perf_counter() - start
        self.stdout.write(f"analysis_version {analysis.ANALYSIS_VERSION}")
        self.stdout.write(f"chars {chars}")
        self.stdout.write(f"paragraphs {len(paragraphs)}")
        self.stdout.write(f"seconds {seconds:.4f}")
        self.stdout.write(f"chars_per_second {int(chars / seconds) if seconds else 0}")
