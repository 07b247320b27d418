"""extract_article: the whole stage on real pages, hostile input and wrong charsets."""

from __future__ import annotations

import json
import logging
import os
import random
import re
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest

from workers.errors import ExtractionError, NotHTMLError, PermanentError
from workers.models import ExtractedArticle
from workers.pipeline.extract import extract_article

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
DEMO = ROOT / "workers" / "demo" / "site" / "news"
SEED_URL = "https://lagosledger.example/news/putin-proposes-direct-peace-talks-istanbul.html"
SHARED = Path(os.environ.get("NEWSRELAY_SHARED", ROOT.parent / "shared"))

PARA = (
    "The council voted on Monday to build a flood barrier along the river, ending three years "
    "of debate after the wettest spring on record, officials said in a statement."
)


def _html(body: str, head: str = "", charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    head = f"<head>{meta}{head}</head>"
    return f"<!DOCTYPE html><html>{head}<body><article>{body}</article></body></html>"


def _seed_paragraphs() -> list[str]:
    seed = SHARED / "seed" / "000_f325e58b63a52550.txt"
    assert seed.exists(), f"{seed} is missing: ../shared must sit beside the checkout"
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[2 : lines.index("Kindly share this story:")]


# --- the seed site's page ------------------------------------------------------------------


def test_seed_site_page_keeps_the_story_and_drops_its_boilerplate() -> None:
    html = (FIXTURES / "putin-proposes-direct-peace-talks-istanbul.html").read_bytes()
    article = extract_article(html, url=SEED_URL, headers={"Content-Type": "text/html"})
    assert isinstance(article, ExtractedArticle)
    paragraphs = article.text.split("\n\n")
    assert paragraphs == _seed_paragraphs()
    for gone in (
        "Kindly share", "Share on", "whatsapp", "Top News", "Related Articles", "Advertisement",
        "Zelensky says", "City council approves", "Most Read", "All rights reserved", "E-Paper",
    ):  # fmt: skip
        assert gone not in article.text, gone
    assert article.title == "Putin Proposes Direct Peace Talks With Ukraine in Istanbul on May 15"
    assert article.url == SEED_URL  # relative canonical resolved on the same site
    assert article.site_name == "The Lagos Ledger"
    assert article.authors == ["Adaeze Okafor"]
    assert article.published == "2025-05-11T07:42:00+01:00"
    assert article.modified == "2025-05-11T09:05:00+01:00"
    assert article.language == "en-GB"
    assert article.description and article.description.startswith("Russian President")
    assert article.tags[:5] == ["Vladimir Putin", "Ukraine", "Russia", "Peace talks", "Istanbul"]
    assert "Recep Tayyip Erdoğan" in article.tags  # JSON-LD keywords, entity decoded
    assert article.word_count == len(article.text.split()) or article.word_count > 300
    assert set(article.to_json_dict()) == set(ExtractedArticle.JSON_KEYS)


BLOGGER_STORY = [
    "Commuters crowded the Ebute Ero jetty",
    "The service was suspended in 2021",
    '"I used to leave my house at five',
    "Officials said the refitted boats",
    "Fares will stay at the 2021 price",
]


@pytest.mark.parametrize("names", ["kept", "stripped"])
def test_a_blogger_post_keeps_its_lines_and_drops_the_theme_s_rows(names: str) -> None:
    """A Blogger post: each paragraph a ``<span style>`` between line breaks, a channel's
    call at the end of the body, the theme's share row, labels, page links and comment
    lines after it. Stripped of its class and id names, as a theme nobody wrote rules for
    would be, the rows must go by their words."""
    html = (FIXTURES / "blogger-post.html").read_text(encoding="utf-8")
    if names == "stripped":
        html = re.sub(r'\s(?:class|id)="[^"]*"', "", html)
    article = extract_article(
        html.encode(), url="https://lagosdailynotes.blogspot.com/2023/04/ferry-service-resumes.html"
    )
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == len(BLOGGER_STORY), paragraphs
    for paragraph, start in zip(paragraphs, BLOGGER_STORY, strict=True):
        assert paragraph.startswith(start), paragraph
    assert article.title == "Ferry service resumes on the lagoon after two years"


def test_demo_pages_extract_cleanly() -> None:
    for page in sorted(DEMO.glob("*.html")):
        url = f"http://127.0.0.1:8000/news/{page.name}"
        article = extract_article(page.read_bytes(), url=url)
        assert article.url == url
        assert article.title and article.published and article.tags
        assert datetime.fromisoformat(article.published).tzinfo is not None
        for gone in (
            "Share on", "Advertisement", "Subscribe to our newsletter", "Related Stories",
            "You may also like", "Follow us on", "Image credit", "Read more:",
        ):  # fmt: skip
            assert gone not in article.text, (page.name, gone)
    bees = extract_article((DEMO / "honeybees-trained-to-sniff-out-crop-disease.html").read_bytes())
    assert "Related articles in the journal showed" in bees.text  # a real sentence stays


def test_a_story_saved_as_plain_text_takes_its_headline_as_title() -> None:
    seed = SHARED / "seed" / "000_f325e58b63a52550.txt"
    article = extract_article(seed.read_bytes())
    assert article.title == "Putin Proposes Direct Peace Talks With Ukraine in Istanbul on May 15"
    assert article.text.split("\n\n") == _seed_paragraphs()  # "News" and the headline left


def test_plain_text_without_a_headline_and_html_without_a_title_keep_their_first_line() -> None:
    text = f"The council met on Monday night to discuss the budget.\n\n{PARA}\n\n{PARA}"
    article = extract_article(text.encode())
    assert article.title is None
    assert article.text.startswith("The council met on Monday night")
    page = _html(f"<p>Budget Talks Resume At City Hall</p><p>{PARA}</p><p>{PARA}</p>")
    assert extract_article(page.encode()).text.startswith("Budget Talks Resume")


# --- text quality --------------------------------------------------------------------------


def test_entities_are_decoded_exactly_once_and_text_is_nfc() -> None:
    body = (
        f"<p>Tom &amp; Jerry&#39;s &quot;return&quot; &mdash; a caf&eacute; story. {PARA}</p>"
        f"<p>Literal text: &amp;amp; stays one ampersand-amp. {PARA}</p>"
        f"<p>Decomposed: Cafe\u0301 and   lots\u00a0of   space. {PARA}</p>"
    )
    article = extract_article(_html(body).encode(), url="https://example.com/a")
    assert 'Tom & Jerry\'s "return" — a café story.' in article.text
    assert "&amp;amp;" not in article.text and "&#39;" not in article.text
    assert "Literal text: &amp; stays" in article.text  # decoded once, not twice
    assert "Café and lots of space." in article.text
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text.count("\n\n") == 2


def test_str_input_is_taken_as_decoded() -> None:
    article = extract_article(_html(f"<p>Żółć gęślą jaźń. {PARA}</p>"), url="https://e.com/x")
    assert article.text.startswith("Żółć gęślą jaźń.")



def test_a_page_with_a_form_inside_the_story_still_extracts() -> None:
    # every element is parsed as a plain HtmlElement (forms and inputs included); the form's
    # labels are not story text, the paragraphs around it are
    from workers.pipeline.extract import parse_html

    page = (
        f"<html><body><article><p>{PARA}</p>"
        "<form action='/subscribe'><label for='e'>Your email</label>"
        "<input id='e' name='email'><select name='f'><option>Daily</option></select></form>"
        f"<p>After the form. {PARA}</p></article></body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    form = tree.find(".//form")
    assert form is not None and form.text_content() == "Your emailDaily"
    article = extract_article(page, url="https://e.com/form")
    assert article.text.startswith(PARA)
    assert f"After the form. {PARA}" in article.text


def test_a_donation_appeal_inside_the_story_goes_and_the_story_stays() -> None:
    appeal = ("We rely on readers like you to support our work. Your support helps us keep our "
              "journalism free for everyone.")
    page = _html(
        f"<p>{PARA}</p><p>The barrier will cost 40 million pounds, paid by a fund that "
        "residents support through their council tax, the council said.</p>"
        f"<div><p>{appeal}</p><p><a href='/donate'>Donate now</a></p></div>"
        f"<p>Work starts in May. {PARA}</p>"
    )
    text = extract_article(page, url="https://e.com/barrier").text
    assert "residents support through their council tax" in text
    assert text.endswith(f"Work starts in May. {PARA}")
    assert "readers like you" not in text and "Donate now" not in text


def test_a_story_a_site_put_inside_an_aside_is_still_found() -> None:
    # sidebars (<aside>) are deleted before extraction, but not one that holds the page's
    # <h1> or an <article>: trafilatura deletes it too, and then its fallback finds the story
    import trafilatura

    page = (FIXTURES / "story-in-aside.html").read_bytes()
    assert trafilatura.extract(page, favor_precision=True, fast=True) is None
    text = extract_article(page, url="https://rhine.example/culture/book-prize").text
    assert text.startswith("Frankfurt (dpa) - For a novel about the old federal republic")
    assert text.endswith("twenty-five thousand euros for the winner.")
    assert "favourite stories" not in text and "Storm closes" not in text


def test_sidebars_go_before_extraction_and_the_text_after_them_stays() -> None:
    from workers.pipeline.extract import _strip_sidebars, parse_html

    tree = parse_html(
        "<html><body><div id='page'><aside class='related'><p>Teaser one</p></aside>"
        "Text after the sidebar.<aside><h1>Story headline</h1><p>Story</p></aside>"
        "<aside><article><p>Story two</p></article></aside>"
        "<aside class='outer'><aside class='inner'><p>Nested</p></aside></aside>"
        "</div></body></html>"
    )
    assert tree is not None
    _strip_sidebars(tree)
    page = tree.find(".//div[@id='page']")
    assert page is not None
    assert page.text == "Text after the sidebar."
    assert [a.findtext(".//p") for a in page.iter("aside")] == ["Story", "Story two"]

def test_a_block_whose_role_says_it_is_a_sidebar_goes_as_an_aside_does() -> None:
    """MSPoweruser's column of headlines, a <div role="complementary"> after the story,
    came with the story when its class names said nothing."""
    from workers.pipeline.extract import _strip_sidebars, parse_html

    tree = parse_html(
        "<html><body><div id='page'><div class='k1'><p>The story.</p></div>"
        "<div role='complementary' class='k2'><div>Windows 10</div><a href='/b'><h2>Build"
        " 19028 reaches the Fast Ring</h2></a></div>"
        "<div role='complementary'><h1>Story headline</h1><p>Story</p></div>"
        "<aside role='complementary'><p>Named twice</p></aside>"
        "</div></body></html>"
    )
    assert tree is not None
    _strip_sidebars(tree)
    assert tree.text_content() == "The story.Story headlineStory"
    # a page whose root says it is a sidebar keeps its text
    page = parse_html("<html role='complementary'><body><p>Only this.</p></body></html>")
    assert page is not None
    _strip_sidebars(page)
    assert page.text_content() == "Only this."


# --- charsets ------------------------------------------------------------------------------

FRENCH = (
    "Le président a déclaré mercredi que la réforme serait présentée à l'Assemblée après l'été. "
    "« Nous irons jusqu'au bout », a-t-il ajouté, évoquant une décision “difficile” – œuvre "
    "de longue haleine. Les syndicats ont annoncé une grève générale pour la fin du mois."
)


@pytest.mark.parametrize(
    ("charset_meta", "header"),
    [
        ("windows-1252", None),  # declared in the page
        ("iso-8859-1", None),  # latin-1 label: decoded as windows-1252 like browsers do
        (None, "text/html; charset=ISO-8859-1"),  # declared in the header
        (None, "text/html; charset=utf-8"),  # wrong header: the bytes are not UTF-8
        ("utf-8", "text/html; charset=utf-8"),  # wrong everywhere: sniffed
        (None, None),  # nothing declared: sniffed
    ],
)
def test_windows_1252_page_has_no_mojibake(charset_meta: str | None, header: str | None) -> None:
    html = _html(f"<p>{FRENCH}</p><p>{FRENCH}</p>", charset=charset_meta).encode("cp1252")
    headers = {"Content-Type": header} if header else None
    article = extract_article(html, url="https://exemple.fr/a", headers=headers)
    assert FRENCH in article.text
    for mojibake in ("Ã", "â€", "\ufffd", "č"):
        assert mojibake not in article.text


def test_utf8_page_behind_a_latin1_header_is_read_as_utf8() -> None:
    html = _html(f"<p>{FRENCH}</p>", charset="iso-8859-1").encode("utf-8")
    article = extract_article(
        html, url="https://exemple.fr/a", headers={"content-type": "text/html; charset=iso-8859-1"}
    )
    assert FRENCH in article.text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "shift_jis",
            "東京都は月曜日、新しい防災計画を発表した。計画には河川の堤防強化が含まれる。" * 3,
        ),
        (
            "cp1251",
            "Президент России предложил провести прямые переговоры с Украиной в Стамбуле. " * 3,
        ),
        (
            "koi8-r",
            "Правительство утвердило новый бюджет на следующий год после долгих обсуждений. " * 3,
        ),
        ("gb18030", "政府周一宣布了新的防洪计划，计划包括加固河堤和建设新的排水系统。" * 3),
        # 7-bit encodings whose bytes are all ASCII (strict UTF-8 took them, escapes and all)
        (
            "iso2022_jp",
            "東京都は月曜日、新しい防災計画を発表した。計画には河川の堤防強化が含まれる。" * 3,
        ),
        (
            "iso2022_kr",
            "정부는 월요일 새로운 홍수 대책을 발표했다. 계획에는 제방 보강이 포함된다. " * 3,
        ),
    ],
)
def test_other_legacy_charsets(encoding: str, text: str) -> None:
    html = _html(f"<p>{text}</p>", charset=encoding).encode(encoding)
    assert text.strip() in extract_article(html, url="https://e.example/a").text


