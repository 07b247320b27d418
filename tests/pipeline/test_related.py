"""Related boxes found by their markup go before extraction; a story's own subheadings and
lists stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.related import remove_related_boxes

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "related-box-in-story.html"
STORY = "<p>The route runs twice a day in winter and four times a day in summer, as before.</p>"
LINKS = "".join(
    f'<li><a href="/n/{n}">Another headline about the harbour, number {n}</a></li>'
    for n in range(3)
)


def _cleaned(body: str) -> HtmlElement:
    tree = parse_html(f'<html><body><div class="story">{body}</div></body></html>')
    assert tree is not None
    remove_related_boxes(tree)
    return tree


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.text_content().split())


@pytest.mark.parametrize(
    "box",
    [
        f'<div class="bx-91"><h3>More from Politics</h3><ul>{LINKS}</ul></div>',
        f"<aside><h4>Related coverage</h4><ul>{LINKS}</ul></aside>",
        '<div class="q"><div>Recommended</div><a href="/a">First other story</a> '
        '<a href="/b">Second other story</a></div>',
        f"<h3>Read more</h3><ul>{LINKS}</ul>",  # the heading and its list, in the container
        f'<div class="r"><h3>Lesen Sie auch</h3><ol>{LINKS}</ol></div>',
        # the heading alone in a wrapper of its own, the list after the wrapper (eHow's)
        f'<div class="rc"><header><h3>Other People Are Reading</h3></header><ul>{LINKS}</ul>'
        "</div>",
        f"<div><strong>Read more</strong></div><ul>{LINKS}</ul>",
        # a teaser card in the story's text: the other story's picture and credit, a label,
        # one link around its tagline, headline and excerpt (Horizont's)
        '<article class="ar"><div class="img"><img src="/f.jpg"><div>© Jane Roe</div></div>'
        '<div class="sc">Mehr zum Thema</div><a href="/c"><div>Ferry dispute</div>'
        "<h4>Another headline about the harbour and its other story</h4><p>Now it is clear "
        "that the board takes the view that the ferry runs at a loss.</p></a></article>",
        # a list of teaser cards: each a linked headline in a heading, a date, an excerpt
        # and a "read more" link (novalanalove.com's "Related Posts")
        '<div class="k4"><h3>Related Posts</h3><ul>'
        + "".join(
            f'<li><article class="k5"><h3><a href="/p/{n}">Another headline of the blog, '
            f"number {n}</a></h3><p>Wednesday | 31 July 2019</p><p>An excerpt of the other "
            "story, long enough that its words outweigh the links of its card by far, as "
            'excerpts do [&hellip;]</p><a href="/p/{n}">Mehr erfahren</a></article></li>'
            for n in range(3)
        )
        + "</ul></div>",
    ],
)
def test_a_related_heading_with_links_after_it_goes_and_the_story_stays(box: str) -> None:
    tree = _cleaned(f"{STORY}{box}{STORY.replace('before', 'after')}")
    text = _text(tree)
    assert "Another headline" not in text and "other story" not in text
    assert "as before." in text and "as after." in text
    headings = ("More from Politics", "Related coverage", "Recommended", "Read more", "People")
    for heading in headings:
        assert heading not in text


@pytest.mark.parametrize(
    "block",
    [
        # a story's subheading, followed by its sentences
        f"<h3>More from the mayor</h3>{STORY}",
        # a related heading followed by a list that is not links
        "<h3>Related</h3><ul><li>Ferries run twice a day in winter.</li>"
        "<li>Fares stay the same.</li></ul>",
        # ... and so in a wrapper of its own
        "<header><h3>Related</h3></header><ul><li>Ferries run twice a day in winter.</li>"
        "<li>Fares stay the same.</li></ul>",
        # one link is a sentence's citation, not a list
        f'<div><h3>Recommended</h3><p>See <a href="/a">the timetable</a> for the times.</p>'
        f"{STORY}</div>",
        # a heading that only contains the words ("Related matters ...") is no related heading
        f"<div><h3>Related matters in the harbour dispute</h3><ul>{LINKS}</ul></div>",
        # one link around a heading and text, after a picture with a long caption: the story's
        # own figure and its linked section
        '<div><div><img src="/f.jpg"><p>The old ferry at the north pier, in its last winter '
        'before the board closed the route for good.</p></div><h3>Recommended</h3><a href="/t">'
        "<h4>The timetable</h4><p>Ferries run twice a day in winter.</p></a></div>",
        # a list whose entries are the story's own sections, one without a linked heading
        '<div><h3>Related</h3><ul><li><h4><a href="/t">The timetable</a></h4><p>Ferries run '
        "twice a day in winter.</p></li><li><h4>The fares</h4><p>Fares stay the same.</p>"
        "</li></ul></div>",
    ],
)
def test_a_subheading_or_a_list_of_the_story_stays(block: str) -> None:
    tree = _cleaned(f"{STORY}{block}")
    text = _text(tree)
    heading = block.split("<h3>")[1].split("</h3>")[0]
    assert heading in text


def test_a_box_near_the_end_no_longer_takes_the_last_paragraph_with_it() -> None:
    # the box's links alone went (the extractor judged their density) and its heading stayed
    # as a line of the story, which the cleaning pass read as a list's heading at the end
    paragraphs = extract_article(PAGE.read_bytes()).text.split("\n\n")
    assert paragraphs[-1].startswith("Islanders have asked for a faster crossing")
    assert len(paragraphs) == 3
    assert not any("More from Politics" in p or "Budget vote" in p for p in paragraphs)


def test_a_story_of_lines_between_breaks_is_no_picture_before_a_box() -> None:
    """A story written as lines between <br> elements, under its picture, with a related
    label and links at its end in the same block (Prachatai's): the lines are the text
    after the <br> elements, and the block is the story, not a teaser card's box."""
    lines = "".join(
        f"Line {n} of the story: the board voted to close the old ferry terminal.<br><br>"
        for n in range(4)
    )
    tree = _cleaned(
        f'<div class="field-item"><img src="/f.jpg"><br><br>{lines}'
        f'<strong>Related</strong><br><a href="/a">First other story</a><br>'
        '<a href="/b">Second other story</a></div>'
    )
    assert "Line 3 of the story" in _text(tree)
