"""Loose lines of a story made paragraphs (`workers.pipeline.lines`), through the repairs
that run them (`prepare.repair_tree`) and through extraction."""

from __future__ import annotations

from pathlib import Path

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from support.trees import article_tree, markup

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.prepare import repair_tree

_tree = article_tree
_html = markup


def _repaired(body: str, path: str) -> HtmlElement:
    """The element at `path` of `body`'s page once the repairs ran (`prepare.repair_tree`)."""
    tree = _tree(body)
    repair_tree(tree)
    found = tree.find(path)
    assert found is not None
    return found


PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
LOOSE_PAGE = PAGES / "loose-lines-with-caption.html"
LOOSE_URL = "https://coastdiary.example/2023/10/last-keeper"


def test_a_story_of_loose_lines_beside_a_caption_keeps_every_line_and_not_the_caption() -> None:
    paragraphs = extract_article(LOOSE_PAGE.read_bytes(), url=LOOSE_URL).text.split("\n\n")
    starts = ["After forty-one years", "She arrived as", '"People ask whether', "The trust plans",
              "Mrs Tregear will move"]  # fmt: skip
    assert len(paragraphs) == len(starts), paragraphs
    for paragraph, start in zip(paragraphs, starts, strict=True):
        assert paragraph.startswith(start), paragraph
    assert "on the gallery of the lighthouse" not in "\n".join(paragraphs)


LINE = "a line of the story, written loose between line breaks by the site's old template"


def test_loose_lines_beside_a_block_are_wrapped_in_paragraphs() -> None:
    entry = _repaired(
        f"<div class='entry'><b>The lead</b>, {LINE}.<br><br>Second, {LINE}.<br><br>"
        "<div class='caption'><img src='a.jpg'><p>The caption.</p></div>"
        f"Third, <a href='/x'>{LINE}</a>.<br>Fourth, {LINE}.<hr>Ok.</div>",
        ".//div[@class='entry']",
    )
    assert [child.tag for child in entry] == ["p", "div", "p", "hr"]
    lead, caption, third, _ = entry
    assert lead.text_content() == f"The lead, {LINE}.Second, {LINE}."  # the <br> between
    assert [child.tag for child in lead] == ["b", "br", "br", "br", "br"]
    assert third.text == "Third, " and third[0].tag == "a"
    assert third.text_content().endswith(f"Fourth, {LINE}.")
    assert entry[3].tail == "Ok."  # two words: a label, left where it stands
    assert caption.find("p") is not None


def test_loose_lines_in_an_element_of_no_html_name_are_wrapped_too() -> None:
    """An SEC filing's press release: lines between <br> in EDGAR's <text> element."""
    tree = parse_html(
        f"<html><body><document><type>EX-99.1<text><b>The lead</b>, {LINE}.<br><br>Second, "
        f"{LINE}.<br><br><div class='c'><img src='a.jpg'><p>The caption.</p></div>Third, "
        f"{LINE}.<br>Fourth, {LINE}.</text></type></document></body></html>"
    )
    assert tree is not None
    repair_tree(tree)
    text = tree.find(".//text")
    assert text is not None
    assert [child.tag for child in text] == ["p", "div", "p"]


def test_a_loose_line_that_is_a_shouted_link_alone_is_removed() -> None:
    # Fox's teaser of another story between a story's lines: trafilatura drops such a link
    # as a paragraph of its own, but among loose lines it read as a sentence of the story
    teaser = (
        "<strong><a href='/dwts'>SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'</a>"
        "</strong>"
    )
    quiet = "<a href='/more'>More on the show from our entertainment desk</a>"
    tree = _tree(
        f"<div class='entry'>First, {LINE}.<br><br>{teaser}<br><br>Second, {LINE}.<br><br>"
        f"{quiet}<br><br>THIRD, WITH <a href='/x'>ONE LINK</a> IN A SHOUTED LINE.<br><br>"
        "<div class='caption'><img src='a.jpg'><p>The caption.</p></div>"
        f"Fourth, {LINE}.</div>"
    )
    repair_tree(tree)
    text = tree.text_content()
    assert "SEAN SPICER" not in text
    assert "More on the show" in text  # a link in sentence case is judged where it stands
    assert "THIRD, WITH ONE LINK" in text  # words outside the link: a line of the story
    assert f"First, {LINE}." in text and f"Fourth, {LINE}." in text


