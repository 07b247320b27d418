"""Lists of teaser cards for the site's other stories go before extraction, found by their
markup; a story's own lists of links (shops, sources, its contents) stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.teasers import remove_lone_cards, remove_teaser_lists

URL = "https://www.harbourgazette.example/news/2026/03/ferry-timetable"
PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "teaser-cards-after-story.html"
STORY = "".join(
    f"<p>Paragraph {n} of the story: the ferry will run four times a day from April, the "
    "operator said, after a winter of cancelled crossings and angry islanders.</p>"
    for n in range(8)
)


def _card(href: str, headline: str, dek: str = "A line of the other story's standfirst.") -> str:
    return (
        f'<div class="card"><a href="{href}"><h3>{headline}</h3></a><p>{dek}</p>'
        '<span>By <a href="/authors/mara">Mara Lindqvist</a></span></div>'
    )


CARDS = "".join(
    _card(f"/news/2026/02/story-{n}", f"Another story of the harbour, number {n}")
    for n in range(3)
)


def _cleaned(extra: str, url: str | None = URL) -> HtmlElement:
    tree = parse_html(f'<html><body><div class="story">{STORY}</div>{extra}</body></html>')
    assert tree is not None
    remove_teaser_lists(tree, url)
    return tree


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.text_content().split())


def _without_cards(body: str) -> str:
    """The text of a page of `body` once its lists of cards are removed."""
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert tree is not None
    remove_teaser_lists(tree, URL)
    return _text(tree)


@pytest.mark.parametrize(
    "cards",
    [
        # relative links; a section's name as the list's label ("Deep Dive")
        f'<div class="dd"><h3>Deep Dive</h3><div class="posts">{CARDS}</div></div>',
        # absolute links to the same site, with or without "www."; a question as a headline
        '<div class="x">'
        + _card("https://harbourgazette.example/a", "Is the new pier safe for ferries?")
        + _card("https://www.harbourgazette.example/b", "Tide tables for the whole year")
        + "</div>",
        # cards one level down in wrappers of one kind, with a toggle link ("#") in one
        '<div class="block-content">'
        + "".join(
            f'<div class="mini"><div class="item">{_card(f"/n/{n}", f"Harbour news item {n}")}'
            '<a href="#">+ More on this</a></div></div>'
            for n in range(2)
        )
        + "</div>",
        # cards that open with their picture's link, which has no words (ZDNet's)
        "<ul>"
        + "".join(
            f'<li><div><a href="/n/{n}"><img src="/i/{n}.jpg"></a></div><div><p>'
            f'<a href="/n/{n}">Harbour news item {n}</a></p><p>The standfirst.</p></div></li>'
            for n in range(3)
        )
        + "</ul>",
        # cards linked by an empty link laid over each, a kicker and a headline unlinked
        # (The Sun's)
        '<div class="rail">'
        + "".join(
            f'<div class="teaser"><div><a href="/n/{n}"><img src="/i/{n}.jpg"></a></div>'
            f"<div><h3>TIDE WATCH</h3><span>Harbour news item {n} about the quay</span></div>"
            f'<a href="/n/{n}" class="overlay"></a></div>'
            for n in range(3)
        )
        + "</div>",
    ],
)
def test_a_list_of_teaser_cards_goes_with_its_label_and_the_story_stays(cards: str) -> None:
    text = _text(_cleaned(cards))
    for gone in ("Another story of the harbour", "Is the new pier", "Tide tables", "Deep Dive",
                 "Harbour news item", "standfirst", "Mara Lindqvist"):  # fmt: skip
        assert gone not in text, gone
    assert text.count("Paragraph") == 8


@pytest.mark.parametrize(
    "block",
    [
        # a gift guide: each item's link leads to a shop, not to the site
        '<div class="guide">'
        + _card("https://shop.example/airpods", "Noise cancelling earbuds for the commute")
        + _card("https://store.example/kindle", "An e-reader with a warm light for bed")
        + "</div>",
        # a table of contents: links to places in the page itself
        '<ul class="toc"><li><a href="#winter">What went wrong this winter</a></li>'
        '<li><a href="#spring">What changes in the spring</a></li></ul>',
        # a link inside a sentence: the item does not open with it
        '<div class="notes"><div class="n"><p>Read <a href="/a">the timetable for the ferry</a>'
        " before you travel.</p></div><div class=\"n\"><p>See <a href=\"/b\">the fares for the "
        'new ferry</a> too.</p></div></div>',
        # a linked sentence is no headline
        '<div class="l"><div class="n"><a href="/a">The ferry runs four times a day.</a></div>'
        '<div class="n"><a href="/b">The fares stay as they were.</a></div></div>',
        # an item longer than a standfirst is the story's own section
        '<div class="s">'
        + _card("/a", "The ferry timetable for the summer", " ".join(["More words here."] * 25))
        + _card("/b", "The ferry timetable for the winter")
        + "</div>",
        # a previous/next pair: "« previous episode" is two words, no headline
        '<div class="pn"><div class="p"><a href="/ep/41">« previous episode</a></div>'
        '<div class="p"><a href="/ep/43">next episode »</a></div></div>',
        # a story's own list of short points, each with an empty link that leads away only
        # to another site, or with an anchor that leads nowhere
        '<div class="pts">'
        + "".join(
            f'<div class="pt"><a href="https://other.example/{n}"></a>Point {n} of the plan '
            'for the new pier</div><div class="pt"><a name="p{n}"></a>Another point of the '
            "plan for the ferry</div>"
            for n in range(2)
        )
        + "</div>",
        # items of two kinds: not one list
        '<div class="m">' + CARDS.replace('class="card"', 'class="other"', 1) + "</div>",
    ],
)
def test_a_story_s_own_list_of_links_stays(block: str) -> None:
    tree = parse_html(f'<html><body><div class="story">{STORY}</div>{block}</body></html>')
    assert tree is not None
    before = _text(tree)
    remove_teaser_lists(tree, URL)
    assert _text(tree) == before


def test_a_page_that_is_mostly_cards_keeps_them() -> None:
    """A section's front page: its cards are what it has to say."""
    text = _without_cards(f'<p>Harbour news</p><div class="list">{CARDS}</div>')
    assert "Another story of the harbour, number 2" in text


