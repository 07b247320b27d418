"""repair_tree: trafilatura's markup losses, undone only where they lose story text."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from support.trees import article_tree, markup

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.prepare import repair_tree

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "markup-losses.html"
URL = "https://valleycourier.example/news/flood-barrier"


_tree = article_tree
_html = markup


# --- the whole stage on a page with all three losses ----------------------------------------


def test_page_keeps_the_tweet_the_mid_sentence_phrase_and_the_subheading() -> None:
    article = extract_article(PAGE.read_bytes(), url=URL)
    text = article.text
    assert "Three years of sandbags on my doorstep and it is finally over." in text
    assert (
        "Mayor Ada Obi told reporters that the barrier will cost 40 million naira and take two "
        "years to finish"
    ) in text
    paragraphs = text.split("\n\n")
    assert "Who pays for the barrier?" in paragraphs
    # the words after an empty anchor (<span id="ref-steel"></span>) mid-sentence
    assert (
        "The barrier will be built from steel sheet piles driven twelve metres into the "
        "riverbed, and topped with a concrete wall."
    ) in paragraphs
    assert "The barrier will be" not in paragraphs  # not also cut short where it stood
    # the story's order is kept: the subheading sits before the paragraph it introduces
    assert paragraphs.index("Who pays for the barrier?") + 1 == next(
        i for i, p in enumerate(paragraphs) if p.startswith("The state government will pay")
    )


def test_precision_mode_alone_loses_the_words_after_an_empty_element() -> None:
    # if trafilatura kept them, the assertion above would prove nothing

    text = trafilatura.extract(PAGE.read_bytes(), favor_precision=True) or ""
    assert "The barrier will be" in text
    assert "steel sheet piles" not in text


def test_page_still_loses_its_boilerplate() -> None:
    text = extract_article(PAGE.read_bytes(), url=URL).text
    assert (
        "Councillor Tunde Bello voted against the plan, saying the town could not afford the loan."
        in text.split("\n\n")
    )
    for gone in (
        "Advert", "Town approves new market", "Bridge repairs", "All rights reserved",
        "questions the budget office", "Road repairs stall",
    ):  # fmt: skip
        assert gone not in text, gone
    assert text.startswith("The council voted on Monday")
    assert text.endswith("checked by the state's water agency.")


# --- each repair, and where it must not act ---------------------------------------------------


def test_embed_wrappers_named_social_are_unwrapped() -> None:
    tree = _tree(
        '<p>a</p><div class="social-embed"><div class="tweet-wrap">'
        '<blockquote class="twitter-tweet"><p>hello</p></blockquote></div></div><p>b</p>'
    )
    repair_tree(tree)
    quote = tree.find(".//blockquote")
    assert quote is not None and quote.getparent().tag == "article"
    assert "social-embed" not in _html(tree)


def test_wrapper_holding_more_than_the_embed_is_left_alone() -> None:
    tree = _tree(
        '<div class="social-share"><a href="/s">Share on Facebook</a>'
        '<blockquote class="twitter-tweet"><p>hello</p></blockquote></div>'
    )
    repair_tree(tree)
    assert 'class="social-share"' in _html(tree)


def test_a_plain_blockquote_is_not_an_embed() -> None:
    tree = _tree('<div class="share-box"><blockquote><p>quoted</p></blockquote></div>')
    repair_tree(tree)
    assert 'class="share-box"' in _html(tree)


def test_mid_sentence_link_span_loses_the_classes_that_would_drop_it() -> None:
    tree = _tree(
        '<p>He said that <span class="link"><a href="/x">the fine is due</a></span> today.</p>'
        '<p>Then <em class="page-bottom">this</em> came.</p>'
    )
    repair_tree(tree)
    html = _html(tree)
    assert 'class="link"' not in html
    assert 'class="page-bottom"' not in html
    assert "<span><a" in html


def test_a_site_that_writes_paragraphs_as_divs_gets_the_same_repairs() -> None:
    tree = _tree(
        '<div class="para">He said that <span class="link"><a href="/x">the fine is due</a>'
        "</span> today.</div>"
        '<div class="para">Gov. <a href="/people/noem">Kristi Noem</a><span class="x3"><img '
        'src="n.jpg"><a href="/people/noem">Kristi Lynn Noem</a><a href="/a">Governor doubles '
        'down</a> <a href="/b">State drops law</a></span> is defending the campaign.</div>'
        # a block of story paragraphs is not a paragraph: its parts stay for the extractor
        '<div class="body"><p>One.</p><div class="link"><a href="/a">Other story</a></div></div>'
    )
    repair_tree(tree)
    html = _html(tree)
    assert '<span><a href="/x">the fine is due</a></span>' in html
    first, second = (" ".join(d.text_content().split()) for d in tree.findall(".//div")[:2])
    assert first == "He said that the fine is due today."
    assert second == "Gov. Kristi Noem is defending the campaign."
    assert '<div class="link"><a href="/a">Other story</a></div>' in html


def test_mid_sentence_link_named_for_readability_s_unlikely_loses_its_names() -> None:
    """A study site's glossary links ("popup") in the middle of each sentence, in paragraphs
    written as divs: trafilatura's Readability fallback deletes any element so named, and
    every sentence lost its linked words. A name that Readability lets pass ("popup-content")
    or that hides the element keeps it as it was; so does a link that ends its paragraph."""
    tree = _tree(
        '<div>I am a <a class="popup" onclick="x()">rather elderly</a> man, and my '
        '<a class="popup-content">avocations</a> keep me busy.</div>'
        '<div>He says <a class="popup sr-only">a note</a> more text here.</div>'
        '<div>The story ends with a <a class="popup">note</a></div>'
    )
    repair_tree(tree)
    html = _html(tree)
    assert '<a onclick="x()">rather elderly</a>' in html
    assert 'class="popup-content"' in html and 'class="popup sr-only"' in html
    assert '<a class="popup">note</a>' in html
    text = extract_article(
        (
            "<html><body><div class='k1'><h1>Bartleby</h1>"
            + "".join(
                f"<div>Sentence {n} of the story, in which I am a <a class='popup' "
                "href='javascript:void(0)'>rather elderly</a> man who has seen much of the "
                "law and of the men who copy it for a living.</div>"
                for n in range(6)
            )
            + "</div></body></html>"
        ).encode()
    ).text
    assert text.count("I am a rather elderly man") == 6


def test_inline_span_at_the_edge_or_hidden_keeps_its_classes() -> None:
    tree = _tree(
        '<p><span class="link">Read more</span></p>'
        '<p>Text <span class="link hidden">secret</span> more text.</p>'
        '<p>Text <span class="link" style="display: none">gone</span> more text.</p>'
        '<div class="link"><a href="/a">Other story</a></div>'
    )
    repair_tree(tree)
    html = _html(tree)
    assert html.count('class="link"') == 3
    assert 'class="link hidden"' in html


def test_text_div_among_paragraphs_becomes_a_paragraph() -> None:
    tree = _tree(
        '<p>one</p><div class="subhead">Who pays?</div><p>two</p>'
        "<div><span>inline only</span> text</div>"
    )
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//article")] == ["p", "p", "p", "p"]


def test_text_div_among_quotes_of_paragraphs_becomes_a_paragraph() -> None:
    """A review page (Jeongdong Theater's, under the bench's ``--div-story``): quotes in
    ``<blockquote><p>``, its own words and each quote's author in divs between them. A
    blockquote without a paragraph is no paragraph's sibling."""
    tree = _tree(
        "<div>Visitors left their reviews of the show.</div>"
        "<blockquote><p>The show was really great.</p></blockquote><div>- Man**</div>"
        "<blockquote><p>Very talented people!</p></blockquote><div>- Ali***</div>"
    )
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//article")] == ["p", "blockquote", "p", "blockquote", "p"]
    tree = _tree(
        "<div>Visitors left their reviews.</div><blockquote>Great.</blockquote>"
        "<div>- Man**</div><blockquote>Talented!</blockquote>"
    )
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//article")][::2] == ["div", "div"]


