"""bench/extraction_instructions.py: reading callgrind's count, and the measured program."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support.benchscript import load

bench = load("extraction_instructions")
REPO = Path(__file__).resolve().parents[2]


def test_the_count_is_callgrinds_summary_line() -> None:
    output = "# callgrind format\nversion: 1\nevents: Ir\nsummary: 12147853768\ntotals: 1\n"
    assert bench.instructions(output) == 12_147_853_768
    assert bench.instructions("events: Ir\ntotals: 42\n") == 42
    with pytest.raises(ValueError, match="summary"):
        bench.instructions("events: Ir\n")


def test_the_measured_program_extracts_the_pages_of_this_checkout(
    monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    monkeypatch.setenv("NEWSRELAY_SHARED", str(shared))
    monkeypatch.setattr(sys, "path", list(sys.path))
    calls: list[str] = []
    import workers.pipeline.extract as extract

    original = extract.extract_article

    def counted(html: bytes, **kwargs: object) -> object:
        calls.append(str(kwargs.get("url")))
        return original(html, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "extract_article", counted)
    bench.child(REPO, "import", 2)
    assert calls == []
    bench.child(REPO, "run", 2)
    assert len(calls) == 2 and all(url.startswith("http") for url in calls)


def test_a_checkout_the_package_does_not_come_from_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared: Path
) -> None:
    monkeypatch.setenv("NEWSRELAY_SHARED", str(shared))
    monkeypatch.setattr(sys, "path", list(sys.path))
    with pytest.raises(SystemExit, match="not"):
        bench.child(tmp_path, "import", 1)
