"""The fuzz script's pure parts: its edits are drawn from the seed alone, and a crash or a
run past the alarm is reported, while our own errors are the expected answers."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path
from typing import Any

from support.benchscript import load

from workers.errors import ExtractionError
from workers.pipeline.extract import extract_article

bench = load("extraction_fuzz")
PAGE = (
    b"<html><head><title>Ferry</title></head><body><article><h1>Ferry fares rise</h1>"
    + b"<p>The ferry fares rise in April, the operator said on Friday, after two years.</p>" * 8
    + b"</article></body></html>"
)
PAGES = [("ferry.html", PAGE)]


def test_a_run_s_edits_come_from_its_seed_alone() -> None:
    first = bench.mutate(random.Random(7), PAGE, 8)
    assert first == bench.mutate(random.Random(7), PAGE, 8)
    others = {bench.mutate(random.Random(seed), PAGE, 8) for seed in range(20)}
    assert len(others) > 15  # different seeds, different pages
    assert all(isinstance(page, bytes) for page in others)


def test_the_extractor_answers_mutated_pages_with_an_article_or_its_own_error() -> None:
    report = bench.fuzz(range(60), PAGES, 8, extract_article)
    assert len(report.runs) == 60
    assert report.crashes == []
    assert {run.outcome for run in report.runs} <= {"article", "ExtractionError", "NotHTMLError"}
    assert any(run.outcome == "article" for run in report.runs)


def test_an_exception_outside_our_errors_is_reported_as_a_crash() -> None:
    def broken(data: bytes, **kwargs: Any) -> None:
        if b"<p>" in data:
            raise KeyError("lost")
        raise ExtractionError("nothing here")

    report = bench.fuzz(range(30), PAGES, 3, broken)
    crashes = report.crashes
    assert crashes and all("KeyError" in run.detail for run in crashes)
    assert all(run.outcome in ("crash", "ExtractionError") for run in report.runs)


def test_a_run_past_the_alarm_is_a_crash_and_the_next_run_goes_on() -> None:
    def hangs(data: bytes, **kwargs: Any) -> None:
        time.sleep(5)

    previous = signal.signal(signal.SIGALRM, bench._alarm)
    try:
        report = bench.fuzz(range(2), PAGES, 1, hangs, timeout=1)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert [run.outcome for run in report.runs] == ["crash", "crash"]
    assert "no answer after 1 s" in report.runs[0].detail
    assert report.slow(0.5) == report.runs


def test_load_pages_reads_folders_of_html(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_bytes(PAGE)
    (tmp_path / "tiny.htm").write_bytes(b"<p>x</p>")  # too small to mutate
    pages = [name for name, _ in bench.load_pages([tmp_path])]
    assert "a/page.html" in pages and "tiny.htm" not in pages