def test_div_with_blocks_or_without_paragraph_siblings_stays_a_div() -> None:
    tree = _tree(
        "<p>one</p><div><p>inner</p></div><p>two</p>"
        '<section><p>only one</p><div class="caption">a div beside one p</div></section>'
        "<p>three</p><div> </div>"
    )
    repair_tree(tree)
    article = tree.find(".//article")
    assert [e.tag for e in article] == ["p", "div", "p", "section", "p", "div"]
    assert article.find("section/div") is not None


DIV_STORY = [
    f"Paragraph {n} of the story, written as a div: the ferry company said on Monday that "
    "crossings to the island would resume once the storm had passed and the pier was checked."
    for n in range(6)
]
#: teaser cards whose standfirsts are <p>: more paragraph text than trafilatura's 250
#: characters, so it no longer reads text-only divs as paragraphs anywhere on the page
CARDS = "".join(
    f"<div class='tc'><a href='/s/{n}'><h3>Another story number {n}</h3></a>"
    f"<p>The standfirst of another story, number {n}, in a card below the post.</p></div>"
    for n in range(4)
)


def _div_story_page(story: str, after: str = CARDS) -> str:
    return (
        "<html><head><title>Ferries to resume</title></head><body><main><article>"
        f"<h1>Ferries to resume</h1><div class='trix-content'>{story}</div></article>"
        f"<div class='k5'>{after}</div></main></body></html>"
    )


def test_a_story_of_text_divs_on_a_page_of_paragraphs_is_read_whole() -> None:
    """An editor that writes a story's paragraphs as divs (Trix on HEY World) in a template
    whose cards are <p>: trafilatura reads text-only divs as paragraphs only when the whole
    page has less than 250 characters of <p> text, and the story went."""
    html = _div_story_page("".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY))
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]
    tree = parse_html(html)
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//div[@class='trix-content']")] == ["p"] * 6


def test_a_short_text_div_of_a_story_keeps_the_link_in_its_sentence() -> None:
    """On a page of no <p> text trafilatura reads a story's text divs as paragraphs itself,
    and its precision mode deletes a short one that holds a link as a menu's: the story's
    last line, "We tried it ourselves. Read our review here." (the bench's --div-paragraphs,
    on MSPoweruser's page). A div that is all link (a related story's headline) is still
    for trafilatura to judge."""
    last = (
        "We recently went to the ferry company's offices to try the new booking system for "
        "ourselves. <a href='/review'>Read our review here</a>."
    )
    related = "<a href='/s/9'>COUNCIL APPROVES NEW BRIDGE AFTER TWO-YEAR FIGHT OVER ITS COST</a>"
    story = "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY[:4])
    html = _div_story_page(f"{story}<div>{related}</div><div>{last}</div>", after="")
    tree = parse_html(html)
    repair_tree(tree)
    divs = tree.find(".//div[@class='trix-content']")
    assert divs[-1].find("a") is None and divs[-2].find("a") is not None
    assert all(div.tag == "div" for div in divs)  # still read by trafilatura as paragraphs
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    assert "Read our review here." in text, text[-300:]
    assert "COUNCIL APPROVES" not in text, text[-300:]
    assert DIV_STORY[0] in text and DIV_STORY[3] in text, text[:300]


def test_loose_lines_between_a_story_s_text_divs_become_divs_of_their_own() -> None:
    """Moneycontrol's story under the bench's --div-paragraphs: its paragraphs are text
    divs on a page read in div mode, and between them lie loose lines, a quote and, after a
    break, the disclaimer and a linked offer. The cascade's fallback, which read that page,
    joined the run of loose text across its breaks, so the offer ran on from the disclaimer
    as one line, and LWN's loose lines came out cut at each link. Each line of words
    becomes a div like the story's, and is read as they are; a line that is all link stays
    loose, for trafilatura to judge."""
    quote = (
        '"We will run the <a href="/ferry">extra crossings</a> for as long as the pier '
        'stays open," the harbour master said on Monday morning.'
    )
    disclaimer = (
        "<em>Disclaimer: The views expressed by the experts quoted here are their own and "
        "not those of the website or its management.</em>"
    )
    offer = (
        "<a href='/pro'>Get access to our fastest growing subscription service for as "
        "little as Rs 599 for the first year.</a>"
    )
    story = "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY[:4])
    rest = f"{quote}<div>{DIV_STORY[4]}</div>{disclaimer}<br><br>{offer}"
    html = _div_story_page(story + rest, after="")
    tree = parse_html(html)
    repair_tree(tree)
    divs = tree.find(".//div[@class='trix-content']")
    assert [child.tag for child in divs] == ["div"] * 7 + ["br", "br", "a"]
    assert divs[4].text_content().startswith('"We will run the extra crossings')
    assert divs[6].text_content().startswith("Disclaimer:")
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    assert "We will run the extra crossings for as long as" in text, text
    assert "Get access" not in text.split("Disclaimer:")[1], text[-400:]