# --- not HTML, no text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "headers", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", None, "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", None, "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00", None, "ZIP"),
        (bytes(range(256)) * 40, None, "binary"),
        (b"%PDF-1.4 ...", {"Content-Type": "text/html"}, "PDF"),  # magic beats the header
        (_html(f"<p>{PARA}</p>").encode(), {"Content-Type": "application/pdf"}, "application/pdf"),
        (_html(f"<p>{PARA}</p>").encode(), {"content-type": "image/png"}, "image/png"),
        (b'{"a": 1}', {"Content-Type": "application/json"}, "application/json"),
    ],
)
def test_not_html_is_refused_with_a_clear_message(
    body: bytes, headers: dict[str, str] | None, what: str
) -> None:
    url = "https://example.com/files/report"
    with pytest.raises(NotHTMLError) as info:
        extract_article(body, url=url, headers=headers)
    assert url in str(info.value) and what in str(info.value)
    assert info.value.url == url
    assert isinstance(info.value, PermanentError)


def test_control_ratio_counts_the_bytes_that_never_occur_in_text() -> None:
    from workers.pipeline.charset import _control_ratio

    assert _control_ratio(b"") == 0.0
    assert _control_ratio(b"<p>tab\there\r\nline\x0cfeed</p>") == 0.0
    assert _control_ratio(b"ab\x00\x01\x7f\x1f") == 4 / 6
    # escape and shift bytes count, except in ISO-2022 text, which its escapes name
    assert _control_ratio(b"a\x1b\x0e\x0fb") == 3 / 5
    assert _control_ratio(b"\x1b$B\x0e\x0f\x00") == 1 / 6