def test_a_text_div_between_loose_lines_wrapped_in_paragraphs_is_a_paragraph() -> None:
    # Politifact's subheadings, divs between lines of a story written between <br>: among
    # <p> they become paragraphs, and among the lines once those are wrapped too
    subheading = "<div class='pf_subheadline'>Who pays the cost of a tariff?</div>"
    picture = "<div class='media'><img src='a.jpg'>The pier at dawn</div>"
    entry = _repaired(
        f"<div class='entry'>First, {LINE}.<br><br>Second, {LINE}.<br><br>{subheading}"
        f"Third, {LINE}.<br><br>{picture}Fourth, {LINE}.</div>",
        ".//div[@class='entry']",
    )
    assert [child.tag for child in entry] == ["p", "p", "p", "div", "p"]
    assert entry[1].text_content() == "Who pays the cost of a tariff?"
    text = trafilatura.extract(
        etree.tostring(entry.getroottree(), encoding="unicode"),
        favor_precision=True,
        include_comments=False,
    )
    assert text is not None and "Who pays the cost of a tariff?" in text


def test_loose_lines_of_links_after_the_last_line_of_words_are_removed() -> None:
    # 9to5Mac's call to its video channel and three linked video titles after a story of
    # loose lines: precision mode drops each as a paragraph of its own (a link alone) and the
    # second opinion puts back nothing after the story's end, but loose they were kept
    videos = "".join(
        f"<a href='/v{n}'>Video review number {n} of this season [Video]</a><br><br>"
        for n in range(3)
    )
    tree = _tree(
        f"<div class='entry'>First, {LINE}.<br><br><a href='/cited'>A cited report on the "
        f"harbour</a><br><br><h3>A subheading</h3>Second, {LINE}.<br><br>Third, {LINE}.<br><br>"
        f"Fourth, {LINE}.<br><br>"
        "<strong><a href='/yt'>Subscribe to our channel for all of the latest videos</a>"
        f"</strong><br><br>{videos}<a href='/x'>Ok</a></div>"
    )
    repair_tree(tree)
    text = tree.text_content()
    assert "Subscribe to our channel" not in text
    assert "Video review number" not in text
    assert "A cited report on the harbour" in text  # a link between lines of the story stays
    assert f"First, {LINE}." in text and f"Second, {LINE}." in text
    assert "Ok" in text  # two words: a label, left where it stands


def _sections_of_lines(last: str) -> str:
    """A story of lines between <br> in sections of no block, a picture's section between
    each two (Medium's "section-inner" template), and a `last` section."""
    lines = "".join(f"Line {n}, {LINE}.<br><br>" for n in range(3))
    picture = (
        "<div class='s'><figure><img src='a.jpg'><figcaption>The pier at dawn | photo by Joan"
        "</figcaption></figure></div>"
    )
    sections = picture.join(
        f"<div class='s'>Opening {k}, {LINE}.<br><br>{lines}</div>" for k in range(3)
    )
    return f"<html><body><article><div class='sc'>{sections}{last}</div></article></body></html>"


def test_sections_of_lines_are_wrapped_once_the_page_has_paragraph_text() -> None:
    """trafilatura reads a text-only container's lines only while the page holds under 250
    characters of <p> text; lines beside a block in the last section, wrapped in <p> by this
    repair, took it over that mark, and each section of lines lost its opening line (the
    container's own text). Those sections are then wrapped too."""
    last = (
        f"<div class='s'>Last, {LINE}.<br><br>Then, {LINE}.<figure><img src='b.jpg'>"
        "<figcaption>The quay | photo by Joan</figcaption></figure>"
        f"After that, {LINE}.<br><br>The end, {LINE}.</div>"
    )
    html = _sections_of_lines(last)
    text = extract_article(html.encode(), url="https://medium.example/p/1").text
    for k in range(3):
        assert f"Opening {k}, {LINE}." in text, text[:400]
    assert f"The end, {LINE}." in text
    tree = _tree(html)
    repair_tree(tree)
    sections = tree.iterfind(".//div[@class='s']")
    assert [section[0].tag for section in sections] == ["p", "figure"] * 2 + ["p", "p"]
    # no <p> text on the page: trafilatura reads the sections' text itself, and they stay
    tree = _tree(_sections_of_lines(""))
    before = _html(tree)
    repair_tree(tree)
    assert tree.find(".//p") is None
    assert _html(tree) == before


