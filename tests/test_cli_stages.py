"""`newsrelay extract` and `newsrelay format`: the single stages as a user calls them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from workers.cli import main
from workers.models import PLATFORMS, ExtractedArticle

PAGE = (Path(__file__).parent / "fixtures" / "pages"
        / "putin-proposes-direct-peace-talks-istanbul.html")
URL = "https://ledger.example/news/putin-proposes-direct-peace-talks-istanbul.html"


def _extract(tmp_path: Path, source: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["extract", str(source), "--url", URL, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, dict)
    return data


def test_extract_json_has_exactly_the_documented_keys(tmp_path: Path) -> None:
    data = _extract(tmp_path, PAGE)
    assert list(data) == list(ExtractedArticle.JSON_KEYS)
    text = str(data["text"])
    assert text.startswith("Russian President Vladimir Putin has called for direct peace talks")
    for junk in ("Kindly share this story", "Share on whatsapp", "Related Articles", "Top News"):
        assert junk not in text
    assert data["published"] and "T" in str(data["published"])
    assert isinstance(data["word_count"], int) and data["word_count"] > 300


def test_extract_reads_gzipped_pages(tmp_path: Path) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert _extract(tmp_path, gz)["text"] == _extract(tmp_path, PAGE)["text"]


def test_extract_refuses_a_pdf_with_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    result = CliRunner().invoke(main, ["extract", str(pdf)])
    assert result.exit_code == 1
    assert "error:" in result.output and "PDF" in result.output


def test_format_takes_extract_output(tmp_path: Path) -> None:
    article = tmp_path / "article.json"
    article.write_text(json.dumps(_extract(tmp_path, PAGE)))
    result = CliRunner().invoke(main, ["format", str(article), "--json"])
    assert result.exit_code == 0, result.output
    payloads = json.loads(result.output)
    assert sorted(payloads) == sorted(PLATFORMS)
    for name, p in payloads.items():
        assert set(p) >= {"text", "request", "share_url"}, name
        assert p["request"]["method"] == "POST"
    assert payloads["twitter"]["request"]["path"] == "/2/tweets"
    assert "utm_source=twitter" in payloads["twitter"]["request"]["json"]["text"]
    one = CliRunner().invoke(main, ["format", str(article), "--platform", "linkedin", "--json"])
    assert list(json.loads(one.output)) == ["linkedin"]


def test_format_names_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "a.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(main, ["format", str(bad)])
    assert result.exit_code == 2 and "not a JSON article" in result.output
    nourl = tmp_path / "b.json"
    nourl.write_text(json.dumps({"title": "x", "text": "y"}))
    result = CliRunner().invoke(main, ["format", str(nourl)])
    assert result.exit_code == 2 and "url" in result.output


BRACKETS = (
    "The matrix[/i] notation and the [bold] tag are written out in this story about "
    "typesetting, where square brackets mark the commands that the old systems used for "
    "italics and bold type, and the reader sees them as they are."
)


def test_extract_and_format_print_brackets_as_text(tmp_path: Path) -> None:
    """A story's own "[/i]" or "[bold]" is text: printed as it is, never read as rich markup
    (which raised MarkupError on the closing tag and styled the rest)."""
    page = tmp_path / "brackets.html"
    page.write_text(
        "<html><head><title>What [/i] and [bold] meant</title></head><body><article>"
        f"<h1>What [/i] and [bold] meant</h1><p>{BRACKETS}</p><p>{BRACKETS}</p>"
        "</article></body></html>"
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--url", URL])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.replace("│", " ").split())
    assert "What [/i] and [bold] meant" in flat
    assert "The matrix[/i] notation and the [bold] tag" in flat
    article = tmp_path / "article.json"
    extracted = CliRunner().invoke(main, ["extract", str(page), "--url", URL, "--json"])
    article.write_text(extracted.output)
    shown = CliRunner().invoke(main, ["format", str(article), "--platform", "telegram"])
    assert shown.exit_code == 0, shown.output
    assert "[bold]" in shown.output