def test_a_story_of_text_divs_in_chinese_counts_its_characters_as_words() -> None:
    story = "".join(
        f"<div>第{n}段：渡轮公司周一表示，风暴过后码头检查完毕，前往岛上的航班将恢复。</div>"
        for n in range(6)
    )
    tree = parse_html(_div_story_page(story))
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//div[@class='trix-content']")] == ["p"] * 6


def test_a_long_story_of_text_divs_with_short_lines_is_read_whole() -> None:
    """A meal plan written as text divs: its sentences run among short lines (a meal's
    name, its time, its containers), twelve words a div on average, and a footer of <p>
    beneath: the divs went, and the footer was read instead."""
    lines = []
    for n in range(12):
        lines += [
            f"Meal {n}: eat this one sixty to ninety minutes before your workout on day {n}.",
            f"Lunch number {n}",
            f"Portion containers: 1 green, 1 red, 1 yellow for meal {n}",
        ]
    story = "".join(f"<div>{line}</div>" for line in lines)
    footer = (
        "<div class='ft'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in DIV_STORY[:4]).replace("story", "site")
        + "</div>"
    )
    html = _div_story_page(story, after=footer)
    tree = parse_html(html)
    repair_tree(tree)
    assert [e.tag for e in tree.find(".//div[@class='trix-content']")] == ["p"] * len(lines)
    text = extract_article(html.encode(), url="https://world.example/meals").text
    assert lines[0] in text and lines[-1] in text, text[:300]
    # as short on average but fewer words together: a box of short lines, no story
    tree = parse_html(_div_story_page("".join(f"<div>{line}</div>" for line in lines[:9])))
    repair_tree(tree)
    assert tree.find(".//div[@class='trix-content']/p") is None


def test_text_divs_stay_divs_where_trafilatura_reads_them_or_they_are_no_story() -> None:
    story = "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY)
    # no <p> text on the page: trafilatura reads the divs itself, and a <p> more would
    # change how it reads the page's other divs
    tree = parse_html(_div_story_page(story, after="<div>A footer line.</div>"))
    repair_tree(tree)
    assert tree.find(".//div[@class='trix-content']/p") is None
    # a menu of short items, and a list of links, are no story
    menu = "".join(f"<div>Section {n} of the site</div>" for n in range(8))
    links = "".join(
        f"<div><a href='/s/{n}'>A linked headline of another story, number {n}, that runs on "
        "for twenty words or more as headlines of long lists do</a></div>"
        for n in range(4)
    )
    for divs in (menu, links):
        tree = parse_html(_div_story_page(divs))
        repair_tree(tree)
        assert tree.find(".//div[@class='trix-content']/p") is None, divs[:60]
    # one text of which the others are labels: a page's copy of its story for scripts,
    # beside its title and keywords, is no run of paragraphs
    copy = (
        "<div>Ferries to resume after the storm, the company says</div>"
        "<div>ferries, storm, island, pier, crossings, weather</div>"
        f"<div>{' '.join(DIV_STORY)}</div>"
    )
    tree = parse_html(_div_story_page(copy))
    repair_tree(tree)
    assert tree.find(".//div[@class='trix-content']/p") is None
    # boxes of a few text divs beside a story of <p>s that holds more words: teasers
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in DIV_STORY)
    boxes = "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY[:3])
    tree = parse_html(_div_story_page(paragraphs, after=boxes + CARDS))
    repair_tree(tree)
    assert tree.find(".//div[@class='k5']/p") is None


PASTED = "border: 0px; margin: 0px 0px 1em; padding: 0px; vertical-align: baseline"


def _styled_page(paragraphs: list[str]) -> str:
    """A story among a page's other parts (a related box, a footer), so that trafilatura's
    precision rule deleting its paragraphs is not undone by its own backup."""
    related = "".join(
        f"<p>Also in the news, story number {n}: the county fair opens on Friday with a parade "
        "and a livestock show.</p>"
        for n in range(4)
    )
    return (
        "<html><head><title>Ferries to resume</title></head><body><article>"
        f"<h1>Ferries to resume</h1><div class='post-text'>{''.join(paragraphs)}</div>"
        f"<div class='more'>{related}</div></article></body></html>"
    )


def test_paragraphs_with_a_pasted_style_of_no_borders_are_read() -> None:
    """An editor that pastes a story from another page brings "border: 0px" along on every
    paragraph; trafilatura's precision rule deletes every element whose style mentions a
    border, and the story went."""
    html = _styled_page([f"<p style='{PASTED}'>{paragraph}</p>" for paragraph in DIV_STORY])
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]
    tree = parse_html(html)
    repair_tree(tree)
    styles = {p.get("style") for p in tree.find(".//div[@class='post-text']")}
    assert styles == {"margin: 0px 0px 1em; padding: 0px; vertical-align: baseline"}


def test_borders_of_no_width_leave_any_style_and_visible_ones_stay() -> None:
    html = _styled_page([f"<p>{paragraph}</p>" for paragraph in DIV_STORY]).replace(
        "<div class='post-text'>", "<div class='post-text' style='border: 0px; margin: 0px auto'>"
    )
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]
    tree = _tree(
        "<div style='border: none'>a</div><div style='border-top: 1px solid #ccc'>b</div>"
        "<div style='border-width: 0; color: red'>c</div><span style='border:0'>d</span>"
        "<div style='border:none windowtext 1.0pt; font-size:10.5pt'>e</div>"  # from Word
        "<div style='border: 0.5px solid'>f</div>"
    )
    repair_tree(tree)
    styles = [element.get("style") for element in tree.find(".//article")]
    assert styles == [
        None, "border-top: 1px solid #ccc", "color: red", None, "font-size:10.5pt",
        "border: 0.5px solid",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "mark",
    ["class='text-bottom'", "class='body-text link'", "id='bottom-para'",
     "style='border-left: 3px solid #c00; padding-left: 1em'"],
)  # fmt: skip
def test_a_marked_paragraph_between_the_story_s_is_read(mark: str) -> None:
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    paragraphs[2] = f"<p {mark}>{DIV_STORY[2]}</p>"
    html = _styled_page(paragraphs)
    tree = parse_html(html)
    repair_tree(tree)
    marked = tree.find(".//div[@class='post-text']")[2]
    assert marked.get("class") in (None, "body-text") and marked.get("id") is None
    assert "border" not in (marked.get("style") or "")
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    for paragraph in DIV_STORY:
        assert paragraph in text, (mark, text[:300])