@pytest.mark.parametrize(
    "html",
    [b"", b"   \n ", b"<html><head><title>Empty</title></head><body></body></html>",
     _html("<p>Advertisement</p><p>Share on facebook</p>").encode()],
)  # fmt: skip
def test_no_text_raises_extraction_error_naming_the_url(html: bytes) -> None:
    url = "https://example.com/empty"
    with pytest.raises(ExtractionError) as info:
        extract_article(html, url=url)
    assert url in str(info.value)


def test_trafilatura_s_discarding_notice_stays_out_of_the_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # its fast pass finds too little text and says so; the cascade then finds the line, and
    # a page with nothing at all raises ExtractionError naming the URL: the notice repeats it
    with caplog.at_level(logging.WARNING):
        article = extract_article(b"<html><body><div>Short text here.</div></body></html>")
        with pytest.raises(ExtractionError):
            extract_article(_html("<p>Advertisement</p>").encode(), url="https://example.com/e")
    assert article.text == "Short text here."
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]


def test_octet_stream_html_is_still_read() -> None:
    html = _html(f"<p>{PARA}</p>").encode()
    article = extract_article(html, headers={"Content-Type": "application/octet-stream"})
    assert PARA in article.text


# --- hostile input -------------------------------------------------------------------------


def test_100000_nested_divs_neither_crash_nor_hang() -> None:
    html = "<html><body><p>" + PARA + "</p>" + "<div>" * 100_000 + "<p>deep</p>"
    html += "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    article = extract_article(html.encode(), url="https://example.com/deep")
    assert time.perf_counter() - start < 10
    assert PARA in article.text


