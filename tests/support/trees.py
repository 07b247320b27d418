"""Pages built around a fragment of markup, for the tests of the stages that change a tree."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from workers.pipeline.extract import parse_html


def article_tree(body: str) -> HtmlElement:
    """`body` as the ``<article>`` of a page, parsed as the extraction parses a page."""
    tree = parse_html(f"<html><body><article>{body}</article></body></html>")
    assert tree is not None
    return tree


def markup(tree: HtmlElement) -> str:
    """The tree's markup, to look for what a stage left in it."""
    return etree.tostring(tree, encoding="unicode")