def test_a_story_of_text_divs_is_a_story_and_its_cards_go() -> None:
    """CNN writes its paragraphs as text-only divs ("zn-body__paragraph"), which the repairs
    read as paragraphs only later: they are a story all the same, and the cards after it go.
    A wrapper of such divs is no paragraph of its own: a front page's short divs in one
    wrapper stay a front page."""
    divs = STORY.replace("<p>", "<div class='zn-body__paragraph'>").replace("</p>", "</div>")
    text = _without_cards(f'<div class="story">{divs}</div><div class="l">{CARDS}</div>')
    assert "Another story of the harbour" not in text
    assert "Paragraph 7 of the story" in text
    # two wrappers of short divs: neither is a paragraph, though each holds many words
    short = "".join(f"<div>Harbour news in brief, item {n} of the day.</div>" for n in range(12))
    briefs = f'<div class="b">{short}</div><div class="c">{short}</div>'
    assert "Another story of the harbour, number 2" in _without_cards(
        f'{briefs}<div class="l">{CARDS}</div>'
    )


def test_a_paragraph_whose_links_are_headlines_is_no_list() -> None:
    """A text div (SpaceNews's paragraphs, under the bench's ``--div-paragraphs``) whose
    links each name another story of the site in a headline's words: its own words between
    them make it a paragraph, not a list of cards."""
    divs = STORY.replace("<p>", "<div>").replace("</p>", "</div>")
    paragraph = (
        "<div>The five companies join the nine selected last year, "
        '<a href="/news/2026/01/nine">the original nine lunar companies selected</a>: '
        "Astrobotic, Draper and Firefly among them. NASA awarded task orders in May, but "
        '<a href="/news/2026/02/cancel">one company cancelled its task order later</a>, '
        "citing internal business issues, and the agency says it will try again.</div>"
    )
    assert "citing internal business issues" in _without_cards(
        f'<div class="story">{divs}{paragraph}</div>'
    )


def test_a_front_page_of_several_card_lists_keeps_them_all() -> None:
    """Each list's standfirsts are running text, but they are not a story: the story is
    what the page says outside every list of cards."""
    long_dek = (
        "A standfirst long enough to be read as running text by any measure the page might "
        "use, well past twenty words in all."
    )
    assert len(long_dek.split()) >= 20
    lists = "".join(
        f'<div class="section">{_card(f"/s{n}/a", f"First story of section {n}", long_dek)}'
        f'{_card(f"/s{n}/b", f"Second story of section {n}", long_dek)}</div>'
        for n in range(3)
    )
    text = _without_cards(f"<p>Today's news</p>{lists}")
    assert all(f"First story of section {n}" in text for n in range(3))


