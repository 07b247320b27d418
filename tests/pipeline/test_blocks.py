"""The element kinds and page-level judgements shared by the passes (`workers.pipeline.blocks`)."""

from __future__ import annotations

from lxml.html import document_fromstring

from workers.pipeline.blocks import BLOCKS_BUT_PICTURES, div_mode, holding, own_texts


def test_div_mode_holds_while_the_page_has_under_250_characters_of_paragraph_text() -> None:
    """trafilatura reads text-only divs as paragraphs only while the page's <p> text is
    short; one paragraph of 249 characters keeps the page in div mode, 250 end it."""
    short = document_fromstring(f"<html><body><p>{'a' * 249}</p><div>text</div></body></html>")
    assert div_mode(short)
    long = document_fromstring(
        f"<html><body><p>{'a' * 125}</p><section><p>{'b' * 125}</p></section></body></html>"
    )
    assert not div_mode(long)
    assert div_mode(document_fromstring("<html><body><div>only divs</div></body></html>"))


def test_holding_marks_every_ancestor_of_a_block_once() -> None:
    tree = document_fromstring(
        "<html><body><div id='outer'><div id='inner'><p>text</p></div>"
        "<div id='text'>words <b>only</b></div><div id='picture'><img src='a.jpg'></div>"
        "</div></body></html>"
    )
    holders = {element.get("id") for element in holding(tree, BLOCKS_BUT_PICTURES)}
    # a picture is no block here: the div around it holds none; the text div holds none
    assert {"outer", "inner"} <= holders
    assert "text" not in holders and "picture" not in holders


def test_own_texts_are_the_element_s_text_and_its_children_s_tails() -> None:
    div = document_fromstring(
        "<html><body><div>first <b>bold</b> middle <i>it</i></div></body></html>"
    ).find(".//div")
    assert div is not None
    assert list(own_texts(div)) == ["first ", " middle "]