def test_a_long_marked_paragraph_at_either_end_of_the_story_is_read() -> None:
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    paragraphs[0] = f"<p class='lead-bottom'>{DIV_STORY[0]}</p>"
    paragraphs[-1] = f"<p style='border-bottom: 1px solid #ddd'>{DIV_STORY[-1]}</p>"
    text = extract_article(_styled_page(paragraphs).encode(), url="https://w.example/f").text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]


def test_a_marked_paragraph_of_a_story_in_chinese_counts_its_characters_as_words() -> None:
    """Chinese writes no spaces: a paragraph is one or two runs of \\w, and it counts by
    its characters, as the cleaning counts it."""
    story = [
        f"第{n}段：市议会周二开会讨论新的预算方案，议员们就道路、学校和新建大桥的费用进行了长时间的讨论。"
        for n in range(6)
    ]
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in story]
    paragraphs[2] = f"<p class='text-bottom'>{story[2]}</p>"
    tree = parse_html(_styled_page(paragraphs))
    repair_tree(tree)
    assert tree.find(".//div[@class='post-text']")[2].get("class") is None


def test_a_bordered_note_at_the_story_s_end_and_a_line_of_links_keep_their_marks() -> None:
    note = (
        "<p style='border-top: 1px #999 solid; padding-top: 10px'>Comments with unreadable "
        "text or that lack respect for other readers will not be approved by the moderator.</p>"
    )
    links = (
        "<p class='link'>Read more: <a href='/a'>Ferry fares rise again for the summer season "
        "on every route</a></p>"
    )
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    tree = parse_html(_styled_page([*paragraphs[:3], links, *paragraphs[3:], note]))
    repair_tree(tree)
    story = tree.find(".//div[@class='post-text']")
    assert story[3].get("class") == "link"
    assert story[-1].get("style") == "border-top: 1px #999 solid; padding-top: 10px"


def test_a_short_marked_first_paragraph_before_two_of_the_story_s_is_read() -> None:
    """The Republic's first paragraph (16 words, under a "Staff Reports" line) and a
    blogger's disclosure before the story, each marked with a border: a note before the
    story is followed by one paragraph at most; the story's short first paragraph has two
    more after it, and is read."""
    first = "Police arrested six people Monday during a narcotics investigation at a home."
    marked = f"<p style='border-left: 3px solid #c00; padding-left: 1em'>{first}</p>"
    story = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    page = _styled_page(["<p>Staff Reports</p>", marked, *story])
    tree = parse_html(page)
    repair_tree(tree)
    assert "border" not in (tree.find(".//div[@class='post-text']")[1].get("style") or "")
    assert first in extract_article(page.encode(), url="https://w.example/f").text
    # followed by one paragraph of running text only, it keeps its mark
    tree = parse_html(_styled_page(["<p>Staff Reports</p>", marked, story[0]]))
    repair_tree(tree)
    assert "border" in tree.find(".//div[@class='post-text']")[1].get("style")


def test_a_short_marked_line_among_the_story_s_lines_is_read() -> None:
    """A meal plan's "Eat every 2-3 hours" under each meal's subheading, marked "link" or
    with a border: a line between the story's lines (a subheading, a paragraph) loses the
    mark; a short link, or a short line at the story's end, keeps it."""
    meals = "".join(
        f"<h3>Meal {n}</h3><p class='link'>Eat every 2–3 hours</p>"
        f"<p>Tomato cucumber salad with feta and balsamic vinegar, meal {n}</p>"
        for n in range(1, 4)
    )
    link = "<p class='link'><a href='/plans'>All meal plans</a></p>"
    end = "<p class='text-bottom'>Updated in May</p>"
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    page = _styled_page([*paragraphs[:2], meals, *paragraphs[2:4], link, paragraphs[4], end])
    tree = parse_html(page)
    repair_tree(tree)
    story = tree.find(".//div[@class='post-text']")
    assert [p.get("class") for p in story.iter("p") if "Eat every" in p.text_content()] == [
        None, None, None
    ]
    assert [p.get("class") for p in story.iter("p") if p.text_content() in (
        "All meal plans", "Updated in May")] == ["link", "text-bottom"]  # fmt: skip
    assert extract_article(page.encode(), url="https://w.example/m").text.count("Eat every") == 3


def test_a_subheading_that_links_to_itself_is_read() -> None:
    """A table of contents' target: the heading's words are a link to the heading, and
    precision mode deletes headings by their link density."""
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in DIV_STORY]
    first = "<h2><a href='#the-storm'>The storm that closed the pier</a></h2>"
    heading = "<h2><a href='#when-crossings-resume'>When the crossings resume</a></h2>"
    html = _styled_page([first, *paragraphs[:3], heading, *paragraphs[3:]])
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    assert text.index("The storm that closed") < text.index(DIV_STORY[0])
    assert text.index(DIV_STORY[2]) < text.index("When the crossings") < text.index(DIV_STORY[3])


def test_headings_that_link_elsewhere_or_hold_an_icon_s_anchor_keep_their_links() -> None:
    tree = _tree(
        "<h2><a href='/news/other'>Another story</a></h2>"
        "<h3><a href='#'>Show more</a></h3>"
        "<h2><a class='anchor' href='#install' aria-hidden='true'><svg></svg></a>Install</h2>"
        "<h3><a href='#part-one'>Part one</a> and <a href='/x'>elsewhere</a></h3>"
    )
    repair_tree(tree)
    assert len(tree.findall(".//article//a")) == 5


def test_a_space_where_an_inline_element_changes_script_between_cjk_and_latin() -> None:
    tree = _tree(
        "<p>今回はそのKindleデスクトップアプリ<a href='/k'>Kindle for PC</a>に関する話。</p>"
        "<p>苹果公司发布了<strong>iPhone 15</strong>，售价不变。</p>"
        "<p><span class='dropcap'>T</span>he council met on <b>Tuesday</b>.</p>"
        "<p>已有空格的 <a href='/x'>Link</a> 不变。</p>"
    )
    repair_tree(tree)
    texts = [p.text_content() for p in tree.iter("p")]
    assert texts == [
        "今回はそのKindleデスクトップアプリ Kindle for PC に関する話。",
        "苹果公司发布了 iPhone 15，售价不变。",
        "The council met on Tuesday.",
        "已有空格的 Link 不变。",
    ]


def test_heading_with_a_spacer_div_is_a_heading_again() -> None:
    tree = _tree('<h2><strong><div class="spacer"></div>Menu for Plan A<div></div></strong></h2>')
    repair_tree(tree)
    assert _html(tree).count("<div") == 0
    assert tree.findtext(".//h2/strong") == "Menu for Plan A"


