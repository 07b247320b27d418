"""bench/extraction_leaks.py's page reader and line filter, on toy files."""

from __future__ import annotations

import gzip
from pathlib import Path

from support.benchscript import load

bench = load("extraction_leaks")


def test_candidates_are_short_chrome_lines_and_unfinished_lines_at_the_edges() -> None:
    story = [
        "Harbour board approves new ferry terminal",  # first lines: a headline is read too
        "The board voted on Monday to build the terminal, after two years of talks.",
        "Share on Facebook",  # chrome word, short, no full stop
        "The vote was close: five members for, four against.",
        "Residents said the new terminal would bring more traffic to the old town.",
        "More boats will call from next spring, the operator said.",
        "Work starts in March and should take eighteen months to finish.",
        "The council will publish the plans on its website next week.",
        "Related Articles",  # among the last four
    ]
    found = bench.candidates("\n\n".join(story))
    assert found == ["Harbour board approves new ferry terminal", "Share on Facebook",
                     "Related Articles"]


def test_a_long_chrome_word_line_mid_story_and_a_table_row_are_not_candidates() -> None:
    lines = ["Intro sentence one.", "Intro two.", "| Ticker | Last |",
             "Readers can share the report with friends and family who were affected",
             "Story goes on.", "Another sentence.", "More text here.", "The end."]
    assert bench.candidates("\n\n".join(lines)) == []


def test_unlabelled_pages_reads_each_package_s_layout(tmp_path: Path) -> None:
    (tmp_path / "np" / "tests" / "data" / "html").mkdir(parents=True)
    (tmp_path / "np" / "tests" / "data" / "html" / "a.html").write_bytes(b"<p>a</p>")
    (tmp_path / "hd" / "tests" / "cache").mkdir(parents=True)
    (tmp_path / "hd" / "tests" / "cache" / "b.html.gz").write_bytes(gzip.compress(b"<p>b</p>"))
    pages = list(bench.unlabelled_pages(newspaper4k=tmp_path / "np", htmldate=tmp_path / "hd"))
    assert pages == [("np/a.html", b"<p>a</p>"), ("hd/b.html.gz", b"<p>b</p>")]


def test_dropped_lists_long_lines_of_the_fuller_text_that_ours_leaves_out() -> None:
    kept = ("The council approved the new harbour plan on Monday after a long debate about "
            "costs, traffic and the future of the old fish market.")
    lost = ("Residents who live near the market said they had not been asked, and several of "
            "them promised to take the decision to court before the work starts next spring.")
    fuller = "\n".join([kept, lost, "Share on Facebook"])
    # ours writes the kept line with other white space and a trailing credit: still kept
    ours = kept.replace(" ", "  ") + " (Reuters)"
    assert bench.dropped(ours, fuller) == [lost]


def test_dropped_counts_a_line_half_kept_as_kept() -> None:
    line = " ".join(f"word{i}" for i in range(20))  # 17 shingles
    half = " ".join(f"word{i}" for i in range(12))  # 9 of them
    assert bench.dropped(half, line) == []
    assert bench.dropped(" ".join(f"word{i}" for i in range(10)), line) == [line]
