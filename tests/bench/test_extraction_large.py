"""bench/extraction_large.py: the large pages it builds, and a run at a small scale."""

from __future__ import annotations

import lxml.html
import pytest
from support.benchscript import load

bench = load("extraction_large")


def test_the_pages_are_as_large_and_as_nested_as_named() -> None:
    built = dict(bench.pages(0.01))
    assert list(built) == [
        "200 <div> paragraphs", "200 <p> paragraphs", "3 <div> left open, 40 <span> each",
        "200 list items", "100 sections, <h2> and <p>",
    ]  # fmt: skip
    divs = lxml.html.document_fromstring(built["200 <div> paragraphs"])
    assert len(divs.findall(".//body/div")) == 200 and divs.find(".//p") is None
    paragraphs = lxml.html.document_fromstring(built["200 <p> paragraphs"])
    assert len(paragraphs.findall(".//body/p")) == 200
    nested = lxml.html.document_fromstring(built["3 <div> left open, 40 <span> each"])
    assert nested.find("./body/div/div/div") is not None
    assert len(nested.findall(".//span")) == 120
    items = lxml.html.document_fromstring(built["200 list items"])
    assert len(items.findall(".//ul/li")) == 200
    sections = lxml.html.document_fromstring(built["100 sections, <h2> and <p>"])
    assert len(sections.findall(".//h2")) == 100 == len(sections.findall(".//p"))


def test_a_run_prints_both_extractors_words_for_each_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--scale", "0.005", "--repeat", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["page", "MB"]
    assert len(lines) == 6
    for line in lines[1:]:
        ours, theirs = int(line.split()[-3]), int(line.split()[-1])
        assert ours > 0 and theirs > 0, line