def test_a_container_of_lines_beside_paragraphs_keeps_its_lines() -> None:
    """A post of lines between <br> (no block among them) above a box of <p>: trafilatura
    read neither the container's own text nor the lines after it, and kept the box."""
    lines = "".join(f"Line {n}, {LINE}.<br><br>" for n in range(4))
    box = "<div class='about'><p>" + " ".join(f"About the site, {LINE}." for _ in range(3))
    html = f"<html><body><article><div class='post'>{lines}</div>{box}</p></div></article></body></html>"  # noqa: E501
    text = extract_article(html.encode(), url="https://lines.example/post").text
    for n in range(4):
        assert f"Line {n}, {LINE}." in text, text[:300]
    post = _repaired(html, ".//div[@class='post']")
    assert [child.tag for child in post].count("p") == 4
    # in Chinese a line holds few runs of word characters: its characters count
    chinese = "".join(f"第{n}行：渡轮公司周一表示，风暴过后码头检查完毕，前往岛上的航班将恢复。<br><br>" for n in range(4))  # noqa: E501
    post = _repaired(html.replace(lines, chinese), ".//div[@class='post']")
    assert [child.tag for child in post].count("p") == 4


def test_lines_in_styling_elements_between_line_breaks_are_wrapped_too() -> None:
    """An old editor's story: each line in a ``<span style>`` or ``<font>``, none of it
    the container's own text."""
    body = _repaired(
        f"<div class='post-body'><span style='font-size:12px'>First, {LINE}.</span><br><br>"
        f"<font face='Verdana'>Second, {LINE}.</font><br><br>"
        "<div class='separator'><img src='a.jpg'></div>"
        f"<span>Third, {LINE}.</span><br><br><span>Fourth, {LINE}.</span></div>",
        ".//div[@class='post-body']",
    )
    assert [child.tag for child in body] == ["p", "div", "p"]
    assert body[0].text_content() == f"First, {LINE}.Second, {LINE}."
    assert body[2].text_content() == f"Third, {LINE}.Fourth, {LINE}."


def test_a_row_of_links_between_line_breaks_is_no_story_of_lines() -> None:
    """Links are no styling: a box of headlines between line breaks stays as it is."""
    tree = _tree(
        "<div class='box'>"
        + "".join(f"<a href='/n/{n}'>Headline number {n} of the site's other stories today</a><br>"
                  for n in range(5))
        + "<div class='more'><a href='/more'>More</a></div></div>"
    )  # fmt: skip
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


def test_a_sidebar_of_links_between_line_breaks_with_a_loose_line_is_no_story() -> None:
    """A blog's sidebar: a list of posts, then its ads and its own posts as links between
    line breaks, and one loose line (an appeal's bank account). The links' words are no
    loose text: it stays as it is, or trafilatura, finding no container by its (unknown)
    names, read its lines as the story's first paragraphs."""
    links = [
        "Motorbikes bought and sold at the best prices in the city, call us today",
        "Budget traveller? Here are the cheapest and tastiest places to eat in Jogja",
        "The history of the pilgrimage and of the stoning of the pillars explained",
        "A travel agency for the pilgrimage and the lesser pilgrimage, with departures",
    ]
    tree = _tree(
        "<div class='x1'><ul><li><a href='/p/1'>An older post of the blog</a></li></ul>"
        + "".join(f"<a href='https://ads.example/{n}'>{link}</a><br><br>\n"
                  for n, link in enumerate(links))
        + "<strong>Support our preaching</strong><br><br>\nBank account 0061947069 in the "
        "name of the blog's editor<br><br>"
        + "<h3>Discussion</h3><a href='/petition'>A petition to lower the price of "
        "electricity, which is far too high for the families of this town</a><br><br></div>"
    )  # fmt: skip
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


def test_a_container_of_paragraphs_with_a_loose_label_stays_as_it_is() -> None:
    tree = _tree(
        f"<div class='body'>Updated 5 March<p>First, {LINE}.</p><p>Second, {LINE}.</p>"
        "<figure><img src='a.jpg'><figcaption>Photo</figcaption></figure>"
        f"Advertisement continues below the picture<p>Third, {LINE}.</p>"
        "</div>"
        # loose lines, but only one of eight words or more: a byline and a date, not a story
        f"<div class='meta'>By Jane Roe<br>5 March<div class='share'>Share</div>{LINE}</div>"
    )
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