def test_two_card_lists_after_a_story_both_go() -> None:
    other = '<div class="more">' + CARDS.replace("harbour", "island") + "</div>"
    text = _text(_cleaned(f'<div class="x">{CARDS}</div>{other}'))
    assert "Another story of the" not in text and text.count("Paragraph") == 8


def test_without_the_page_s_url_only_relative_links_are_the_site_s_own() -> None:
    absolute = '<div class="x">' + CARDS.replace('href="/news', f'href="{URL}') + "</div>"
    assert "Another story of the harbour" in _text(_cleaned(absolute, url=None))
    assert "Another story of the harbour" not in _text(_cleaned(absolute, url=URL))
    assert "Another story of the harbour" not in _text(_cleaned(f"<div>{CARDS}</div>", url=None))


def test_the_cards_after_a_story_are_not_in_the_article() -> None:
    """A page whose card list has class names nobody knows: trafilatura keeps the cards as
    headline and standfirst pairs at the end of the story."""
    article = extract_article(PAGE.read_bytes(), url=URL)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The island ferry will run four crossings a day")
    assert paragraphs[-1].startswith("The operator said fares would stay")
    for gone in ("Deep Dive", "Tide tables", "Pier repairs", "By Mara", "standfirst"):
        assert gone not in article.text, gone


# --- a lone card between a story's paragraphs ---------------------------------------------


def _div_story(card: str) -> str:
    """A story written in text divs (as a CMS component writes them), `card` after its
    third paragraph, past an ad's label; class names that trafilatura does not know."""
    paragraphs = [
        f"<div>Paragraph {n} of the story: the ferry will run four times a day from April, "
        "the operator said, after a winter of cancelled crossings and angry islanders.</div>"
        for n in range(6)
    ]
    paragraphs.insert(3, f'<div class="k6">{card}</div><div>Advertisement</div>')
    return (
        '<html><body><h1>Ferry timetable</h1><div class="body">'
        + "".join(paragraphs)
        + "</div></body></html>"
    )


def _lone(href: str = "/news/2026/02/pier", picture: str | None = None) -> str:
    picture = href if picture is None else picture
    return (
        f'<div class="k1"><div class="k2"><a href="{picture}"><img src="/p.jpg"></a>'
        '</div><div class="k3"><a href="/news">News</a>'
        f'<div class="k4"><a href="{href}">Old pier to be rebuilt in stone by the council'
        '</a></div><div class="k5">The council has chosen a builder for the pier, '
        "which storms damaged last winter, and work will start in the spring once the "
        "permits are granted.</div><div>March 2, 2026</div></div></div>"
    )


def test_a_lone_card_between_a_story_s_text_divs_goes() -> None:
    html = _div_story(_lone())
    import trafilatura

    # the loss this rule exists for: the card's standfirst reads as a paragraph of the story
    assert "chosen a builder" in (trafilatura.extract(html, favor_precision=True) or "")
    text = extract_article(html.encode(), url=URL).text
    assert "chosen a builder" not in text and "Old pier" not in text
    assert text.count("Paragraph") == 6


@pytest.mark.parametrize(
    "card",
    [
        _lone(href="https://elsewhere.example/pier"),  # a link to another site
        _lone(picture="/images/pier-large.jpg"),  # a picture linked to its larger copy
    ],
)
def test_a_picture_and_headline_that_do_not_link_one_page_of_the_site_stay(card: str) -> None:
    tree = parse_html(_div_story(card))
    assert tree is not None
    remove_lone_cards(tree, URL)
    assert "chosen a builder" in tree.text_content()


def test_cards_among_cards_are_a_front_page_s_and_stay() -> None:
    cards = "".join(
        _lone(f"/news/2026/02/story-{n}").replace(
            "</div></div></div>",
            "</div><div>A second paragraph of this standfirst, long enough to read as "
            "running text on a section's front page.</div></div></div>",
        )
        for n in range(4)
    )
    tree = parse_html(f'<html><body><div class="front">{cards}</div></body></html>')
    assert tree is not None
    remove_lone_cards(tree, URL)
    assert tree.text_content().count("chosen a builder") == 4
