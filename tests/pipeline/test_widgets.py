"""widgets: a sidebar widget's paragraph that precision mode keeps as the story's first line."""

from __future__ import annotations

from pathlib import Path

import trafilatura
from lxml.html import fromstring

from workers.pipeline.extract import extract_article
from workers.pipeline.widgets import without_leading_widget

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "sidebar-widget.html"
URL = "https://quaynotes.example/2015/03/30/harbour-wall/"
VERSE = "Thought for the week: the sea keeps no calendar"
OPENING = "The east wall of the harbour has been repaired four times in ten years"


def test_precision_mode_alone_opens_the_story_with_the_widget() -> None:
    """The loss this module exists for: if trafilatura left it out, the next test proves
    nothing."""
    text = trafilatura.extract(PAGE.read_bytes(), favor_precision=True, include_comments=False)
    assert text is not None
    assert text.startswith(VERSE)
    assert OPENING in text


def test_page_starts_with_the_story_and_holds_nothing_of_the_sidebar() -> None:
    text = extract_article(PAGE.read_bytes(), url=URL).text
    assert text.startswith(OPENING)
    assert text.endswith("and the survey can be read at the library.")
    for sidebar in (VERSE, "readers' group", "Tide Tables", "Blogroll", "Recent posts"):
        assert sidebar not in text


SIDEBAR = """<div><ul>
<li><div><p>{first}</p><h2><a href="/x">Tide Tables</a></h2></div></li>
<li><h2>Blogroll</h2><ul><li><a href="/n">Mending Nets</a></li></ul></li>
</ul><div>{story}</div></div>"""
WIDGET = "Thought for the week: the sea keeps no calendar and forgives no shortcut at all."
STORY = [
    "The east wall of the harbour has been repaired four times in ten years.",
    "Engineers found that the original granite blocks were set on timber piles.",
]


def _page(first: str = WIDGET, story: str | None = None) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY)
    return SIDEBAR.format(first=first, story=paragraphs if story is None else story)


def test_the_widget_and_the_item_lines_after_it_are_dropped() -> None:
    tree = fromstring(_page())
    kept = "\n".join([WIDGET, "Tide Tables", *STORY])
    assert without_leading_widget(tree, kept) == "\n".join(STORY)


def test_a_story_written_as_a_list_keeps_its_first_item() -> None:
    items = "".join(f"<li><p>{line} It was not the first time.</p></li>" for line in STORY)
    html = f"<div><ul><li><p>{WIDGET}</p></li>{items}</ul></div>"
    kept = "\n".join([WIDGET, *(f"{line} It was not the first time." for line in STORY)])
    assert without_leading_widget(fromstring(html), kept) == kept


def test_a_heading_over_the_story_is_no_widget() -> None:
    tree = fromstring(_page(first="Why the harbour wall keeps failing"))
    kept = "\n".join(["Why the harbour wall keeps failing", *STORY])
    assert without_leading_widget(tree, kept) == kept


def test_a_list_of_one_item_is_no_sidebar() -> None:
    html = f"<div><ul><li><p>{WIDGET}</p></li></ul><div><p>{STORY[0]}</p></div></div>"
    kept = "\n".join([WIDGET, STORY[0]])
    assert without_leading_widget(fromstring(html), kept) == kept


def test_a_widget_that_is_all_the_kept_text_stays() -> None:
    tree = fromstring(_page(story=""))
    assert without_leading_widget(tree, WIDGET) == WIDGET
    assert without_leading_widget(tree, f"{WIDGET}\nTide Tables") == f"{WIDGET}\nTide Tables"