def _paragraph_after_repair(body: str) -> str:
    tree = _tree(body)
    repair_tree(tree)
    paragraph = tree.find(".//p")
    assert paragraph is not None
    return " ".join(paragraph.text_content().split())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a card named as one
        (
            '<p>He threatened Rep. <span class="rollover-people"><a class="rollover-people-link" '
            'href="/people/omar">Ilhan Omar</a><span class="rollover-people-block">'
            '<img src="o.jpg"><a href="/a">Other story one</a> <a href="/b">Other story two</a>'
            "</span></span> (D-Minn.), prosecutors said.</p>",
            "He threatened Rep. Ilhan Omar (D-Minn.), prosecutors said.",
        ),
        # no class names a card: its heading links to the same page as the name
        (
            '<p>Gov. <span class="x1"><a class="x2" href="/people/noem">Kristi Noem</a>'
            '<span class="x3"><span><img src="n.jpg"><a href="/people/noem">Kristi Lynn Noem</a>'
            '<a href="/a">Governor doubles down</a> <a href="/b">State drops law</a></span>'
            "</span></span> is defending the campaign.</p>",
            "Gov. Kristi Noem is defending the campaign.",
        ),
        # a phrase after a link that links elsewhere is the sentence's
        (
            '<p>Both <a href="/people/smith">Smith</a><span><a href="/people/jones">Jones</a> '
            'and <a href="/people/lee">Lee</a><img src="flag.png"> voted against it.</span></p>',
            "Both SmithJones and Lee voted against it.",
        ),
    ],
)
def test_hover_card_inside_a_sentence_goes_and_the_name_stays(body: str, expected: str) -> None:
    assert _paragraph_after_repair(body) == expected


def test_hover_card_in_a_div_paragraph_whose_text_is_all_in_spans_goes() -> None:
    # a site that writes paragraphs as <div>, its text inside a styled <span>: the <div> has
    # no text of its own, yet it is the paragraph the card sits in
    tree = _tree(
        '<div><span style="font-weight: 400;">He threatened Rep. <span class="rollover-people">'
        '<a class="rollover-people-link" href="/people/omar">Ilhan Omar</a>'
        '<span class="rollover-people-block"><img src="o.jpg"><a href="/a">Other story one</a> '
        '<a href="/b">Other story two</a></span></span> (D-Minn.), prosecutors said on '
        "Monday.</span></div>"
    )
    repair_tree(tree)
    div = tree.find(".//article/div")
    assert div is not None
    assert " ".join(div.text_content().split()) == (
        "He threatened Rep. Ilhan Omar (D-Minn.), prosecutors said on Monday."
    )


def test_cards_in_div_paragraphs_left_open_go_from_each_depth() -> None:
    """Paragraphs written as <div> and never closed nest each in the one before: each
    depth's card goes, read once from the outermost paragraph (reading every paragraph's
    elements again from each one around it was quadratic in the depth)."""
    card = (
        '<span class="rollover-people"><a class="rollover-people-link" href="/p/{n}">Name {n}'
        '</a><span class="rollover-people-block"><img src="{n}.jpg"><a href="/a{n}">Story one'
        '</a> <a href="/b{n}">Story two</a></span></span>'
    )
    depth = 12
    body = "".join(
        f"<div>Paragraph {n} names {card.format(n=n)} in its first sentence, and goes on."
        for n in range(depth)
    )
    tree = _tree(body + "</div>" * depth)
    repair_tree(tree)
    text = " ".join(tree.text_content().split())
    for n in range(depth):
        assert f"Paragraph {n} names Name {n} in its first sentence, and goes on." in text
    assert "Story one" not in text and tree.find(".//img") is None


def test_tooltip_holding_only_text_and_a_card_outside_paragraphs_stay() -> None:
    tree = _tree(
        '<p>The <span class="tooltip">GDP</span> grew by 2 per cent.</p>'
        '<div class="popup"><img src="x.jpg"><a href="/a">a</a><a href="/b">b</a></div>'
    )
    repair_tree(tree)
    html = _html(tree)
    assert 'class="tooltip">GDP<' in html
    assert 'class="popup"' in html  # not in running text: the extractor's own rules decide


def test_empty_inline_element_goes_and_the_words_after_it_stay() -> None:
    tree = _tree("<p>Lead words <span id='ref-1'></span>and the rest of the sentence.</p>")
    repair_tree(tree)
    paragraph = tree.find(".//p")
    assert paragraph is not None
    assert len(paragraph) == 0
    assert paragraph.text == "Lead words and the rest of the sentence."


def test_empty_block_between_lines_becomes_a_line_break() -> None:
    # a CMS's "fake br": the two lines must not run together into one word
    tree = _tree(
        "<div class='body'>The first line of the story.<div class='fake-br'></div>"
        "The second line of the story.</div>"
    )
    repair_tree(tree)
    body = tree.find(".//div[@class='body']")
    assert body is not None
    assert [child.tag for child in body] == ["br"]
    assert body[0].tail == "The second line of the story."


def test_words_after_an_image_after_an_empty_element_count() -> None:
    tree = _tree(
        "<table><tr><td><div id='video' style='display:none;'></div><img src='a.jpg'>"
        "It was said that a letter helps when you are angry.</td></tr></table>"
    )
    repair_tree(tree)
    cell = tree.find(".//td")
    assert cell is not None
    assert [child.tag for child in cell] == ["br", "img"]


BLOCKS_PAGE = PAGE.with_name("text-between-blocks.html")
BLOCKS_URL = "https://harbournotes.example/2024/03/ferry-returns"
#: the opening words of the lines that follow a picture, an ad slot, a gallery and a video
AFTER_BLOCKS = ("Islanders have relied", "The harbour master said", "Shopkeepers on the island",
                "A public meeting about")  # fmt: skip


def test_a_story_written_as_lines_between_blocks_keeps_every_line() -> None:
    paragraphs = extract_article(BLOCKS_PAGE.read_bytes(), url=BLOCKS_URL).text.split("\n\n")
    assert len(paragraphs) == 6, paragraphs
    assert paragraphs[0].startswith("The island's only car ferry")
    assert paragraphs[1].startswith("The refit replaced both engines")
    for paragraph, start in zip(paragraphs[2:], AFTER_BLOCKS, strict=True):
        assert paragraph.startswith(start), paragraph