def test_garbage_bytes_raise_a_permanent_error_quickly() -> None:
    rng = random.Random(1234)
    garbage = bytes(rng.getrandbits(8) for _ in range(300_000))
    start = time.perf_counter()
    with pytest.raises(PermanentError):
        extract_article(garbage, url="https://example.com/garbage")
    tag_soup = bytes(rng.choice(b"<>/=\"' abcdefghijklmnop\n") for _ in range(300_000))
    try:
        extract_article(tag_soup, url="https://example.com/soup")
    except PermanentError:
        pass
    assert time.perf_counter() - start < 20


def test_huge_page_is_capped() -> None:
    para = f"<p>{PARA}</p>"
    html = _html(para * 80_000).encode()  # about 14 MiB
    assert len(html) > 12 * 1024 * 1024
    start = time.perf_counter()
    article = extract_article(html, url="https://example.com/huge", max_bytes=1024 * 1024)
    assert time.perf_counter() - start < 30
    assert 0 < len(article.text.encode()) <= 1024 * 1024
    with pytest.raises(ValueError):
        extract_article(html, max_bytes=0)


def test_works_from_worker_threads() -> None:
    html = (FIXTURES / "putin-proposes-direct-peace-talks-istanbul.html").read_bytes()
    expected = extract_article(html, url=SEED_URL)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: extract_article(html, url=SEED_URL), range(8)))
    assert all(r == expected for r in results)