CUT_PAGE = PAGES / "paragraph-cut-by-block.html"
CUT_URL = "https://baytribune.example/news/ferry-terminal"
CUT_LEAD = "PORT ELLEN (Bay Tribune) — The harbour board voted on Monday"
CUT_REST = "and that repairing it would cost almost as much as starting again on the north quay."


def test_the_words_a_block_cut_off_from_a_paragraph_stay_and_the_block_goes() -> None:
    text = extract_article(CUT_PAGE.read_bytes(), url=CUT_URL).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith(CUT_LEAD)  # the story's first paragraph, after the box
    assert CUT_REST in paragraphs
    assert paragraphs.index(CUT_REST) == 3  # in its place, after the words before the block
    assert "Related Content" not in text
    assert "Pier repairs finished early" not in text
    assert "The north quay at low tide" not in text


def test_precision_mode_alone_loses_the_words_after_the_blocks() -> None:
    # if trafilatura kept them, the assertions above would prove nothing (default mode keeps
    # them on this page, but on Yahoo's, whose story this page is built like, it lost them too)

    text = trafilatura.extract(CUT_PAGE.read_bytes(), favor_precision=True) or ""
    assert "The terminal will have a covered waiting room" in text
    assert "PORT ELLEN" not in text
    assert CUT_REST not in text


def test_a_remainder_after_a_block_is_wrapped_in_a_paragraph_of_its_own() -> None:
    article = _repaired(
        f"<p>First, {LINE} <div class='ad'><img src='a.jpg'></div>and then <b>the rest</b> "
        f"of it, {LINE}.<h3>A heading</h3>",
        ".//article",
    )
    assert [child.tag for child in article] == ["p", "div", "p", "h3"]
    rest = article[2]
    assert rest.text == "and then " and rest[0].tag == "b"
    assert rest.text_content() == f"and then the rest of it, {LINE}."
    assert article[1].tail is None


def test_short_text_after_a_block_or_a_block_after_no_paragraph_stays() -> None:
    tree = _tree(
        f"<p>First, {LINE}.</p><div class='share'><ul><li><a href='/s'>Share</a></li></ul></div>"
        f"Advertisement continues below<p>Second, {LINE}.</p>"
        # a block whose sibling before it is no <p>: no paragraph was cut there
        f"<h2>Heading</h2><div class='box'><ul><li>Box</li></ul></div>{LINE}, loose beside it"
    )
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


# --- each paragraph in a block of its own (repair 3) ----------------------------------------


ENFOLD_DATA = (
    '<span class="sd" itemprop="image" itemscope><span itemprop="url">'
    "http://theatre.example/uploads/poster.jpeg</span><span itemprop=\"height\">1200</span>"
    '</span><span class="sd" itemprop="author" itemscope><span itemprop="name">jdadmin</span>'
    '</span><span class="sd" itemprop="datePublished">2018-10-12 06:43:54</span>'
)


def test_a_theme_s_microdata_between_loose_lines_is_no_line_of_the_story() -> None:
    """Enfold's structured data, hidden by its style sheet, after a story written between
    <br> (a theatre's blog under the bench's --br-paragraphs): the item with an address
    and the value-only properties beside it go; a byline's property in running text, and
    an item with words of its own, stay."""
    lines = f"First, {LINE}.<br><br>Second, {LINE}.<br><br>"
    tree = _tree(f"<div class='entry'>{lines}{ENFOLD_DATA}</div>")
    repair_tree(tree)
    text = etree.tostring(tree, method="text", encoding="unicode")
    assert "poster.jpeg" not in text and "jdadmin" not in text and "2018-10-12" not in text
    assert f"Second, {LINE}." in text
    byline = (
        '<p>Written by <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span>'
        '</span> <span itemprop="url">http://theatre.example/jane</span> for the blog.</p>'
    )
    kept = _tree(f"{byline}<p>{LINE}.</p>")
    repair_tree(kept)
    assert "Jane Doe" in etree.tostring(kept, method="text", encoding="unicode")
    own = _tree(
        '<p>See <span itemscope itemprop="image">the poster, <span itemprop="url">'
        "http://theatre.example/p.jpg</span></span> above.</p>"
    )
    repair_tree(own)
    assert "p.jpg" in etree.tostring(own, method="text", encoding="unicode")