def test_trafilatura_alone_loses_the_lines_after_the_blocks() -> None:

    text = trafilatura.extract(BLOCKS_PAGE.read_bytes(), favor_precision=True) or ""
    assert "The refit replaced both engines" in text
    assert [start in text for start in AFTER_BLOCKS] == [False, False, True, False]


@pytest.mark.parametrize(
    "block",
    [
        '<div class="bigboy"><img src="a.jpg"></div>',  # emptied by trafilatura's cleaning
        '<div class="bigboy">\n<img src="a.jpg">\n</div>',
        '<div class="ad"><ins class="adsbygoogle"></ins></div>',
        '<div class="video"><iframe src="https://v.example/e/1"></iframe></div>',
        '<div class="gallery"><dl><dt><a href="/1.jpg"><img src="1.jpg"></a></dt></dl></div>',
        '<figure><a href="/big.jpg"><img src="a.jpg"></a></figure>',
    ],
)
def test_a_block_without_words_before_a_line_becomes_a_line_break(block: str) -> None:
    tree = _tree(f"<div class='entry'>The first line of the story.<br><br>{block}"
                 "The second line of the story, after the picture.</div>")  # fmt: skip
    repair_tree(tree)
    entry = tree.find(".//div[@class='entry']")
    assert entry is not None
    assert [child.tag for child in entry] == ["br", "br", "br"]
    assert len(entry[2]) == 0 and not entry[2].attrib
    assert entry[2].tail == "The second line of the story, after the picture."


def test_an_inline_element_without_words_goes_and_its_line_stays() -> None:
    tree = _tree("<div class='entry'>The first line.<br><span class='icon'><img src='a.png'>"
                 "</span>The second line of the story.</div>")  # fmt: skip
    repair_tree(tree)
    entry = tree.find(".//div[@class='entry']")
    assert entry is not None
    assert [child.tag for child in entry] == ["br"]
    assert entry[0].tail == "The second line of the story."


def test_blocks_with_words_or_before_a_label_or_in_a_link_stay() -> None:
    tree = _tree(
        # a caption holds words: trafilatura's own rules decide about it and its tail
        "<div class='entry'>One.<div class='caption'><img src='a.jpg'>The quay at dawn.</div>"
        "The line after the caption stays where it is.<br>"
        # fewer than three words after: a label, not a line of the story
        "<div class='pic'><img src='b.jpg'></div>Photo: AP<br>"
        # inside a link the rule stands: it removes icon labels
        "<a href='/share'><span class='pic'><img src='c.png'></span>Share on Facebook now</a>"
        # white space inside an inline element keeps the words apart, and it is not lost
        "<span class='gap'> </span>and the rest of the sentence.</div>"
    )
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


def test_empty_elements_in_links_before_labels_or_with_text_stay() -> None:
    tree = _tree(
        "<p>Share this: <a href='/s'><i class='icon-facebook'></i>Share on Facebook now</a></p>"
        "<p>Lead words <span class='x'></span>two words</p>"
        "<p>Lead words <span class='y'> </span>and the rest of the sentence.</p>"
    )
    before = _html(tree)
    repair_tree(tree)
    assert _html(tree) == before


# --- a paragraph cut by a block -------------------------------------------------------------

WRAPPED_PAGE = PAGE.with_name("paragraphs-in-blocks.html")


def test_a_story_written_one_block_per_paragraph_keeps_its_first_and_last() -> None:
    paragraphs = extract_article(WRAPPED_PAGE.read_bytes()).text.split("\n\n")
    assert paragraphs[0] == "Harbour City council approved new cycle lanes on Tuesday."
    assert paragraphs[-1] == "The full plan is on the council's website."
    assert len(paragraphs) == 6


def test_precision_mode_alone_drops_the_first_and_last_block() -> None:

    text = trafilatura.extract(WRAPPED_PAGE.read_bytes(), favor_precision=True) or ""
    assert "The lanes will run along the river road" in text
    assert "Harbour City council approved" not in text
    assert "The full plan is" not in text


_SENTENCE = "The lanes will run along the river road and up the hill to the station, as planned."


@pytest.mark.parametrize("tag", ["div", "section"])
def test_paragraph_wrappers_of_one_class_are_unwrapped_with_their_class_kept(tag: str) -> None:
    blocks = "".join(f'<{tag} class="text-block"><p>{_SENTENCE}</p></{tag}>' for _ in range(3))
    tree = _tree(f'<div class="body">{blocks}</div>')
    repair_tree(tree)
    body = tree.find(".//div[@class='body']")
    assert body is not None
    assert [child.tag for child in body] == ["p", "p", "p"]
    assert [child.get("class") for child in body] == ["text-block"] * 3


@pytest.mark.parametrize(
    "blocks",
    [
        # two wrappers are not a run
        "".join(f'<div class="text-block"><p>{_SENTENCE}</p></div>' for _ in range(2)),
        # a related list: each wrapped paragraph is a link
        "".join(
            f'<div class="related"><p><a href="/n/{n}">{_SENTENCE}</a></p></div>' for n in range(3)
        ),
        # short labels, not paragraphs
        "".join('<div class="label"><p>Share this</p></div>' for _ in range(3)),
        # wrappers that hold more than the paragraph
        "".join(f'<div class="card"><p>{_SENTENCE}</p><img src="x.jpg"></div>' for _ in range(3)),
        # one run is of one element: two divs and a section of the class are no run of three
        "".join(f'<div class="text-block"><p>{_SENTENCE}</p></div>' for _ in range(2))
        + f'<section class="text-block"><p>{_SENTENCE}</p></section>',
    ],
)
def test_other_runs_of_wrappers_are_left_alone(blocks: str) -> None:
    tree = _tree(f'<div class="body">{blocks}</div>')
    repair_tree(tree)
    body = tree.find(".//div[@class='body']")
    assert body is not None and all(child.tag in ("div", "section") for child in body)


