"""Layout tables become divs, data tables stay tables, and a page laid out with a table
comes out as its story's paragraphs."""

from __future__ import annotations

from pathlib import Path

from lxml.html import document_fromstring

from workers.pipeline.extract import extract_article
from workers.pipeline.layout import unwrap_layout_tables

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "table-layout.html"
URL = "http://millbrookgazette.example/news/harvest.html"

STORY = (
    "<p>The harvest festival will return to the town square on Saturday after a break.</p>"
    "<p>Organizers said the festival was cancelled twice because the square was torn up.</p>"
)


def _tags(html: str) -> list[str]:
    tree = document_fromstring(html)
    unwrap_layout_tables(tree)
    return [element.tag for element in tree.iter() if isinstance(element.tag, str)]


def test_a_table_whose_cell_holds_paragraphs_becomes_divs() -> None:
    html = (
        '<html><body><table width="100%" cellpadding="4"><tr><td width="150">'
        '<a href="/">Home</a></td>'
        f'<td valign="top">{STORY}</td></tr></table></body></html>'
    )
    tree = document_fromstring(html)
    unwrap_layout_tables(tree)
    assert tree.find(".//table") is None and tree.find(".//td") is None
    assert tree.find(".//tr") is None and tree.find(".//tbody") is None
    outer = tree.find(".//body/div")
    assert outer is not None and outer.get("width") is None  # layout attributes go
    assert len(tree.findall(".//p")) == 2


def test_a_heading_and_one_paragraph_in_a_cell_is_a_page_too() -> None:
    cell = (
        "<h2>Festival returns</h2><p>The harvest festival will return to the town square "
        "on Saturday after a break.</p>"
    )
    page = f"<html><body><table><tr><td>{cell}</td></tr></table></body></html>"
    assert "table" not in _tags(page)


def test_a_data_table_stays_a_table() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{fee}</td><td>One sentence about the stall and its fee.</td></tr>"
        for name, fee in (("Food", "$40"), ("Crafts", "$25"))
    )
    head = "<tr><th>Stall</th><th>Fee</th></tr>"
    tags = _tags(f"<html><body><table>{head}{rows}</table></body></html>")
    assert tags.count("table") == 1 and tags.count("td") == 6
    # a cell of one paragraph is a value, even a long one
    one = "<p>A long description of the stall, its goods and its opening hours on the day.</p>"
    assert "table" in _tags(f"<html><body><table><tr><td>{one}</td></tr></table></body></html>")


def test_a_data_table_inside_a_layout_table_stays_a_table() -> None:
    data = "<table><tr><td>Food</td><td>$40</td></tr></table>"
    html = f"<html><body><table><tr><td>{STORY}{data}</td></tr></table></body></html>"
    tags = _tags(html)
    assert tags.count("table") == 1 and tags.count("td") == 2


def test_a_page_laid_out_with_a_table_comes_out_as_its_story() -> None:
    text = extract_article(PAGE.read_bytes(), url=URL).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("MILLBROOK — The harvest festival will return")
    assert paragraphs[-1].startswith("Volunteers are still needed for the cleanup")
    assert any(p.startswith("Organizers said the festival was cancelled") for p in paragraphs)
    assert "| Food | $40 |" in paragraphs  # the data table in the story is kept as a table
    for chrome in ("Home", "Obituaries", "Classifieds", "Millbrook Gazette |"):
        assert chrome not in text


def test_trafilatura_alone_runs_the_page_into_one_table_row() -> None:
    # if trafilatura read the page well, the test above would prove nothing
    import trafilatura

    text = trafilatura.extract(PAGE.read_bytes(), favor_precision=True, include_tables=True) or ""
    row = next(line for line in text.splitlines() if "MILLBROOK" in line)
    assert row.startswith("| Home Local news Sports")
    assert "under budget. The pie contest" in row  # paragraphs run together