def test_code_blocks_keep_their_lines_and_indentation() -> None:
    """A ``<pre>`` block is one paragraph with its line breaks, indentation and tabs, its
    lone "}" line included; inline ``<code>`` stays in its sentence."""
    html = (FIXTURES / "code-blocks.html").read_bytes()
    article = extract_article(html, url="https://devnotes.example/feeds-in-python")
    paragraphs = article.text.split("\n\n")
    python = (
        "import feedparser\n"
        "\n"
        "def titles(url):\n"
        "    feed = feedparser.parse(url)\n"
        "    for entry in feed.entries:\n"
        '        if entry.get("title"):\n'
        "            yield entry.title"
    )
    javascript = (
        "function titles(feed) {\n"
        "\treturn feed.items\n"
        "\t\t.filter((item) => item.title)\n"
        "\t\t.map((item) => item.title);\n"
        "}"
    )
    assert python in article.text
    assert javascript in paragraphs
    assert paragraphs[0].startswith("Parsing a feed takes one call")
    assert any(
        p.startswith("The generator skips entries") and "Calling feedparser.parse never raises" in p
        for p in paragraphs
    )
    assert paragraphs[-2].startswith("Both versions print one title per line")
    # the control pictures the code layout is carried in are deleted from the page's own text,
    # never turned into line breaks there
    assert paragraphs[-1] == (
        "A side note for readers of plain text: the symbols and stand for control characters, "
        "and a page that shows them gets no line breaks from them."
    )


def test_a_story_written_by_javascript_comes_from_json_ld() -> None:
    """The page's HTML holds a headline, a byline and a caption; the story is only in
    JSON-LD's articleBody (the site writes it into the page with JavaScript): that text is
    the article, cleaned like any other ("Share this article" goes)."""
    html = (FIXTURES / "story-in-json-ld.html").read_bytes()
    article = extract_article(html, url="https://coastcourier.example/news/harbour-ferry")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The harbour ferry returned to service on Monday")
    assert paragraphs[-1].startswith("Fares stay at the level set before the closure")
    assert len(paragraphs) == 4 and "Share this article" not in article.text
    assert article.authors == ["Mara Lindqvist"]


def test_the_markup_s_story_wins_over_json_ld() -> None:
    """Where the page's markup holds a story, it is what the reader sees: an articleBody
    that differs (the full text behind a teaser, a differently joined text) is not used."""
    teaser = f"<p>{PARA}</p><p>{PARA.replace('river', 'sea')}</p>"
    rest = "The full text that only subscribers read, " * 30
    body = f"{PARA} {PARA.replace('river', 'sea')} {rest}"
    ld = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": body})
    html = _html(
        f"<h1>A teaser of two paragraphs</h1>{teaser}",
        head=f'<script type="application/ld+json">{ld}</script>',
    )
    article = extract_article(html, url="https://example.com/story")
    assert "only subscribers" not in article.text and "flood barrier" in article.text