# --- labels side by side --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("<span>1.2K</span><span>Shares</span><span>45</span><span>Comments</span>",
         "1.2K Shares 45 Comments"),
        ('<span>Also Read</span><a href="/x">Governor signs the budget</a>',
         "Also Read Governor signs the budget"),
        ("<button>Play</button><span>Listen to this article</span><span>4 min</span>",
         "Play Listen to this article 4 min"),
    ],
)  # fmt: skip
def test_labels_in_a_row_are_set_apart(row: str, expected: str) -> None:
    """A browser shows a row's labels apart (its style sheet lays them out); their text,
    joined, made words no cleaning rule knows."""
    tree = _tree(f'<div class="x1">{row}</div>')
    repair_tree(tree)
    assert tree.xpath("string(//div)") == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a word split over two elements: a drop cap, a styled syllable
        ('<div><span class="cap">T</span><span>he council met.</span></div>', "The council met."),
        ("<div><b>Ex</b><i>ample</i></div>", "Example"),
        # inside running text, a browser shows the names as one word too
        ('<p>Both <a href="/s">Smith</a><a href="/j">Jones</a> voted.</p>',
         "Both SmithJones voted."),
        # a formula, and a script without capitals or spaces
        ("<div><span>H</span><sub>2</sub><span>O</span></div>", "H2O"),
        ("<div><span>2019</span><span>年</span></div>", "2019年"),
        # text between them already sets them apart
        ("<div><span>Shares</span> <span>Comments</span></div>", "Shares Comments"),
    ],
)  # fmt: skip
def test_words_split_over_elements_stay_whole(markup: str, expected: str) -> None:
    tree = _tree(markup)
    repair_tree(tree)
    assert " ".join(tree.xpath("string(//article)").split()) == expected


def test_a_row_of_labels_in_the_story_goes_whole() -> None:
    story = [
        f"<p>The council met on day {i} to weigh the budget, and members spoke at length about "
        "roads, schools and the cost of the new bridge across the river.</p>"
        for i in range(6)
    ]
    row = '<div class="q7"><span>Also Read</span><a href="/x">Governor signs the budget</a></div>'
    counts = (
        '<div class="q8"><span>1.2K</span><span>Shares</span><span>45</span>'
        "<span>Comments</span></div>"
    )
    body = counts + "".join(story[:3]) + row + "".join(story[3:])
    html = f"<html><body><article>{body}</article></body></html>"
    text = extract_article(html.encode()).text
    assert "Governor" not in text and "Shares" not in text and "Read" not in text
    assert text.count("The council met on day") == 6


def test_a_text_div_that_opens_with_a_picture_is_a_paragraph_of_the_story() -> None:
    """TMZ's story divs may open with a picture ("<div><img ...><strong>Lupita
    Nyong'o</strong>'s now-famous Oscar dress ..."): each is a paragraph of the story; a
    picture's block with its caption and a social box of icons are no paragraphs."""
    story = "".join(
        f"<div><img src='/p{n}.jpg'>{p}</div>" if n % 2 else f"<div>{p}</div>"
        for n, p in enumerate(DIV_STORY)
    )
    caption = (
        "<div class='media media-image'><img src='/m.jpg'>The pier after the storm, seen "
        "from the ferry company's office on Monday morning, when the crossings stopped. © AB</div>"
    )
    social = "<div class='box'>Follow us on <a href='/f'><img src='/f.png'></a>, <a href='/t'>" \
        "<img src='/t.png'></a></div>"
    tree = parse_html(_div_story_page(story + caption + social))
    repair_tree(tree)
    tags = [e.tag for e in tree.find(".//div[@class='trix-content']")]
    assert tags == ["p"] * 6 + ["div", "div"], tags
    text = extract_article(
        _div_story_page(story + caption).encode(), url="https://world.example/ferries"
    ).text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]


def test_a_caption_named_in_camel_case_goes_as_trafilatura_s_captions_do() -> None:
    """trafilatura deletes a block named "caption", but its rule is case-sensitive: on a
    page read in div mode (paragraphs written as divs) Express's "newsCaption" spans beside
    each picture were read as lines of the story. They are named "caption" too; a
    "withoutCaption" block is a picture's alone, and is not."""
    photo = (
        "<div class='photo'><div class='withoutCaption'><img src='/p.jpg'></div>"
        "<span class='newsCaption'>Passengers wait on the pier for the first ferry after the "
        "storm <span class='caption'>(Image: Getty)</span></span></div>"
    )
    story = "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY[:3])
    story += photo + "".join(f"<div>{paragraph}</div>" for paragraph in DIV_STORY[3:])
    html = _div_story_page(story, after="")
    tree = parse_html(html)
    repair_tree(tree)
    assert tree.xpath("//span[@class='newsCaption caption']")
    assert tree.xpath("//div[@class='withoutCaption']")
    text = extract_article(html.encode(), url="https://world.example/ferries").text
    assert "Passengers wait" not in text, text
    for paragraph in DIV_STORY:
        assert paragraph in text, text[:300]


def test_a_short_paragraph_alone_with_a_picture_in_a_div_is_named_a_caption() -> None:
    """BBC Chinese's figure without <figure>: a <div> of a picture and one short <p>. A
    paragraph among others beside a picture, a teaser whose link holds its headline, a
    long paragraph and a paragraph before the picture keep their names."""
    caption = "梁振英同时遭到泛民主派和亲北京阵营议员质问。"
    long = " ".join(["The ferry will run four times a day from April, the operator said."] * 4)
    tree = _tree(
        f'<div class="k1"><img src="a.jpg"><p class="k2">{caption}</p></div>'
        f'<div class="k3"><a href="/p"><img src="b.jpg"></a> <p>The pier at dawn.</p></div>'
        '<div><img src="c.jpg"><p>One paragraph of the story.</p><p>And another.</p></div>'
        '<div><a href="/s"><img src="d.jpg"><h5>Another story</h5></a><p>Its dek.</p></div>'
        f'<div><img src="e.jpg"><p>{long}</p></div>'
        '<div><p>A paragraph before the picture.</p><img src="f.jpg"></div>'
    )
    repair_tree(tree)
    named = [p.text_content() for p in tree.iter("p") if "caption" in (p.get("class") or "")]
    assert named == [caption, "The pier at dawn."]
    assert tree.find(".//p[@class='k2 caption']") is not None


def test_a_text_div_alone_with_a_picture_is_named_a_caption_but_not_a_div_of_blocks() -> None:
    # the same figure on a page whose paragraphs are divs (the bench's --div-paragraphs)
    caption = "梁振英同时遭到泛民主派和亲北京阵营议员质问。"
    # and a credit and a caption on two lines beside a linked picture (Grayzone's figures)
    credit = "<span>© Alamy</span><br><span>One of few photos of the director</span>"
    tree = _tree(
        f'<div class="k1"><img src="a.jpg"><div class="k2"><b>{caption}</b></div></div>'
        '<div><img src="b.jpg"><div><p>A paragraph in a block.</p></div></div>'
        f'<div><a href="/big.jpg"><img src="c.jpg"></a><div class="k3">{credit}</div></div>'
    )
    repair_tree(tree)
    named = [d.text_content() for d in tree.iter("div") if "caption" in (d.get("class") or "")]
    assert named == [caption, "© AlamyOne of few photos of the director"]


