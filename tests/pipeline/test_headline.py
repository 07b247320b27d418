"""headline: the page's own story among several, named by its title."""

from __future__ import annotations

from lxml.html import HtmlElement

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.headline import (
    cut_at_another_headline,
    headline_region,
    own_headlines,
    under_another_headline,
)

OWN = [
    f"Paragraph {n} of the page's story: the harbour board voted on Monday to close the old "
    "ferry terminal and build a new one on the north side of the bay."
    for n in range(2)
]
NEXT = [
    f"Paragraph {n} of the next story: the council voted seven to two on Tuesday night to "
    "approve the new bridge, ending a fight that began two years ago over its cost and route."
    for n in range(8)
]
NEXT_STORY = (
    "<article class='k2'><h1>Council approves new bridge after two-year fight</h1>"
    "<div class='k3'>By Jane Roe</div>" + "".join(f"<p>{p}</p>" for p in NEXT) + "</article>"
)


def _page(next_story: str, inside: bool = False) -> str:
    own = "".join(f"<p>{p}</p>" for p in OWN)
    story = f"<div class='k1'>{own}</div>{next_story if inside else ''}"
    return (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        "<body>"
        f"<div class='k0'><article class='k9'><h1>Harbour board closes ferry terminal</h1>"
        f"{story}</article></div>{'' if inside else next_story}</body></html>"
    )


def _tree(html: str) -> HtmlElement:
    tree = parse_html(html)
    assert tree is not None
    return tree


def test_an_endless_page_s_next_story_is_not_the_page_s_story() -> None:
    """The page's own story is short; the next story, longer, comes after it in an
    <article> of its own: the full cascade took the next story whole."""
    for inside in (False, True):
        text = extract_article(_page(NEXT_STORY, inside).encode(), url="https://c.example/a").text
        for paragraph in OWN:
            assert paragraph in text, (inside, text[:300])
        assert "next story" not in text, (inside, text[-300:])


def test_the_story_is_read_from_its_headline_when_another_is_read_instead() -> None:
    tree = _tree(_page(NEXT_STORY))
    region = headline_region(
        own_headlines(tree, "Harbour board closes ferry terminal | The Courier")
    )
    assert region is not None and region.get("class") == "k9"
    next_body = tree.find(".//article[@class='k2']")
    own = own_headlines(tree, "Harbour board closes ferry terminal")
    assert under_another_headline(tree, next_body, own)
    own_body = tree.find(".//div[@class='k1']")
    assert not under_another_headline(tree, own_body, own)


def test_a_site_header_that_repeats_the_headline_is_the_page_s_own() -> None:
    """National Review shows the headline in its sticky header and over the story: both
    match the title, and the story under the second is the page's."""
    own = "".join(f"<p>{p}</p>" for p in OWN * 3)
    html = (
        "<html><head><title>The Impeachment Clock</title></head><body>"
        "<header><h1 class='site-header__title'>The Impeachment Clock</h1></header>"
        f"<article><h1>The Impeachment Clock</h1><div class='body'>{own}</div></article>"
        "</body></html>"
    )
    tree = _tree(html)
    body = tree.find(".//div[@class='body']")
    assert not under_another_headline(tree, body, own_headlines(tree, "The Impeachment Clock"))
    text = extract_article(html.encode(), url="https://c.example/b").text
    assert OWN[0] in text


def test_section_headings_written_as_h1_cut_nothing() -> None:
    """A page builder writes each section heading as an <h1> in a widget of its own, and a
    blog's first <h1> may sit in a sidebar: no story of its own follows them."""
    headings = ["Where to stay in Montauk", "Lunch and dinner by the harbour", "The beaches"]
    sections = "".join(
        f"<div class='widget'><h1>{heading}</h1></div>"
        f"<div class='widget'><p>{NEXT[2 * n]}</p><p>{NEXT[2 * n + 1]}</p></div>"
        for n, heading in enumerate(headings)
    )
    html = (
        "<html><head><title>Where to stay in Montauk</title></head><body>"
        f"<main><article>{sections}</article></main></body></html>"
    )
    tree = _tree(html)
    lines = [(heading, NEXT[2 * n], NEXT[2 * n + 1]) for n, heading in enumerate(headings)]
    text = "\n".join(line for section in lines for line in section)
    own = own_headlines(tree, "Where to stay in Montauk")
    assert cut_at_another_headline(tree, text, own) == text
    assert extract_article(html.encode(), url="https://c.example/c").text.count("Paragraph") == 6
    # the same sections as the next stories of an endless page, each in its <article>
    stories = "".join(
        f"<article><h1>{heading}</h1><p>{NEXT[2 * n]}</p><p>{NEXT[2 * n + 1]}</p></article>"
        for n, heading in enumerate(headings)
    )
    tree = _tree(f"<html><body><main>{stories}</main></body></html>")
    own = own_headlines(tree, "Where to stay in Montauk")
    assert cut_at_another_headline(tree, text, own) == "\n".join(
        text.split("\n")[:3]
    )
    sidebar = (
        "<html><head><title>Summer on Long Island</title></head><body>"
        "<div class='sidebar'><h1>About this blog</h1><p>Short note.</p></div>"
        f"<article>{sections}</article></body></html>"
    )
    tree = _tree(sidebar)
    own = own_headlines(tree, "Summer on Long Island")
    assert not under_another_headline(tree, tree.find(".//article"), own)
    assert headline_region(own) is None


def test_without_a_title_or_a_second_story_nothing_changes() -> None:
    tree = _tree(_page(""))
    assert headline_region(own_headlines(tree, None)) is None
    own_body = tree.find(".//div[@class='k1']")
    assert not under_another_headline(tree, own_body, own_headlines(tree, None))
    text = "\n".join(OWN)
    own = own_headlines(tree, "Harbour board closes ferry terminal")
    assert cut_at_another_headline(tree, text, own) == text