def test_a_short_markup_text_of_other_words_gives_way_to_json_ld() -> None:
    """The story written by a script, and the markup's text, read without its caption, is
    a standfirst, a byline and the author's biography: a third of articleBody's length or
    less, and less than half its words of four letters or more are articleBody's."""
    story = [f"{PARA.replace('Monday', day)}" for day in ("Monday", "Tuesday", "Friday")] * 3
    ld = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": "\n".join(story)})
    bio = (
        "Alice Wu fell down the rabbit hole of politics aged twelve, when she ran her first "
        "election campaign, and has written a weekly column ever since then. Her daily needs "
        "include her journals, books, a multi-coloured pen and several lattes."
    )
    html = _html(
        f"<h1>Why the barrier matters</h1><p>Opinion</p><p>{bio}</p>",
        head=f'<script type="application/ld+json">{ld}</script>',
    )
    article = extract_article(html, url="https://example.com/story")
    assert article.text.split("\n\n")[0] == story[0] and "rabbit hole" not in article.text


def test_a_page_with_no_story_anywhere_is_still_an_error() -> None:
    ld = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": "Too short."})
    html = _html("<h1>Headline</h1>", head=f'<script type="application/ld+json">{ld}</script>')
    with pytest.raises(ExtractionError):
        extract_article(html, url="https://example.com/story")


HUNGARIAN = (
    "A kormány szerdán bejelentette, hogy őszig elkészül az új árvízvédelmi terv. A főváros "
    "fejlesztési bizottsága szerint a gátak erősítése hosszú, de szükséges munka, és a lakosság "
    "tájékoztatása is folyamatos lesz a következő hónapokban. Az önkormányzatok vezetői "
    "üdvözölték a döntést, bár többen hangsúlyozták, hogy a források elosztása még nem "
    "egyértelmű. A szakértők szerint a Duna menti települések különösen veszélyeztetettek, "
    "ezért a munkálatok ott kezdődnek. A miniszter hozzátette, hogy a tervezett beruházások "
    "összege meghaladja a százmilliárd forintot, és a kivitelezők kiválasztása nyílt "
    "pályázaton történik. Egy helyi lakos elmondta, hogy tavaly ősszel a víz elérte a házuk "
    "kertjét, és azóta félelemmel figyelik az időjárás-előrejelzést."
)


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
def test_a_central_european_page_with_no_charset_keeps_its_letters(encoding: str) -> None:
    """Sniffed, not declared: a Hungarian text is not read as windows-1252 ("õ" for "ő")."""
    html = _html(f"<p>{HUNGARIAN}</p>").encode(encoding)
    text = extract_article(html, url="https://pelda.hu/a").text
    assert HUNGARIAN in text and "õ" not in text and "û" not in text


@pytest.mark.parametrize("label", ["Shift_JIS", "x-sjis"])
def test_a_shift_jis_page_with_windows_characters_follows_its_declaration(label: str) -> None:
    """Shift_JIS pages use Windows' additions ("①", "～"): the declared charset is read as
    browsers read it (windows-31j), not abandoned for a sniffed windows-1252."""
    # a page in English with a Japanese name in it: too little Japanese for the sniffer
    text = f"{PARA} The plan was drawn up in ①東京 by the city's engineers. {PARA}"
    html = _html(f"<p>{text}</p>", charset=label).encode("cp932")
    assert "①東京" in extract_article(html, url="https://e.example/a").text


def test_a_declaration_the_bytes_plainly_contradict_is_not_followed() -> None:
    """A French windows-1252 page that claims Shift_JIS fails to decode on every accented
    letter: it is sniffed."""
    html = _html(f"<p>{FRENCH}</p><p>{FRENCH}</p>", charset="shift_jis").encode("cp1252")
    assert FRENCH in extract_article(html, url="https://exemple.fr/a").text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
@pytest.mark.parametrize("header", [None, "text/html; charset=utf-16"])
def test_a_utf16_page_without_a_byte_order_mark_is_a_page(
    encoding: str, header: str | None
) -> None:
    """Its NUL bytes are the high bytes of its ASCII markup, not a sign of binary data."""
    html = _html(f"<p>{FRENCH}</p><p>{FRENCH}</p>").encode(encoding)
    headers = {"Content-Type": header} if header else None
    assert FRENCH in extract_article(html, url="https://exemple.fr/a", headers=headers).text