def test_a_text_div_that_opens_a_nearby_picture_s_alt_text_is_named_a_caption() -> None:
    """A gallery's caption: the picture's alternative text is the caption and the photo's
    credit, and the caption is a text div two levels away. A paragraph that says more than
    the alt's start is no caption; nor is a line of fewer than five of the alt's words."""
    caption = "Mayor Pete Buttigieg speaks during a fundraiser in Las Vegas."
    alt = f"{caption} Photo: John Locher, AP / Copyright 2019 The Associated Press."
    tree = _tree(
        f'<ul><li><div class="g1"><img src="a.jpg" alt="{alt}"></div>'
        f'<div class="g2"><div class="g3">{caption}</div></div></li>'
        f'<li><div><img src="b.jpg" alt="{alt}"></div><div><div>Mayor Pete</div>'
        f"<div><p>{caption} He spoke for an hour.</p><p>And more.</p></div></div></li></ul>"
    )
    repair_tree(tree)
    named = [d.text_content() for d in tree.iter() if "caption" in (d.get("class") or "")]
    assert named == [caption]


def test_a_slide_whose_words_are_its_picture_s_alt_text_is_named_a_caption() -> None:
    """CNN's gallery: each slide a div of the picture and a <cite> of its alternative text,
    read as a paragraph of the story when the page writes paragraphs as divs. A div whose
    words say more than the alt, or a picture of a short alt, is no slide."""
    alt = "Travelers wait in security lines at Reagan National Airport on November 26."
    tree = _tree(
        f'<div class="k1"><img src="a.jpg" alt="{alt}"><cite>{alt} </cite></div>'
        f'<div class="k1"><img src="b.jpg" alt="{alt}">{alt} The lines grew at noon.</div>'
        '<div class="k1"><img src="c.jpg" alt="A pier">A pier</div>'
    )
    repair_tree(tree)
    named = [d.text_content() for d in tree.iter("div") if "caption" in (d.get("class") or "")]
    assert named == [f"{alt} "]


def test_a_paragraph_that_repeats_a_nearby_picture_s_alt_text_is_named_a_caption() -> None:
    """Fox Business's video card: its description repeats its still's alternative text, two
    levels away. A story's paragraph that says more than a picture's alt, and a paragraph
    too far from the picture, keep their names."""
    alt = "Home Depot co-founder Ken Langone discusses the American dream."
    tree = _tree(
        f'<div class="card"><div><a href="/v/1"><img src="v.jpg" alt="{alt}"></a></div>'
        f'<div><div><h2><a href="/v/1">Langone is proud</a></h2><p>{alt}</p></div></div></div>'
        f'<div><img src="a.jpg" alt="{alt}"><p>Two</p><p>{alt} He spoke on Monday.</p></div>'
        f'<div><div><div><div><img src="b.jpg" alt="The pier at dawn in the rain"></div></div>'
        "</div><p>The pier at dawn in the rain</p></div>"
    )
    repair_tree(tree)
    named = [p.text_content() for p in tree.iter("p") if "caption" in (p.get("class") or "")]
    assert named == [alt]


DIV_STORY_PAGE = PAGE.with_name("div-story.html")


def test_an_embedded_post_among_a_story_of_text_divs_keeps_its_lines() -> None:
    """A page of text divs, read in div mode: precision mode deleted the post at the story's
    end (its text and its author's line are short divs that hold a link) and default mode's
    second opinion, which put back the one in the middle, wrote a quote's divs as one line."""
    html = DIV_STORY_PAGE.read_bytes()
    text = extract_article(html, url="https://harbourherald.example/business/markets").text
    lines = text.split("\n\n")
    assert lines[-2:] == [
        "Trade talks stall again and the harbour index shrugs it off, for now. "
        "https://t.example/shrug",
        "— Markets Desk (@marketsdesk) November 18, 2026",
    ]
    middle = lines.index(
        "Quiet morning on the exchange floor: everyone is refreshing the news from the talks. "
        "pic.example/floor"
    )
    assert lines[middle + 1] == "— Harbour Trader (@harbourtrader) November 18, 2026"


def test_a_quote_s_text_divs_end_in_a_line_break_only_on_a_page_read_in_div_mode() -> None:
    quote = (
        "<blockquote><div>First line of the quote, with <a href='/x'>a link</a>.</div>"
        "<div>Second line.</div>— Author</blockquote>"
    )
    divs = "".join(f"<div>{'Words of the story. ' * 5}</div>" for _ in range(3))
    tree = parse_html(f"<html><body><div>{divs}{quote}</div></body></html>")
    assert tree is not None
    repair_tree(tree)
    lines = [div.find("br") is not None for div in next(tree.iter("blockquote")).iter("div")]
    assert lines == [True, True]  # the second is followed by the author's line
    paragraphs = "".join(f"<p>{'Words of the story. ' * 20}</p>" for _ in range(3))
    tree = parse_html(f"<html><body><div>{paragraphs}{quote}</div></body></html>")
    assert tree is not None
    repair_tree(tree)
    assert next(tree.iter("blockquote")).find(".//br") is None


def test_the_first_line_of_a_section_of_lines_on_a_page_read_in_div_mode_is_kept() -> None:
    """CBS News's story, written as lines between <br> in a <section> (under the bench's
    ``--br-paragraphs``): trafilatura reads a text-only div's lines itself on such a page,
    but of a section's it lost the first, before any break; the section's lines are wrapped
    in paragraphs, the div's are left to trafilatura."""
    lines = [
        "Police released video of the rescue of a girl who was taken from her mother's arms "
        "in broad daylight, and the man who took her was sentenced to life in prison.",
        "In a three-hour interview with investigators, the man confessed to the kidnapping "
        "and said he drove to a church parking lot after fighting off the child's mother.",
        "It was around midnight when a tip led police officers to the room, where the girl "
        "was hidden in a laundry basket, and they left without finding her at first.",
    ]
    story = "<br><br>".join(lines)
    html = f"<html><body><article><h1>Video shows rescue</h1><section>{story}</section>"
    text = extract_article((html + "</article></body></html>").encode(), url=URL).text
    assert text.split("\n\n") == lines
    tree = parse_html(html.replace("section", "div") + "</article></body></html>")
    assert tree is not None
    repair_tree(tree)
    assert tree.find(".//p") is None