# --- trafilatura's options ---------------------------------------------------------------------


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("precise", [True, False])
def test_the_options_made_once_are_those_bare_extraction_makes_from_the_keywords(
    monkeypatch: pytest.MonkeyPatch, fast: bool, precise: bool
) -> None:
    import trafilatura
    import trafilatura.core as core

    from workers.pipeline.extract import _options

    made: list[object] = []

    class Recording(core.Extractor):  # type: ignore[misc]
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)
            made.append(self)

    monkeypatch.setattr(core, "Extractor", Recording)
    # the keywords newsrelay passed on every call before the options were made once
    trafilatura.bare_extraction(
        _html(f"<p>{PARA}</p>"), fast=fast, favor_precision=precise, include_comments=False,
        include_tables=True, include_images=False, include_links=False, with_metadata=False,
        deduplicate=False, output_format="txt",
    )  # fmt: skip
    assert len(made) == 1
    ours = _options(fast, precise)
    assert _options(fast, precise) is ours  # made once
    for slot in core.Extractor.__slots__:
        if slot != "date_params":  # today's date, for the metadata only (not asked for)
            assert getattr(ours, slot) == getattr(made[0], slot), slot


def test_line_breaks_of_the_page_source_are_spaces_and_br_ends_a_line() -> None:
    """Hand-written HTML wraps its paragraphs in the source. trafilatura keeps those line
    breaks inside a paragraph that holds a ``<br>``, which split sentences into paragraphs
    of their own; a browser shows a space there. A ``<br>`` still ends a line, and a code
    block still stands apart from the text around it."""
    html = (FIXTURES / "wrapped-source-lines.html").read_bytes()
    article = extract_article(html, url="https://harbournotes.example/porting")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == (
        "The feed reader I wrote in 2009 ran on Python 2.5 until last spring, when the hosting "
        "company retired its last machine with that version. Porting it took three weekends, "
        "most of them spent on strings."
    )
    assert paragraphs[1:4] == [
        "The first weekend went to the parser. Every feed is bytes on the wire, and the old code "
        "mixed bytes and text freely, which Python 2 allowed and Python 3 does not.",
        "The second weekend went to the database layer, which stored titles as bytes in some "
        "tables and as text in others.",
        "The third weekend went to the tests, which had never run on anything but my laptop.",
    ]
    code = "def parse(raw):\n    text = raw.decode(detect(raw))\n    return feedparser.parse(text)"
    assert code in paragraphs
    after = paragraphs[paragraphs.index(code) + 1]
    assert after.startswith("Everything after that line deals with text alone, which removed about")
    assert paragraphs[-1].startswith("Readers asked what I would do differently. I would port")
    assert all("\n" not in p for p in paragraphs if p != code)


@pytest.mark.parametrize(
    "reference", ["&#11;", "&#x1B;", "&#1", "&#127;", "&#xFFFE;", "&#65535;", "\ufffe", "\uffff"]
)
def test_a_reference_to_a_control_character_is_dropped_not_a_crash(reference: str) -> None:
    """Found by mutating real pages at random: libxml2 writes the character a reference such
    as "&#11;" names into the tree, and lxml then raised ValueError ("All strings must be XML
    compatible") from `extract_article` when a step joined that text with another."""
    story = "<p>" + "The council approved the harbour budget after a long debate. " * 5 + "</p>"
    html = f"<html><body><article><h2><div>Ferry{reference} fares</div></h2>{story}</article>"
    article = extract_article(html.encode("utf-8") + b"</body></html>")
    assert article.text.startswith("Ferry fares\n\nThe council approved")
    # a reference to a printable character is read as before
    assert extract_article(html.replace(reference, "&#100;").encode()).text.startswith("Ferryd")


def test_the_full_cascade_s_text_loses_the_lines_that_are_captions_whole() -> None:
    # trafilatura's own reading deletes a caption by its name; its readability and justext
    # fallbacks keep it, and their text is read without it (a figcaption too)
    from workers.pipeline.extract import _without_captions, parse_html

    tree = parse_html(
        "<html><body><div><img src='a.jpg'><div class='k caption'>The pier at dawn.</div>"
        "</div><figure><img src='b.jpg'><figcaption>The ferry in 1931</figcaption></figure>"
        "<p>The pier at dawn. was the first line of the story.</p></body></html>"
    )
    assert tree is not None
    text = "The pier at dawn.\nThe story.\n The ferry  in 1931\nThe pier at dawn. was the first"
    assert _without_captions(tree, text) == "The story.\nThe pier at dawn. was the first"
    assert _without_captions(tree, "The story.") == "The story."

